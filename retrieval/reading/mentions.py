"""Finding the people a text introduces: "{roles、organisation post}{name}".

News writing introduces a person once with an appositive ("市政协委员、某某公司
董事长王某某") and from then on by name, pronoun or surname and title. A name is
taken only where a title stands right before it and a word boundary right
after it, so places and organisations that happen to start with a surname
are not taken for people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from fangtan.retrieval.reading.affiliations import ORGANISATION_ENDINGS
from fangtan.retrieval.reading.alternation import longest_first
from fangtan.retrieval.reading.clause_starts import AtClauseStarts
from fangtan.retrieval.reading.common_words import (
    common_pair,
    common_triple,
    word_start,
    words_not_name,
)
from fangtan.retrieval.reading.names import (
    COMPOUND_SURNAMES,
    SINGLE_SURNAMES,
    is_han,
    plausible_name,
    surname_of,
)
from fangtan.retrieval.reading.roles import BODIES, ROLE_RE, ROLES, is_role
from fangtan.retrieval.reading.speech import (
    ACTS_THEN_SAYS_RE,
    ADVERB_RE,
    LEADS_QUOTE_RE,
    SPEECH_AFTER_RE,
    VERB_RE,
    WHEN,
)
from fangtan.retrieval.reading.titles import (
    HONORIFICS,
    NOT_AFTER_OLD,
    OLD,
    SHORT_TITLES,
    TITLES,
    address_forms,
    title_at_end,
)

# Any line of work named as one (预报员, 调音师, 工作人员): what follows must still
# read as a name, bounded as one. It never runs over a title the tables know (委员,
# 教师), whose own match starts where it does: "某砚秋委员" is a name and 委员.
_KNOWN_WORK = sorted((t for t in TITLES if t.endswith(("员", "师"))), key=len, reverse=True)
WORK_TITLE = (
    rf"(?:(?!{'|'.join(re.escape(t) for t in _KNOWN_WORK)})[\u4e00-\u9fff]){{1,3}}(?:员|师)"
)
# The look-ahead only lets through where a title can start: a character some title starts
# with, or a 员 or 师 close enough to end a line of work. Without it every character of a
# line tries each of the ~400 titles and WORK_TITLE's own look-ahead, a quarter of a file's
# reading; it changes nothing that matches.
_TITLE_STARTS = "".join(sorted({t[0] for t in (*TITLES, *ROLES)}))
_TITLE_SCAN_RE = re.compile(
    f"(?=[{re.escape(_TITLE_STARTS)}]|.{{1,3}}[员师])(?:"
    + longest_first((*ROLES, *TITLES))
    # A line of work is tried only where a 员 or 师 is near enough to end it: most
    # characters a title starts with have none, and its look-ahead at every one of
    # its characters came to a fifth of the scan.
    + "|(?=.{1,3}[员师])"
    + WORK_TITLE
    + ")"
)


@lru_cache(maxsize=16384)
def title_spans(folded: str) -> tuple[tuple[int, int], ...]:
    """Where ``_TITLE_SCAN_RE`` finds titles in ``folded``, one after another. A page's
    lines are scanned for titles by several readers of names; kept for a page's worth
    of lines, each is scanned once."""
    return tuple(match.span() for match in _TITLE_SCAN_RE.finditer(folded))


_STOP = "，。；：:“”‘’（）()《》!?！？「」『』—\n"
# Words after which an appositive starts: 记者采访了{…}王某, 以及{…}李某; not the 在
# of 在野党, 在读, 在职: that is part of it, nor the 由 of 自由党.
_LEAD_IN_RE = re.compile(
    r"^.*(?:谈到|谈及|提到|说起|谈起|采访了|专访了|访问了|请到了|邀请了|邀请到|请到|请来|请|一名|一位|以及|包括|其中|还有|来自|作为|身为|担任|对话|专访|"
    # Where the reporter went and with whom: 跟着……来到村民某某家, 邀集议员某某.
    r"跟着|来到|邀集|来看|碰到|遇到|见到|找到|陪同|随同|看到|正如|诚如|特约|援引|引述|"
    # 和, 与, 及 join two people, unless they join the words of one body's name
    # (人力资源和社会保障部): see _appositive.
    r"了|是|为|和|与|及|(?<![自理缘])由|对|向|据|让|被|在(?![野职任读校编岗册])|从)"
)
_AFTER_NAME = (
    "等",
    "则",
    "也",
    "还",
    "又",
    "就",
    *WHEN,
    "近年",
    "一直",
    "代表",
    "委员",
    "在",
    "和",
    "与",
    "及",
    "是",
    "说",
    "表示",
    "认为",
    "发言",  # "某某发言。他说，……": the floor is theirs, the words come after
    "当",
    "从",
    "对",
    "向",
    "把",
    "将",
    "所",
    "的",
    "曾",
    "已",
    "正",
    "更",
    "都",
    "所",  # 正如某某院士所说, 某某所在的企业
    "同志",
    # What a person introduced this way goes on to do: ……校长王某某关注课后服务.
    "关注",
    "关心",
    "聚焦",
    "带来",
    "提交",
    "从事",
    "长期",
    "多年",
    "积极",
    "重点",
    "每天",
    "出生",
    "来自",
    "介绍",
    "谈起",
    "希望",
    "建议",
    "参与",
    "参加",
    "负责",
    "带领",
    "牵头",
    "主持",
    "出席",  # ……副主席王某某出席并讲话
    # How the page goes on about them: ……家长王某某却有些担心, 局长王某某通报了……
    "却",
    "倒",
    "仍",
    "依然",
    "已经",
    "今年",
    "通报",
    "汇报",
    # "……副厅长王某某女士，": an honorific closes the name.
    *HONORIFICS,
)
# What a person introduced so may do first or again (……董事长某某第一个发言, ……代表某某
# 首次参加): it ends only a three-character name, as 第一 after 农民家里 is no name's.
_AFTER_THREE = (
    "第一",
    "首次",
    "率先",
    "先后",
    "发表",
    "专门",
    "特意",
    "亲自",
    "如今",
    "目前",
    "去年",
    # Why they are not there: ……主教练某某因伤未出席, ……局长某某未到场.
    "未",
    "因",
    "因为",
    "由于",
    "没有",
    "没能",
    "缺席",
)
_ADDRESS_ENDINGS = (*TITLES, *HONORIFICS, *SHORT_TITLES)
_NOT_NAME_CHARS = set("的了是在和与及等为对从把被将就也还都又个们这那其该此每各却给")
# Nor does a name end with a verb of saying: "父亲常说" is not someone called 常说.
_NOT_NAME_END = set("市省县区镇村乡街路局委部厅院校司会团社所站馆台处科室厂园界组队说讲道称过着副")


@dataclass(frozen=True)
class Introduction:
    """A name and the appositive before it, as offsets into the text."""

    start: int  # of the appositive (== name_start when there is none)
    name_start: int
    name_end: int
    segments: tuple[str, ...]  # "市人大代表", "某某医院院长", as written


_OPENING_QUOTES = ("“", "「", "『")
# Words that open a sentence before a form of address ("谢谢冼代表"), never a name.
_NOT_NAME_STARTS = ("谢谢", "感谢", "欢迎", "恭喜", "祝贺", "有请")
_TITLE_WORDS = frozenset((*TITLES, *HONORIFICS))
_TITLE_ENDINGS = tuple(_TITLE_WORDS)


# A page asks of the same few characters again and again (every run after every title).
@lru_cache(maxsize=65536)
def is_name(candidate: str) -> bool:
    if not plausible_name(candidate) or _anonymised_then_more(candidate):
        return False  # four characters need a compound surname, or are Tibetan
    if len(candidate) >= 3 and candidate.endswith(_ADDRESS_ENDINGS):
        return False  # 王委员, 李院士, 张总: a form of address, not a name
    if len(candidate) == 2 and candidate[1] in SHORT_TITLES:
        return False  # 张总, 巫导: a surname and a title's short form
    if candidate.startswith(_NOT_NAME_STARTS) or candidate in _TITLE_WORDS:
        return False  # "作为专家代表，": 代表 is what they are, not who
    return not (set(candidate) & _NOT_NAME_CHARS) and candidate[-1] not in _NOT_NAME_END


def _anonymised_then_more(candidate: str) -> bool:
    """ "郜某职" (of "被告人郜某职务侵占案"): 某 keeps a name's rest back, so nothing of
    a name comes after it."""
    return "某" in candidate.rstrip("某")


# A verb of saying right after a name, with at most an adverb between ("又告诉记者").
_SAYS_NOW_RE = re.compile(rf"^(?:{ADVERB_RE}){{0,2}}(?:{VERB_RE})")


@lru_cache(maxsize=65536)  # asked of the same few characters at every title
def rare_surname_name(candidate: str) -> bool:
    """Could ``candidate`` be a name whose surname the table lacks (粘, 厍)? Only its
    use around it can say it is one."""
    return (
        all("\u4e00" <= ch <= "\u9fff" for ch in candidate)
        and not _anonymised_then_more(candidate)
        and not (set(candidate) & _NOT_NAME_CHARS)
        and candidate[-1] not in _NOT_NAME_END
        and not candidate.endswith(_ADDRESS_ENDINGS)
    )


def boundary_after(text: str) -> bool:
    return (
        not text
        or text[0] in _STOP
        or text[0] in "、 \t"
        or bool(SPEECH_AFTER_RE.match(text) or text.startswith(_AFTER_NAME))
        or bool(_VERB_OF_RE.match(text))
        # A gesture ("指着花坛说", "拉着记者看……：“……”"): a verb and 着, as no name ends.
        or (text[1:2] == "着" and is_han(text[:1]) and text[0] not in "不没未")
        or text.startswith(TITLES_AFTER)  # "倪某某教授曾撰文指出": a title after the name
    )


# "某某提出的议案": a name, then what they did (not their speech, but a boundary all the same).
_VERB_OF_RE = re.compile(rf"^(?:{VERB_RE})的")


def introductions(
    folded: str, original: str, context: str | Callable[[], str] = ""
) -> list[Introduction]:
    """Every "{title}{name}" in ``folded``; names are cut from ``original``.

    ``context`` (the text around, folded; or what makes it, called only when
    a title is found) settles a name's length: a candidate the text also
    uses on its own beats one it never repeats.
    """
    found: list[Introduction] = []
    taken_until = -1
    for title_start, end in title_spans(folded):
        if title_start < taken_until:
            continue
        while folded[end - 1 : end + 1] in _TITLE_WORDS:
            end += 1  # "老师傅蹲在……": 老师 runs on into 师傅, the title it is
        title_end = end
        if common_triple(folded[title_end - 2 : title_end + 1]):
            continue  # "选址离居民区太远": the title runs on into a word, 居民区
        if folded[end : end + 1] == " ":
            end += 1  # "急诊科主任 王某某"
        if callable(context):
            context = context()
        length = _name_length(folded, end, context or folded, folded[title_start:title_end])
        if not length:
            continue
        start, segments = _appositive(original, folded, title_end)
        if folded[start - 1 : start] in _OPENING_QUOTES and folded[end + length :][:1] in "”」』":
            continue  # "“代表通道”": a term in quotation marks, not someone introduced
        found.append(Introduction(start, end, end + length, segments))
        taken_until = end + length
        # "市领导某某、某某、某某出席": the title is each listed name's.
        while folded[taken_until : taken_until + 1] == "、":
            listed = _listed_name(folded, taken_until + 1)
            if not listed:
                break
            found.append(Introduction(start, taken_until + 1, taken_until + 1 + listed, segments))
            taken_until += 1 + listed
    return found


def _listed_name(folded: str, at: int) -> int:
    """The length of a name listed at ``at`` after another's (2 or 3 characters, with a
    name's boundary or the next 、 after it), or 0."""
    for n in (3, 2):
        candidate, after = folded[at : at + n], folded[at + n : at + n + _AFTER_WINDOW]
        if len(candidate) == n and is_name(candidate) and boundary_after(after):
            return n
    return 0


