"""The vocabulary of what people are called: roles, posts, professions, honorifics.

A title right before a name ("……院长柯某某") introduces a person; a surname and a
title ("柯院长", "张委员") addresses one. Roles (人大代表) live in
``fangtan.retrieval.reading.roles``, posts in ``fangtan.retrieval.reading.affiliations``;
this table adds the professions and forms of address news writing uses, and how long titles are
shortened when people are addressed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fangtan.retrieval.reading.affiliations import POSTS
from fangtan.retrieval.reading.roles import BARE_ROLES, BODIES, ROLE_RE

# Who someone is to another: 患儿母亲某某 introduces her; "某某的儿子说了什么" asks of him.
KIN: tuple[str, ...] = (
    "母亲",
    "父亲",
    "妈妈",
    "爸爸",
    "妻子",
    "丈夫",
    "爱人",
    "老伴",
    "儿子",
    "女儿",
)
# Family as a question says it too, not only the words that introduce someone on a page.
RELATIVES: tuple[str, ...] = (
    *KIN,
    *"老公 老婆 媳妇 孩子 哥哥 姐姐 弟弟 妹妹 孙子 孙女".split(),
)

PROFESSIONS: tuple[str, ...] = (
    "院士",
    "教授",
    "副教授",
    "研究员",
    "专家",
    "学者",
    "博士",
    "医生",
    "大夫",
    "护士",
    "律师",
    "会计师",
    "工程师",
    "设计师",
    "规划师",
    "经济师",
    "分析师",
    "教师",
    "老师",
    "村民",
    "居民",
    "住户",
    "市民",
    "农民",
    "工人",
    "技师",
    "主持人",
    "发布人",  # a press conference's: "发布人 某某：……"
    "记者",
    "编辑",
    # Who someone is to a dispute or a service: 业主某某, 乘客某某.
    "业主",
    "房东",
    "租户",
    "乘客",
    "顾客",
    "学员",
    "员工",
    "商户",
    "船员",
    # Film, stage and sport: 导演某某, 主演某某, 中锋某某.
    "导演",
    "编剧",
    "制片人",
    "演员",
    "主演",
    "歌手",
    "作家",
    "画家",
    "主教练",
    "球员",
    "队员",
    "选手",
    "中锋",
    "前锋",
    "后卫",
    "通讯员",
    "志愿者",
    "企业家",
    "创始人",
    "负责人",
    "带头人",
    "传承人",
    "村支书",
    "支书",
    "网格员",
    "快递员",
    "外卖员",
    "党员",
    "校长",
    "园长",
    "店长",
    "站长",
    "船长",
    "队长",
    "社长",
    "秘书长",
    "主任委员",
    "首席专家",
    "首席科学家",
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "CIO",
    "总工",
    "主委",
    "常委",
    "店主",
    "嘉宾",
    "博士生",
    "研究生",
    "学生",
    "总规划师",
    "规划师",
    "老板",
    "摊主",
    "掌柜",
    "经营者",
    "农场主",
    # People a feature story follows: 文化馆干部某某, 返乡青年某某, 果农某某.
    "干部",
    "职工",
    "青年",
    "大学生",
    "果农",
    "菜农",
    "茶农",
    "渔民",
    "牧民",
    "养殖户",
    "种植户",
    "农户",
    "大户",  # 种粮大户, 养殖大户
    "能手",  # 采茶能手, 技术能手
    "手艺人",
    "艺人",
    "游客",
    "家长",
    "患者",
    "技术员",
    "讲解员",
    "护理员",
    "厨师",
    "司机",
    "主播",
    # Work that news about deputies' constituents names before a name.
    "驾驶员",
    "乘务员",
    "列车长",
    "机长",
    "护士长",
    "护工",
    "村医",
    "民警",
    "辅警",
    "交警",
    "消防员",
    "环卫工",
    "保洁员",
    "调解员",
    "检察官",
    "法官",
    "骑手",
    "工匠",
    "电工",
    "焊工",
    "钳工",
    "主理人",
    "合伙人",
    "班主任",
    "辅导员",
    "教练",
    "运动员",
    "会计",
    "出纳",
    "保安",
    "导游",
    "翻译",
    "营业员",
    "收银员",
    "售货员",
    "店员",
    "领班",
    "警官",
    "博主",
    # Officials listed by rank alone: 市领导某某等参加调研.
    "领导",
    # Who speaks in a courtroom: 被告人某某, 证人某某, 辩护人.
    "被告人",
    "原告",
    "证人",
    "公诉人",
    "辩护人",
    "审判长",
    "审判员",
    # Who someone is to the people in the story: 患儿母亲某某, 同事某某.
    "同事",
    "同学",
    "徒弟",
    "邻居",
    "战友",
    "搭档",
    "工友",
    *KIN,
)
# Professions people are called by after their surname (粟护士长, 韦医生, 晏老板), as
# posts are; the rest (村民, 游客) only introduce someone.
ADDRESSED_PROFESSIONS: tuple[str, ...] = (
    "医生",
    "大夫",
    "护士",
    "护士长",
    "博士",
    "店长",
    "船长",
    "列车长",
    "机长",
    "教练",
    "会计",
    "老板",
    "掌柜",
    "支书",
    "主委",
    "常委",
    "工程师",
    "律师",
    "导演",
)
HONORIFICS: tuple[str, ...] = (
    "女士",
    "先生",
    "小姐",
    "大爷",
    "大妈",
    "阿姨",
    "师傅",
    "大姐",
    "大哥",
    "奶奶",
    "爷爷",
    "老人",
    "老爷子",
    "老太太",
    "大叔",
    "大婶",
    "婆婆",
)
# 老 and a surname calls someone by it (老乜, 老张), save where the two make a word
# (老党员, 老房子, 老区): those surnames are never read after 老.
OLD = "老"
NOT_AFTER_OLD = frozenset("党干房毛关时习区师家公成路练黄江牛马将乡伴")
# 老 after a surname calls an elder by it (宫老), save where the two make a word (古老,
# 养老, 元老).
NOT_BEFORE_OLD = frozenset("古养元长父遗月敬尊终到防告年")
# Who holds public office, by the post's last characters.
_OFFICIALS = (
    "书记",
    "省长",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "村长",
    "厅长",
    "局长",
    "部长",
    "处长",
    "科长",
    "司长",
    "署长",
    "主席",
)
# Chief officers by their Latin letters (questions and pages are normalised to lower
# case), with the Chinese post first.
_CHIEF_OFFICERS = {
    "ceo": ("首席执行官",),
    "cfo": ("首席财务官", "财务总监"),
    "cto": ("首席技术官", "技术总监"),
    "coo": ("首席运营官",),
}
_WIVES = ("妻子", "爱人", "老伴", "太太")
_HUSBANDS = ("丈夫", "爱人", "老伴")
# Words for a kind of person a question may use ("那位专家", "县里的领导", "谁是企业家"),
# and the titles that make someone one: a page calls people by their posts, not kinds.
KINDS: dict[str, tuple[str, ...]] = {
    "领导": _OFFICIALS,
    "官员": (*_OFFICIALS, "发言人"),
    "干部": (*_OFFICIALS, "干部"),
    "企业家": ("董事长", "总经理", "总裁", "经理", "创始人", "厂长", "CEO", "企业负责人"),
    "老板": ("董事长", "总经理", "总裁", "创始人", "厂长", "老板", "店主", "掌柜"),
    "老总": ("董事长", "总经理", "总裁"),
    "高管": ("董事长", "总经理", "总裁", "副总", "总监", "经理", "CEO", "CTO", "CFO"),
    "商人": ("董事长", "总经理", "总裁", "经理", "创始人", "老板", "店主"),
    "专家": ("专家", "教授", "研究员", "院士", "学者", "工程师", "博士"),
    "学者": ("学者", "教授", "研究员", "院士", "博士"),
    "教授": ("教授",),
    "医生": ("医生", "医师", "大夫", "护士长", "科主任"),
    "大夫": ("医生", "医师", "大夫"),
    "老师": ("老师", "教师", "校长", "教授", "园长"),
    "律师": ("律师",),
    "投资人": ("合伙人", "投资人", "投资总监", "投资经理"),
    # A chief officer by the Latin letters and by the Chinese post, both ways.
    **{latin: (latin, *posts) for latin, posts in _CHIEF_OFFICERS.items()},
    **{posts[0]: (latin, posts[0]) for latin, posts in _CHIEF_OFFICERS.items()},
    # People a report hears without a post: a question about them needs them named so.
    "网友": ("网友",),
    "村民": ("村民",),
    "市民": ("市民",),
    "居民": ("居民",),
    "游客": ("游客",),
    "家长": ("家长",),
    "群众": ("群众",),
    "邻居": ("邻居",),
    "司机": ("司机", "驾驶员"),
    # A spouse, as a feature introduces them (妻子某某) and as people say it (老婆).
    "妻子": _WIVES,
    "老婆": _WIVES,
    "丈夫": _HUSBANDS,
    "老公": _HUSBANDS,
}


def of_kind(kind: str, text: str) -> bool:
    """Does ``text`` (a person's role, post or fact) make them a ``kind`` of person: say
    the kind itself, or a title of it ("专家" for a 教授, "领导" for a 局长)?"""
    return kind in text or any(title in text for title in KINDS.get(kind, ()))


# How a long title is shortened in address: 张总 for 张总经理, 王董 for 王董事长.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "总经理": ("总",),
    "副总经理": ("总",),
    "总裁": ("总",),
    "总监": ("总",),
    "董事长": ("董", "董事长"),
    "总工程师": ("总工", "总"),
    "教师": ("老师",),
    "导演": ("导",),  # "巫导：" tags the director's turns
    "党支部书记": ("书记",),
    "党委书记": ("书记",),
    "党工委书记": ("书记",),
    "村支书": ("书记", "支书"),
    "人大代表": ("代表",),
    "党代表": ("代表",),
    "政协委员": ("委员",),
    "立法委员": ("委员",),
    "立委": ("委员", "立委"),
    "市场开发经理": ("经理",),
}
TITLES: tuple[str, ...] = tuple(
    sorted({*POSTS, *PROFESSIONS, *BODIES, *BARE_ROLES}, key=len, reverse=True)
)
# A word ending like a title (局长, 会计师, 研究员, 院士) counts as one.
_SUFFIX_RE = re.compile(r"[\u4e00-\u9fff](?:长|师|员|士|书记|主任|主席|经理|总监|总裁)$")
_TITLE_END_RE = re.compile("(?:" + "|".join(re.escape(t) for t in TITLES) + ")$")


@lru_cache(maxsize=8192)  # a page's few titles, asked of at every name
def title_at_end(text: str) -> str:
    """The title ``text`` ends with, or ""."""
    match = ROLE_RE.search(text[-12:]) if text else None
    if match and match.end() == len(text[-12:]):
        return match.group(0)
    found = _TITLE_END_RE.search(text)
    if found:
        return found.group(0)
    found = _SUFFIX_RE.search(text)
    return found.group(0) if found else ""


# The one-character short forms of titles (张总, 李董, 巫导).
SHORT_TITLES = frozenset(s for forms in SHORT_FORMS.values() for s in forms if len(s) == 1)


@lru_cache(maxsize=4096)  # a page's few titles, asked of at every name
def address_forms(title: str) -> tuple[str, ...]:
    """Every title a person holding ``title`` may be addressed by after their surname."""
    forms = [title] if len(title) <= 4 else []
    for long, short in SHORT_FORMS.items():
        if title.endswith(long):
            forms.extend(short)
    tail = _TITLE_END_RE.search(title)
    if tail and len(tail.group(0)) <= 4:
        forms.append(tail.group(0))
    for body in BODIES:
        if title.endswith(body):
            forms.extend(SHORT_FORMS.get(body, ()))
    return tuple(dict.fromkeys(f.removeprefix("副") or f for f in forms))
