"""Splitting "某市某某有限公司总经理" into an organisation and a post.

An organisation ends with a word like 公司 or 大学; what follows it is the
post. Without such a word, a known post title at the end is peeled off.
"""

from __future__ import annotations

import re

ORGANISATION_ENDINGS: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团",
    "公司",
    "大学",
    "学院",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "医院",
    "研究院",
    "研究所",
    "研究中心",
    "中心",
    "银行",
    "协会",
    "商会",
    "学会",
    "联合会",
    "委员会",
    "党工委",
    "工委",
    "区委",
    "市委",
    "县委",
    "镇委",
    "街道",
    "办事处",
    "政府",
    "法院",
    "检察院",
    "事务所",
    "合作社",
    "工作室",
    "厂",
    "局",
    "厅",
    "社区",
    "村委会",
    "村",
    "镇",
    "乡",
    "馆",
    "所",
    "站",
    "部",
    "台",
    "报社",
    "党",
    "党委",
    "党组",
    "党支部",
    "党总支",
    "工商联",
    "政协",
    "人大",
    "常委会",
)

POSTS: tuple[str, ...] = (
    "董事长",
    "总经理",
    "副总经理",
    "总裁",
    "副总裁",
    "首席执行官",
    "首席财务官",
    "首席技术官",
    "首席运营官",
    "首席经济学家",
    "经理",
    "主任",
    "副主任",
    "书记",
    "副书记",
    "院长",
    "副院长",
    "校长",
    "副校长",
    "局长",
    "副局长",
    "厅长",
    "处长",
    "科长",
    "主席",
    "副主席",
    "会长",
    "副会长",
    "秘书长",
    "理事长",
    "社长",
    "总编辑",
    "站长",
    "所长",
    "馆长",
    "主任医师",
    "医师",
    "教授",
    "副教授",
    "研究员",
    "工程师",
    "总工程师",
    "律师",
    "教师",
    "党员",
    "村医",
    "创始人",
    "负责人",
    "合伙人",
    "董事",
    "监事",
    "部长",
    "区长",
    "市长",
    "县长",
    "镇长",
    "乡长",
    "村长",
    "队长",
    "组长",
    "代表",
    "委员",
    "党委书记",
    "党支部书记",
    "党总支书记",
    "党组书记",
    "理事",
    "总监",
    "主管",
    "厂长",
    "行长",
    "副行长",
    "董事会秘书",
    "首席科学家",
    "总工",
    "主编",
    "园长",
    "院士",
    "司长",
    "副司长",
    "署长",
    "巡视员",
    "调研员",
    "专员",
    "参事",
    "发言人",
    "总经济师",
    "总会计师",
    "检察长",
    "庭长",
    "法官",
    "检察官",
    "民警",
    "政委",
    "次长",
    "省长",
    "州长",
    "班长",
    "股长",
    "矿长",
    "台长",
    "团长",
    "审判长",
    "乘务长",
    "指导员",
    "教导员",
)

_ORG_RE = re.compile("|".join(sorted(ORGANISATION_ENDINGS, key=len, reverse=True)))
_POSTS_ALT = "|".join(sorted(POSTS, key=len, reverse=True))
_POST_RE = re.compile(f"(?:{_POSTS_ALT})$")
# A post, possibly with 副/常务/执行 before it.
_POST_PREFIXES = ("常务副", "副", "常务", "执行")
_POST_FULL_RE = re.compile(f"(?:{'|'.join(_POST_PREFIXES)})?(?:{_POSTS_ALT})")
POST_IN_TEXT_RE = re.compile(f"(?:{_POSTS_ALT})")


def split_affiliation(affiliation: str) -> tuple[str, str]:
    """Return (organisation, post); either may be empty.

    Of several affiliations ("某商会副会长、某公司董事长") the last is taken:
    the press names the one the interview is about last. An organisation
    ending whose remainder is exactly a post wins; failing that, the last
    ending whose remainder ends with a post; failing that, a post at the end.
    """
    text = affiliation.strip("、，, ").split("、")[-1].strip()
    if not text:
        return "", ""
    ends = [m.end() for m in _ORG_RE.finditer(text) if m.start() > 0 and m.end() < len(text)]
    for end in reversed(ends):
        if _POST_FULL_RE.fullmatch(text[end:]):
            return text[:end], text[end:]
    for end in reversed(ends):
        if _POST_RE.search(text[end:]):
            return text[:end], text[end:]
    post = _POST_RE.search(text)
    if post and post.start() > 0:
        # "副省长": 副 is part of the post, not a body of its own.
        start = post.start()
        for prefix in _POST_PREFIXES:
            if text[:start].endswith(prefix):
                start -= len(prefix)
                break
        return text[:start], text[start : post.end()]
    if _ORG_RE.search(text) and any(text.endswith(e) for e in ORGANISATION_ENDINGS):
        return text, ""
    if ends:
        return text[: ends[-1]], text[ends[-1] :]
    return "", text
