"""Reading one file into articles, passages with attributed sentences, and people.

Lines are first sorted by what they are — furniture, an interview header, a
speaker's turn, a label line and its role line, a section heading naming a
person, a heading, or body text — then bodies are repaired into passages
and every sentence is given to its speaker or to the reporter. Nothing here
knows any name, place or topic: only the shapes news pages take.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from fangtan.retrieval.reading import authors, furniture
from fangtan.retrieval.reading.affiliations import ORGANISATION_ENDINGS
from fangtan.retrieval.reading.attribution import (
    Directory,
    Frame,
    State,
    attribute,
    reports_on,
)
from fangtan.retrieval.reading.header import (
    PARAGRAPH_MAX,
    clean_lines,
    ends_sentence,
    parse_speaker,
)
from fangtan.retrieval.reading.mentions import (
    boundary_after,
    dotted_names,
    introductions,
    is_name,
    named_first,
    short_forms,
    titled_names,
    untitled_names,
)
from fangtan.retrieval.reading.model import FactKind, Kind, Sentence
from fangtan.retrieval.reading.names import (
    COMPOUND_SURNAMES,
    SINGLE_SURNAMES,
    is_han,
    plausible_name,
    surname_of,
)
from fangtan.retrieval.reading.roles import BARE_ROLES, is_role
from fangtan.retrieval.reading.sign_offs import DASHES, all_quoted, signature, signed_within
from fangtan.retrieval.reading.titles import (
    HONORIFICS,
    NOT_AFTER_OLD,
    OLD,
    TITLES,
    address_forms,
    title_at_end,
)
from fangtan.retrieval.records import Speaker
from fangtan.retrieval.search.normalize import fold, normalize

_HEADER_RE = re.compile(
    r"^(?P<head>.*?)[—―–－─]{1,3}\s*(?P<visit>专访|访|记)?\s*(?P<who>[^—―–－─]+)$"
)
_ASCII_HEADER_RE = re.compile(r"^(?P<head>)-{1,3}\s*(?P<visit>专访|访)\s*(?P<who>.+)$")
_TAG_BRACKET_RE = re.compile(r"^[【\[［]\s*(?P<tag>[^】\]］]{1,14}?)\s*[】\]］]\s*(?P<rest>\S.*)$")
# A list's numbering before a turn's tag: "1. ", "（2）", "三、", "④".
# A live blog's time stamp too: "【10:02】", "10:30 ".
_ENUMERATOR = (
    r"(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,3}、|[①-⑳]"
    r"|[【\[（(]?\d{1,2}[:：]\d{2}(?::\d{2})?(?:[】\]）)]|\s))\s*"
)
_NUMBERED_RE = re.compile(rf"^{_ENUMERATOR}")
# A TV transcript's tags in round brackets too ("（同期声）", "（记者）"), though only the
# tags a transcript uses: round brackets open asides, captions and credits as well.
_TAG_PAREN_RE = re.compile(r"^[（(]\s*(?P<tag>[^）)]{1,6}?)\s*[）)]\s*(?P<rest>\S.*)$")
_TIME_RE = re.compile(r"\d{1,2}[:：]\d{2}(?::\d{2})?")
_STAMP_RE = re.compile(rf"[【\[［（(]?\s*{_TIME_RE.pattern}\s*[】\]］）)]?")
_TAG_COLON_RE = re.compile(
    rf"^(?:{_ENUMERATOR})?(?P<tag>[^，。：:“”、\s]{{1,14}}|[^，。：:“”]{{1,14}}[（(][^）)]{{2,40}}[）)]"
    # "市政协委员、某医院副院长 王某某": roles, then the name after a space.
    r"|[^，。：:“”\s][^，。：:“”]{0,30}\s[^，。：:“”、\s]{2,4}"
    # "王某某 某县农业农村局局长": a caption's order, the name first.
    r"|[^，。：:“”、\s]{2,4}\s[^，。：:“”\s][^，。：:“”]{0,30})[：:]\s*(?P<rest>.*)$"
)
_LABEL_RE = re.compile(r"^[【\[［■◆●▲★·]?\s*(?P<name>[\u4e00-\u9fff]{2,4})\s*[】\]］]?$")
_INNER_PUNCT_RE = re.compile(r"[，。；！？,;!?：:]")
_CLAUSE_PUNCT_RE = re.compile(r"[，。；,;：:]")
_REPORTER_TAGS = ("记者", "问", "主持人", "Q", "q", "本报", "编者", "提问")
_ANSWER_TAGS = ("答", "A", "a")
_NUMBERED_ANSWER_RE = re.compile(r"[Aa答]\d{1,2}")  # "A1：" answers "Q1："
# A TV transcript's voice-over and on-screen text: the reporter's narration.
_NARRATOR_TAGS = ("解说", "画外音", "旁白", "配音", "导语", "导视", "字幕", "现场", "口播")
# A TV transcript's sound bite, a press conference's or a talk show's guest: the
# person it names speaks on the following lines (or after their own tag).
# Boxes the reporter adds beside the interview: a profile, a note, background. Nobody's
# words, whoever they are about.
_BOX_TAGS = (
    "人物简介",
    "简介",
    "人物档案",
    "人物名片",
    "记者手记",
    "采访手记",
    "编后",
    "编后语",
    "短评",
    "点评",
    "链接",
    "相关链接",
    "背景",
    "背景链接",
    "小贴士",
    "知识链接",
    "名词解释",
)
# Who talks to the camera in a TV transcript: in round brackets, the reporter's own
# voice, asking only with a question mark.
_VOICE_TAGS = ("记者", "主持人", "出镜记者", "现场记者", "播音员")
_SOUND_BITE_TAGS = ("同期", "同期声", "采访", "采访同期", "发布人", "发言人", "嘉宾", "访谈嘉宾")
# Tags read in round brackets, and tags whose words are nobody's: worked out once, as
# every line of every file is tested against them.
_PAREN_TAGS = frozenset((*_SOUND_BITE_TAGS, *_NARRATOR_TAGS, *_VOICE_TAGS))
_NOBODYS_TAGS = frozenset((*_NARRATOR_TAGS, *_BOX_TAGS))
_OUTLET_END = ("报", "社", "网", "台", "新闻", "客户端", "日报", "晚报", "时报", "周刊", "电视台")
# A press conference's questioner names their outlet: "新华社记者：", "某某日报记者提问：".
_ASKER_END = ("记者", "提问", "追问")
# An event notice's fields ("时间：…", "地点：…") are not turns, though 时间 reads as a name.
_FIELD_LABELS = frozenset(
    "时间 日期 地点 主题 议题 内容 形式 方式 主办 承办 地址 电话 索引号 发布机构 发文机关"
    " 发文日期 成文日期 发布日期 生成日期 主题分类 文号 发文字号 信息来源 有效性".split()
)
# A row of such fields on one line: "索引号：……　　发布机构：……".
_FIELD_ROW_RE = re.compile(r"\S[\s\u3000]{2,}[^\s\u3000：:，。]{2,6}[：:]")
HEADING_MAX = 40
# A short line that is nothing but a quotation with no sentence's end inside: a sub-head
# or pull quote over a section, never glued to the paragraph under it.
_PULL_QUOTE_RE = re.compile(r"[“「『][^“”「」『』。！？!?\n]{2,36}[”」』]")
# A wire story's dateline before its title: "新华社北京3月6日电 题：…" (the title is after 题).
_WIRE_TITLE_RE = re.compile(r"^\S{2,24}电\s*题[：:]\s*(?=\S)")
# How far after an interview header its body is searched for the interviewee's titles.
NEARBY_LINES = 30


class LineKind(StrEnum):
    FURNITURE = "furniture"
    HEADER = "header"
    TURN = "turn"
    LABEL = "label"
    ROLE = "role"
    SECTION = "section"
    HEADING = "heading"
    BODY = "body"
    SIGNATURE = "signature"  # "——roles name" under a quotation: its speaker


@dataclass
class Line:
    text: str
    folded: str
    kind: LineKind = LineKind.BODY
    name: str = ""  # the person a header, label, section or turn names (as written)
    address: str = ""  # a turn's tag that is a form of address (王代表), folded
    segments: tuple[str, ...] = ()  # their appositive
    headline: str = ""  # a header's same-line headline
    offset: int = 0  # where a turn's words start
    question: bool = False  # a reporter's or host's turn
    narrator: bool = False  # a transcript's voice-over (解说, 旁白): nobody's words
    answer: bool = False  # 答：, the interviewee's turn
    dated: bool = False  # a dateline or byline follows: a headline starting a new report
    signed: bool = False  # a signature follows: a quotation, a paragraph of its own
    told: bool = False  # a header "——记某某": a profile in the reporter's telling
    after_cut: bool = False  # furniture was cut out just above: it cannot carry a paragraph on


@dataclass
class PersonDraft:
    name: str
    facts: list[tuple[FactKind, str, int, int]] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # as the text addresses them: 王某某代表


@dataclass
class PassageDraft:
    text: str
    paragraph: int
    article: int
    sentences: tuple[Sentence, ...] = ()
    heading: str = ""
    prompt: int | None = None  # index into the file's passages


@dataclass
class ArticleDraft:
    headline: str
    interviewee: str | None = None
    passages: list[int] = field(default_factory=list)
    byline: str = ""
    dateline: str = ""
    told: bool = False  # a profile, not an interview: the reporter's words by default


@dataclass
class FileReading:
    articles: list[ArticleDraft] = field(default_factory=list)
    passages: list[PassageDraft] = field(default_factory=list)
    people: dict[str, PersonDraft] = field(default_factory=dict)
    furniture: int = 0
    repaired: int = 0
    unnamed_headers: list[str] = field(default_factory=list)


def key_of(name: str) -> str:
    return normalize(name)


def read(text: str, fallback_title: str) -> FileReading:
    lines = [Line(t, fold(t)) for t in clean_lines(text)]
    reading = FileReading()
    credits: list[furniture.Credit] = []
    datelines: list[str] = []
    last_text: Line | None = None  # the last line that is not furniture
    links = False  # under a heading of links to other pages ("推荐阅读")
    comments = False  # under the readers' comments ("网友评论"): the rest is theirs
    writers: list[authors.Author] = []  # "作者：某某（……）"
    notes: list[tuple[str, ...]] = []  # "（作者系……）"
    for i, line in enumerate(lines):
        kind = furniture.classify(line.folded)
        if kind is None and (held := authors.note(line.folded)) is not None:
            notes.append(held)
            kind = furniture.Furniture.OTHER  # who the writer is: the editor's words
        if kind is None and links and furniture.is_link(line.folded):
            kind = furniture.Furniture.OTHER
        comments = comments or furniture.opens_comments(line.folded)
        if kind is None and (comments or furniture.is_comment(line.folded)):
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
        if last_text and (
            kind in (furniture.Furniture.DATELINE, furniture.Furniture.BYLINE)
            or furniture.has_date(line.folded)
        ):
            last_text.dated = True  # "发布时间：2024-06-12 10:05 来源：……" under a headline
    for above, line in itertools.pairwise(lines):
        # A paragraph joined across a cut line would quote words the page never has
        # side by side.
        line.after_cut = above.kind is LineKind.FURNITURE
    body = [part for line in lines if line.kind is not LineKind.FURNITURE for part in _split(line)]
    reading.furniture = len(lines) - len(body)
    tags = [_tag_of(line.folded) for line in body]
    recurring = _recurring_tags(tags)
    whole = "\n".join(line.folded for line in body)
    for i, line in enumerate(body):
        # A header's person is looked for in the lines that follow it, not the whole file.
        nearby = "\n".join(later.folded for later in body[i + 1 : i + 1 + NEARBY_LINES])
        if not _signs(body, i, nearby):
            following = body[i + 1] if i + 1 < len(body) else None
            _classify(line, following, nearby, _Tagged(tags[i], recurring, whole))
    _settle_headings(body)
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
    for line in lines:
        if line.kind is LineKind.TURN and line.name and key_of(line.name) in reporters:
            line.question, line.name = True, ""


def _split(line: Line) -> tuple[Line, ...]:
    """A quotation signed at the end of its line, as the quotation and its signature."""
    at = signed_within(line.folded)
    if at is None:
        return (line,)
    quote, sign = line.text[:at], line.text[at:]
    first = Line(quote, line.folded[:at], after_cut=line.after_cut)
    return first, Line(sign, line.folded[at:], dated=line.dated)


# ---------------------------------------------------------------- classifying lines


def _classify(line: Line, following: Line | None, nearby: str, tagged: _Tagged) -> None:
    folded = line.folded
    # Over a dateline or 发布时间: a headline, though it quotes someone ("对话某公司CTO
    # 某某：AI不是SaaS的插件，……") as a turn would.
    dated_headline = line.dated and len(folded) <= DATED_HEADLINE_MAX
    header = _HEADER_RE.match(folded) or _ASCII_HEADER_RE.match(folded)
    if dated_headline and not folded.rstrip().endswith("。") and not header:
        line.kind = LineKind.HEADING
        return
    if header and _header(line, header, nearby):
        return
    if _salutation(line, following):
        # "某某委员：" over "您提出的《……》收悉": a letter's greeting, whose writer speaks.
        line.kind = LineKind.HEADING
        return
    if _STAMP_RE.fullmatch(folded.strip()):
        # "【10:32】" alone: a live blog's next entry, and whoever spoke before has finished.
        line.kind = LineKind.HEADING
        return
    if _turn(line, tagged):
        return
    bracketed_tag = re.fullmatch(r"[【\[［]\s*([^】\]］]{2,20}?)\s*[】\]］]", folded.strip())
    if bracketed_tag:
        name, segments = _person_in_tag(line.text.strip()[1:-1].strip(), bracketed_tag.group(1))
        if name and segments:
            line.kind, line.name, line.segments = LineKind.LABEL, name, segments
            return
    if _name_card(line):
        return
    label = _LABEL_RE.match(folded)
    if label and is_name(label.group("name")):
        bracketed = folded[0] in "【[［■◆●▲★·"
        role_next = following is not None and _is_role_line(following.folded)
        named = label.group("name")
        # A bracketed name alone is one the page uses again: "【时间轴】" only starts as
        # a name would (时).
        if role_next or named in nearby or (bracketed and tagged.text.count(named) > 1):
            line.kind, line.name = (
                LineKind.LABEL,
                _cut(line, label.start("name"), label.end("name")),
            )
            if role_next and following is not None:
                line.segments = tuple(p for p in re.split(r"[、/／\s]+", following.text) if p)
            return
    if _asking_label(line, following):
        return
    if folded.rstrip().endswith(("：", ":")) and _section(line):
        return
    if _is_role_line(folded):
        line.kind = LineKind.ROLE
        return
    if _PULL_QUOTE_RE.fullmatch(folded.strip()):
        line.kind = LineKind.HEADING  # "“田里的虫子，比书上的准”": a sub-head, whoever said it
        return
    if len(folded) <= HEADING_MAX and _NUMBERED_HEADING_RE.match(folded):
        line.kind = LineKind.HEADING  # "02｜异地就医，报销能不能再快一点？"
        return
    if (
        len(folded) <= HEADING_MAX
        and _NUMBERED_TITLE_RE.match(folded)
        and not folded.rstrip().endswith(("。", "；", ";", "."))
    ):
        line.kind = LineKind.HEADING  # "一、【年度人物】某某：一间教室，守了十二个春秋"
        return
    if len(folded) <= HEADING_MAX and re.fullmatch(r"[^，。；！？,;!?：:]+[：:]", folded.strip()):
        line.kind = LineKind.HEADING  # "第一小组：", a heading that names no one
        return
    if len(folded) <= HEADING_MAX and not _CLAUSE_PUNCT_RE.search(folded.replace("：", "", 1)):
        line.kind = LineKind.HEADING  # a headline may ask or exclaim: 老街怎么改？听听街坊
    elif len(folded) <= HEADING_MAX and line.dated and not folded.rstrip().endswith(("。", ".")):
        line.kind = LineKind.HEADING  # over its dateline a headline may pause: 听，代表这样说
    elif item := _ITEM_RE.match(folded):
        # "3.【交通】……": a digest's number and topic are nobody's words; the item's
        # own sentences start after them ("“……”某某说" is read as it would be alone).
        line.offset = item.end()


# A letter to someone opens on 您: a reply to their proposal, not their words.
_LETTER_RE = re.compile(r"^\s*您(?:好|提出|提交|在|所提|反映|的来信|关于)")


def _salutation(line: Line, following: Line | None) -> bool:
    """Is ``line`` a letter's greeting alone ("柏某某委员："), over a line addressing them?"""
    text = line.folded.strip()
    return (
        following is not None
        and text.endswith(("：", ":"))
        and len(text) <= SALUTATION_MAX
        and bool(_LETTER_RE.match(following.folded))
    )


