"""Reading one file into articles, passages with attributed sentences, and people.

Furniture is cut out first (menus, bylines, datelines, links, comments), then the
lines left are sorted by what they are (``lines``), the page is cut into articles
at their headlines and headers, everyone the file introduces is gathered
(``file_people``), and each article's lines become passages whose sentences are
given to their speakers or the reporter (``passages``). Nothing here knows any
name, place or topic: only the shapes news pages take.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from fangtan.retrieval.reading import authors, furniture
from fangtan.retrieval.reading.drafts import ArticleDraft, FileReading, PersonDraft, key_of
from fangtan.retrieval.reading.file_people import Builder, collect_people, person
from fangtan.retrieval.reading.header import (
    clean_lines,
)
from fangtan.retrieval.reading.lines import Line, LineKind, asks, classify_lines, told_by
from fangtan.retrieval.reading.mentions import is_name
from fangtan.retrieval.reading.model import FactKind
from fangtan.retrieval.reading.passages import read_body
from fangtan.retrieval.reading.sign_offs import DASHES, signed_within
from fangtan.retrieval.search.normalize import fold

# A wire story's dateline before its title: "新华社北京3月6日电 题：…" (the title is after 题).
_WIRE_TITLE_RE = re.compile(r"^\S{2,24}电\s*题[：:]\s*(?=\S)")


def read(text: str, fallback_title: str) -> FileReading:
    lines = [Line(t, fold(t)) for t in clean_lines(text)]
    reading = FileReading()
    credits: list[furniture.Credit] = []
    datelines: list[str] = []
    last_text: Line | None = None  # the last line that is not furniture
    links = False  # under a heading of links to other pages ("推荐阅读")
    comments = False  # under the readers' comments ("网友评论"): the rest is theirs
    writers: list[authors.Author] = []  # "作者：某某（……）"
    # On a board of answered messages, a poster's line is a message, not a comment.
    board = furniture.answers_messages([line.folded for line in lines])
    notes: list[tuple[str, ...]] = []  # "（作者系……）"
    for i, line in enumerate(lines):
        kind = furniture.classify(line.folded)
        if kind is None and (held := authors.note(line.folded)) is not None:
            notes.append(held)
            kind = furniture.Furniture.OTHER  # who the writer is: the editor's words
        if kind is None and links and furniture.is_link(line.folded):
            kind = furniture.Furniture.OTHER
        # The comments run to the end of the page, or to a rule drawn under them
        # (a thread's next post follows it).
        if furniture.is_rule(line.folded):
            comments = False
        comments = comments or furniture.opens_comments(line.folded)
        if kind is None and (comments or (not board and furniture.is_comment(line.folded))):
            kind = furniture.Furniture.OTHER
        links = kind is not None and (links or furniture.opens_link_list(line.folded))
        if kind is None:
            last_text = line
            continue
        above = lines[i - 1] if i else None
        over_menu = kind is furniture.Furniture.NAVIGATION and above is last_text
        if over_menu and above is not None and furniture.is_site_name(above.folded):
            above.kind = LineKind.FURNITURE  # "某某市人民政府门户网站" over its menu
        line.kind = LineKind.FURNITURE
        credits.extend(furniture.credits(line.folded))
        if (writer := authors.credited(line.folded)) is not None:
            writers.append(writer)
        if kind in (furniture.Furniture.DATELINE, furniture.Furniture.EDITION):
            datelines.append(furniture.date_in(line.folded))
        byline = kind is furniture.Furniture.BYLINE and not furniture.edited_by(line.folded)
        if last_text and (
            kind is furniture.Furniture.DATELINE or byline or furniture.has_date(line.folded)
        ):
            last_text.dated = True  # "发布时间：2024-06-12 10:05 来源：……" under a headline
    for above, line in itertools.pairwise(lines):
        # A paragraph joined across a cut line would quote words the page never has
        # side by side.
        line.after_cut = above.kind is LineKind.FURNITURE
    body = [part for line in lines if line.kind is not LineKind.FURNITURE for part in _split(line)]
    reading.furniture = len(lines) - len(body)
    classify_lines(body)
    _reporters_ask(body, credits)
    _assemble(reading, body, fallback_title, authors.signed_by(writers, notes))
    for credit in credits:
        key = key_of(credit.name)
        draft = reading.people.setdefault(key, PersonDraft(credit.name))
        if not draft.facts:
            draft.facts.append((FactKind.AFFILIATION, credit.credit, 0, 0))
        if reading.articles and 0 not in draft.articles:
            draft.articles.append(0)
    if reading.articles:
        first = reading.articles[0]
        first.dateline = next((d for d in datelines if d), "")
        first.byline = "、".join(dict.fromkeys(c.name for c in credits))
    return reading


def _reporters_ask(lines: list[Line], credits: list[furniture.Credit]) -> None:
    """A turn tagged with the name the byline credits as reporter ("本报记者 郜某某" then
    "郜某某：……？") is the reporter asking, never an answer."""
    reporters = {key_of(c.name) for c in credits if "记者" in c.credit or "主持" in c.credit}
    # "主持人：某某（某台主持人）" over a transcript tagged by bare names: the host asks,
    # where their turns mostly do (a meeting's chair speaks their mind).
    hosts: set[str] = set()
    for line in lines:
        host = _HOST_NAME_RE.match(line.text[line.offset :].strip())
        hosting = line.kind is LineKind.TURN and line.question
        if hosting and host and line.folded.startswith(_HOST) and is_name(fold(host["name"])):
            hosts.add(key_of(host["name"]))
    turns, asked = Counter[str](), Counter[str]()  # each host's turns, and those that ask
    for line in lines if hosts else ():
        if line.kind is LineKind.TURN and line.name and (key := key_of(line.name)) in hosts:
            turns[key] += 1
            asked[key] += asks(line)
    reporters.update(key for key in hosts if 2 * asked[key] >= turns[key])
    for line in lines:
        if line.kind is LineKind.TURN and line.name and key_of(line.name) in reporters:
            line.question, line.name = True, ""


_HOST = ("主持人", "主持")
_HOST_NAME_RE = re.compile(r"(?P<name>[\u4e00-\u9fff·]{2,8}?)\s*(?:[（(]|$)")


def _split(line: Line) -> tuple[Line, ...]:
    """A quotation signed at the end of its line, as the quotation and its signature."""
    at = signed_within(line.folded)
    if at is None:
        return (line,)
    quote, sign = line.text[:at], line.text[at:]
    first = Line(quote, line.folded[:at], after_cut=line.after_cut)
    return first, Line(sign, line.folded[at:], dated=line.dated)


def _assemble(
    reading: FileReading, lines: list[Line], fallback: str, author: authors.Author | None
) -> None:
    builder = Builder(reading)
    starts = _article_starts(lines)
    # A signed opinion piece speaks in its writer's voice, as an interview in its
    # interviewee's; on a page of several articles, whose it is cannot be told.
    writer = person(builder, author.name, author.held, -1, 0) if author else None
    collect_people(builder, lines)
    for n, (start, headline_at) in enumerate(starts):
        if n + 1 < len(starts):
            # The next article starts at its headline, or at its header when it has none.
            following, following_headline = starts[n + 1]
            end = following if following_headline is None else following_headline
        else:
            end = len(lines)
        if headline_at is not None and headline_at < start:
            head_lines = lines[headline_at:start]
        else:
            head_lines = []
        header = (
            lines[start]
            if lines and start < len(lines) and lines[start].kind is LineKind.HEADER
            else None
        )
        headline = ""
        if header is not None and header.headline:
            headline = header.headline
        elif head_lines:
            headline = head_lines[-1].text
        body_from = start + 1 if header is not None else start
        body = lines[body_from:end]
        if header is None and not head_lines and body and body[0].kind is LineKind.HEADING:
            at = _headline_at(body)
            headline, body = body[at].text, body[:at] + body[at + 1 :]
        interviewee = key_of(header.name) if header is not None and header.name else None
        signed = interviewee is None and len(starts) == 1 and writer is not None
        if signed:
            interviewee = writer
        if interviewee is None and (teller := told_by(fold(headline))) is not None:
            interviewee = key_of(teller)  # "口述｜某某：……": told in their own voice
        if header is not None and not header.name:
            reading.unnamed_headers.append(header.text)
        headline = _WIRE_TITLE_RE.sub("", headline, count=1)
        article = ArticleDraft(headline or (header.text if header else fallback), interviewee)
        article.told = header is not None and header.told
        article.signed = signed
        reading.articles.append(article)
        read_body(builder, len(reading.articles) - 1, article, body)


def _article_starts(lines: list[Line]) -> list[tuple[int, int | None]]:
    """(first line, first headline line) of each article."""
    starts: list[tuple[int, int | None]] = []
    body_seen = False
    for i, line in enumerate(lines):
        if line.kind is LineKind.HEADER:
            j = i
            while j > 0 and lines[j - 1].kind is LineKind.HEADING:
                j -= 1
            head = j if j < i else None
            if starts and not body_seen:
                starts[-1] = (i, head)
            else:
                starts.append((i, i - 1 if head is not None else None))
            body_seen = False
        elif line.kind is LineKind.HEADING and line.dated and body_seen and not _aside(line):
            # A headline with its own dateline or byline: the next report on the page.
            starts.append((i, i))
            body_seen = False
        elif line.kind is not LineKind.HEADING:
            if not starts:
                starts.append((0, None))
            # A label over the words to come ("【访谈嘉宾】某某" above 【访谈主持】 and
            # 【访谈时间】 fields) is not yet the body.
            body_seen = body_seen or line.kind is not LineKind.LABEL
    if not starts and lines:
        starts.append((0, None))
    return starts


def _headline_at(body: list[Line]) -> int:
    """Of the headings a page opens with (a site's name, a kicker, the headline, a
    subtitle), the headline's place: the last a dateline or byline follows, else the
    first. Never a subtitle ("——……侧记") or a row of labels ("索引号：…　发布机构：…")."""
    leading = next((n for n, b in enumerate(body) if b.kind is not LineKind.HEADING), len(body))
    fit = [
        n
        for n in range(leading)
        if not body[n].folded.lstrip().startswith(DASHES)
        and len(re.findall("[：:]", body[n].folded)) < 2
    ]
    return max((n for n in fit if body[n].dated), default=fit[0] if fit else 0)


def _aside(line: Line) -> bool:
    """Is the line wholly in round brackets ("（本文根据录音整理，有删节）"): a note on
    the article, never the headline of another?"""
    text = line.folded.strip()
    return text[:1] in "（(" and text[-1:] in "）)"
