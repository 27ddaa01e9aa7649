"""What each line of a page is: furniture aside, an interview header, a speaker's
turn, a label line and its role line, a section heading naming a person, a heading, a
signature under a quotation, or body text. Only the shapes news pages take."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate
from typing import NamedTuple

from fangtan.retrieval.reading.affiliations import ORGANISATION_ENDINGS
from fangtan.retrieval.reading.common_words import common_pair, common_triple, word_start
from fangtan.retrieval.reading.furniture import AUDIENCE
from fangtan.retrieval.reading.header import (
    ends_sentence,
    parse_speaker,
)
from fangtan.retrieval.reading.mentions import (
    introductions,
    is_name,
    rare_surname_name,
)
from fangtan.retrieval.reading.names import (
    COMPOUND_SURNAMES,
    SINGLE_SURNAMES,
    is_han,
    plausible_name,
)
from fangtan.retrieval.reading.roles import is_role
from fangtan.retrieval.reading.sentences import speaks_as_i
from fangtan.retrieval.reading.sign_offs import DASHES, all_quoted, signature
from fangtan.retrieval.reading.speech import TO_REPORTER
from fangtan.retrieval.reading.titles import HONORIFICS, SHORT_TITLES, title_at_end
from fangtan.retrieval.records import Speaker
from fangtan.retrieval.search.normalize import fold

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


NUMBERED_RE = re.compile(rf"^{_ENUMERATOR}")


# A TV transcript's tags in round brackets too ("（同期声）", "（记者）"), though only the
# tags a transcript uses: round brackets open asides, captions and credits as well.
_TAG_PAREN_RE = re.compile(r"^[（(]\s*(?P<tag>[^）)]{1,6}?)\s*[）)]\s*(?P<rest>\S.*)$")
# A Taiwanese TV page's sound bite: who and what they are, split by a slash, in round
# brackets before their words ("（某某／某鄉居民）「……」").
_SLASH_TAG_RE = re.compile(
    r"^[（(]\s*(?P<tag>[^（）()／/]{1,30}[／/][^（）()／/]{1,30}?)\s*[）)]\s*(?P<rest>\S.*)$"
)
_SLASH_RE = re.compile("[／/]")
# What a slash pairs with a reporter's name in a credit: （記者某某／某地報導）.
_CREDIT_ENDS = ("报导", "报道", "摄影", "摄", "记者", "编辑", "整理")


_TIME_RE = re.compile(r"\d{1,2}[:：]\d{2}(?::\d{2})?")


_STAMP_RE = re.compile(rf"[【\[［（(]?\s*{_TIME_RE.pattern}\s*[】\]］）)]?")


_TAG_COLON_RE = re.compile(
    # A tag set in bold as a Markdown copy keeps it: "**某某：**……".
    rf"^(?:{_ENUMERATOR})?(?:\*\*|__)?"
    rf"(?P<tag>[^，。：:“”、\s*]{{1,14}}|[^，。：:“”]{{1,14}}[（(][^）)]{{2,40}}[）)]"
    # "市政协委员、某医院副院长 王某某": roles, then the name after a space.
    r"|[^，。：:“”\s][^，。：:“”]{0,30}\s[^，。：:“”、\s]{2,4}"
    # "王某某 某县农业农村局局长": a caption's order, the name first.
    r"|[^，。：:“”、\s]{2,4}\s[^，。：:“”\s][^，。：:“”]{0,30})[：:](?:\*\*|__)?\s*(?P<rest>.*)$"
)


_LABEL_RE = re.compile(r"^[【\[［■◆●▲★·]?\s*(?P<name>[\u4e00-\u9fff]{2,4})\s*[】\]］]?$")


_INNER_PUNCT_RE = re.compile(r"[，。；！？,;!?：:]")


_CLAUSE_PUNCT_RE = re.compile(r"[，。；,;：:]")
# Words said, not a list of who is there ("嘉宾：某某 某大学教授；某某 ……").
_SAYING_PUNCT_RE = re.compile(r"[，。！？,!?]")


_REPORTER_TAGS = ("记者", "问", "主持人", "Q", "q", "本报", "编者", "提问")


_ANSWER_TAGS = ("答", "A", "a")


_NUMBERED_ANSWER_RE = re.compile(r"[Aa答]\d{1,2}")  # "A1：" answers "Q1："


# A TV transcript's voice-over and on-screen text: the reporter's narration.
_NARRATOR_TAGS = ("解说", "画外音", "旁白", "配音", "导语", "导视", "字幕", "现场", "口播", "短片")


# Boxes the reporter adds beside the interview: a profile, a note, background. Nobody's
# words, whoever they are about.
BOX_TAGS = (
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
_VOICE_TAGS = ("记者", "主持人", "出镜记者", "现场记者", "播音员", "主播")

# A TV transcript's sound bite, a press conference's or a talk show's guest: the
# person it names speaks on the following lines (or after their own tag).
GUEST_TAGS = ("嘉宾", "访谈嘉宾")
_SOUND_BITE_TAGS = ("同期", "同期声", "采访", "采访同期", "发布人", "发言人", *GUEST_TAGS)


# Tags read in round brackets, and tags whose words are nobody's: worked out once, as
# every line of every file is tested against them.
PAREN_TAGS = frozenset((*_SOUND_BITE_TAGS, *_NARRATOR_TAGS, *_VOICE_TAGS))


_NOBODYS_TAGS = frozenset((*_NARRATOR_TAGS, *BOX_TAGS))


_OUTLET_END = ("报", "社", "网", "台", "新闻", "客户端", "日报", "晚报", "时报", "周刊", "电视台")


# A press conference's questioner names their outlet: "新华社记者：", "某某日报记者提问：".
_ASKER_END = ("记者", "提问", "追问")
# How a reader's or listener's question is tagged in a Q&A column.
_AUDIENCE_ASKS = ("问", "提问", "问道", "咨询", "来信问")
# Who asked, as a report tells it rather than a transcript tags it: 有记者提问, 一位网友问.
_TOLD_ASKER = ("有", "一位", "一名", "另一位", "另有")


# An event notice's fields ("时间：…", "地点：…") are not turns, though 时间 reads as a name.
_FIELD_LABELS = frozenset(
    "时间 日期 地点 主题 议题 内容 形式 方式 主办 承办 地址 电话 索引号 发布机构 发文机关"
    " 发文日期 成文日期 发布日期 生成日期 主题分类 文号 发文字号 信息来源 有效性"
    # A profile box's fields: "经历：……", "学历：……".
    " 经历 学历 出生 籍贯 得奖 获奖 简历 现职 专长 代表作"
    # A message board's fields around a message and its reply.
    " 留言时间 回复时间 回复单位 办理单位 承办单位 答复单位 经办人 联系人 联系电话 办理状态"
    " 留言标题 来信时间".split()
)
# Who posted a message: "【留言三】网友“某某”留言：" over it, or "网友“某某”：……" and
# "网友“某某”追问：……" before it on the line.
_POSTED_RE = re.compile(
    r"^(?:[【\[][^】\]]{1,8}[】\]])?\s*网友[“「\"](?P<nick>[^”」\"]{2,12})[”」\"]"
    r"(?P<verb>留言|提问|追问|问|反映|来信|发帖)?[：:]\s*"
)
# Who wrote the message under the line: "留言人：网友“某某”　　留言时间：……".
_POSTER_RE = re.compile(
    r"^(?:留言人|来信人|提问人|投诉人|反映人|发帖人|留言网友)[：:]\s*(?:网友)?"
    r"(?:[“「\"](?P<nick>[^”」\"]{2,12})[”」\"]|(?P<name>[\u4e00-\u9fff·]{2,8}))"
)


# A row of such fields on one line: "索引号：……　　发布机构：……".
_FIELD_ROW_RE = re.compile(r"\S[\s\u3000]{2,}[^\s\u3000：:，。]{2,6}[：:]")


HEADING_MAX = 40
# A subtitle says something (not "- END -").
_SUBTITLE_WORDS_RE = re.compile(r"[\u4e00-\u9fff]{2}")


# A short line that is nothing but a quotation with no sentence's end inside: a sub-head
# or pull quote over a section, never glued to the paragraph under it.
_PULL_QUOTE_RE = re.compile(r"[“「『][^“”「」『』。！？!?\n]{2,36}[”」』]")


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
    # A transcript's voice-over (解说, 旁白), or someone tagged by post alone (村会计):
    # words of no one the page names.
    narrator: bool = False
    answer: bool = False  # 答：, the interviewee's turn
    dated: bool = False  # a dateline or byline follows: a headline starting a new report
    signed: bool = False  # a signature follows: a quotation, a paragraph of its own
    told: bool = False  # a header "——记某某": a profile in the reporter's telling
    after_cut: bool = False  # furniture was cut out just above: it cannot carry a paragraph on
    card: bool = False  # a name card ("▶ 某某 roles"): what follows is about them, not theirs
    field: str = ""  # a row of fields' first label ("回复单位"): a heading wherever it stands
    post: bool = False  # a poster's handle over one post: the report goes on after it


class JoinedLines:
    """Lines' folded texts joined by newlines once, so that any run of them is a slice
    of the whole (a join of its own for every line cost more than reading the line)."""

    def __init__(self, lines: list[Line]) -> None:
        self.whole = "\n".join(line.folded for line in lines)
        # Where each line starts in ``whole``, and where one past the last would.
        self._starts = list(accumulate((len(line.folded) + 1 for line in lines), initial=0))

    def run(self, first: int, last: int) -> str:
        """Lines ``first`` to ``last - 1`` (those there are), joined."""
        first, last = max(0, first), min(len(self._starts) - 1, last)
        return self.whole[self._starts[first] : self._starts[last] - 1] if last > first else ""


def classify_lines(body: list[Line]) -> None:
    """Sort the lines left once furniture is cut out, each by what it is."""
    tags = [_tag_of(line.folded) for line in body]
    recurring, asking = _recurring_tags(tags), _asking_tags(tags)
    joined = JoinedLines(body)
    for i, line in enumerate(body):
        # A header's person is looked for in the lines that follow it, not the whole file.
        nearby = joined.run(i + 1, i + 1 + NEARBY_LINES)
        if not _signs(body, i, nearby):
            following = body[i + 1] if i + 1 < len(body) else None
            _classify(line, following, nearby, _Tagged(tags[i], recurring, joined.whole, asking))
    _settle_headings(body)


def _classify(line: Line, following: Line | None, nearby: str, tagged: _Tagged) -> None:
    folded = line.folded
    # Over a dateline or 发布时间: a headline, though it quotes someone ("对话某公司CTO
    # 某某：AI不是SaaS的插件，……") as a turn would.
    dated_headline = line.dated and len(folded) <= DATED_HEADLINE_MAX
    # "对话｜某某：……" is a Q&A's headline, whatever follows it.
    dated_headline = dated_headline or headline_visit(folded) is not None
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
    if _message(line, following) or _field_line(line, tagged) or _verified_poster(line):
        return
    if _turn(line, tagged) or _named_section(line, following):
        return
    bracketed_tag = re.fullmatch(r"[【\[［]\s*([^】\]］]{2,40}?)\s*[】\]］]", folded.strip())
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
    if (
        following is not None
        and NUMBERED_RE.match(following.folded)
        and folded.rstrip().endswith(("：", ":"))
        and _CLAUSE_PUNCT_RE.search(folded.rstrip()[:-1]) is None
        and len(folded) > 8
    ):
        return  # "某某给出几条饮食建议：" over "1. ……": a list's lead, in the body
    if len(folded) <= HEADING_MAX and re.fullmatch(r"[^，。；！？,;!?：:]+[：:]", folded.strip()):
        line.kind = LineKind.HEADING  # "第一小组：", a heading that names no one
        return
    if len(folded) <= HEADING_MAX and not _CLAUSE_PUNCT_RE.search(folded.replace("：", "", 1)):
        line.kind = LineKind.HEADING  # a headline may ask or exclaim: 老街怎么改？听听街坊
    elif len(folded) <= HEADING_MAX and line.dated and not folded.rstrip().endswith(("。", ".")):
        line.kind = LineKind.HEADING  # over its dateline a headline may pause: 听，代表这样说
    elif (
        len(folded) <= HEADING_MAX
        and following is not None
        and following.folded.lstrip().startswith(DASHES)
        and bool(_SUBTITLE_WORDS_RE.search(following.folded))
        and not ends_sentence(folded.rstrip())
        and not folded.rstrip().endswith(("：", ":", "."))
    ):
        line.kind = LineKind.HEADING  # over its "——……摘要" subtitle: 暖气不热、末班车太早
    elif item := _ITEM_RE.match(folded):
        # "3.【交通】……": a digest's number and topic are nobody's words; the item's
        # own sentences start after them ("“……”某某说" is read as it would be alone).
        line.offset = item.end()


# A letter to someone opens on 您: a reply to their proposal, not their words.
_LETTER_RE = re.compile(r"^\s*您(?:好|提出|提交|在|所提|反映|的来信|关于)")


def _field_line(line: Line, tagged: _Tagged) -> bool:
    """Is ``line`` a row of fields ("回复单位：……　　回复时间：……", "经办人：某某")? It is
    never glued to a paragraph. Naming who wrote the message under it ("留言人：某某"), it
    labels that message as theirs; any other row ends whoever spoke before it."""
    folded = line.folded.strip()
    poster = _POSTER_RE.match(folded) or _POSTED_RE.match(folded)
    if poster:
        group = "nick" if poster["nick"] else "name"
        line.kind = LineKind.LABEL
        line.name = line.text.strip()[poster.start(group) : poster.end(group)]
        return True
    match = tagged.match
    if match is None or match.re is not _TAG_COLON_RE:
        return False
    tag = match["tag"].strip()
    if tag in _FIELD_LABELS and (
        tag.endswith(("单位", "人", "时间")) or _FIELD_ROW_RE.search(folded)
    ):
        line.kind, line.field = LineKind.HEADING, tag
        return True
    return False


def _message(line: Line, following: Line | None) -> bool:
    """Is ``line`` a message board's message, its poster's handle first ("网友“某某”：……")?
    It is theirs (the handle is all the page calls them), and ends the reply before it.
    Asked in a Q&A column, over "答：", it is the question the expert answers."""
    message = _POSTED_RE.match(line.folded)
    if message is None or not line.folded[message.end() :].strip():
        return False  # alone on its line, it labels the message under it (_field_line)
    line.kind, line.offset = LineKind.TURN, message.end()
    reply = _tag_of(following.folded) if following is not None else None
    answered = reply is not None and reply.group("tag").strip() in _ANSWER_TAGS
    if answered and message["verb"] in _AUDIENCE_ASKS:
        line.question = True
        return True
    line.name = line.text[message.start("nick") : message.end("nick")]
    return True


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
# A post's card: "👩‍🏫 某某｜夜校书法课老师，退休教师" — the name, a bar, what they are.
_BARRED_CARD_RE = re.compile(
    r"^(?P<name>[^\s｜|丨]{2,4})\s*[｜|丨]\s*(?P<held>[^｜|丨。；！？]{2,40})$"
)


# A social-media post's writer: a handle, the name the platform verified and what they
# are, then the post ("@某某说交通（认证：某某，某大学副教授）：……").
_VERIFIED_RE = re.compile(
    r"^[@＠][^\s：:，。（(]{1,24}\s*[（(]\s*(?:实名)?认证\s*[：:]\s*"
    r"(?P<name>[\u4e00-\u9fff·]{2,8})\s*[，,、\s]\s*(?P<held>[^（()）]{2,60})[）)]\s*[：:]?\s*"
)


def _verified_poster(line: Line) -> bool:
    """Is ``line`` a verified poster's handle, over their post or before it? Their post
    is their words, a turn of theirs: what the platform says they are is their role."""
    match = _VERIFIED_RE.match(line.folded.strip())
    if match is None or not is_name(match["name"]):
        return False
    lead = len(line.folded) - len(line.folded.lstrip())
    line.name = line.text[lead + match.start("name") : lead + match.end("name")]
    held = line.text[lead + match.start("held") : lead + match.end("held")]
    line.segments = tuple(p for p in re.split(r"[，,、；;]", held) if p.strip())
    if line.folded.strip()[match.end() :]:
        line.kind, line.offset = LineKind.TURN, lead + match.end()
    else:
        line.kind, line.post = LineKind.LABEL, True
    return True


# "【委员通道】全国政协委员某某：让深海装备不再“卡脖子”": a column's kicker, who
# speaks (what they are, then their name), and the title over their words.
_NAMED_SECTION_RE = re.compile(
    r"^\s*(?:[【\[][^】\]]{2,10}[】\]])?\s*(?P<who>[^：:，。；！？“”「」]{4,40})[：:]"
    r"(?P<title>[^。；]{2,40})$"
)


def _named_section(line: Line, following: Line | None) -> bool:
    """Is ``line`` a heading naming who speaks under it, with what they are, before a
    title of their words? The paragraphs under it are theirs where they speak as 我."""
    match = _NAMED_SECTION_RE.match(line.folded)
    if match is None or following is None or following.kind is not LineKind.BODY:
        return False
    if _SAYING_PUNCT_RE.search(match["title"].rstrip("！？!?")):
        return False  # "某某：……，……": words on the line, not a title over them
    who = line.text[match.start("who") : match.end("who")]
    name, segments = _person_in_tag(who, match["who"])
    if not name or not segments:
        return False
    line.kind, line.name, line.segments, line.card = LineKind.SECTION, name, segments, True
    return True


def _name_card(line: Line) -> bool:
    """Is ``line`` a name and what the person is, alone ("▶ 盛某某 全国人大代表、某集团
    董事长", "■ 盛某某（全国人大代表）", "👩 盛某某｜社区医院护士")? The paragraphs under it
    are about them: a section of theirs."""
    text = line.folded.strip()
    bare = _without_marks(text)
    original = line.text.strip()
    original = original[len(original) - len(bare) :]
    barred = _BARRED_CARD_RE.match(bare)
    if barred and is_name(barred["name"]):
        held = [p for p in re.split(r"[，,、]", original[barred.start("held") :]) if p]
        if any(is_role(fold(p)) or title_at_end(fold(p)) for p in held):
            line.kind, line.name, line.segments = (
                LineKind.SECTION,
                original[: barred.end("name")],
                tuple(held),
            )
            line.card = True
            return True
        return False
    marked = len(bare) < len(text)
    paren = marked and bool(re.fullmatch(r"[^（(\s]{2,4}[（(][^（()）]+[）)]", bare))
    if not paren and (_INNER_PUNCT_RE.search(bare) or len(bare.split()) < 2):
        return False
    name, segments = _person_in_tag(original, bare)
    if not name or not segments:
        return False
    line.kind, line.name, line.segments = LineKind.SECTION, name, segments
    line.card = not paren  # "■ 某某（roles）" heads their words, as "某某：" does
    return True


def _without_marks(text: str) -> str:
    """``text`` after the bullets, pictographs and spaces a card or caption opens with."""
    at = 0
    while at < len(text) and (
        text[at] in _CARD_MARKS or text[at].isspace() or unicodedata.category(text[at])[0] in "SCM"
    ):
        at += 1
    return text[at:]


def _signs(lines: list[Line], i: int, nearby: str) -> bool:
    """Is line ``i`` a signature ("——roles name") under a paragraph of quotation, or
    of someone's own words without quotation marks ("我建议，……" then "——name，roles")?

    A short quotation without a comma was taken for a heading; it is one only
    at the top of an article (a quoted headline over an interview's dashed
    header), so it counts as the quotation where body text comes before it.
    """
    line, above = lines[i], lines[i - 1] if i else None
    # Few lines are led by a dash: that is tested first, the line above only then.
    found = signature(line.folded, nearby) if above is not None else None
    if found is None and above is not None:
        found = _letter_signed(line, above, nearby)
    if found is None or above is None:
        return False
    # A short last line of someone's words may have been taken for a heading ("我想问问……？").
    own_words = above.kind in (LineKind.BODY, LineKind.HEADING) and speaks_as_i(above.folded)
    if not all_quoted(above.folded) and not own_words:
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


# A letter's or a reply's signature under it, no dash: what they are, a space, the name
# ("读者 某某", "某市水务局 某某").
_LETTER_SIGNED_RE = re.compile(r"(?P<held>[\u4e00-\u9fff]{2,20})\s+(?P<name>[\u4e00-\u9fff·]{2,8})")


def _letter_signed(line: Line, above: Line, nearby: str) -> tuple[int, Speaker] | None:
    """(0, who) if ``line`` signs the first-person letter or reply above it ("读者 某某"
    under "我……"); None otherwise."""
    match = _LETTER_SIGNED_RE.fullmatch(line.folded.strip())
    if match is None or above.kind not in (LineKind.BODY, LineKind.HEADING):
        return None
    if not speaks_as_i(above.folded):
        return None
    if not is_name(match["name"]):
        return None
    speaker = parse_speaker(line.folded.strip(), nearby)
    return (0, speaker) if speaker.name == match["name"] else None


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
_ENDED = ("。", "”", "」", "』", "？", "！", "?", "!")


def _settle_headings(lines: list[Line]) -> None:
    """A short line inside a body is a heading only where the layout says so.

    Print columns break paragraphs anywhere, even mid-word, so a short line
    between body lines is taken for a broken paragraph unless it stands under
    a label or section line, before a line of another kind, or looks finished
    (it ends with a quotation mark, bracket, ？ or ！).
    """
    for i, line in enumerate(lines):
        if line.kind is not LineKind.HEADING or i == 0 or line.dated or line.field:
            continue
        before = lines[i - 1].kind
        after = lines[i + 1].kind if i + 1 < len(lines) else None
        if before in (LineKind.HEADING, LineKind.LABEL, LineKind.SECTION, LineKind.ROLE):
            continue
        if after is not LineKind.BODY or before is LineKind.HEADER:
            continue
        if line.folded.endswith(_FINISHED) or _salutation(line, lines[i + 1]):
            continue  # "……？", or a letter's greeting over "您好！……"
        if _sub_head(lines[i - 1], line, lines[i + 1]):
            continue
        if _numbered(line):
            continue
        line.kind = LineKind.BODY


def _sub_head(before: Line, line: Line, after: Line) -> bool:
    """Is short ``line``, after a finished sentence and over a line much wider than it,
    a sub-head ("市民：一个月已经过百程")? Not where a word runs on into the next line
    (当前正全力推动科技创 / 新与产业创新融合): a column broke it."""
    own, wider = line.folded.strip(), after.folded.strip()
    return (
        before.folded.rstrip().endswith(_ENDED)
        and len(wider) >= 2 * len(own)
        and not word_start(own[-1:] + wider[:1])
    )


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
        if tag in PAREN_TAGS:
            match = paren
    match = match or _TAG_COLON_RE.match(folded)
    if match is None and (slashed := _SLASH_TAG_RE.match(folded)):
        match = slashed if _slash_person(slashed.group("tag"), slashed.group("tag"))[0] else None
    return match if match and match.group("rest").strip() else None


# Of the lines a tag opens, the share that ask, for a tag that is no one's name to be the
# asker's: an outlet asking under its own name ("某某科技：……？").
ASKING_SHARE = 0.75


def _asking_tags(tags: list[re.Match[str] | None]) -> frozenset[str]:
    """Tags that are nobody's name and open lines that nearly all ask, while another
    tag's lines answer: a Q&A's asker, under whatever the outlet calls itself."""
    asked: dict[str, list[bool]] = {}
    for match in tags:
        if match:
            asked.setdefault(match.group("tag").strip(), []).append(
                bool(re.search(r"[？?]", match.group("rest")))
            )
    shares = {tag: sum(a) / len(a) for tag, a in asked.items() if len(a) > 1}
    if not any(share < 1 - ASKING_SHARE for share in shares.values()):
        return frozenset()
    return frozenset(
        tag
        for tag, share in shares.items()
        if share >= ASKING_SHARE and not is_name(tag) and not _person_in_tag(tag, tag)[0]
    )


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
    asking: frozenset[str] = frozenset()  # tags that are the asker's (``_asking_tags``)


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
    if tag in _NOBODYS_TAGS or (voice and not asks(line)):
        line.kind, line.narrator = LineKind.TURN, True
        return True
    if tag in _SOUND_BITE_TAGS:
        if _sound_bite(line, match.start("rest")):
            return True
        if tag in GUEST_TAGS and _SAYING_PUNCT_RE.search(match.group("rest")):
            # "嘉宾：主持人好，……" under a header naming the guest: their turn, as 答： is.
            line.kind, line.answer, line.offset = LineKind.TURN, True, match.start("rest")
            return True
        return False
    if _asker(tag) and tag.startswith(_TOLD_ASKER) and match.group("rest").lstrip()[:1] in "“「":
        # "有记者提问：「……？」某某笑了笑：「……」": the report telling a question, whose
        # answer may follow on the line; read sentence by sentence, not as a turn.
        line.offset = 0
        return False
    if _asker(tag) or tag in tagged.asking:
        line.kind, line.question = LineKind.TURN, True
        return True
    if tag in _ANSWER_TAGS or _NUMBERED_ANSWER_RE.fullmatch(tag):
        line.kind, line.answer = LineKind.TURN, True
        return True
    rest = match.group("rest")
    if match.re is _SLASH_TAG_RE:
        # A caption over the bite, whether their words are in quotation marks or not.
        original = line.text[match.start("tag") : match.end("tag")]
        line.kind = LineKind.TURN
        line.name, line.segments = _slash_person(original, tag)
        return True
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
    if tag in recurring and plausible_name(tag) and not _post_alone(tag):
        # (not "公诉人：" again and again: a post, whose first character is a surname too)
        line.kind, line.name = LineKind.TURN, line.text[match.start("tag") : match.end("tag")]
        return True
    last = tag.split()[-1]
    if (len(last) > 2 and is_han(last[0]) and last[1:] in HONORIFICS) or (
        last != tag and _is_address(last)
    ):
        # "听众来电 檀先生：", "粟女士：": a caller by surname and honorific, whatever the
        # surname, after what they are.
        line.kind, line.address = LineKind.TURN, last
        return True
    if match.re is _TAG_BRACKET_RE and len(line.folded) <= HEADING_MAX and _unfinished(rest):
        # "【读者来信】家门口的柳塘沟，一到夏天就臭得开不了窗": a kicker over nothing said.
        line.kind, line.offset = LineKind.HEADING, 0
        return True
    if _post_alone(tag) and _CLAUSE_PUNCT_RE.search(rest):
        # "村会计：……", "网友：……": someone the page names only by what they are. Their
        # words end the turn before them, and are no one's the page names.
        line.kind, line.narrator = LineKind.TURN, True
        return True
    line.offset = 0
    return False


def _unfinished(rest: str) -> bool:
    """Are the words after a bracketed tag a title, not a sentence or a quotation?"""
    text = rest.strip()
    return bool(text) and _SAID_MARKS_RE.search(text) is None


_SAID_MARKS_RE = re.compile("[。！？!?；;“”「」：:]")


# Who speaks in a tag without a name: a listener, a netizen, a viewer, a caller.
_UNNAMED_TAGS = (*AUDIENCE, "来电", "热心市民")
# A post alone is a few characters ("村会计", "治保主任"), not a department's reply.
POST_TAG_MAX = 6


def _post_alone(tag: str) -> bool:
    """Is ``tag`` what someone is, without their name ("村会计", "妇女主任", "听众")?"""
    if tag.startswith(_UNNAMED_TAGS):
        return True
    title = title_at_end(tag)
    return bool(title) and len(tag) <= POST_TAG_MAX and not is_name(tag[: -len(title)])


def _asker(tag: str) -> bool:
    """Is ``tag`` the reporter's, a host's or another outlet's (they ask, never answer)?
    Not a named person's "某某追问：" in a hearing: they ask in their own words, and the
    answer may follow on the same line."""
    if tag.endswith(_ASKER_END) and is_name(tag[:-2]):
        return False
    if tag.endswith(TO_REPORTER):
        return False  # "业主某某告诉记者：“……”": someone speaking to the reporter
    if tag.startswith(_UNNAMED_TAGS) and tag.endswith(_AUDIENCE_ASKS):
        return True  # "读者某女士问：", "网友“某某”问：": a column's reader asking the expert
    return tag.startswith(_REPORTER_TAGS) or tag.endswith((*_OUTLET_END, *_ASKER_END))


def _asking_label(line: Line, following: Line | None) -> bool:
    """Is ``line`` an asker's tag alone ("新华社记者："), over the question it puts?

    Only over a sentence: "主持人：" over the host's name and post is a list's heading."""
    head = line.folded.strip()
    if not head.endswith(("：", ":")) or not _asker(head[:-1].strip()) or following is None:
        return False
    if not _CLAUSE_PUNCT_RE.search(following.folded) and not asks(following):
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
    """Is ``tag`` a surname and a title ("阙代表", "欧阳院长", "巫导"), as a Q&A tags its
    turns?"""
    for surname in (tag[:2], tag[:1]):
        if surname in COMPOUND_SURNAMES or (len(surname) == 1 and surname in SINGLE_SURNAMES):
            title = tag[len(surname) :]
            if 2 <= len(title) <= 4 and title_at_end(title) == title:
                return True
            if title in SHORT_TITLES:
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
    if paren:
        app = tuple(re.split(r"[、，,]", original[paren.start("app") : paren.end("app")]))
        head = paren.group("name").rstrip()
        if is_name(head.strip()):
            return original[: len(head)].strip(), app
        title = title_at_end(head)
        if title and is_name(head[: -len(title)].strip()):
            # "某某代表（某镇党委书记）": the name, a title of theirs, and what else they are.
            return original[: len(head) - len(title)].strip(), (title, *app)
        # "代表某某（某村党支部书记）": a title, the name, and what else they are.
        found = introductions(head, original[: len(head)])
        if found and found[-1].name_end == len(head):
            intro = found[-1]
            return original[intro.name_start : intro.name_end], (*intro.segments, *app)
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


def _slash_person(original: str, folded: str) -> tuple[str, tuple[str, ...]]:
    """ "某某／某鄉居民", "某公司經理／某某" → (name, what they are); ("", ()) for a
    credit ("記者某某／某地報導") or a caption ("圖／某台")."""
    folded_parts = _SLASH_RE.split(folded)
    original_parts = _SLASH_RE.split(original)
    if len(folded_parts) != 2 or len(original_parts) != 2:
        return "", ()
    for who, what in ((0, 1), (1, 0)):
        name, held = folded_parts[who].strip(), folded_parts[what].strip()
        if not held or held.endswith(_CREDIT_ENDS) or not 2 <= len(name) <= 4:
            continue
        # A surname the table lacks is trusted where the other side is what they are.
        unlisted = len(name) <= 3 and rare_surname_name(name)
        if is_name(name) or (
            (plausible_name(name) or unlisted) and (title_at_end(held) or is_role(held))
        ):
            return original_parts[who].strip(), tuple(
                p for p in re.split(r"[、，,]", original_parts[what].strip()) if p
            )
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


DATED_HEADLINE_MAX = 60


_BARE_TAG_RE = re.compile(r"^[【\[［（(]\s*(?P<tag>[^】\]］）)]{1,6}?)\s*[】\]］）)]$")


def hands_to_narrator(line: Line) -> bool:
    """Is ``line`` a transcript's tag alone handing over to the reporter or the
    voice-over ("【記者】", "【旁白】" over their words): whoever spoke has finished."""
    match = _BARE_TAG_RE.match(line.folded.strip())
    return match is not None and match.group("tag") in (*_NOBODYS_TAGS, *_VOICE_TAGS)


def names_guest(line: Line) -> bool:
    """Is ``line`` a label naming a Q&A's guest ("【访谈嘉宾】某厅副厅长 某某")?"""
    if line.kind is not LineKind.LABEL or not line.name:
        return False
    tag = line.folded[: line.offset].strip("【】[] \t:：")
    return tag in GUEST_TAGS


def asks(line: Line) -> bool:
    """Does the line end with a question mark ("您今年带来了哪些建议？")?"""
    return line.folded.rstrip().endswith(("？", "?"))


# A Q&A's headline naming whom it talks to, bare: "对话｜某某：……", "专访 某某：……".
_HEADLINE_VISIT_RE = re.compile(
    r"^\s*(?P<kind>对话|专访|访谈|面对面|口述|自述)\s*[｜|丨·:：\s]\s*"
    r"(?P<name>[^\s｜|丨：:，,]{2,4})\s*[：:｜|丨，,]"
)


def headline_visit(headline: str) -> str | None:
    """The name a Q&A's headline gives the person it talks to, with nothing around it to
    say who they are ("对话｜某某：一缸酱，要晒够一百八十天"); None if it gives none."""
    match = _HEADLINE_VISIT_RE.match(headline)
    if match is None or not is_name(fold(match["name"])):
        return None
    return match["name"]


# A profile's headline naming its subject: "某某：在高原上数苔藓的人".
_HEADLINE_SUBJECT_RE = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff·]{2,4})\s*[：:]\s*(?=[^“「\s]{4})")


def headline_subject(headline: str) -> str | None:
    """The person a headline names before its colon ("某某：在高原上数苔藓的人"), the
    one a profile under it follows; None where the headline names no one so."""
    match = _HEADLINE_SUBJECT_RE.match(headline)
    if match is None or not is_name(name := fold(match["name"])):
        return None
    if common_pair(name) or (len(name) == 3 and common_triple(name)):
        return None  # "时间：2025年9月11日": a field, not a name
    return match["name"]


def told_by(headline: str) -> str | None:
    """The person a first-person account's headline says is telling it ("口述｜某某：在菜
    市场磨了三十年豆腐"): the whole account is in their voice. None for other headlines."""
    match = _HEADLINE_VISIT_RE.match(headline)
    if match is None or match["kind"] not in ("口述", "自述") or not is_name(fold(match["name"])):
        return None
    return match["name"]
