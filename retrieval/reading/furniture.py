"""Page furniture: the lines of a web or e-paper page that are not the article.

Navigation, 当前位置, share and print links, 发布时间 and 浏览次数, 来源, 作者,
责任编辑, photo captions and edition lines are dropped before anything is
read, so none of them can become a headline, be glued into a paragraph or be
quoted. Bylines are dropped too, but the names in them are kept: a reporter
is someone the corpus knows, only never someone who speaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from fangtan.retrieval.reading.alternation import longest_first

# Markers that make a line furniture wherever they stand in it.
MARKERS: tuple[str, ...] = (
    "当前位置",
    "请输入关键字",  # the search box
    "请输入关键词",
    "请输入搜索",
    "您的位置",
    "你的位置",
    "所在位置",
    "发布时间",
    "发布日期",
    "浏览次数",
    "阅读次数",
    "点击数",
    "阅读量",
    "责任编辑",
    "分享到",
    "打印本页",
    "关闭窗口",
    "扫一扫",
    "二维码",
    "上一篇",
    "下一篇",
    "版权所有",
    "Copyright",
    "ICP备",
    "上一版",
    "播出时间",
    "信息提供",  # a government page's footer: "【信息提供：县政府办　某某】"
    "数据来源",  # under a table: "（数据来源：公司公告，某某网整理）"
    "资料来源",
    "技术支持",
    "访谈时间",  # an online interview's header: "访谈时间：2026年3月26日 10:00"
    "采访时间",
    "直播时间",
    "时长：",
    "下一版",
    "返回目录",
    "字体：",
    "【列印】",
    "【打印】",
    "【关闭】",
    "返回顶部",
    "网站首页",
    "点击播报",
    "视频加载中",
    "扫码关注",
    "网友评论",
    "发表评论",
    "条评论",
    "免责声明",
    "联系我们",
    "本版编辑",
    "美术编辑",
    "邮编",
    "新闻热线",
    "举报电话",
)
# Headings of a list of links to other pages: the short lines under one are links too,
# headlines that may name other people ("代表苏某某：加快发展银发经济").
LINK_LISTS: tuple[str, ...] = (
    "推荐阅读",
    "相关新闻",
    "相关阅读",
    "延伸阅读",
    "相关报道",
    "热门排行",
    "热门推荐",
    "热点推荐",
    "精彩推荐",
    "猜你喜欢",
    "更多新闻",
    "往期回顾",
    "往期推荐",
    "相关推荐",
)
LINK_MAX = 40
# Headings of readers' comments under the article: what follows is theirs, not the
# article's, to the end of the page.
COMMENT_HEADS: tuple[str, ...] = (
    "网友评论",
    "热门评论",
    "最新评论",
    "精彩评论",
    "全部评论",
    "网友留言",
    "读者评论",
    "用户评论",
    "评论区",
    "读者留言",
)
# Who writes or calls in to a page under a handle or no name at all.
AUDIENCE = ("网友", "读者", "用户", "听众", "观众")
# One comment, its writer's handle first: 网友“某某”：…, 网友 某某：…, 北京网友：….
_COMMENT_RE = re.compile(
    rf"^[▲■●◆★·•]?\s*(?:{'|'.join(AUDIENCE)})"
    r"(?:\s*[“「\"][^”」\"]{1,24}[”」\"]|\s+[^\s：:，。]{1,16})\s*(?:留言|评论|说)?[：:]"
    r"|^[^\s：:，。“”]{1,10}(?:网友|读者)[：:]"
    # A handle: "@某某：……"; not one the platform verified a name for ("@某某（认证：……）").
    r"|^[@＠](?![^\s：:，。]{0,24}[（(]\s*(?:实名)?认证)[^\s：:，。]{1,24}[：:]"
)
# The count over a page's comments: "评论（326）　最热 | 最新", "留言 12 条".
_COMMENT_COUNT_RE = re.compile(
    r"^(?:评论|留言|跟帖)\s*[（(]?\d+[）)]?\s*条?(?:\s*(?:最热|最新|热门|按时间|[|｜]))*\s*$"
)
# Markers that make a line furniture when it starts with them.
OPENINGS: tuple[str, ...] = (
    "来源：",
    "来源:",
    "作者：",
    "作者:",
    "编辑：",
    "编辑:",
    "审核：",
    "审核:",
    "校对：",
    "校对:",
    "文字：",  # "文字：某某　图片：某某", a post's credits
    "文字:",
    "图片来源",
    "资料图",
    "首页 >",
    "首页>",
    "首页 ›",
    "原标题",
)
_DATE = r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?"
# Who edited the page, as credited under a story's end ("责任编辑：某某", "（校对：某某）").
_EDITING = r"责任编辑|编辑|校对|审核|审校|终审|监制|主编|编审"
_CREDIT = (
    r"(?:本报|本刊|新华社|特约|实习|见习|融媒体)?"
    rf"(?:记者|通讯员|实习生|文字|文|图|摄影|摄|整理|策划|统筹|{_EDITING})"
)
_NAME = r"[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}"
_NAMES = rf"{_NAME}(?:[\s、，,/／]+{_NAME}){{0,5}}"

# 字号 is page furniture only as the font-size control (字号：大 中 小, 【字号】):
# a headline or a question may speak of a 老字号.
_FONT_SIZE = r"字号\s*[:：大中小】\]]|[【\[]\s*字号|^[大中小]字号$"
# A heading of links is furniture too, wherever it stands. The markers alone are
# words: the scan for them skips to the characters they start with, which a single
# pattern with the font size in it would try at every character (six times the cost).
_MARKER_RE = re.compile(longest_first((*MARKERS, *LINK_LISTS)))
_FONT_SIZE_RE = re.compile(_FONT_SIZE)


def _has_marker(text: str) -> bool:
    return bool(_MARKER_RE.search(text)) or ("字号" in text and bool(_FONT_SIZE_RE.search(text)))


_OPENING_RE = re.compile("^(?:" + "|".join(re.escape(m) for m in OPENINGS) + ")")
_DATELINE_RE = re.compile(rf"^{_DATE}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s|$)")
_EDITION_RE = re.compile(r"^第?\s*[A-Za-z]?\d{1,3}\s*版(?:[：:\s]|$)")
# Short links between separators; the first may be the site's name ("某某网　首页 | 新闻 | …").
_NAV_RE = re.compile(
    r"^[^|｜>›»。，！？]{1,24}?\s*[|｜>›»]+\s*(?:[^|｜>›»]{1,8}\s*[|｜>›»]+\s*)+[^|｜>›»]{1,8}$"
    # Two steps of a breadcrumb: "人物 > 职人专访".
    r"|^[\u4e00-\u9fffA-Za-z]{1,8}\s*[>›»]\s*[\u4e00-\u9fffA-Za-z]{1,8}$"
)
_DATE_RE = re.compile(_DATE)
_DATED_TAIL_RE = re.compile(rf"[\s\u3000]+{_DATE}.*$")
_CAPTION_RE = re.compile(
    r"^[（(【\[]?\s*(?:图为|图片|上图|下图|左图|右图|题图|图：|图:|图[】\]）)]).*|.*\s摄\s*[）)】\]]?$"
    # "▲学员们的作品在走廊展出": an arrow points at the photo; no one's words follow it.
    r"|^[▲▼△▽↑↓]\s*[^“”「」‘’：:。！？]{2,60}[。]?$"
)
_BYLINE_RE = re.compile(
    rf"^[（(【\[]?\s*(?:(?:{_CREDIT})[\s/／:：|｜]*{_NAMES}(?:\s*(?:整理|报道|摄|采写|文))?"
    rf"(?:[\s，,]+(?:{_CREDIT})[\s/／:：|｜]*{_NAMES})*)\s*[）)】\]]?$"
)
_ISSUE_RE = re.compile(r"^(?:\d{4}\s*年\s*)?第\s*\d{1,4}\s*期[\s\u3000]+")
_DISPATCH_RE = re.compile(r"[\s\u3000]+发自[\u4e00-\u9fff]{2,8}$")
# "记者手记", "【记者出镜】": the reporter's notes or stand-up, not a byline crediting 手记.
_NOTE_RE = re.compile(r"(?:记者|采访|编辑)(?:手记|观察|札记|随笔|笔记|日记|出镜|连线)")
_CREDIT_WORD_RE = re.compile(rf"(?<![\u4e00-\u9fff]){_CREDIT}(?![为片])(?=[\s:：/／|｜]|$)")
# Words that follow a credit on a dateline line but are not names.
_NOT_CREDITED = (
    "浏览",
    "来源",
    "时间",
    "次数",
    "发布",
    "日期",
    "字号",
    "字体",
    "报道",
    "频道",
    "阅读",
    "分享",
    "点赞",
    "评论",
    "收藏",
)
_CREDIT_ONLY_RE = re.compile(rf"^{_CREDIT}")


class Furniture(StrEnum):
    NAVIGATION = "navigation"
    DATELINE = "dateline"
    EDITION = "edition"
    CAPTION = "caption"
    BYLINE = "byline"
    OTHER = "other"


@dataclass(frozen=True)
class Credit:
    """A name a line of furniture credits, and as what (记者, 通讯员, 摄)."""

    name: str
    credit: str


def classify(line: str) -> Furniture | None:
    """What kind of furniture ``line`` (folded) is, or None for article text."""
    text = line.strip()
    # "文／某某　摄影／某某　2026-03-12　第218期": the credits, then when and which issue.
    credits = _DATED_TAIL_RE.sub("", text)
    # "2024年第38期　本刊记者 某某　发自西宁": a magazine's issue and where it was sent from.
    credits = _DISPATCH_RE.sub("", _ISSUE_RE.sub("", credits))
    if _BYLINE_RE.match(credits) and not _NOTE_RE.search(text):
        return Furniture.BYLINE
    if _CAPTION_RE.match(text) and len(text) <= 200:
        return Furniture.CAPTION
    if _EDITION_RE.match(text):
        return Furniture.EDITION
    if _DATELINE_RE.match(text):
        return Furniture.DATELINE
    if _NAV_RE.match(text) or _OPENING_RE.match(text) or _spaced_menu(text):
        return Furniture.NAVIGATION
    if is_rule(text) or _posted(text) or _HANDLE_RE.fullmatch(text):
        return Furniture.OTHER
    if _has_marker(text) and not _is_prose(text):
        return Furniture.OTHER
    return None


# A rule drawn with symbols between sections: ━━━━, ———, ＊＊＊, ~~~.
# A social account's handle over its post: "@某都市报 V".
_HANDLE_RE = re.compile(r"@[^\s@，。：:]{1,24}(?:\s*[VvＶ])?")
_RULE_RE = re.compile(r"[━─—―=＝*＊~～·•_＿\-—.。…]{3,}")
# A social-media post's header: "原创 某某融媒 2024-03-07 08:30 发表于某地".
_POSTED_RE = re.compile(rf"^原创\s.*{_DATE}|.*{_DATE}.*发表于\S{{1,8}}$")
MENU_ITEMS_MIN = 5


def _posted(text: str) -> bool:
    """Is ``text`` a post's header? Asked only of a line with 原创 or 发表于, as the
    pattern runs over the whole line from each of its dates."""
    return ("原创" in text or "发表于" in text) and bool(_POSTED_RE.match(text))


def _spaced_menu(text: str) -> bool:
    """A site menu with spaces for separators: "某某网 | 首页  新闻  政务  民生  视频"."""
    if "首页" not in text:
        return False  # (most lines)
    items = [w for w in re.split(r"[\s|｜]+", text) if w]
    return (
        "首页" in items
        and len(items) >= MENU_ITEMS_MIN
        and all(len(w) <= 6 for w in items)
        and not re.search(r"[，。；！？]", text)
    )


# How a site's name ends: 某某网, 某某市人民政府门户网站, 某某客户端.
_SITE_ENDS = ("网", "网站", "门户", "频道", "客户端", "平台", "在线", "新闻", "融媒", "报", "台")


def is_site_name(line: str) -> bool:
    """Could ``line`` (folded), standing over a menu, be the site's name?"""
    text = line.strip()
    return (
        0 < len(text) <= 20 and text.endswith(_SITE_ENDS) and not re.search(r"[，。：:！？]", text)
    )


