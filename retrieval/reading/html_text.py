"""Saved web pages as the lines the reader reads.

A news page saved from a browser is markup. Its text is what the reader wants: one
line per block (paragraph, heading, list item, table cell), without the document's
head, scripts or styles. The menus, bylines and footers that remain are lines like
those of a page copied as text, and the reader drops them as it drops those.

The standard library's ``HTMLParser`` is used: it is forgiving of the unclosed and
misnested tags real pages carry, and decodes entities.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

HTML_SUFFIXES = (".html", ".htm")

# Tags that start a new line; each cell of a table is a line of its own.
_BLOCKS = frozenset(
    """
    address article aside blockquote br caption dd div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td
    tfoot th thead tr ul
    """.split()
)
# Tags whose content is never shown as text.
_HIDDEN = frozenset("head script style noscript template svg iframe object select".split())
# Tags without an end tag: they cannot hold hidden content open.
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0]+")
# Han characters and the punctuation set among them.
_HAN = "\u3400-\u9fff\uf900-\ufaff，。；：！？、“”‘’（）《》"
# A line break in the source between two Han characters is the editor's, not a space.
_HAN_GAP_RE = re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}])")


def is_html(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def html_text(markup: str) -> str:
    """The visible text of ``markup``, one block per line."""
    parser = _Text()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):
        # HTMLParser gives up on some broken declarations ("<![&"): read the page the
        # plain way rather than lose it.
        return _stripped(markup)
    return parser.text()


_HIDDEN_BLOCK_RE = re.compile(
    r"<(head|script|style|noscript|template|svg)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG_RE = re.compile(r"</?(?:" + "|".join(sorted(_BLOCKS)) + r")\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")


def _stripped(markup: str) -> str:
    """The text of ``markup`` by patterns alone: hidden blocks out, blocks as lines."""
    text = _BLOCK_TAG_RE.sub("\n", _HIDDEN_BLOCK_RE.sub("", markup))
    lines = (
        _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub("", line))).strip()
        for line in text.split("\n")
    )
    kept = [_HAN_GAP_RE.sub("", line) for line in lines if line]
    return "\n".join(kept) + "\n" if kept else ""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._current: list[str] = []
        self._hidden: list[str] = []  # the hidden tags open, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._hidden.clear()  # a head left open ends where the body starts
        if tag in _HIDDEN and tag not in _VOID:
            self._hidden.append(tag)
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)

    def _break(self) -> None:
        line = _SPACE_RE.sub(" ", "".join(self._current)).strip()
        if line:
            self._lines.append(_HAN_GAP_RE.sub("", line))
        self._current = []

    def text(self) -> str:
        self._break()
        return "\n".join(self._lines) + "\n" if self._lines else ""