# A transliterated name's parts are joined by a middle dot, typed many ways (阿依古丽·买买提).
NAME_DOTS = "·・•‧"
_DOTTED_RE = re.compile(rf"[\u4e00-\u9fff]{{1,8}}(?:[{NAME_DOTS}][\u4e00-\u9fff]{{1,8}})+")
_DOTTED_MAX_PART = 6
# Any dot, or the full-width stop and the period some type between the parts.
_PARTS_RE = re.compile(f"[{NAME_DOTS}．.]")
# Transliterations use 都 (阿不都拉); the other characters that cannot be in a name can't.
_NOT_DOTTED_CHARS = _NOT_NAME_CHARS - {"都"}


def dotted_length(folded: str, at: int) -> int:
    """The length of a dotted name starting at ``at`` ("买买提·艾力说" → 5), or 0.

    Each part after a dot ends where a word boundary is: the shortest cut the
    text carries on from (说, 表示, a comma), as every part is a name's."""
    match = _DOTTED_RE.match(folded, at)
    if not match or any(ch in _NOT_DOTTED_CHARS for ch in folded[at : match.start() + 1]):
        return 0
    first_dot = next(i for i in range(at, match.end()) if folded[i] in NAME_DOTS)
    if not 1 <= first_dot - at <= _DOTTED_MAX_PART:
        return 0
    if _TITLE_SCAN_RE.search(folded, at, first_dot):
        return 0  # "理事会主席奥卢·某某" read from 理事: the name starts after 主席

    end = first_dot
    while end < len(folded) and folded[end] in NAME_DOTS:
        stop = _part_end(folded, end + 1)
        if not stop:
            break
        end = stop
    return end - at if end > first_dot else 0