# Who edited the page ("责任编辑：某某", "（编辑：某某　校对：某某）"): signed under a story's
# end, never under its headline as a byline is.
_EDITED_RE = re.compile(rf"^\s*[（(【\[]?\s*(?:本版|美术)?(?:{_EDITING})\s*[：:\s]")


def edited_by(line: str) -> bool:
    return bool(_EDITED_RE.match(line))


def has_date(line: str) -> bool:
    """Does ``line`` (folded) carry a full date, as a page's 发布时间 line does?"""
    return bool(_DATE_RE.search(line))


def heading_text(line: str) -> str:
    """A heading's words without the brackets, bullets and colon around them."""
    return line.strip().strip("【】[]［］■●◆▲★ ：:")


def opens_comments(line: str) -> bool:
    """Is ``line`` (folded) the heading of the readers' comments ("网友评论（2）")?"""
    if _COMMENT_COUNT_RE.match(line.strip()):
        return True
    heading = heading_text(line)
    # Taking the counts out leaves every other character: a line with one no heading
    # and no count holds (nearly every line) is none of the headings.
    return bool(_HEAD_CHARS_RE.fullmatch(heading)) and _COUNTS_RE.sub("", heading) in COMMENT_HEADS


# What a comments heading may add to its words: a count, in brackets or of 条, and spaces.
_COUNTS_RE = re.compile(r"[（(]\d+[）)]|共?\d+条|\s")
_HEAD_CHARS_RE = re.compile(
    "[" + re.escape("".join(sorted(set("".join(COMMENT_HEADS)) | set("（()）共条")))) + r"\d\s]*"
)


