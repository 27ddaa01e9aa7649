"""Who wrote a signed article: an opinion piece by a deputy is their own words throughout.

A page credits its writer on a furniture line ("作者：某某（全国人大代表、某大学教授）")
and often says again under the text who they are ("（作者系全国人大代表、某大学教授）").
A reporter's byline credits a writer too, so a writer counts as the article's voice only
when the page says they are someone other than a journalist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fangtan.retrieval.reading.titles import title_at_end

# "作者：某某（……）" anywhere on a furniture line, or "作者 某某" with a space.
_CREDIT_RE = re.compile(
    r"(?:^|(?<=[\s|｜]))作者\s*[：:/／|｜\s]\s*"
    # "作者：特约评论员 某某", "作者：全国人大代表、某公司董事长 某某": what they are may
    # come first, a space before the name.
    r"(?:(?P<before>[\u4e00-\u9fff、，,]{2,40}?)\s+)?"
    r"(?P<name>[\u4e00-\u9fff·]{2,8}?)\s*(?:[（(](?P<held>[^（）()]{2,60})[）)]|(?=[\s|｜]|$))"
)
# "（作者系……）", "作者为……。", "（本文作者单位：……）": a line of its own under the text.
_NOTE_RE = re.compile(
    r"^[（(]?\s*(?:本文)?作者(?:系|为|是|现任|单位[：:]|简介[：:])\s*"
    r"(?P<held>[^（）()]{2,80}?)[。．.]?\s*[）)]?$"
)
# What a writer is, ending their credit before their name: 评论员, 撰稿人, 作家, 学者.
_WRITER_ENDS = ("员", "人", "家", "者")
# Who writes as a journalist: their words are the report's, not an opinion of their own.
_JOURNALISTS = ("记者", "编辑", "通讯员", "评论员", "实习生", "主编", "撰稿")
# Unless the paper invited them to give theirs: 特约评论员, 特邀撰稿人, 专栏作家.
_INVITED = ("特约", "特邀", "专栏")


@dataclass(frozen=True)
class Author:
    """A writer a page credits, and what it says they are (roles and posts, as written)."""

    name: str
    held: tuple[str, ...]


def credited(folded: str) -> Author | None:
    """The writer a furniture line credits with 作者, if it names one."""
    match = _CREDIT_RE.search(folded)
    if match is None:
        return None
    held = match.group("held") or ""
    before = match.group("before") or ""
    if before and not (before.endswith(_WRITER_ENDS) or title_at_end(before)):
        return None  # "作者：某某 某某": no title, so not what the writer is
    return Author(match.group("name"), (*_parts(before), *_parts(held)))


def note(folded: str) -> tuple[str, ...] | None:
    """What a line that only tells who the writer is ("（作者系……）") says they are."""
    match = _NOTE_RE.match(folded.strip())
    return _parts(match.group("held")) if match else None


def signed_by(credits: list[Author], notes: list[tuple[str, ...]]) -> Author | None:
    """The one writer whose article the page is, if a credit names someone who is not a
    journalist: by what the credit says, else by what a note under the text says."""
    names = {c.name for c in credits}
    if len(names) != 1:
        return None
    held = tuple(dict.fromkeys(h for c in credits for h in c.held))
    told = tuple(dict.fromkeys(h for n in notes for h in n))
    if not held and not told:
        return None  # "作者：某某" alone is as often the reporter
    if any(
        word in h and not any(i in h for i in _INVITED)
        for h in (*held, *told)
        for word in _JOURNALISTS
    ):
        return None
    return Author(credits[0].name, held or told)


def _parts(held: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[、，,；;]", held) if p.strip())