def _part_end(folded: str, start: int) -> int:
    """Where a dotted name's part starting at ``start`` ends, or 0: before a stop, a
    verb of saying or another dot if one comes, else before any word boundary
    (都 after 阿不 is a boundary too, so it is only the last resort)."""
    weak = 0
    for stop in range(start + 1, min(start + _DOTTED_MAX_PART, len(folded)) + 1):
        part = folded[start:stop]
        if not part.isalpha() or set(part) & _NOT_DOTTED_CHARS:
            break
        rest = folded[stop : stop + _AFTER_WINDOW]
        if (
            not rest
            or rest[0] in _STOP
            or rest[0] in NAME_DOTS
            or SPEECH_AFTER_RE.match(rest)
            or rest.startswith(_AFTER_THREE)
        ):
            return stop
        if not weak and boundary_after(rest):
            weak = stop
    return weak


def name_parts(name: str) -> list[str]:
    """A dotted name's parts (阿依古丽·买买提 → 阿依古丽, 买买提); any other name whole."""
    return _PARTS_RE.split(name)


def short_forms(name: str) -> tuple[str, ...]:
    """What a dotted name goes by alone: its first part (阿依古丽·买买提 is 阿依古丽 on second
    mention) and its last (安德烈·费雷拉 is 费雷拉), where two characters or more; none for
    any other name."""
    parts = name_parts(name)
    if len(parts) < 2:
        return ()
    return tuple(p for p in dict.fromkeys((parts[0], parts[-1])) if len(p) > 1)


def dotted_names(folded: str) -> list[tuple[int, int]]:
    """Every dotted name in ``folded`` as (start, end), its first part cut at 的 or a title."""
    if not any(dot in folded for dot in NAME_DOTS):
        return []  # nearly every line: no pattern to run over it
    found = []
    for match in _DOTTED_RE.finditer(folded):
        dot = next(i for i in range(match.start(), match.end()) if folded[i] in NAME_DOTS)
        start = dot
        while start > match.start() and dot - start < _DOTTED_MAX_PART:
            if folded[start - 1] in _NOT_DOTTED_CHARS or title_at_end(folded[:start][-8:]):
                break
            start -= 1
        if folded[:start].rfind("《") > folded[:start].rfind("》"):
            continue  # "《自然·植物》": a title's dot
        length = dotted_length(folded, start)
        # "晚间·代表委员面对面": a heading's dot, not a name's, when a part is a title;
        # nor "上午·某区" or "某某日报·理论评论", where a part is a common word or a body.
        if length and not any(
            p in _TITLE_WORDS or common_pair(p) or p.endswith(_NOT_NAME_PART_ENDS)
            for p in name_parts(folded[start : start + length])
        ):
            found.append((start, start + length))
    return found


# A body's name, never part of a person's: 日报, 评论, 集团.
_NOT_NAME_PART_ENDS = (*ORGANISATION_ENDINGS, "报", "评论", "频道", "专栏")

