"""Cutting a passage into sentences, and finding its quotations.

A quotation and the line that says whose it is belong together: "……。”某某说。"
is one sentence, so the quote keeps its speaker. Quotation spans are found
separately, so a sentence inside a quotation that runs on over several
sentences can be given to whoever the closing line names.
"""

from __future__ import annotations

import re

from fangtan.retrieval.reading.speech import VERB_RE
from fangtan.retrieval.search.normalize import fold

SENTENCE_RE = re.compile(r"[^。！？!?；;…]*(?:[。！？!?；;…]+[”’」』）)\"']*|$)")
# Not a request for an answer ("请某局回答。"): nobody is said to have spoken.
ATTRIBUTION_RE = re.compile(rf"^(?!请)[^。！？!?“”]{{0,60}}(?:{VERB_RE})[。！？!?]?$")
_CLOSES_QUOTE = ("。”", "！”", "？”", "…”", "。’", "。」", "！」", "？」")
_PAIRS = {"“": "”", "「": "」", "『": "』"}
_OPENING_RE = re.compile("[" + "".join(_PAIRS) + "]")
_PAUSE_RE = re.compile(r"[，。！？；,!?;]")
# A quotation this short without a pause inside is a term ("最后一公里"), not speech.
TERM_MAX = 15


def pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of every non-empty piece ``pattern`` finds, in order."""
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.group(0).strip()]


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence spans, with "……。”某某说。" kept as one sentence."""
    spans = pieces(text, SENTENCE_RE)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            merged
            and text[merged[-1][0] : merged[-1][1]].endswith(_CLOSES_QUOTE)
            and ATTRIBUTION_RE.match(fold(text[start:end].strip()))
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# Bullets a page sets before a paragraph (□ before an answer, ■ before a question).
_BULLETS = "■□◆◇●○▲△★☆▶►•"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space, or a bullet, at its ends."""
    while start < end and (text[start].isspace() or text[start] in _BULLETS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of every speech quotation, marks included; terms left out.

    An opening mark without its closing one runs to the end of the text.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while (opening := _OPENING_RE.search(text, i)) is not None:
        i = opening.start()
        closing = _PAIRS[text[i]]
        end = text.find(closing, i + 1)
        end = len(text) if end < 0 else end + 1
        inner = text[i + 1 : end - 1]
        if len(inner) > TERM_MAX or _PAUSE_RE.search(inner):
            spans.append((i, end))
        i = end
    return spans


_FIRST_PERSON_RE = re.compile(r"我|咱")


def speaks_as_i(folded: str) -> bool:
    """Does the paragraph speak as 我 or 咱 outside quotation marks, as a round-up prints
    someone's words without them before signing them?"""
    if _FIRST_PERSON_RE.search(folded) is None:
        return False  # most paragraphs: no 我 to look outside the quotations for
    outside = folded
    for start, end in reversed(quotations(folded)):
        outside = outside[:start] + outside[end:]
    return bool(_FIRST_PERSON_RE.search(outside))