SALUTATION_MAX = 20
# Words that are one quotation, whole: “……。”
_QUOTED_RE = re.compile(r"[“「][^“”「」]+[”」][。！？!?]?")
# A digest item's number and bracketed topic, before its words.
_ITEM_RE = re.compile(
    rf"^(?:{_ENUMERATOR})?[【\[［][^】\]］，。]{{1,8}}[】\]］]\s*(?=\S)|^(?:{_ENUMERATOR})(?=\S)"
)


# A numbered section heading of a post: "01｜让养老服务走进家门", "三丨……"; not a sentence.
_NUMBERED_HEADING_RE = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[｜|丨](?!.*。$)")
_CARD_MARKS = "▶►▷■◆●▲★·•"


def _name_card(line: Line) -> bool:
    """Is ``line`` a name and what the person is, alone ("▶ 盛某某 全国人大代表、某集团
    董事长")? The paragraphs under it are about them: a section of theirs."""
    text = line.folded.strip()
    bare = text.lstrip(_CARD_MARKS + " ")
    if _INNER_PUNCT_RE.search(bare) or len(bare.split()) < 2:
        return False
    original = line.text.strip()
    original = original[len(original) - len(bare) :]
    name, segments = _person_in_tag(original, bare)
    if not name or not segments:
        return False
    line.kind, line.name, line.segments = LineKind.SECTION, name, segments
    return True