def is_rule(line: str) -> bool:
    """Is ``line`` (folded) a rule drawn with symbols ("——————", "━━━")?"""
    return bool(_RULE_RE.fullmatch(line.strip()))


# A department's reply over its text ("市交通运输局答复：", "回复单位：……"): the page is a
# message board, whose messages are its content, not readers' comments under it.
_REPLY_RE = re.compile(
    r"^[^，。：:“”\s]{1,20}(?:答复|回复)(?:如下)?[：:]\s*$|^(?:答复|回复)(?:单位|部门)[：:]"
)


def answers_messages(lines: list[str]) -> bool:
    """Is the page (its lines, folded) a message board whose messages are answered?"""
    return any(_REPLY_RE.match(line.strip()) for line in lines)


def is_comment(line: str) -> bool:
    """Is ``line`` (folded) one reader's comment, led by their handle?"""
    return bool(_COMMENT_RE.match(line.strip()))


def opens_link_list(line: str) -> bool:
    """Is ``line`` (folded furniture) the heading of a list of links ("推荐阅读")?"""
    text = heading_text(line)
    return len(text) <= 8 and any(head in text for head in LINK_LISTS)


def is_link(line: str) -> bool:
    """Could ``line`` (folded) be one link of such a list: short, and no finished sentence?"""
    text = line.strip()
    if text.startswith(("·", "•", "‧", "▪", "◦", "▶", "►")):
        return len(text) <= LINK_MAX + 20  # a bullet marks a link, though it asks
    return 0 < len(text) <= LINK_MAX and not text.endswith(("。", "！", "？", "”", "」"))


