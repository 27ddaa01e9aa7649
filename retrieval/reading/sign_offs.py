"""A quotation signed on the line after it: "“……”" then "——roles name".

Round-ups of what deputies and members said ("代表委员说", "金句") print each
quotation as a paragraph of its own and put the speaker on the next line, led
by a dash, or at the end of the same line ("“……”——roles name"). The same
dashed line after a headline introduces the interview that follows it; only
after a paragraph that is nothing but quotation does it sign what came before.
"""

from __future__ import annotations

import re

from fangtan.retrieval.reading.header import parse_speaker
from fangtan.retrieval.reading.sentences import quotations
from fangtan.retrieval.records import Speaker

# The dashes a signature or a subtitle is led by.
DASHES = ("—", "―", "–", "－", "─", "-")
_SIGN_RE = re.compile(r"^\s*[—―–－─]{1,3}\s*(?P<who>[^—―–－─\s].*?)\s*$")
# "——访…", "——记…": an interview's header, never a signature.
_VISIT_RE = re.compile(r"^(?:专访|访|记)")
# A quotation that is speech holds a sentence's end, which a quoted headline rarely does.
_SENTENCE_END_RE = re.compile(r"[。！？!?…]")
_CLOSING = "”」』"
# A bullet a round-up sets before each quotation: "▍“……”".
_BULLET_RE = re.compile(r"^[▍▌▎■□●◆◇▲△★☆·•▶►◎○※]+")
# "“……”——roles name": a quotation and its signature on one line.
_SAME_LINE_RE = re.compile(r"^(?P<quote>.*[”」』])\s*[—―–－─]{1,3}\s*[^—―–－─”」』]+$")


def all_quoted(folded: str) -> bool:
    """Is the paragraph nothing but speech quotations ("“……。”", "“……。”“……！”")?"""
    if not folded.rstrip().endswith(tuple(_CLOSING)):
        return False
    text = _BULLET_RE.sub("", re.sub(r"\s+", "", folded))
    if not _SENTENCE_END_RE.search(text):
        return False
    at = 0
    for start, end in quotations(text):
        if start != at:
            return False
        at = end
    return at == len(text)


def signature(folded: str, nearby: str) -> tuple[int, Speaker] | None:
    """(where the words naming the speaker start, what they say of them) if ``folded``
    is a dashed line that names someone; None otherwise."""
    match = _SIGN_RE.match(folded)
    if match is None or _VISIT_RE.match(match.group("who")):
        return None
    speaker = parse_speaker(match.group("who"), nearby)
    return (match.start("who"), speaker) if speaker.name else None


def signed_within(folded: str) -> int | None:
    """Where the signature starts on a line that is a quotation signed at its end
    ("“……”——roles name"); None for any other line."""
    match = _SAME_LINE_RE.match(folded)
    if match is None or not all_quoted(match.group("quote")):
        return None
    at = match.end("quote")
    return at if signature(folded[at:], "") is not None else None
