"""Splitting "郑州某某有限公司总经理" into an organisation and a post.

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
)

POSTS: tuple[str, ...] = (
    "董事长",
    "总经理",
    "副总经理",
    "总裁",
    "副总裁",
    "首席执行官",
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
)

_ORG_RE = re.compile("|".join(sorted(ORGANISATION_ENDINGS, key=len, reverse=True)))
_POST_RE = re.compile("(?:" + "|".join(sorted(POSTS, key=len, reverse=True)) + ")$")


def split_affiliation(affiliation: str) -> tuple[str, str]:
    """Return (organisation, post); either may be empty."""
    text = affiliation.strip("、，, ")
    if not text:
        return "", ""
    last_end = 0
    for match in _ORG_RE.finditer(text):
        # An ending that leaves nothing before it is not an organisation name.
        if match.start() > 0:
            last_end = match.end()
    rest = text[last_end:]
    if last_end and rest and _POST_RE.search(rest):
        return text[:last_end], rest
    post = _POST_RE.search(text)
    if post and post.start() > 0:
        return text[: post.start()], post.group(0)
    if last_end == len(text):
        return text, ""
    if last_end:
        return text[:last_end], rest
    return "", text