# What the holder of a title does next, never a name's start: 丈夫给, 妻子把, 老师在.
_DOES_AFTER_TITLE = frozenset("给把被将就也还都又在对")
# What a title may run on into without naming anyone: 委员会, 代表们, 教师节, 院长助理.
_TITLE_GOES_ON = set("会们团组处室部节证助级")


def introduces_someone(folded: str) -> bool:
    """Does ``folded`` put a title before what may be a name ("……教授那仁格日深有同感"),
    a person the file may not know? A pronoun after it need not mean whoever came
    before."""
    for _, title_end in title_spans(folded):
        after = folded[title_end : title_end + 2]
        if (
            len(after) == 2
            and all("\u4e00" <= ch <= "\u9fff" for ch in after)
            and after[0] not in _TITLE_GOES_ON
            and after[0] not in _DOES_AFTER_TITLE  # "丈夫给……": what the title's holder did
            and not boundary_after(after)
        ):
            return True
    return False


def _name_length(folded: str, at: int, context: str, title: str = "") -> int:
    dotted = dotted_length(folded, at)
    if dotted:
        return dotted
    after_title = folded[at : at + _AFTER_WINDOW]
    if _ADVERB_START_RE.match(after_title) and SPEECH_AFTER_RE.match(after_title):
        return 0  # "……教授曾撰文指出": the title's holder was named before it, not after
    if _ends_with_and(folded[at : at + 3], folded[at + 3 : at + 3 + _AFTER_WINDOW]):
        return 3
    options = []
    for n in (3, 2, 4):
        candidate = folded[at : at + n]
        if len(candidate) < n:
            continue
        # What rules a candidate out on its own comes first: most runs after a title are
        # no name, and what the text around says of them is dearer to find out.
        named = is_name(candidate)
        if not named and (n == 2 or not rare_surname_name(candidate)):
            continue
        if (n == 2 and common_pair(candidate)) or (n == 3 and common_triple(candidate)):
            continue  # "居民关心，……", "建到村民家门口": words after a title, not a name
        if _TITLE_SCAN_RE.match(candidate):
            continue  # "学生家长某女士": another title, whose person comes after it
        if n == 3 and candidate[2] in _COMPLEMENTS and common_pair(candidate[:2]):
            continue  # "记者注意到，……", "记者了解到": what the reporter did, not a name
        after = folded[at + n : at + n + _AFTER_WINDOW]
        bounded = boundary_after(after) or (n == 3 and after.startswith(_AFTER_THREE))
        # "司机某德旺开车送我们": a common word starts right after three characters.
        bounded = bounded or (n == 3 and _word_after_three(candidate, after))
        # "种植大户某广田蹲在地头说，……": what they did as they spoke, then the verb.
        bounded = bounded or (n == 3 and bool(ACTS_THEN_SAYS_RE.match(after)))
        # "局长滕某某接过话头……滕局长补充道": the text calls them by surname and title.
        bounded = bounded or _addressed_later(candidate, title, context)
        first = context.find(candidate)
        repeated = first >= 0 and context.find(candidate, first + 1) >= 0  # stops at a second
        longer = folded[at : at + n + 1]
        if (
            repeated
            and len(longer) == n + 1
            and is_name(longer)
            and _only_within(candidate, longer, context)
        ):
            repeated = False  # "司徒敬" is only ever in "司徒敬庭": the longer is the name
        # A surname missing from the table is trusted when the text itself
        # uses the name again on its own ("綦某某说"); so is a name of four characters
        # without a compound surname (扎西顿珠) used again with a boundary after it.
        # Or, once only, three characters no common word starts or ends, right before
        # a verb of saying ("村党支部书记税某某告诉记者"): a rare surname the table lacks.
        if not named and not (
            (
                n == 3
                and bounded
                and (
                    repeated
                    or (bool(_SAYS_NOW_RE.match(after)) and not words_not_name(candidate, ""))
                )
            )
            or (n == 4 and _bounded_elsewhere(candidate, context))
        ):
            continue
        if n == 3 and not repeated and common_pair(candidate[1:]) and _any_work(title):
            continue  # "实现保洁员全覆盖": a line of work, then words, not a name
        if n == 2 and not bounded and repeated:
            # Two characters used again may be a word (村民充电…, 充电桩): only a name
            # if a clause somewhere starts with it and a boundary follows.
            repeated = _bounded_elsewhere(candidate, context)
        if bounded or repeated:
            options.append((bounded and repeated, bounded, n == 3, n == 2, n))
    return max(options)[-1] if options else 0


def _only_within(candidate: str, longer: str, context: str) -> bool:
    """Is every use of ``candidate`` in ``context`` the start of ``longer``?"""
    return context.count(candidate) == context.count(longer)


def _any_work(title: str) -> bool:
    """Is ``title`` a line of work ending 员 or 师 (保洁员, 护理员), not a role (委员)? Such a
    word is as often said of everyone who does the work as of someone named after it."""
    return title.endswith(("员", "师")) and not ROLE_RE.fullmatch(title)


# What ends a verb's phrase: 注意到, 看过, 听着.
_COMPLEMENTS = frozenset("到了过着")


def _word_after_three(candidate: str, after: str) -> bool:
    """Does a common word start right after three characters that read as a surname and
    a given name ("司机某德旺开车送我们"), and none run across the cut?"""
    return (
        word_start(after[:2])
        and not word_start(candidate[2] + after[:1])
        # "有什么", "习惯用", "充电像": words, not a surname and a given name
        and not word_start(candidate[1:])
        and not word_start(candidate[:2])
    )


