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

from fangtan.retrieval.reading.names import COMPOUND_SURNAMES, plausible_name
from fangtan.retrieval.reading.roles import ROLE_RE
from fangtan.retrieval.reading.speech import SPEECH_AFTER_RE, WHEN
from fangtan.retrieval.reading.titles import HONORIFICS, TITLES, title_at_end

_TITLE_SCAN_RE = re.compile(
    "(?:" + ROLE_RE.pattern + "|" + "|".join(re.escape(t) for t in TITLES) + ")"
)
_STOP = "，。；：:“”‘’（）()《》!?！？「」『』—\n"
# Words after which an appositive starts: 记者采访了{…}王某, 以及{…}李某.
_LEAD_IN_RE = re.compile(
    r"^.*(?:采访了|专访了|访问了|请到了|邀请了|邀请到|请到|请来|以及|包括|其中|来自|作为|身为|担任|了|是|为|和|与|及|由|对|向|据|让|被|在|从)"
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
    # "……副厅长王某某女士，": an honorific closes the name.
    *HONORIFICS,
)
_ADDRESS_ENDINGS = (*TITLES, *HONORIFICS, "总", "董")
_NOT_NAME_CHARS = set("的了是在和与及等为对从把被将就也还都又个们这那其该此每各")
_NOT_NAME_END = set("市省县区镇村乡街路局委部厅院校司会团社所站馆台处科室厂园界组队")


@dataclass(frozen=True)
class Introduction:
    """A name and the appositive before it, as offsets into the text."""

    start: int  # of the appositive (== name_start when there is none)
    name_start: int
    name_end: int
    segments: tuple[str, ...]  # "市人大代表", "某某医院院长", as written


def is_name(candidate: str) -> bool:
    if not plausible_name(candidate) or (
        len(candidate) == 4 and candidate[:2] not in COMPOUND_SURNAMES
    ):
        return False
    if len(candidate) >= 3 and candidate.endswith(_ADDRESS_ENDINGS):
        return False  # 王委员, 李院士, 张总: a form of address, not a name
    return not (set(candidate) & _NOT_NAME_CHARS) and candidate[-1] not in _NOT_NAME_END


def _rare_surname(candidate: str) -> bool:
    return (
        all("\u4e00" <= ch <= "\u9fff" for ch in candidate)
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
    )


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
    for match in _TITLE_SCAN_RE.finditer(folded):
        end = match.end()
        if match.start() < taken_until:
            continue
        title_end = end
        if folded[end : end + 1] == " ":
            end += 1  # "急诊科主任 王某某"
        if callable(context):
            context = context()
        length = _name_length(folded, end, context or folded)
        if not length:
            continue
        start, segments = _appositive(original, folded, title_end)
        found.append(Introduction(start, end, end + length, segments))
        taken_until = end + length
    return found


def _name_length(folded: str, at: int, context: str) -> int:
    options = []
    for n in (3, 2, 4):
        candidate = folded[at : at + n]
        if len(candidate) < n:
            continue
        bounded = boundary_after(folded[at + n :])
        repeated = context.count(candidate) > 1
        # A surname missing from the table is trusted when the text itself
        # uses the name again on its own ("綦某某说").
        if not is_name(candidate) and not (
            n == 3 and bounded and repeated and _rare_surname(candidate)
        ):
            continue
        if bounded or repeated:
            options.append((bounded and repeated, bounded, n == 3, n == 2, n))
    return max(options)[-1] if options else 0


def _appositive(original: str, folded: str, end: int) -> tuple[int, tuple[str, ...]]:
    """Walk back over "、"-separated segments that each end with a title."""
    segments: list[str] = []
    start = end
    right = end
    while right > 0:
        left = right
        while left > 0 and folded[left - 1] not in _STOP and folded[left - 1] != "、":
            left -= 1
        piece = folded[left:right]
        lead = _LEAD_IN_RE.match(piece[:-1]) if len(piece) > 1 else None
        cut = lead.end() if lead else 0
        piece = piece[cut:]
        if not piece or not title_at_end(piece):
            break
        segments.insert(0, original[left + cut : right])
        start = left + cut
        if cut or left == 0 or folded[left - 1] != "、":
            break
        right = left - 1
    return start, tuple(segments)


_TITLES_AFTER = "代表|委员|院士|教授|研究员|律师|医生|书记|主任|校长|院长|董事长|总经理".split("|")
_TITLE_AFTER_RE = re.compile(
    r"(?:^|(?<=[，。；：:“”、的\s(（]))(?P<name>[\u4e00-\u9fff]{2,3}?)"
    rf"(?P<title>{'|'.join(_TITLES_AFTER)})"
)


def titled_names(folded: str, original: str) -> list[tuple[str, str]]:
    """People named with the title after the name ("……的王某某代表说"): (name, title)."""
    found = []
    for match in _TITLE_AFTER_RE.finditer(folded):
        name = match.group("name")
        # "代表委员" is two titles, not someone called 代表.
        if is_name(name) and name not in _TITLES_AFTER and boundary_after(folded[match.end() :]):
            found.append((original[match.start("name") : match.end("name")], match.group("title")))
    return found