def _signs(lines: list[Line], i: int, nearby: str) -> bool:
    """Is line ``i`` a signature ("——roles name") under a paragraph of quotation?

    A short quotation without a comma was taken for a heading; it is one only
    at the top of an article (a quoted headline over an interview's dashed
    header), so it counts as the quotation where body text comes before it.
    """
    line, above = lines[i], lines[i - 1] if i else None
    # Few lines are led by a dash: that is tested first, the line above only then.
    found = signature(line.folded, nearby) if above is not None else None
    if found is None or above is None or not all_quoted(above.folded):
        return False
    if above.kind is LineKind.HEADING:
        if i < 2 or lines[i - 2].kind not in (LineKind.BODY, LineKind.SIGNATURE):
            return False
    elif above.kind is not LineKind.BODY:
        return False
    start, speaker = found
    line.name, line.segments = _introduced(line.text[start:].strip(), speaker)
    line.kind = LineKind.SIGNATURE
    above.kind, above.signed = LineKind.BODY, True
    return True


def _introduced(who: str, speaker: Speaker) -> tuple[str, tuple[str, ...]]:
    """The name as written and the appositive of "roles name" or "name（roles）" (``who``),
    which ``parse_speaker`` read as ``speaker``."""
    assert speaker.name is not None
    # Folding keeps each character in its place: the name as written is where the folded one is.
    at = fold(who).rfind(speaker.name)
    name = who[at : at + len(speaker.name)] if at >= 0 else speaker.name
    if speaker.roles or speaker.affiliation:  # "roles name"
        affiliation = (speaker.affiliation,) if speaker.affiliation else ()
        return name, (*speaker.roles, *affiliation)
    bracket = re.search(r"[（(](?P<app>[^）)]+)[）)]", who)  # "name（roles）", or the name alone
    return name, tuple(p for p in re.split(r"[、，,\s]+", bracket["app"]) if p) if bracket else ()


# A section title after a Chinese numeral: "二、关于用地保障", "（三）加强监管".
_NUMBERED_TITLE_RE = re.compile(r"^\s*[（(]?[一二三四五六七八九十]{1,3}[）)、]\s*\S")
_SECTION_NUMBER_RE = re.compile(r"[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)、.．]?")


# A short line ending so is finished, not a broken paragraph: a quotation, a bracket.
_FINISHED = ("”", "」", "』", "》", "）", ")", "】", "]", "？", "！", "?", "!")