def _addressed_later(candidate: str, title: str, context: str) -> bool:
    """Does ``context`` address ``candidate`` by their surname and a form of ``title``
    (the title they were introduced with): 滕局长 after 局长滕某某?"""
    surname = surname_of(candidate)
    if not title or not surname or len(candidate) - len(surname) not in (1, 2):
        return False
    return any(surname + form in context for form in address_forms(title))


def _ends_with_and(candidate: str, after: str) -> bool:
    """Is a 和 in ``candidate`` part of the name ("袁清和出席并讲话", "张和平表示"), not a
    conjunction? So it is when nobody follows it: what comes after is a boundary a
    name takes (a verb of saying, 在, 出席, punctuation), not a title, a role or
    another name, as in 李明和王芳, 李明和委员们, 老王和李主任."""
    if len(candidate) < 3 or _NAME_AND not in candidate[1:3] or not plausible_name(candidate):
        return False  # (most runs: no 和 where it could be)
    if candidate[2] == _NAME_AND:
        if not is_name(candidate[:2]):
            return False
    elif candidate[1] != _NAME_AND or not is_name(candidate[0] + candidate[2]):
        return False
    return (
        boundary_after(after)
        and not _TITLE_SCAN_RE.match(after)
        and not any(plausible_name(after[:n]) for n in (2, 3))
        and not after.startswith(_PEOPLE_AFTER_AND)
    )


# Who may follow 和 when it joins two people: pronouns and plural people.
_PEOPLE_AFTER_AND = ("他", "她", "我", "你", "其", "大家", "各", "广大", "与会", "同事", "家人")


# How many of a candidate's uses are looked at: a name is used on its own early, and
# a line of nothing but titles repeats its words thousands of times.
_USES_LOOKED_AT = 16
# How much of the text after a name ``boundary_after`` needs: adverbs and a verb at most.
_AFTER_WINDOW = 40


def _bounded_elsewhere(candidate: str, context: str) -> bool:
    """Does ``context`` use ``candidate`` again, at the start of a clause and
    with a word boundary after it ("。扎西顿珠建议")? Never where a boundary could
    fall inside it: 綦明表示 is 綦明 and a verb."""
    if any(boundary_after(candidate[k:]) for k in (2, 3)):
        return False
    at = context.find(candidate)
    for _ in range(_USES_LOOKED_AT):
        if at < 0:
            break
        after = context[at + len(candidate) : at + len(candidate) + _AFTER_WINDOW]
        if (at == 0 or context[at - 1] in _STOP) and boundary_after(after):
            return True
        at = context.find(candidate, at + 1)
    return False


# An appositive runs back to a stop, a 、 between its segments, or a bracket or space
# that ends a tag before it ("【10:02】主持人 市政府新闻办主任 濮某某").
_APPOSITIVE_STOP = frozenset(_STOP + "、】]］ \t")


def _appositive(original: str, folded: str, end: int) -> tuple[int, tuple[str, ...]]:
    """Walk back over "、"-separated segments that each end with a title."""
    segments: list[str] = []
    start = end
    right = end
    while right > 0:
        left = right
        while left > 0 and folded[left - 1] not in _APPOSITIVE_STOP:
            left -= 1
        piece = folded[left:right]
        lead = _LEAD_IN_RE.match(piece[:-1]) if len(piece) > 1 else None
        while (
            lead
            and lead.group().endswith(_JOINING)
            and not lead.group().endswith("以及")
            and not _person_before(lead.group()[:-1])
            and _joins_body(piece[lead.end() :])
        ):
            # "人力资源和社会保障部部长": 和 inside a body's name, not between two people.
            lead = _LEAD_IN_RE.match(piece[: lead.end() - 1])
        cut = lead.end() if lead else 0
        of = piece.rfind("的", cut)
        after_of = piece[of + 1 :]
        if of >= 0 and (
            is_role(after_of)
            or _joins_body(after_of)
            or (title_at_end(after_of) == after_of and not _PLACE_OR_UNIT_RE.search(piece[:of]))
        ):
            # "来自新城区的市人大代表", "正在砍杂灌的村民": what is after 的 is who they
            # are; before it, what they do. Not where they are from or work: "宛北县赶来的
            # 母亲", "县医院心内科的主任" say it.
            cut = of + 1
        piece = piece[cut:]
        if not piece or not title_at_end(piece):
            break
        segments.insert(0, original[left + cut : right])
        start = left + cut
        if cut or left == 0 or folded[left - 1] != "、":
            break
        right = left - 1
    return start, tuple(segments)


# Conjunctions that may join two people in an appositive; the first is also a common
# character of given names (清和, 和平).
_JOINING = ("和", "与", "及")
_NAME_AND = _JOINING[0]
# An adverb where a name would start (曾, 也): with a verb of saying after it, no name.
_ADVERB_START_RE = re.compile(rf"^(?:{ADVERB_RE})")


def _joins_body(rest: str) -> bool:
    """Does ``rest`` (what follows 和 in an appositive) end a body's name and then a post
    ("社会保障部部长", "工程学院教授"), rather than give a second person's role?"""
    if is_role(rest):
        return False
    title = title_at_end(rest)
    body = rest[: len(rest) - len(title)] if title else ""
    return bool(body) and bool(_PLACE_OR_UNIT_RE.search(body))


def _person_before(text: str) -> bool:
    """Does ``text`` end with someone, a title and a name ("副局长佘某某")? Then a 和
    after it joins a second person, whatever their post."""
    return any(is_name(text[-k:]) and title_at_end(text[:-k]) for k in (2, 3, 4))


# A place or a unit before 的 and a title ("宛北县赶来的母亲", "心内科的主任").
_PLACE_OR_UNIT_RE = re.compile(
    "|".join(
        (*map(re.escape, ORGANISATION_ENDINGS), "[省市县区镇乡村]", "街道", "社区", "科", "室")
    )
)

