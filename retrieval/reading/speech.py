"""The vocabulary of reported speech, kept in one place.

Speech verbs, the adverbs that may stand between a speaker and the verb,
words that refer back to a speaker, and the openings that mark the
reporter's own narration. New words for any of these belong here only.
"""

from __future__ import annotations

import re

SPEECH_VERBS: tuple[str, ...] = (
    "说",
    "说道",
    "表示",
    "认为",
    "指出",
    "建议",
    "强调",
    "介绍",
    "告诉记者",
    "告诉",
    "坦言",
    "直言",
    "呼吁",
    "提出",
    "谈到",
    "谈及",
    "谈道",
    "提到",
    "提及",
    "称",
    "透露",
    "提醒",
    "坦承",
    "坦陈",
    "感慨",
    "感叹",
    "回忆",
    "解释",
    "补充",
    "分析",
    "预计",  # an analyst's "他预计，……"
    "预测",
    "估计",
    "主张",
    "希望",
    "觉得",
    "提议",
    "倡议",
    "表态",
    "笑言",
    "笑称",
    "说起",
    "谈起",
    "分享",
    "承认",
    "形容",
    "促请",
    "寄语",
    "期待",
    "期盼",
    "阐述",
    "总结",
    "回应",
    "答道",
    "问道",
    "笑道",
    "叹道",
    "喊道",
    "自嘲",
    "调侃",
    "打趣",
    "吐槽",
    "抱怨",
    "念叨",
    "嘀咕",
    "嘟囔",
    "插话",
    "戏称",
    "直呼",
    "叮嘱",
    "嘱咐",
    "告诫",
    "点评",
    "举例说",
    "举了一个例子",
    "举了个例子",
    "打了个比方",
    "算了一笔账",
    # Hong Kong papers' forms: 他续指, 她又指, 亦称.
    "续指",
    "续称",
    "续说",
    "又指",
    "亦指",
    "并指",
    "亦称",
    # Officials answering in a hearing, legislators pressing them.
    "要求",
    "质询",
    "质疑",
    "批评",
    "反驳",
    "追问",
    "答询",  # a minister answering a legislator: 某部长答询表示
    "备询",
    "反问",
    "回答",
    "答复",
    "承诺",
    "推荐",  # 她推荐老人每天练一练……: advice, in her words reported
    "讲到",
    "讲起",
    "聊到",
    "聊起",
    "反映",  # 居民某某反映，……: a complaint, told
    "评价",
    "连声说",
    "直说",
)
# Verbs with which a report gives a source its say ("有关专家指出，"); not 认为 or
# 希望, which reported speech often carries on with ("很多企业希望……").
SOURCE_VERBS: tuple[str, ...] = (
    "提出",
    "指出",
    "表示",
    "强调",
    "称",
    "说",
    "介绍",
    "透露",
    "明确",
    "要求",
    # A document's say: "《条例》第三十一条规定：“……”".
    "规定",
    "写道",
    "写明",
    "载明",
)
# Words that may stand between a speaker and the speech verb (还表示, 在接受采访时说).
# When someone spoke, between their name and the verb (宓某某昨日表示, 王某某近日说).
WHEN: tuple[str, ...] = (
    "今年",
    "日前",
    "近日",
    "近期",
    "昨日",
    "昨天",
    "今日",
    "今天",
    "当日",
    "同日",
    "此前",
)
# Speaking to the reporter: "某某告诉记者", "对记者说".
TO_REPORTER: tuple[str, ...] = ("告诉记者", "对记者", "向记者", "跟记者", "给记者")
ADVERBS: tuple[str, ...] = (
    "其后",
    "随后",
    "还",
    "也",
    "则",
    "又",
    "更",
    "就",
    "再",
    "都",
    "同时",
    "特别",
    "进一步",
    "一再",
    "一直",
    "多次",
    "反复",
    "再次",
    "明确",
    "坦率地",
    "笑着",
    "激动地",
    "动情地",
    "深有感触地",
    "直接",
    "首先",
    "最后",
    "随后",
    "接着",
    "紧接着",
    "当场",  # 当场回应, 当即表示: when they answered, at once
    "当即",
    "随即",
    "立即",
    "此外",
    "曾经",
    "曾",
    "仍",  # 仍表示不满意: still of the view
    "仍然",
    "依然",
    "依旧",
    "所",  # 正如某某所说
    "撰文",  # 撰文指出: how they said it; "撰文，分享……" says nothing yet
    "此前",
    "早前",
    "对此",
    *TO_REPORTER,
    "在会上",
    "会上",
    "在发言中",
    "发言时",
    "在讨论中",
    "当天",
    *WHEN,
    "在接受本报记者采访时",
    "在接受记者采访时",
    "接受本报记者采访时",
    "接受记者采访时",
    "接受采访时",
    "在采访中",
    "受访时",
    "在受访时",
    # In a hearing or at a ceremony: 答询时指出, 备询时表示, 致辞时说.
    "答询时",
    "备询时",
    "质询时",
    "致辞时",
    "在致辞中",
    "讲话时",
    "在讲话中",
    "表示",
)
# 佢 is Cantonese for either.
PRONOUNS: tuple[str, ...] = ("他", "她", "佢")
ANY_GENDER = "佢"
# What a first-person writer calls themselves: no 他 or 她 of their column is them.
SELF = "我"
# 该代表, 这位委员: a title after one of these refers back to a speaker holding it.
ANAPHOR_HEADS: tuple[str, ...] = ("该", "这位", "此位", "这名", "该名", "这个")
# Sentence openings that are the reporter's own: 据了解, 记者了解到, 本报讯.
NARRATION_OPENINGS: tuple[str, ...] = (
    # The page's own furniture run into a paragraph: "（编辑：某某）本网站所刊载……".
    "编辑：",
    "责任编辑",
    "责编",
    "本网站",
    "版权所有",
    "未经授权",
    "据了解",
    "据悉",
    "据统计",
    "据报道",
    "据介绍",
    "据测算",
    "资料显示",
    "数据显示",
    "统计显示",
    "记者",
    "本报",
    "笔者",
    "小编",
    "采访中",
    "采访结束",
    "采访最后",
    "编者按",
    "【编者按】",
    "编者的话",
    "新华社",
    "截至",
    "链接",
    "相关链接",
    "背景",
)
# Words that start a sentence carrying on someone's view into a new paragraph.
CONTINUATIONS: tuple[str, ...] = (
    "要",
    "应",
    "应当",
    "应该",
    "需",
    "需要",
    "必须",
    "可以",
    "希望",
    "建议",
    "将",
    "同时",
    "此外",
    "另外",
    "另一方面",
    "一方面",
    "还要",
    "首先",
    "其次",
    "再次",
    "最后",
    "第一",
    "第二",
    "第三",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "对此",
    "为此",
    "因此",
    "但",
    "但是",
    "不过",
    "只有",
    "只要",
)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Hong Kong papers write Cantonese: 佢話，…… ("he says"). 话 alone is a verb only before
# the pause that opens what is said.
# 话 and 指 say only before a pause: "某某话，……"; Hong Kong's "某某指，……" (not 指的是).
VERB_RE = _alternation(SPEECH_VERBS) + r"|[话指](?=[，,：:])"
ADVERB_RE = _alternation(ADVERBS)
# After a speaker: adverbs, then a speech verb that is not a noun (建议书, 说明) nor
# the start of another word; or a colon straight after the name.
# When or where they said it may stand first: 在审议时, 在小组讨论中, 在座谈会上,
# 在听取意见后; a wire story's day and place: 20日在惠灵顿, 5日在京, 近日在会场外.
# Or only when: 接受本报查询时, 发言时.
_DAY = (
    r"(?:\d{1,2}月)?\d{1,2}日|近日|日前|昨天|昨日|今天|今日|当天|当日|当晚"
    # After the game or the meeting: "某某赛后说", "会后表示".
    r"|赛后|赛前|会后|会前|课后|事后"
)
_OCCASION = (
    rf"(?:(?:{_DAY})?在[^，。；：“”\s]{{1,12}}?(?:时|中|上|期间|后)?"
    # What they wrote it in: "在1987年写给她的一封信里说".
    rf"|在[^，。；：“”\s]{{1,16}}?(?:信|文章|日记|书|文|帖子)(?:里|中)"
    rf"|[^，。；：“”\s在]{{1,10}}?时|(?:{_DAY})"
    # What they were doing meanwhile: "一边扫码一边告诉记者", "边走边说".
    r"|一?边[^，。；：“”\s]{1,8}?一?边)"
)
SPEECH_AFTER_RE = re.compile(
    rf"^(?:(?:{ADVERB_RE}){{0,2}}{_OCCASION}?(?:{ADVERB_RE}){{0,3}}"
    # 为 or 之 after 称 names something (称为, 称之); after 建议 it says for whom (建议为…).
    # 的 after the verb makes a noun of it: "某某提到的难题" is what they raised, not speech.
    rf"(?:(?:{VERB_RE})(?![明服法书稿为之的话])|(?:{VERB_RE})(?<!称)(?=[为之]))|[：:])"
)
# "王某某也谈了自己的感受：“……”": a short predicate of the speaker's, then a colon opening
# a quotation. Not what follows 的 (王某某的父亲说：“……” is the father's).
LEADS_QUOTE_RE = re.compile(r"^(?!的)[^，。；！？,;!?：:“”「」\s]{1,14}[：:]\s*[“「『]")
# "某某蹲在地头说，……": a short act of the speaker's, then 说 and their words; not
# someone else joined in (和他的妻子都说), 说 closing a word (小说, 听说, 所说), not
# saying (二话不说) or saying while doing what the sentence tells (一边说，一边……).
ACTS_THEN_SAYS_RE = re.compile(
    r"^[^，。；！？,;!?：:“”「」\s的和与跟同及他她我你们]{2,6}?(?<![小所听据传不没边])说[，,：:]"
)
NARRATION_RE = re.compile(rf"^[\s（(【\[]*(?:{_alternation(NARRATION_OPENINGS)})")
# Of those, the ones only the reporter opens with: inside someone's whole answer
# "截至去年底…" and "数据显示…" are still theirs.
REPORTER_OPENINGS = tuple(
    w for w in NARRATION_OPENINGS if not w.startswith(("据", "截至")) and "显示" not in w
)
REPORTER_RE = re.compile(rf"^[\s（(【\[]*(?:{_alternation(REPORTER_OPENINGS)})")
CONTINUATION_RE = re.compile(rf"^(?:{_alternation(CONTINUATIONS)})")
# "本报讯", "【本报讯】", "新华社北京3月5日电": a dateline opening a report, nobody's words.
DATELINE_PREFIX_RE = re.compile(
    r"^\s*(?:[【\[（(]?[^，。【】\[\]（）()\s]{0,12}讯[】\]）)]?|(?:新华社|中新社)[^，。\s]{0,16}电)\s*"
)


# The reporter telling what was asked, in a sentence of the report: "有记者问到，……",
# "随后有记者提问，……", "有网友关心……". The question, not anyone's words.
ASKED_RE = re.compile(
    r"^(?:随后|此外|另外|最后|接着|会上|现场)?[，,]?(?:又|还|也)?(?:有|另有|还有|也有)?"
    r"(?:一位|一名|多位|多名|不少)?(?:媒体|本报|本台)?(?:记者|主持人|网友)"
    r"(?:又|再|还|也)?(?:问到|问及|问起|问道|提问|追问|询问|关心|关注|想知道|问)"
)
