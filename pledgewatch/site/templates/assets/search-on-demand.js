/* Pledgewatch: start Material's search when a reader first opens search, not on every page
   load.

   Material for MkDocs asks for search/search_index.json as soon as a page loads and then
   starts its search worker. The answers now come from Pagefind (pledgewatch-search.js stands
   in for the worker; the index file holds only Material's settings), but the worker's first
   message still fetches Pagefind's script and WebAssembly, which most readers never need.
   This script runs before Material's bundle and holds that one request until the reader
   opens the search dialog (the search toggle, the search field, or Material's keyboard
   shortcuts, which use the same toggle), or at once when the page was reached from a search
   result with words to highlight (?h=words), which Material highlights with the index's
   settings. Nothing else changes: Material makes the request, and shows "Initializing
   search" until its worker is ready.

   If a Material upgrade stops requesting the index through XMLHttpRequest, this does
   nothing and the search starts on page load again; the browser tests say so. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  // Material links a result to its page with "?h=" (empty) when the page's own entry lacks
  // the words; it highlights only non-empty terms, so only those need the index at once.
  var wanted = Boolean(new URL(location.href).searchParams.get("h"));
  var held = [];

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) {
      if (request.readyState === XMLHttpRequest.OPENED) send.call(request);
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.pledgewatchIndex = INDEX.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.pledgewatchIndex || wanted) return send.apply(this, arguments);
    held.push(this);
  };

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-md-toggle=search]") && event.target.checked) release();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.closest("form[name=search]")) release();
  });
})();