# Titles written after a name ("王某某教授"): they end the name before them.
TITLES_AFTER = tuple(
    "代表 委员 议员 立委 院士 教授 研究员 律师 医生 书记 主任 校长 院长 董事长 总经理".split()
    # Elders a feature calls by full name and kinship term: 七十六岁的某某大爷.
    + "大爷 大娘 大妈 奶奶 爷爷 阿婆".split()
)
_TITLE_AFTER_RE = AtClauseStarts(
    # After punctuation or a list's bullet (■), 的, or a word that stands before a person
    # (正如, 据, 和, 请).
    r"，。；：:“”、的\s(（如据和与及同跟对向请让被由■◆●▲★·",
    rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?P<title>{'|'.join(TITLES_AFTER)})",
)


# "王某某（市人大代表、某公司董事长）说", "王某某，市政协委员、某所主任。": the name first.
_NAME_THEN_BRACKET_RE = AtClauseStarts(
    r"，。；：“”、\s", r"(?P<name>[\u4e00-\u9fff]{2,4})[（(](?P<app>[^（）()]{2,60})[）)]"
)
_NAME_THEN_COMMA_RE = AtClauseStarts(
    r"。；！？\s", r"(?P<name>[\u4e00-\u9fff]{2,4})，(?P<app>[^，。；！？“”]{2,60}?)(?=[。；，])"
)


# An age: "67岁", "七十六岁".
_AGE = r"[\d一二三四五六七八九十]{1,4}岁"
_AGE_RE = re.compile(_AGE)


def named_first(folded: str, original: str) -> list[tuple[str, tuple[str, ...]]]:
    """People a text names before what they are: (name as written, appositive)."""
    found = []
    for pattern in (_NAME_THEN_BRACKET_RE, _NAME_THEN_COMMA_RE):
        for match in pattern.finditer(folded):
            name = match.group("name")
            segments = [p for p in re.split(r"[、，,]", match.group("app")) if p]
            # Roles in brackets after it make a name of an unlisted surname too.
            bracketed = pattern is _NAME_THEN_BRACKET_RE and 2 <= len(name) <= 3
            if not (is_name(name) or (bracketed and rare_surname_name(name))) or not segments:
                continue
            # "某某（67岁，小贩）": an age beside what they are introduces someone too.
            aged = bracketed and any(_AGE_RE.fullmatch(p) for p in segments)
            if aged or all(is_role(p) or title_at_end(p) for p in segments):
                start, end = match.start("app"), match.end("app")
                held = tuple(p for p in re.split(r"[、，,]", original[start:end]) if p)
                found.append((original[match.start("name") : match.end("name")], held))
    return found


def titled_names(folded: str, original: str) -> list[tuple[str, str]]:
    """People named with the title after the name ("……的王某某代表说"): (name, title)."""
    found = []
    for match in _TITLE_AFTER_RE.finditer(folded):
        name = match.group("name")
        # "代表委员" is two titles, not someone called 代表.
        after = folded[match.end() : match.end() + _AFTER_WINDOW]
        # "国民党立委某某": a name after the title is whom it introduces.
        named_next = any(is_name(after[:n]) for n in (2, 3))
        title = match.group("title")
        if any((name + title).endswith(b) and len(b) > len(title) for b in BODIES):
            continue  # "区人大代表、……": a role (区 is a surname too), not 区某 the deputy
        if is_name(name) and name not in TITLES_AFTER and boundary_after(after) and not named_next:
            found.append((original[match.start("name") : match.end("name")], match.group("title")))
    return found


# What only a person goes on to do after a description: "从事物流的濮某某关注的是……".
_DEEDS = (
    "关注",
    "关心",
    "聚焦",
    "带来",
    "提交",
    "长期",
    "多年",
    "一直",
    "则",
    "也",
    "还",
    "更",
    "坦言",
    "却",
    "是",  # 在某站上班的王某某是听证参加人之一
)
# A surname and two characters where a clause, a description (……的) or 据 ends.
_UNTITLED_RE = AtClauseStarts(
    r"，。；：:“”「」、！？\s的据",
    rf"(?P<name>[{''.join(sorted(SINGLE_SURNAMES))}][\u4e00-\u9fff]{{2}})",
)


# An age right after a name: "住在巷尾的某某今年71岁", "某某，65岁，".
_AGED_RE = re.compile(rf"(?:今年|已经|已)?[，,]?\s*{_AGE}")


def untitled_names(folded: str, original: str) -> list[str]:
    """People named with no title before them, as a report names a passer-by: a name
    that speaks ("家住城南的陶某某说"), or that a description ends ("从事物流的濮某某
    关注的是……"); never a run jieba knows as common words (许多人说, 高兴地说)."""
    found = []
    for match in _UNTITLED_RE.finditer(folded):
        name = match.group("name")
        after = folded[match.end() : match.end() + _AFTER_WINDOW]
        verb = SPEECH_AFTER_RE.match(after)
        # A colon alone is a label's ("索引号："), not someone speaking.
        spoken = (verb and not verb.group(0).endswith((":", "："))) or LEADS_QUOTE_RE.match(after)
        described = folded[match.start() - 1 : match.start()] == "的" and after.startswith(_DEEDS)
        described = described or bool(_AGED_RE.match(after))  # "卜某某今年71岁"
        if (spoken or described) and is_name(name) and not words_not_name(name, after):
            found.append(original[match.start() : match.end()])
    return found