def _settle_headings(lines: list[Line]) -> None:
    """A short line inside a body is a heading only where the layout says so.

    Print columns break paragraphs anywhere, even mid-word, so a short line
    between body lines is taken for a broken paragraph unless it stands under
    a label or section line, before a line of another kind, or looks finished
    (it ends with a quotation mark, bracket, ？ or ！).
    """
    for i, line in enumerate(lines):
        if line.kind is not LineKind.HEADING or i == 0 or line.dated:
            continue
        before = lines[i - 1].kind
        after = lines[i + 1].kind if i + 1 < len(lines) else None
        if before in (LineKind.HEADING, LineKind.LABEL, LineKind.SECTION, LineKind.ROLE):
            continue
        if after is not LineKind.BODY or before is LineKind.HEADER:
            continue
        if line.folded.endswith(_FINISHED):
            continue
        if _numbered(line):
            continue
        line.kind = LineKind.BODY


def _numbered(line: Line) -> bool:
    """Is ``line`` a number or time that marks a section or entry, never a broken line:
    "二", "（三）", "03", "02｜……", "二、关于用地保障", a live blog's "【10:32】"?"""
    text = line.folded.strip()
    return bool(
        _SECTION_NUMBER_RE.fullmatch(text)
        or _NUMBERED_HEADING_RE.match(text)
        or _NUMBERED_TITLE_RE.match(text)
        or _STAMP_RE.fullmatch(text)
    )


def _cut(line: Line, start: int, end: int) -> str:
    return line.text[start:end]


def _header(line: Line, match: re.Match[str], nearby: str) -> bool:
    who = match.group("who").strip()
    if not match.group("visit"):
        name = parse_speaker(who, "").name
        if (
            match.group("head").strip()
            or not name
            or not title_at_end(fold(who)[: -len(name)].rstrip())
        ):
            return False
    if _INNER_PUNCT_RE.search(who) and not re.match(r"^[^，。]*[（(：:]", who):
        return False
    speaker = parse_speaker(who, nearby)
    line.kind = LineKind.HEADER
    line.told = match.group("visit") == "记"
    line.headline = line.text[: match.start("head") + len(match.group("head"))].strip()
    if speaker.name:
        line.name, line.segments = _introduced(line.text[match.start("who") :].strip(), speaker)
    return True


def _tag_of(folded: str) -> re.Match[str] | None:
    """A turn's tag and words ("记者：……", "【欧阳灿】……"), if the line opens with one."""
    match = _TAG_BRACKET_RE.match(folded)
    if match and _TIME_RE.fullmatch(match.group("tag")):
        match = None  # "【10:02】主持人：……": a live blog's time, then the tag
    if match is None and (paren := _TAG_PAREN_RE.match(folded)):
        tag = paren.group("tag")
        if tag in _PAREN_TAGS:
            match = paren
    match = match or _TAG_COLON_RE.match(folded)
    return match if match and match.group("rest").strip() else None


def _recurring_tags(tags: list[re.Match[str] | None]) -> frozenset[str]:
    """Tags that open more than one line: a speaker of a transcript speaks again."""
    times = Counter(m.group("tag").strip() for m in tags if m)
    return frozenset(tag for tag, count in times.items() if count > 1)


class _Tagged(NamedTuple):
    """A line's tag (``_tag_of``, found once per line), and the tags that open other
    lines too: such a tag is a name even where it looks like words (岑可为 ends as
    为 does in prose)."""

    match: re.Match[str] | None
    recurring: frozenset[str] = frozenset()
    text: str = ""  # the whole body, folded: what else it says of a bracketed word


def _turn(line: Line, tagged: _Tagged) -> bool:
    """Is ``line`` a turn of a transcript or a Q&A?"""
    match, recurring = tagged.match, tagged.recurring
    if not match:
        return False
    tag = match.group("tag").strip()
    if (
        tag.endswith(("讯", "按"))
        or tag.startswith("编者")
        or tag in _FIELD_LABELS
        or _FIELD_ROW_RE.search(match.group("rest"))
    ):
        # 【本报讯】, 【编者按】: the reporter's own opening; 时间：, a field, or a row of them
        return False
    line.offset = match.start("rest")
    voice = match.re is _TAG_PAREN_RE and tag in _VOICE_TAGS
    if tag in _NOBODYS_TAGS or (voice and not _asks(line)):
        line.kind, line.narrator = LineKind.TURN, True
        return True
    if tag in _SOUND_BITE_TAGS:
        return _sound_bite(line, match.start("rest"))
    if _asker(tag):
        line.kind, line.question = LineKind.TURN, True
        return True
    if tag in _ANSWER_TAGS or _NUMBERED_ANSWER_RE.fullmatch(tag):
        line.kind, line.answer = LineKind.TURN, True
        return True
    rest = match.group("rest")
    if _LETTER_RE.match(rest) or _QUOTED_RE.fullmatch(rest.strip()):
        # "某某委员：您提出的……" greets a letter's reader; "驾驶员某某：“……”" reports a
        # quotation. Neither is a transcript's turn, whose words carry on after it.
        line.offset = 0
        return False
    name, segments = _person_in_tag(line.text[match.start("tag") : match.end("tag")], tag)
    if name:
        line.kind, line.name, line.segments = LineKind.TURN, name, segments
        return True
    if _is_address(tag) or tag in COMPOUND_SURNAMES or tag in SINGLE_SURNAMES:
        # "阙代表：", or the surname alone ("隋："), as a Q&A tags the interviewee's turns.
        line.kind, line.address = LineKind.TURN, tag
        return True
    if tag in recurring and plausible_name(tag):
        line.kind, line.name = LineKind.TURN, line.text[match.start("tag") : match.end("tag")]
        return True
    line.offset = 0
    return False


def _asker(tag: str) -> bool:
    """Is ``tag`` the reporter's, a host's or another outlet's (they ask, never answer)?"""
    return tag.startswith(_REPORTER_TAGS) or tag.endswith((*_OUTLET_END, *_ASKER_END))


def _asking_label(line: Line, following: Line | None) -> bool:
    """Is ``line`` an asker's tag alone ("新华社记者："), over the question it puts?

    Only over a sentence: "主持人：" over the host's name and post is a list's heading."""
    head = line.folded.strip()
    if not head.endswith(("：", ":")) or not _asker(head[:-1].strip()) or following is None:
        return False
    if not _CLAUSE_PUNCT_RE.search(following.folded) and not _asks(following):
        return False
    line.kind, line.question = LineKind.LABEL, True
    return True


def _sound_bite(line: Line, start: int) -> bool:
    """【同期】 and who speaks ("roles name", or "name：words"): a label over their words."""
    rest = line.folded[start:].strip().removesuffix("：").removesuffix(":")
    speaker = parse_speaker(rest, "")
    if speaker.name and not _INNER_PUNCT_RE.search(rest):
        line.kind = LineKind.LABEL
        line.name, line.segments = _introduced(line.text[start:].strip(), speaker)
        return True
    inner = Line(line.text[start:], line.folded[start:])
    if _turn(inner, _Tagged(_tag_of(inner.folded))) and not inner.question and not inner.narrator:
        line.kind, line.name, line.segments = inner.kind, inner.name, inner.segments
        line.address, line.answer, line.offset = inner.address, inner.answer, start + inner.offset
        return True
    line.offset = 0
    return False