def credits(line: str) -> list[Credit]:
    """The people a byline, caption or dateline line credits (记者 张三 李四, 张三 摄)."""
    found: list[Credit] = []
    for match in _CREDIT_WORD_RE.finditer(line):
        rest = line[match.end() :].strip(" \t:：/／|｜")
        for part in re.finditer(r"([^\s、，,/／:：|｜（）()]*)([\s、，,/／:：|｜（）()]*)", rest):
            token, after = part.groups()
            if not token:
                break
            if after.strip() in ("，", ","):
                break  # "图：周一清晨，孩子们……": a caption's clause, not names
            name = re.sub(r"(?:摄|整理|报道)$", "", token)
            if _CREDIT_ONLY_RE.match(token) or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
                break
            if any(word in token for word in _NOT_CREDITED) or token.startswith("发自"):
                break  # "本刊记者 某某　发自西宁": where it was sent from
            found.append(Credit(name, match.group(0)))
    # A name split by a space, as in 卢 楠: two single characters after the credit.
    for match in re.finditer(
        rf"(?:{_CREDIT})[\s:：]+([\u4e00-\u9fff])\s([\u4e00-\u9fff])(?:\s|$)", line
    ):
        found.append(Credit(match.group(1) + match.group(2), "编辑"))
    return list(dict.fromkeys(found))


def date_in(line: str) -> str:
    match = _DATE_RE.search(line)
    return match.group(0) if match else ""


def _is_prose(text: str) -> bool:
    """A sentence that merely mentions a marker (扫一扫墙上的二维码) is article text."""
    return "。" in text or text.count("，") >= 2