# Three characters where a clause starts, whose first the surname table lacks (nor do the
# first two make a compound surname): a known surname is untitled_names's to read.
_RARE_UNTITLED_RE = AtClauseStarts(
    r"，。；：:“”「」、！？\s",
    rf"(?![{''.join(sorted(SINGLE_SURNAMES))}]|{'|'.join(sorted(COMPOUND_SURNAMES))})"
    # and a verb of saying right after them, as rare_untitled_names asks.
    rf"(?=([\u4e00-\u9fff]{{3}})(?:{ADVERB_RE}){{0,2}}(?:{VERB_RE}))",
)


def rare_untitled_names(folded: str, original: str) -> list[tuple[int, str]]:
    """Where ``folded`` may name someone whose surname the table lacks (骞, 粘) with no
    title before them: three characters opening a clause, then a verb of saying at once
    ("某远山说，……"), that no common word starts or ends. Only a name the page uses
    again is one (the caller counts); (position, name) pairs."""
    found = []
    for match in _RARE_UNTITLED_RE.finditer(folded):
        name, start = match.group(1), match.start()
        after = folded[start + 3 : start + 3 + _AFTER_WINDOW]
        verb = _SAYS_NOW_RE.match(after)
        if not verb or not rare_surname_name(name) or words_not_name(name, after):
            continue
        if after[verb.end() : verb.end() + 1] in ("的", "了"):
            continue  # "某某说的", "某某说了算": what was said, made a noun
        found.append((start, original[start : start + 3]))
    return found


# A party a court or police report keeps anonymous: a surname and 某 or 某某 (甄某, 郜某某).
_ANONYMISED_RE = re.compile(
    rf"(?P<name>(?:{'|'.join(sorted(COMPOUND_SURNAMES, key=len, reverse=True))}"
    rf"|[{''.join(sorted(SINGLE_SURNAMES))}])某某?)(?!某)"
)


def anonymised_names(folded: str, original: str) -> list[str]:
    """Everyone ``folded`` names by surname and 某 where a name's boundary follows
    ("窦某说", "郜某在检察官面前哭着说", "被告人甄某等"); never a surname's character
    that ends a word before 某 (位于某地, 面向某些)."""
    found: list[str] = []
    if "某" not in folded:
        return found  # the pattern tries every surname's character for the 某 after it
    for match in _ANONYMISED_RE.finditer(folded):
        name, start, end = match["name"], match.start(), match.end()
        surname = name.rstrip("某")
        after = folded[end : end + _AFTER_WINDOW]
        if common_pair(folded[max(0, start - 1) : start + 1]) or set(surname) & _NOT_NAME_CHARS:
            continue
        if boundary_after(after):
            found.append(original[start:end])
    return found


# Who a feature calls only by a familiar form: 老訾, 小昝, 鄢大爷 — never by a full name.
_FAMILIAR_HONORIFICS = (
    *(h for h in HONORIFICS if not h.startswith(OLD)),  # 老人, 老爷子: no surname before
    "大娘",
    "老汉",
    # One character after a surname, as Hong Kong and Taiwan papers call elders and
    # neighbours: 湛伯, 莲姐.
    "伯",
    "婆",
    "叔",
    "姨",
    "嫂",
    "姐",
)
_SURNAME_CLASS = "".join(sorted(SINGLE_SURNAMES))
_FAMILIAR_RE = re.compile(
    rf"(?P<name>[老小](?P<after_prefix>[{_SURNAME_CLASS}])"
    rf"|(?P<before_honorific>[{_SURNAME_CLASS}])(?:{'|'.join(_FAMILIAR_HONORIFICS)}))"
)


# "一位姓某的大爷", "姓某的女士": someone the page gives only a surname and an honorific.
_SURNAMED_RE = re.compile(
    rf"姓(?P<surname>{'|'.join(sorted(COMPOUND_SURNAMES, key=len, reverse=True))}"
    rf"|[{_SURNAME_CLASS}])的(?P<honorific>{'|'.join(_FAMILIAR_HONORIFICS)})"
)


def surnamed(folded: str, original: str) -> list[tuple[str, str]]:
    """(the words as written, the name they make) for everyone ``folded`` gives only a
    surname and an honorific ("一位姓某的大爷告诉记者": 某大爷)."""
    return [
        (
            original[m.start() : m.end()],
            original[m.start("surname") : m.end("surname")] + m["honorific"],
        )
        for m in _SURNAMED_RE.finditer(folded)
    ]


# "戚某某（化名）", "湛伯（化名）": the page says itself that this is what it calls them.
_PSEUDONYM_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3})\s*[（(]化名[）)]")


# "这位名叫某某的司机": the page names someone it has only described.
_NAMED_AS_RE = re.compile(
    r"(?:名叫|名为|叫做|名字叫)(?P<name>[\u4e00-\u9fff]{2,3}?)(?=的|[，,。、\s]|$)"
)


def named_as(folded: str, original: str) -> list[str]:
    """Names ``folded`` gives someone after 名叫 ("这位名叫某某的司机"): people."""
    found = []
    for match in _NAMED_AS_RE.finditer(folded):
        name = match["name"]
        if plausible_name(name) and not common_pair(name):
            found.append(original[match.start("name") : match.end("name")])
    return found


def pseudonyms(folded: str, original: str) -> list[str]:
    """Names ``folded`` marks as made up for someone ("戚某某（化名）"): people, whatever
    stands before them."""
    found: list[str] = []
    if "化名" not in folded:
        return found  # the pattern tries every run of characters for the bracket after it
    for match in _PSEUDONYM_RE.finditer(folded):
        name = match["name"]
        for cut in (name, name[1:]):  # "的戚某某": a clause's 的 may run into it
            if plausible_name(cut) and not common_pair(cut):
                start = match.end("name") - len(cut)
                found.append(original[start : match.end("name")])
                break
    return found