def _is_address(tag: str) -> bool:
    """Is ``tag`` a surname and a title ("阙代表", "欧阳院长"), as a Q&A tags its turns?"""
    for surname in (tag[:2], tag[:1]):
        if surname in COMPOUND_SURNAMES or (len(surname) == 1 and surname in SINGLE_SURNAMES):
            title = tag[len(surname) :]
            if 2 <= len(title) <= 4 and title_at_end(title) == title:
                return True
    return False


def _person_in_tag(original: str, folded: str) -> tuple[str, tuple[str, ...]]:
    """ "王某某", "王某某（市政协委员）", "市政协委员王某某" → (name, appositive)."""
    bare = folded.lstrip("■◆●▲★· ")
    original, folded = original[len(folded) - len(bare) :], bare
    words = folded.split()
    last = words[-1] if len(words) > 1 else ""
    if (
        last
        and is_han(last)
        and 2 <= len(last) <= 4
        and (_titles(words[:-1]) or (_units(words[:-1]) and is_name(last)))
    ):
        # "嘉宾 王某某", "市人大代表 王某某": the name is the last word, after what the
        # person is (not a headline's words: "条例初审交锋 立委忧业者退场 某某：……").
        held = (p for w in original.split()[:-1] for p in re.split(r"[、，,]", w) if p)
        return original[len(folded) - len(words[-1]) :], tuple(held)
    if len(words) > 1 and is_name(words[0]) and _titles(words[1:]):
        # "王某某 某县农业农村局局长": a caption names first, then says who.
        held = (p for w in original.split()[1:] for p in re.split(r"[、，,]", w) if p)
        return original.split()[0], tuple(held)
    paren = re.match(r"^(?P<name>[^（(]+)[（(](?P<app>[^）)]+)[）)]$", folded)
    if paren and is_name(paren.group("name").strip()):
        name = original[: len(paren.group("name"))].strip()
        app = original[paren.start("app") : paren.end("app")]
        return name, tuple(re.split(r"[、，,]", app))
    if is_name(folded):
        return original, ()
    title = title_at_end(folded)
    if title and is_name(folded[: -len(title)]):
        # "亢某某代表：", the name and a title: the title is one of theirs.
        return original[: len(folded) - len(title)], (original[len(folded) - len(title) :],)
    found = introductions(folded, original)
    if found and found[-1].name_end == len(folded):
        intro = found[-1]
        return original[intro.name_start : intro.name_end], intro.segments
    return "", ()


def _units(words: list[str]) -> bool:
    """Do ``words`` name where someone works ("市工信局 逄某某："): each an organisation?"""
    return bool(words) and all(
        w.endswith((*ORGANISATION_ENDINGS, "委", "办")) and len(w) <= UNIT_MAX for w in words
    )


UNIT_MAX = 16


def _titles(words: list[str]) -> bool:
    """Do ``words`` say who someone is: each piece a role or ending with a title?"""
    parts = [p for w in words for p in re.split(r"[、，,]", w) if p]
    return bool(parts) and all(is_role(p) or title_at_end(p) for p in parts)


def _section(line: Line) -> bool:
    head = line.folded.rstrip().rstrip("：:")
    name, segments = _person_in_tag(line.text[: len(head)], head)
    if not name:
        return False
    line.kind, line.name, line.segments = LineKind.SECTION, name, segments
    return True


def _is_role_line(folded: str) -> bool:
    if len(folded) > 50 or _INNER_PUNCT_RE.search(folded):
        return False
    parts = [p for p in re.split(r"[、/／\s]+", folded) if p]
    return bool(parts) and all(is_role(p) or title_at_end(p) for p in parts)


# ---------------------------------------------------------------- articles and passages


@dataclass
class _Builder:
    reading: FileReading
    directory: Directory = field(default_factory=Directory)


def _assemble(
    reading: FileReading, lines: list[Line], fallback: str, author: authors.Author | None
) -> None:
    builder = _Builder(reading)
    starts = _article_starts(lines)
    # A signed opinion piece speaks in its writer's voice, as an interview in its
    # interviewee's; on a page of several articles, whose it is cannot be told.
    writer = _person(builder, author.name, author.held, -1, 0) if author else None
    _collect_people(builder, lines)
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
        if interviewee is None and len(starts) == 1:
            interviewee = writer
        if header is not None and not header.name:
            reading.unnamed_headers.append(header.text)
        headline = _WIRE_TITLE_RE.sub("", headline, count=1)
        article = ArticleDraft(headline or (header.text if header else fallback), interviewee)
        article.told = header is not None and header.told
        reading.articles.append(article)
        _body(builder, len(reading.articles) - 1, article, body)


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
            body_seen = True
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


def _collect_people(builder: _Builder, lines: list[Line]) -> None:
    """Everyone the file introduces, so sentences can be given to them."""
    reading = builder.reading
    read_in = (LineKind.BODY, LineKind.TURN, LineKind.HEADING, LineKind.SECTION)
    dotted = [
        [line.text[start:end] for start, end in dotted_names(line.folded)]
        if line.kind in read_in
        else []
        for line in lines
    ]
    _full_names(lines, [name for names in dotted for name in names])
    for i, line in enumerate(lines):
        if line.name:
            _person(builder, line.name, line.segments, -1, 0)
        if line.kind in read_in:
            # A name is settled by how the text around it uses it, not the whole file
            # (joined only for a line that has a title to settle a name after).
            window = functools.partial(_nearby, lines, i)
            for intro in introductions(line.folded, line.text, window):
                name = line.text[intro.name_start : intro.name_end]
                _person(builder, name, intro.segments, -1, 0)
            for name, title in titled_names(line.folded, line.text):
                key = _person(builder, name, (), -1, 0)
                reading.people[key].titles.add(title)
            for name in untitled_names(line.folded, line.text):
                _person(builder, name, (), -1, 0)
            for name in dotted[i]:
                _person(builder, name, (), -1, 0)
            for name, held in named_first(line.folded, line.text):
                _person(builder, name, held, -1, 0)
    for line in lines:
        if line.kind in (LineKind.BODY, LineKind.TURN):
            for name, held in _held_after(line, reading.people):
                _person(builder, name, held, -1, 0)
    for key, draft in reading.people.items():
        builder.directory.add(normalize(draft.name), key)
        builder.directory.add(fold(draft.name), key)
        for part in short_forms(fold(draft.name)):
            builder.directory.add(part, key)
    for key, draft in reading.people.items():
        surname = draft.name[: len(surname_of(normalize(draft.name)))]
        titles: set[str] = set(draft.titles)
        for kind, text, _, _ in draft.facts:
            for part in re.split(r"[、，,]", text):
                title = title_at_end(fold(part)) or (fold(part) if kind is FactKind.ROLE else "")
                titles.update(address_forms(title) if title else ())
        builder.directory.titles[key] = titles
        for title in titles:
            builder.directory.add(fold(surname) + title, key)
        # "王某某代表": the full name with a title after it.
        for title in titles:
            builder.directory.add(fold(draft.name) + title, key)
    _address_by_surname(builder, lines)


