"""Local stand-ins for the web, on 127.0.0.1: a news site answering as real ones do (200,
redirects, 404, 410, a timeout, a 503 that passes), the Wayback Machine's availability API
and Save Page Now, an https site with a certificate from a test certificate authority
(trustme), and a CONNECT proxy that tunnels to it whatever host is asked for."""

from __future__ import annotations

import json
import select
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import trustme

SLOW_SECONDS = 1.5
"""How long /slow takes to answer: longer than the tests' timeouts."""


class Handler(BaseHTTPRequestHandler):
    """The routes; ``server.hits`` counts requests per path (for the retry test) and
    ``server.agents`` keeps the user agents seen."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        parts = urlsplit(self.path)
        hits = self.server.hits
        hits[parts.path] = hits.get(parts.path, 0) + 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        path = parts.path
        if path in ("/ok", "/news/story") or path.startswith("/web/"):
            return self.answer(200, "<p>story</p>")
        if path == "/moved":
            return self.answer(301, "", Location="/ok")
        if path == "/temporary":
            return self.answer(302, "", Location="/ok")
        if path == "/missing":
            return self.answer(404, "not found")
        if path == "/gone":
            return self.answer(410, "gone")
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self.answer(200, "late")
        if path == "/flaky":
            return self.answer(503 if hits[path] == 1 else 200, "flaky")
        if path == "/wayback/available":
            return self.availability(parse_qs(parts.query))
        if path.startswith("/save/"):
            return self.answer(302, "", Location="/web/20240402000000/" + path[len("/save/"):])
        return self.answer(404, "no such route")

    def availability(self, query: dict) -> None:
        url = query.get("url", [""])[0]
        stamp = query.get("timestamp", [""])[0]
        snapshots = {}
        if "archived" in url:
            snapshots = {"closest": {
                "status": "200", "available": True, "timestamp": stamp + "120000",
                "url": f"http://web.archive.org/web/{stamp}120000/{url}"}}
        self.answer(200, json.dumps({"url": url, "archived_snapshots": snapshots}),
                    content_type="application/json")

    def answer(self, code: int, body: str, content_type: str = "text/html",
               **headers: str) -> None:
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class Quiet:
    """Server mix-in: a client that hangs up (the link checker giving up on /slow) is
    expected here, so no traceback is printed, where it would mix with the output under test."""

    def handle_error(self, request, client_address) -> None:
        pass


class Server(Quiet, ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: dict[str, int] = {}
        self.agents: list[str] = []
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> Server:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class ConnectProxy(BaseHTTPRequestHandler):
    """Answers ``CONNECT host:port`` by tunnelling to ``server.target`` (the https site), so
    that any https address reaches it, as a corporate proxy would reach the real one; other
    methods get 405. ``server.tunnels`` records the hosts asked for."""

    def log_message(self, *args) -> None:
        pass

    def do_CONNECT(self) -> None:  # noqa: N802
        self.server.tunnels.append(self.path)
        upstream = socket.create_connection(("127.0.0.1", self.server.target))
        self.send_response(200, "Connection established")
        self.end_headers()
        sockets = [self.connection, upstream]
        try:
            while True:
                ready, _, _ = select.select(sockets, [], [], 5)
                if not ready:
                    break
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        except OSError:
            pass
        finally:
            upstream.close()

    def do_GET(self) -> None:  # noqa: N802
        """A plain-http request (absolute URL): forwarded to ``server.plain`` whatever the
        host, as a forward proxy would fetch it."""
        import http.client
        from urllib.parse import urlsplit as split

        self.server.tunnels.append(split(self.path).netloc)
        parts = split(self.path)
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.plain, timeout=10)
        try:
            upstream.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                             headers={"User-Agent": self.headers.get("User-Agent", "")})
            answer = upstream.getresponse()
            body = answer.read()
        except OSError:
            return
        finally:
            upstream.close()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Proxy(Quiet, ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, target: int, plain: int = 0):
        super().__init__(("127.0.0.1", 0), ConnectProxy)
        self.target, self.plain = target, plain
        self.tunnels: list[str] = []

    def start(self) -> Proxy:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


def tls_site(ca: trustme.CA, *hosts: str) -> Server:
    """An https :class:`Server` whose certificate, issued by ``ca``, names ``hosts``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*hosts).configure_cert(context)
    return Server(context).start()