def familiar_names(folded: str, original: str) -> list[tuple[str, str]]:
    """(name as written, surname) of everyone ``folded`` calls by a familiar form alone
    (老訾, 小昝, 鄢大爷), where it speaks ("小昝说"), a role stands before it ("村民老訾
    是……") or it is a surname and an honorific. Never a common word (老师, 小区) nor a
    form inside a longer run of words."""
    found = []
    for match in _FAMILIAR_RE.finditer(folded):
        name, start, end = match["name"], match.start(), match.end()
        surname = match["after_prefix"] or match["before_honorific"]
        before, after = folded[max(0, start - 6) : start], folded[end : end + _AFTER_WINDOW]
        prefixed = match["after_prefix"] is not None
        if prefixed and (common_pair(name) or (name[0] == OLD and surname in NOT_AFTER_OLD)):
            continue
        if is_han(after[:1]) and common_pair(folded[end - 1 : end + 1]):
            continue  # 小王子, 老李家: the surname's character starts another word
        described = bool(title_at_end(before)) or before.endswith(_TITLE_ENDINGS)  # 老师傅某先生
        opens = not is_han(before[-1:]) or before.endswith("的") or described
        spoken = SPEECH_AFTER_RE.match(after) or LEADS_QUOTE_RE.match(after)
        # An honorific after a surname is an address wherever it stands (鄢大爷又踱到……).
        introduced = (described or not prefixed) and boundary_after(after)
        if opens and (spoken or introduced):
            found.append((original[start:end], surname))
    return found + _titled_alone(folded, original) + _young_by_given_name(folded, original)


# "学生小某说": 小 and a given name's character, after what the person is.
_YOUNG_RE = re.compile(r"小(?P<given>[\u4e00-\u9fff])")


def _young_by_given_name(folded: str, original: str) -> list[tuple[str, str]]:
    """(form, its second character) of everyone ``folded`` calls 小 and one character
    that is no surname, where a title stands right before and they speak ("学生小苒说")."""
    found = []
    for match in _YOUNG_RE.finditer(folded):
        start, end = match.start(), match.end()
        given = match["given"]
        if given in SINGLE_SURNAMES or common_pair(folded[start:end]):
            continue  # a surname is _FAMILIAR_RE's; 小时, 小区 are words
        if not title_at_end(folded[max(0, start - 6) : start]):
            continue
        after = folded[end : end + _AFTER_WINDOW]
        if SPEECH_AFTER_RE.match(after) or LEADS_QUOTE_RE.match(after):
            found.append((original[start:end], given))
    return found


def _titled_alone(folded: str, original: str) -> list[tuple[str, str]]:
    """(form, surname) of everyone ``folded`` calls by surname and title alone, where it
    speaks or a description ends in it ("市场管理所的宦所长来摊子上找我们谈"). Never where
    the surname makes a word with the title (高校长期, 全市长)."""
    found = []
    for title_start, title_end in title_spans(folded):
        at = title_start - 1
        surname = folded[at : at + 1]
        if at < 0 or surname not in SINGLE_SURNAMES or common_pair(folded[at : at + 2]):
            continue
        before, after = (
            folded[max(0, at - 6) : at],
            folded[title_end : title_end + _AFTER_WINDOW],
        )
        if (is_han(before[-1:]) and not before.endswith("的")) or before[-1:].isdigit():
            continue  # "这位90后店主说": 后 is the generation's (90后), not a surname
        spoken = SPEECH_AFTER_RE.match(after) or LEADS_QUOTE_RE.match(after)
        if spoken or before.endswith("的"):
            found.append((original[at:title_end], surname))
    return found


# What the reporter did to whom an interview is with: 专访, 采访了, 对话.
VISITED_RE = re.compile(r"专访了?|采访了|访问了|对话了?|连线了?")


def visited_bare(folded: str, original: str) -> list[str]:
    """Names straight after 专访 or 采访了 with nothing to say who they are ("本刊日前专访
    某某，谈……"): the person the interview is with, as written."""
    found = []
    for match in VISITED_RE.finditer(folded):
        at = match.end()
        for n in (3, 2):
            name, after = folded[at : at + n], folded[at + n : at + n + 1]
            if is_name(name) and (not after or after in "，,。、：:（( "):
                found.append(original[at : at + n])
                break
    return found


# "记者与某某进行了一次对话", "同某某做了一场访谈": the talk, named after whom it was with.
_TALKS = ("对话", "访谈", "专访", "深谈", "长谈")
_TALKED_WITH_RE = re.compile(
    r"(?:与|和|同)(?P<who>[^，。；：“”]{2,30}?)(?:进行了|做了|展开了)?(?:一次|一场|一番)?"
    rf"(?:{'|'.join(_TALKS)})"
)


def talked_with(folded: str, original: str) -> list[str]:
    """Whom the reporter talked with ("本刊记者与酱园传人某某进行了一次对话"), as
    written: the person introduced there, or the name ending what stands before the talk."""
    if not any(word in folded for word in _TALKS):
        return []  # the pattern tries every 与, 和 and 同 for a talk up to 30 characters on
    talked = _TALKED_WITH_RE.search(folded)
    if talked is None:
        return []
    at, within = talked.start("who"), talked["who"]
    named = [original[at + i.name_start : at + i.name_end] for i in introductions(within, within)]
    if named:
        return named[:1]
    ends = (n for n in (3, 2) if is_name(within[-n:]))
    return [original[talked.end("who") - n : talked.end("who")] for n in ends][:1]
