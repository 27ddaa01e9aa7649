"""Turning one file's text into interviews with repaired paragraphs.

Newspaper pages are laid out in columns, so a paragraph often arrives broken
mid-sentence or even mid-word ("加快建" / "设"). A line that does not end a
sentence is therefore continued by the next one; headlines and ``——访`` lines
are never joined, because they sit outside the bodies that get repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.affiliations import split_affiliation
from retrieval.names import split_trailing_name
from retrieval.records import Speaker
from retrieval.roles import ROLE_RE

HEADER_RE = re.compile(r"^[—―–\-－─~～]{1,3}\s*访\s*(?P<who>.+)$")
# "（本报记者 张三 整理）", "本报记者 李四": credits, not anybody's words.
_CREDIT = r"(?:本报|新华社|特约|实习)?(?:记者|通讯员|编辑|责任编辑|文|图|摄影|摄|整理)"
_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4}){0,4}"
BYLINE_RE = re.compile(
    rf"^(?:[（(]\s*{_CREDIT}[^。！？!?（）()]{{0,30}}[）)]"
    rf"|{_CREDIT}[\s/／:：]+{_NAMES}(?:\s*(?:整理|报道|摄|采写))?)$"
)
SENTENCE_END_RE = re.compile(r"[。！？…；!?;][”’」』）)\"'》]*$")
_SEPARATORS_RE = re.compile(r"[、，,/／\s]+")
_BODY_STOP = '，。；：！？“”‘’"「」《》（）() \u3000'

# A line longer than this that ends a sentence is prose, not a headline.
HEADLINE_MAX = 40
# Never glue more than this much together: a file without punctuation would
# otherwise collapse into one enormous paragraph.
PARAGRAPH_MAX = 1500


@dataclass(frozen=True)
class ParsedArticle:
    headline: str
    header: str
    speaker: Speaker
    paragraphs: tuple[str, ...]
    repaired: int


def clean_lines(text: str) -> list[str]:
    """Non-empty lines, stripped of ASCII and ideographic white space."""
    lines = (line.strip(" \t\u3000\ufeff\xa0") for line in text.splitlines())
    return [line for line in lines if line]


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END_RE.search(line))


def looks_like_headline(line: str) -> bool:
    return len(line) <= HEADLINE_MAX and not ends_sentence(line)


def repair_paragraphs(lines: list[str]) -> tuple[list[str], int]:
    """Join lines that break off mid-sentence; return (paragraphs, joins made)."""
    paragraphs: list[str] = []
    joins = 0
    current = ""
    for line in lines:
        if current and not ends_sentence(current) and len(current) < PARAGRAPH_MAX:
            current += line
            joins += 1
            continue
        if current:
            paragraphs.append(current)
        current = line
    if current:
        paragraphs.append(current)
    return paragraphs, joins


def parse_speaker(who: str, body: str) -> Speaker:
    """Read roles, affiliation and name from the text after ``访``.

    ``who`` looks like "市人大代表王小明" or "全国人大代表、某某集团董事长欧阳某某";
    the name always comes last. Missing affiliation is looked for in the body.
    """
    who = re.split(r"[：:（(]", who, maxsplit=1)[0].strip(" 。.")
    roles = [m.group(0) for m in ROLE_RE.finditer(who)]
    pieces = [ROLE_RE.sub("", piece) for piece in _SEPARATORS_RE.split(who)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return Speaker(name=None, roles=tuple(roles))
    before, name = split_trailing_name(pieces[-1], body)
    if name is None:
        return Speaker(name=None, roles=tuple(roles), affiliation="、".join(pieces))
    affiliation = "、".join([*pieces[:-1], before] if before else pieces[:-1])
    if not affiliation or not roles:
        found_roles, found_affiliation = _speaker_from_body(name, body)
        roles = roles or found_roles
        affiliation = affiliation or found_affiliation
    organisation, post = split_affiliation(affiliation)
    return Speaker(
        name=name,
        roles=tuple(dict.fromkeys(roles)),
        affiliation=affiliation,
        organisation=organisation,
        post=post,
    )


def _speaker_from_body(name: str, body: str) -> tuple[list[str], str]:
    """Find "{role}、{affiliation}{name}" (or "{role}{name}") in the body."""
    stop = re.escape(_BODY_STOP)
    pattern = re.compile(
        rf"(?P<roles>(?:{ROLE_RE.pattern})(?:、(?:{ROLE_RE.pattern}))*)"
        rf"(?:、(?P<aff>[^{stop}]{{2,60}}?))?{re.escape(name)}"
    )
    match = pattern.search(body)
    if not match:
        # "……的某某，如今是市人大代表、某学校校长。": the name before the titles.
        after = re.compile(
            rf"{re.escape(name)}[^。！？“”]{{0,20}}?(?:是|为|任|系|担任)"
            rf"(?P<roles>(?:{ROLE_RE.pattern})(?:、(?:{ROLE_RE.pattern}))*)"
            rf"(?:、(?P<aff>[^{stop}]{{2,60}}))?"
        )
        match = after.search(body)
    if not match:
        return [], ""
    roles = [m.group(0) for m in ROLE_RE.finditer(match.group("roles"))]
    return roles, match.group("aff") or ""


def parse_text(text: str, fallback_title: str) -> tuple[list[ParsedArticle], list[str]]:
    """Split a file into articles; return them and any prose found before them.

    Each interview starts at a ``——访`` line whose previous line is its
    headline. A file without one is a single article with an unknown speaker.
    """
    lines = clean_lines(text)
    headers = [i for i, line in enumerate(lines) if HEADER_RE.match(line)]
    if not headers:
        return ([_anonymous_article(lines, fallback_title)] if lines else []), []

    starts = []
    for i in headers:
        has_headline = i > 0 and i - 1 not in headers and looks_like_headline(lines[i - 1])
        starts.append(i - 1 if has_headline else i)

    articles = []
    for n, (header_at, start) in enumerate(zip(headers, starts, strict=True)):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body_lines = [line for line in lines[header_at + 1 : end] if not BYLINE_RE.match(line)]
        paragraphs, joins = repair_paragraphs(body_lines)
        match = HEADER_RE.match(lines[header_at])
        assert match is not None
        headline = lines[start] if start < header_at else ""
        speaker = parse_speaker(match.group("who"), "".join(paragraphs))
        articles.append(
            ParsedArticle(
                headline=headline or lines[header_at],
                header=lines[header_at],
                speaker=speaker,
                paragraphs=tuple(paragraphs),
                repaired=joins,
            )
        )
    preamble = [line for line in lines[: starts[0]] if not looks_like_headline(line)]
    return articles, preamble


def _anonymous_article(lines: list[str], fallback_title: str) -> ParsedArticle:
    headline = fallback_title
    body = lines
    if looks_like_headline(lines[0]) and len(lines) > 1:
        headline, body = lines[0], lines[1:]
    paragraphs, joins = repair_paragraphs(body)
    return ParsedArticle(
        headline=headline,
        header="",
        speaker=Speaker(name=None),
        paragraphs=tuple(paragraphs),
        repaired=joins,
    )
