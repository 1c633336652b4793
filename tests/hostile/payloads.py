"""The hostile strings of the corpus in tests/hostile/content, one per form of attack.

Every text field of every record kind carries every one of these (``generate.py`` spreads them
over the records of each kind); tests/test_hostile.py builds the corpus and checks that each
string reaches the reader as text, and that nothing in it became an element, an attribute or a
link. Strings that span lines are joined into one line for one-line fields (names, titles).
"""

from __future__ import annotations

# Forms that only matter at the start of a line or paragraph come first, so that the first
# record of every kind starts its fields with one of them.
LEADING = [
    "# Heading injected by a record",
    "---\ntitle: pwned\n---",
    "[ref]: javascript:alert('refdef')\n\nA [ref] link and [ref][] too",
    "    indented four spaces, a code block in Markdown",
    "1. numbered\n2. list",
    "> block quote\n- bullet\n* star\n+ plus",
    "===\nsetext heading underline\n---",
    "| a | b |\n|---|---|\n| cell | with \\| pipe |",
]

HTML = [
    "<script>alert('script')</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert('img')>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<svg onload=alert('svg')><circle r=1 /></svg>",
    "<math><a xlink:href=\"javascript:alert('math')\">m</a></math>",
    "<a href=\"javascript:alert('a')\">click me</a>",
    "<form action=\"javascript:alert('form')\">"
    "<button formaction=javascript:alert(1)>go</button></form>",
    "<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<base href=\"https://evil.example/\"><object data=\"https://evil.example/x.swf\"></object>",
    "<details open ontoggle=alert('details')><summary>s</summary></details>",
    "</title><script>alert('title')</script>",
    "</textarea></noscript></style><p onclick=alert(1)>breakout",
    "<div markdown=\"1\">*md in html*</div>",
    "<!-- an HTML comment --> and <!-- an unclosed comment",
    "<![CDATA[ cdata ]]> and ]]> and </description></item>",
    "<?php echo 'pi'; ?> <% asp %>",
]

ENTITIES = [
    "&lt;script&gt;alert('entity')&lt;/script&gt;",
    "&#106;avascript:alert('decimal') &#x6A;avascript:alert('hex')",
    "&amp; &amp;amp; &quot; &#39; &nbsp; &NotARealEntity; &#0; &#x110000;",
    "%3Cscript%3Ealert('percent')%3C/script%3E",
]

MARKDOWN = [
    "[a link](javascript:alert('md-link')) and [b](https://evil.example/ \"title\")",
    "![an image](javascript:alert('md-img')) ![img](https://evil.example/pixel.png)",
    "<javascript:alert('autolink')> <https://evil.example/autolink> <evil@example.org>",
    "https://evil.example/raw-url www.evil.example",
    "**bold** __strong__ *em* _em_ ~~del~~ ==mark== ^^ins^^ ~sub~ ^sup^",
    "`code span` and ``double `tick` span``",
    "```html\n<script>alert('fence')</script>\n```",
    "~~~\ntilde fence\n~~~",
    "text with a trailing hard break  \nand a backslash \\\nbreak \\*not em\\* \\<",
    "a | pipe | in | a | value",
    "{: onclick=\"alert('attr_list')\" } {#injected-id .injected-class onmouseover=alert(1)}",
    "Heading {: #x onclick=alert(1) }",
    "!!! warning \"admonition\"\n    body\n=== \"Tab\"\n??? note",
    ":material-alert: :fontawesome-brands-github: :smile: ++ctrl+alt+del++",
    "$$ x^2 $$ and \\(x\\) and [[wikilink]] and [^footnote]\n\n[^footnote]: a footnote",
    "*[HTML]: an abbreviation definition",
    "Term\n: definition list",
    "- [ ] task\n- [x] done",
    "* * *",
]

TEMPLATES = [
    "{{ 7*7 }} {{ config }} {{ ''.__class__.__mro__ }}",
    "{% raw %}raw{% endraw %} {% for x in range(3) %}loop{% endfor %} {# comment #}",
    "${7*7} #{7*7} <%= 7*7 %> {{{triple}}} [% tt %]",
]

QUOTES = [
    "\" onmouseover=\"alert('dq')\" x=\"",
    "' onfocus='alert(\"sq\")' autofocus x='",
    "` onclick=`alert(1)` and a lone \" and a lone '",
    "\"title\": \"json\", \"x\": \"</script>\"",
]

YAML_BREAKERS = [
    "key: value\n- item\n? complex\n&anchor *alias !!python/object",
    "\"\n---\ntitle: pwned\ndescription: \"pwned",
    "...\n---\n%YAML 1.2",
]

UNICODE = [
    "Анна Łukasiewicz-Ørsted 李小龍 محمد بن سلمان Ελένη Ñúñez",
    "مرحبا بالعالم שלום עולם (right-to-left text)",
    "Z\u0364\u0351\u0343a\u0308\u0356\u032d\u0308\u0307l\u036e\u0312\u036b"
    "g\u030c\u0317\u035a\u031ao\u0319\u0314\u036e e\u0301 n\u0303 (combining marks)",
    "emoji 👩🏽\u200d⚖️ 🇺🇸 🏳️\u200d🌈 👍🏿 🤝",
    "evil\u202efdp.exe and \u2066isolated\u2069 and \u200fRLM and \u202bembedded",
    "zero\u200bwidth\u200cjoiner\u200d and BOM\ufeff and soft\u00adhyphen",
    "line\u2028separator and paragraph\u2029separator",
    "non\u00a0breaking\u00a0space and ideographic\u3000space",
    "𝕳𝖔𝖒𝖔𝖌𝖑𝖞𝖕𝖍 ｆｕｌｌｗｉｄｔｈ ＜script＞ ﹤script﹥",
    "JaVaScRiPt:alert('mixed case') vbscript:msgbox(1) data:text/html,<b>x</b>",
]

LONG = [
    "Supercalifragilistic" * 30,  # a 600-letter word
    "x" * 600 + "<script>alert('long')</script>",
]

PAYLOADS: list[str] = LEADING + HTML + ENTITIES + MARKDOWN + TEMPLATES + QUOTES + YAML_BREAKERS \
    + UNICODE + LONG
"""Every hostile string, in the order ``generate.py`` spreads them over records."""

BIDI_PAYLOAD = UNICODE[4]
"""The string with bidirectional controls: a warning wherever it is in a name or title."""