def _full_names(lines: list[Line], dotted: list[str]) -> None:
    """A turn tagged with one part of a dotted name the page gives in full ("费雷拉："
    after 安德烈·费雷拉) is that person's: the tag takes the full name."""
    whole: dict[str, set[str]] = {}
    for name in dotted:
        for part in short_forms(fold(name)):
            whole.setdefault(part, set()).add(name)
    if not whole:
        return
    for line in lines:
        named = whole.get(fold(line.name)) if line.name else None
        if named and len(named) == 1:
            line.name = next(iter(named))


def _address_by_surname(builder: _Builder, lines: list[Line]) -> None:
    """ "揭书记" where the file never says 揭某某 is a 书记 ("被选派到村里担任第一书记"):
    a surname only one of the file's people bears, and any title after it, is them."""
    people = builder.reading.people
    bearers = Counter(surname_of(fold(d.name)) for d in people.values())
    unique = {surname_of(fold(d.name)): key for key, d in people.items()}
    unique = {s: key for s, key in unique.items() if bearers[s] == 1 and is_han(s)}
    if not unique:
        return
    text = "\n".join(line.folded for line in lines)
    # Every title in the text, then the surname before it: one pattern for every file.
    for match in _TITLE_SCAN_RE.finditer(text):
        for length in sorted({len(s) for s in unique}, reverse=True):
            start = match.start() - length
            surname = text[start : match.start()] if start >= 0 else ""
            if surname in unique and _address_starts(text, start):
                form = surname + match.group(0)
                if form not in builder.directory.names:
                    builder.directory.add(form, unique[surname])
                break
    for surname, key in unique.items():
        # "老乜说": a feature calls its person 老 and the surname, once it knows them.
        form = OLD + surname
        if len(surname) == 1 and surname not in NOT_AFTER_OLD and _used_as_address(text, form):
            builder.directory.add(form, key)


def _used_as_address(text: str, form: str) -> bool:
    """Does ``text`` use ``form`` as it uses a name: where an address may start, and with
    a verb of saying or a stop after it, somewhere?"""
    at = text.find(form)
    while at >= 0:
        after = text[at + len(form) : at + len(form) + 40]
        if _address_starts(text, at) and boundary_after(after):
            return True
        at = text.find(form, at + 1)
    return False


def _address_starts(text: str, at: int) -> bool:
    """May a form of address start at ``at``: after no other Han character (so 提高 is
    not 高), or after a word that stands before a person (的, 对, 请, 这位…)?"""
    before = text[at - 1 : at]
    return not is_han(before) or before in "的是和与跟对向让请问给找被把那这位了说"


_TITLE_SCAN_RE = re.compile(
    "|".join(map(re.escape, sorted({*TITLES, *HONORIFICS}, key=len, reverse=True)))
)


# "……。某某是市人大代表。": a name, 是, and what the person is, a clause of its own.
_HELD_AFTER_RE = re.compile(
    r"(?:^|(?<=[，。；！？”」]))(?P<name>[^，。；：:“”「」\s]{2,16})是(?P<held>[^，。；：:“”「」\s]{2,40}?)(?=[。；，])"
)


def _held_after(line: Line, people: dict[str, PersonDraft]) -> list[tuple[str, tuple[str, ...]]]:
    """People the file knows, each with what a clause says they are ("某某是市人大代表")."""
    found: list[tuple[str, tuple[str, ...]]] = []
    if "是" not in line.folded:
        return found
    for match in _HELD_AFTER_RE.finditer(line.folded):
        # "今年52岁的宿某某是市政协委员": the name is after 的.
        subject = match.group("name").rsplit("的", 1)[-1]
        start = match.end("name") - len(subject)
        name, key = line.text[start : match.end("name")], key_of(subject)
        held = line.text[match.start("held") : match.end("held")]
        if (key in people or is_name(subject)) and all(
            is_role(fold(part)) or title_at_end(fold(part)) for part in re.split("[、]", held)
        ):
            found.append((people[key].name if key in people else name, tuple(held.split("、"))))
    return found


def _nearby(lines: list[Line], i: int) -> str:
    return "\n".join(near.folded for near in lines[max(0, i - NEARBY_LINES) : i + NEARBY_LINES])


def _person(
    builder: _Builder, name: str, segments: tuple[str, ...], article: int, paragraph: int
) -> str:
    key = key_of(name)
    draft = builder.reading.people.setdefault(key, PersonDraft(name))
    for segment in segments:
        # A list's numbering is not part of anyone's role ("1. 市人大代表").
        segment = _NUMBERED_RE.sub("", segment.strip()).strip("【】[]［］ ")
        if not segment or segment in _PAREN_TAGS:
            continue  # "【嘉宾 某某】": what the tag calls a turn, not what they are
        # A deputy tagged "某某代表：" holds the role, though the page never says which.
        bare_role = fold(segment) in BARE_ROLES
        kind = FactKind.ROLE if is_role(fold(segment)) or bare_role else FactKind.AFFILIATION
        if all(f[1] != segment for f in draft.facts):
            draft.facts.append((kind, segment, article, paragraph))
    return key


