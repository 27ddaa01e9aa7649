"""Words of an answer that every front end shares: headings, misses, choices, matched words.

Plain strings; each renderer escapes or decorates them for its medium.
"""

from __future__ import annotations

from fangtan.bot.engine.answer import Miss

UNKNOWN_SPEAKER = "受访者不详"

# -- answer headings ----------------------------------------------------------
WHO_HEADING = "关于「{topic}」，谈到的受访者："
TOPIC_HEADING = "关于「{topic}」的相关段落："
SPEAKER_HEADING = "{name}的发言："
SPEAKER_TOPIC_HEADING = "{name}谈到「{topic}」："
PROFILE_HEADING = "受访者资料："
LIST_HEADING = "共有 {count} 位受访者："
MORE_HEADING = "更多内容："
OTHERS_HEADING = "其他谈到相关内容的受访者（相关度较低）："

# -- pieces of an answer ------------------------------------------------------
PERSON_LINE = "{name}｜{role}{affiliation}"
PERSON_HEADLINE = "《{headline}》"
PERSON_FACTS = "文中还写到：{facts}"
PERSON_MENTIONED = "（文中只提到此人，没有引用其发言）"
CITATION = "——《{title}》第 {paragraph} 段"

# -- no answer ----------------------------------------------------------------
MISSES: dict[Miss, str] = {
    Miss.EMPTY: "请输入一个问题，例如「谁提到了某个话题？」或「有哪些受访者？」。",
    Miss.UNKNOWN_WORDS: "访谈中没有出现「{topic}」，没有找到相关的受访者。",
    Miss.WEAK: "访谈中没有找到与「{topic}」直接相关的内容。",
    Miss.SPEAKER_SILENT: "{names}的访谈中没有谈到「{topic}」。",
    Miss.MENTIONED_ONLY: "文章中提到了{names}，但没有引用{names}说的话。",
    Miss.NO_CONTEXT: "还没有可以接着问的上一个问题，请先提一个问题。",
    Miss.NO_MORE: "上一个问题的内容已经全部显示了。",
    Miss.NO_OTHERS: "没有其他受访者谈到这个话题。",
    Miss.NO_MATCH: "没有找到符合条件的受访者。",
    Miss.AMBIGUOUS: "「{asked}」可能是指好几位：{choices}。请问是哪一位？",
    Miss.UNKNOWN_NAME: "文中没有叫「{asked}」的人。是不是要找：{choices}？",
    Miss.RELATIVE: "文中没有引用「{asked}」说的话。是不是要找：{choices}？",
}
# The same two misses when the engine has nobody to offer.
MISSES_NO_CHOICE: dict[Miss, str] = {
    Miss.AMBIGUOUS: "「{asked}」可能是指好几位受访者。",
    Miss.UNKNOWN_NAME: "文中没有叫「{asked}」的人。",
    Miss.RELATIVE: "文中没有引用「{asked}」说的话。",
}
CHOICE_ITEM = "{name}（{about}）"
CHOICE_PLAIN = "{name}"
CHOICE_HINT = "可以直接问：{questions}"
CHOICE_QUESTION = "「{question}」"
# -- how an answer matched ----------------------------------------------------
PARTIAL = "（部分匹配：访谈中没有找到与「{missing}」对应的内容，以下是最接近的段落。）"
MATCHED = "匹配词：{words}"
MATCHED_FORM = "{term}（“{asked}”的另一种说法）"
MATCHED_RELATED = "{term}（“{asked}”的近义词）"
ABSENT_WORDS = "（访谈中没有出现「{words}」）"
SUGGEST = "可以试试：{examples}，或发送 /speakers 查看全部受访者。"
SUGGEST_EXAMPLE = "「谁提到了“{term}”？」"
SUGGEST_PLAIN = "可以发送 /speakers 查看全部受访者。"
NAME_JOINER = "、"
# Suggestions for a one-shot answer, where there is no conversation to continue.
SUGGEST_ONE_SHOT = "可以试试：{examples}，或者问「有哪些受访者？」。"
SUGGEST_PLAIN_ONE_SHOT = "可以问「有哪些受访者？」查看全部受访者。"