def _body(builder: _Builder, article_no: int, article: ArticleDraft, lines: list[Line]) -> None:
    reading = builder.reading
    directory = builder.directory.within("\n".join(line.folded for line in lines))
    # In a Q&A the reporter speaks until the first question: the lead is theirs. After
    # a question, untagged paragraphs are the interviewee's answer, up to the next one.
    asked = _questions_asked(lines)
    if article.interviewee is None and asked:
        article.interviewee = _lead_interviewee(lines, reading.people, article.headline)
    asking = bool(article.interviewee) and asked
    # A profile ("——记") is the reporter's telling: only what the person is shown
    # saying is theirs. An interview ("——访") reports the interviewee throughout.
    default = Frame(None if asking or article.told else article.interviewee, Kind.REPORTED)
    answer = Frame(article.interviewee, Kind.ANSWER, whole=True) if asking else default
    frame = default
    state = State()
    if article.interviewee:
        state.touch(article.interviewee)
    heading = ""
    fresh_section = False
    last_question: int | None = None
    current: list[Line] = []
    current_frame = frame
    signed = -1  # the last passage a signature gave its speaker
    asked_of: str | None = None  # whom the last question named, to answer it
    cards = False  # under a list of the guests ("【本期嘉宾】")
    turned = False  # the frame is a tagged turn's, which a report may follow
    labelled = False  # a label line ("【冼某某委员】") was the last line: its paragraph is next

    def flush() -> None:
        nonlocal current, last_question, signed, labelled
        if not current:
            return
        first = current[0]
        text = "".join(line.text for line in current)
        reading.repaired += len(current) - 1
        folded = fold(text)
        local = current_frame
        sentences = attribute_passage(text, folded, first.offset, local, state, directory)
        number = len(article.passages) + 1
        draft = PassageDraft(text, number, article_no, sentences, heading)
        # An answer replies to the question before it: every paragraph of a tagged
        # answer, and the first paragraph after a question that is not tagged.
        follows = last_question == len(reading.passages) - 1
        # Who answers: the frame's speaker, or whoever the paragraph gives words to first
        # ("小编问他：……？" then "亓某某想了想，笑着说：……").
        answering = local.speaker or next((s.speaker for s in sentences if s.speaker), None)
        if answering and last_question is not None and (local.whole or follows):
            draft.prompt = last_question
        reading.passages.append(draft)
        index = len(reading.passages) - 1
        article.passages.append(index)
        if labelled:
            # The label's own paragraph: a signature further down never takes it.
            signed, labelled = max(signed, index), False
        last_question = index if local.question else (last_question if local.whole else None)
        for key in {s.speaker for s in sentences if s.speaker}:
            person = reading.people[key]
            if article_no not in person.articles:
                person.articles.append(article_no)
        current = []

    for line in lines:
        kind = line.kind
        card = _card(line) if cards else None
        if card is not None:
            # "简某某：某大学副教授，……" or "仉某某　全国人大代表，某医院院长" under
            # 【本期嘉宾】: who a guest is, never their words, one line each.
            flush()
            current, current_frame = [line], Frame(None, Kind.REPORTED)
            name, held = card
            if held:
                _person(builder, name, held, article_no, len(article.passages) + 1)
            continue
        if kind in (LineKind.BODY, LineKind.ROLE) and current and _joins(current, line):
            current.append(line)
            continue
        flush()
        cards = kind is LineKind.HEADING and _guests(line)
        if kind is LineKind.TURN:
            if line.question:
                asked_of = _asked_of(line, reading, directory)
            elif line.answer and asked_of:
                # "问：韦教授，……" then "答：……": the guest the question names answers.
                frame = Frame(asked_of, Kind.ANSWER, whole=True)
                current, current_frame = [line], frame
                continue
            frame = _turn_frame(line, reading, directory, article.interviewee) or default
            turned = frame.whole and frame.speaker is not None and not line.question
            current, current_frame = [line], frame
            if line.narrator:
                state.current = None  # the voice-over: whoever spoke before has finished
        elif kind is LineKind.LABEL and line.question:
            # Every paragraph under an asker's tag is the question, up to the next speaker.
            frame = Frame(None, Kind.QUESTION, whole=True, question=True)
            heading = ""
        elif kind is LineKind.LABEL:
            frame = Frame(key_of(line.name), Kind.ANSWER, whole=True)
            labelled = True
            fresh_section = True
            heading = ""
        elif kind is LineKind.SECTION:
            frame = Frame(key_of(line.name), Kind.REPORTED)
            state.touch(key_of(line.name))
            fresh_section = True
            heading = ""
        elif kind is LineKind.SIGNATURE:
            who = key_of(line.name)
            signed = _sign(reading, article_no, article, who, signed, (state, directory))
        elif kind is LineKind.ROLE and fresh_section:
            continue
        elif kind is LineKind.HEADING and frame.question and frame.whole and _asks(line):
            current, current_frame = [line], frame  # an asker's question, asked on
        elif (
            (kind is LineKind.HEADING and article.interviewee and _asks(line))
            or (kind is LineKind.BODY and asking and _untagged_question(line))
            or (kind in (LineKind.BODY, LineKind.HEADING) and _reporter_asks(line))
        ):
            # In an interview, a short line asking something is the reporter's
            # question, printed without a tag (in bold, on the page).
            frame = Frame(None, Kind.QUESTION, question=True)
            current, current_frame = [line], frame
        elif kind is LineKind.HEADING and _box(line):
            frame, heading, fresh_section = Frame(None, Kind.REPORTED), line.text, False
            state.current = None  # "记者手记": the reporter's own, to the next heading
        elif kind is LineKind.HEADING:
            if not fresh_section:
                frame = default
            heading = line.text
            fresh_section = False
        else:
            fresh_section = False
            if frame.question and not frame.whole:
                frame = answer
            elif (
                turned
                and frame.speaker
                and kind is LineKind.BODY
                and reports_on(line.folded, directory, frame.speaker)
            ):
                frame, turned = default, False  # the report goes on between the turns
            current, current_frame = [line], frame
    flush()
    _quoted_on(reading, article)


def _quoted_on(reading: FileReading, article: ArticleDraft) -> None:
    """Give a quotation that runs over several paragraphs to whom its last one names.

    Chinese papers open each paragraph of a long quotation with “ and close it only
    in the last ("……。”老某说。"): the paragraphs left open are the same person's
    words, whoever spoke before them.
    """
    still_open: list[int] = []
    for index in article.passages:
        draft = reading.passages[index]
        text = fold(draft.text).strip()
        if not text.startswith(_OPENING_MARKS):
            still_open = []
            continue
        if text.count("“") + text.count("「") > text.count("”") + text.count("」"):
            still_open.append(index)
            continue
        first = draft.sentences[0] if draft.sentences else None
        who = first.speaker if first is not None and first.kind is Kind.QUOTE else None
        for earlier in still_open if who else ():
            opened = reading.passages[earlier]
            opened.sentences = tuple(
                Sentence(s.start, s.end, Kind.QUOTE, who) for s in opened.sentences
            )
        still_open = []


_OPENING_MARKS = ("“", "「")
QUESTION_MAX = 60
DATED_HEADLINE_MAX = 60
NUMBERED_QUESTION_MAX = 90


def _card(line: Line) -> tuple[str, tuple[str, ...]] | None:
    """A guest list's line: the guest's name and what it says they hold, or None."""
    if line.kind is LineKind.TURN and line.name and not line.question:
        name, words = line.name, line.text[line.offset :].strip()
    elif line.kind is LineKind.BODY and len(parts := line.text.strip().split(None, 1)) == 2:
        name, words = parts
        if not is_name(fold(name)):
            return None
    else:
        return None
    held = tuple(part for part in _HELD_PARTS_RE.split(words) if part and title_at_end(fold(part)))
    return name, held


def _guests(line: Line) -> bool:
    """Is ``line`` the heading of a list of guests ("【本期嘉宾】", "嘉宾介绍")?"""
    text = furniture.heading_text(line.folded)
    return len(text) <= GUEST_HEADING_MAX and "嘉宾" in text


# A guest list's heading is a few words: 本期嘉宾, 对话嘉宾, 嘉宾介绍.
GUEST_HEADING_MAX = 6
# What a guest card says they hold, piece by piece: "全国人大代表，某医院院长、主任医师".
_HELD_PARTS_RE = re.compile(r"[，,、；;。]")


def _box(line: Line) -> bool:
    """Is ``line`` the heading of a box the reporter adds ("【记者手记】")?"""
    return furniture.heading_text(line.folded) in _BOX_TAGS


# The reporter putting a question in the telling: "小编问他：……？", "记者追问道：……？".
_REPORTER_ASKS_RE = re.compile(
    r"^(?:有|一位|一名)?(?:记者|小编|笔者|本报记者)(?:又|再|还)?(?:追问|提问|问)(?:他|她|道|起)?[：:，,]"
)


def _reporter_asks(line: Line) -> bool:
    """Is ``line`` the reporter telling the question they put, and nothing else?"""
    text = line.folded.strip()
    return bool(_REPORTER_ASKS_RE.match(text)) and text.endswith(("？", "?")) and "。" not in text


def _untagged_question(line: Line) -> bool:
    """Is ``line`` a question standing alone: short, asking, and no sentence of
    another kind in it ("海洋牧场投入大、回报慢，社会资本愿意进来吗？")?"""
    text = line.folded.strip()
    if not _asks(line) or text.startswith(("“", "「", '"')):
        return False
    if _NUMBERED_RE.match(text):
        # "2. 很多人认为，把管道加粗就能解决问题。您怎么看？": numbered, it may lead in.
        return len(text) <= NUMBERED_QUESTION_MAX
    return len(text) <= QUESTION_MAX and not re.search(r"[。！!；;]", text)


_VISITED_RE = re.compile(r"专访了?|采访了|访问了|对话了?|连线了?")


def _lead_interviewee(
    lines: list[Line], people: dict[str, PersonDraft], headline: str = ""
) -> str | None:
    """Whom a Q&A without a ——访 header interviews: the one person its headline names
    after 对话 or 专访 ("对话某公司CTO某某：……"), or its lead introduces after 专访 or
    采访了 ("本报记者专访了某大学教授某某"), before the first question."""
    named = [k for k in _visited(fold(headline)) if k in people][:1]
    if named:
        return named[0]
    lead: list[str] = []
    for line in lines:
        if line.question or _asks(line) or line.kind in (LineKind.TURN, LineKind.LABEL):
            break
        lead.append(line.folded)
    known = list(dict.fromkeys(k for k in _visited("".join(lead)) if k in people))
    return known[0] if len(known) == 1 else None


def _visited(folded: str) -> list[str]:
    """The people introduced after 专访, 对话 or 采访了 in ``folded``, as keys."""
    visited = _VISITED_RE.search(folded)
    if visited is None:
        return []
    after = folded[visited.end() :]
    return [key_of(after[i.name_start : i.name_end]) for i in introductions(after, after)]


def _questions_asked(lines: list[Line]) -> bool:
    """Is the article a Q&A: a tagged question or a heading that asks, or questions
    standing alone as paragraphs more than once?"""
    if any(line.question or (line.kind is LineKind.HEADING and _asks(line)) for line in lines):
        return True
    return sum(line.kind is LineKind.BODY and _untagged_question(line) for line in lines) >= 2


def _turn_frame(
    line: Line, reading: FileReading, directory: Directory, interviewee: str | None
) -> Frame | None:
    """Whose words a turn holds; None for the article's default (an untagged answer
    in an article without an interviewee)."""
    if line.question:
        return Frame(None, Kind.QUESTION, question=True)
    if line.narrator:
        return Frame(None, Kind.REPORTED)
    if line.name:
        return Frame(key_of(line.name), Kind.ANSWER, whole=True)
    if line.address:
        who = _addressed(reading, line.address, directory, interviewee)
        # Someone the article does not name (邝主任) is not the interviewee.
        return Frame(who, Kind.ANSWER, whole=True) if who else Frame(None, Kind.REPORTED)
    return Frame(interviewee, Kind.ANSWER, whole=True) if interviewee else None


# Whom a question opens by naming: "韦教授，……", "缑总，您……".
_ASKED_OF_RE = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff]{2,8}?)[，,]")


def _asked_of(line: Line, reading: FileReading, directory: Directory) -> str | None:
    """The person of the file a question turn names before its first comma, if any."""
    opening = _ASKED_OF_RE.match(line.folded[line.offset :])
    if opening is None:
        return None
    who = opening.group("who")
    found = directory.names.get(who)
    if found is None and key_of(who) in reading.people:
        found = key_of(who)
    return found


def _addressed(
    reading: FileReading, form: str, directory: Directory, interviewee: str | None
) -> str | None:
    """The person a form of address (阙代表) tags: whom the file knows by it, else the
    interviewee if the surname is theirs."""
    key = directory.names.get(form)
    if key is not None:
        return key
    if interviewee is not None and fold(reading.people[interviewee].name)[:1] == form[:1]:
        return interviewee
    if form in COMPOUND_SURNAMES or form in SINGLE_SURNAMES:
        # "韦：" in a dialogue of two guests: the one person of the file with that surname.
        bearers = [k for k, d in reading.people.items() if surname_of(fold(d.name)) == form]
        if len(bearers) == 1:
            return bearers[0]
    return None


def _sign(
    reading: FileReading,
    article_no: int,
    article: ArticleDraft,
    who: str,
    signed: int,
    attributing: tuple[State, Directory],
) -> int:
    """Give the quotation paragraphs just above a signature to the person it names,
    back to the last paragraph that is not one or was signed already (``signed``, a
    passage's index); the last passage's index after it is signed."""
    frame = Frame(who, Kind.QUOTE, whole=True)
    for index in reversed(article.passages):
        draft = reading.passages[index]
        folded = fold(draft.text)
        if index <= signed or not all_quoted(folded):
            break
        draft.sentences = attribute_passage(draft.text, folded, 0, frame, *attributing)
    person = reading.people[who]
    if article_no not in person.articles:
        person.articles.append(article_no)
    return article.passages[-1] if article.passages else signed


def _asks(line: Line) -> bool:
    """Does the line end with a question mark ("您今年带来了哪些建议？")?"""
    return line.folded.rstrip().endswith(("？", "?"))


def _joins(current: list[Line], line: Line) -> bool:
    """Does ``line`` carry on the paragraph ``current`` broke off? Never a quotation
    a signature follows: the signature makes it a paragraph of its own."""
    return not line.signed and not line.after_cut and _continues(current)


def _continues(current: list[Line]) -> bool:
    text = "".join(line.text for line in current)
    return not ends_sentence(text) and len(text) < PARAGRAPH_MAX


def attribute_passage(
    text: str, folded: str, offset: int, frame: Frame, state: State, directory: Directory
) -> tuple[Sentence, ...]:
    """Attribute the passage's words; a turn's tag ("记者：", "[某某]") is nobody's."""
    sentences = attribute(text[offset:], folded[offset:], frame, state, directory)
    return tuple(Sentence(s.start + offset, s.end + offset, s.kind, s.speaker) for s in sentences)
