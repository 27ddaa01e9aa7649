"""Every user-facing Chinese string, in one place.

Front ends format with these and never spell out text of their own, so the
bot speaks with one voice and wording can be changed without touching logic.
"""

from __future__ import annotations

from fangtan.bot.engine.answer import Miss
from fangtan.retrieval.records import IssueKind

UNKNOWN_SPEAKER = "受访者不详"
NOTHING = "（无）"

# -- answer headings ----------------------------------------------------------
WHO_HEADING = "关于「{topic}」，谈到的受访者："
TOPIC_HEADING = "关于「{topic}」的相关段落："
SPEAKER_HEADING = "{name}的发言："
SPEAKER_TOPIC_HEADING = "{name}谈到「{topic}」："
PROFILE_HEADING = "受访者资料："
LIST_HEADING = "共有 {count} 位受访者："
MORE_HEADING = "更多内容："
OTHERS_HEADING = "其他谈到相关内容的受访者（相关度较低）："
HAS_MORE = "还有更多内容，发送「更多」继续查看。"

# -- pieces of an answer ------------------------------------------------------
PERSON_LINE = "{name}｜{role}{affiliation}"
PERSON_HEADLINE = "《{headline}》"
PERSON_FACTS = "文中还写到：{facts}"
PERSON_MENTIONED = "（文中只提到此人，没有引用其发言）"
CITATION = "——《{title}》第 {paragraph} 段"
LIST_ITEM = "{n}. {name}｜{role}{affiliation}\n   《{headline}》"

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
}
# The same two misses when the engine has nobody to offer.
MISSES_NO_CHOICE: dict[Miss, str] = {
    Miss.AMBIGUOUS: "「{asked}」可能是指好几位受访者。",
    Miss.UNKNOWN_NAME: "文中没有叫「{asked}」的人。",
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

# -- console ------------------------------------------------------------------
CONSOLE_BANNER = (
    "访谈问答 · 已载入 {interviews} 位发言人、{paragraphs} 个段落。\n"
    "直接输入问题；/help 查看帮助，/quit 或 Ctrl-D 退出。"
)
CONSOLE_HELP = """可以这样问：
  谁提到了某个话题？          —— 谈到这个话题的受访者和原话
  某人说了什么？ / 某人有什么建议？ —— 这位受访者的发言
  某人是谁？ / 谁是某单位的负责人？ —— 受访者的身份、单位和职务
  有哪些受访者？              —— 全部受访者
  直接输入关键词              —— 最相关的段落
接着问：
  他/她还说了什么？  还有谁？  更多
命令：
  /speakers  全部受访者
  /help      本帮助
  /quit      退出（也可以按 Ctrl-D）"""
CONSOLE_BYE = "再见。"
CONSOLE_UNKNOWN_COMMAND = "不认识的命令 {command}，输入 /help 查看可用命令。"
CONSOLE_PROMPT = "问> "

# -- command line errors --------------------------------------------------------
ERR_CORPUS_MISSING = (
    "找不到语料目录：{path}（用 --corpus 或 FANGTAN_CORPUS_DIR 指定一个存在的目录）"
)
ERR_CORPUS_EMPTY = "语料目录 {path} 里没有可用的访谈或段落。"
ERR_EMPTY_QUESTION = '问题是空的：请给出一个问题，例如 fangtan ask "谁提到了某个话题？"'
ERR_SETTINGS = "配置有误：{detail}"
ERR_INTERRUPTED = "已中断。"

# -- corpus report ------------------------------------------------------------
REPORT_FILE = (
    "文件 {path}（{encoding}）：{articles} 篇文章，发言人 {speakers} 位，只被提及 {mentioned} 位；"
    "句子 {attributed} 句归于发言人、{narration} 句为叙述；"
    "去掉版面杂项 {furniture} 行，修复断行 {repaired} 处"
)
REPORT_SPEAKER = "  · {name}｜{role}｜{affiliation}｜《{headline}》"
REPORT_MENTIONED = "  · （只被提及）{name}｜{role}｜{affiliation}"
REPORT_FILE_FAILED = "文件 {path}：未载入"
REPORT_TOTAL = (
    "合计：{files} 个文件，{articles} 篇文章，发言人 {speakers} 位，只被提及 {mentioned} 位，"
    "{paragraphs} 个段落，修复断行 {repaired} 处"
)
REPORT_WARNINGS = "警告："
REPORT_WARNING = "  ! {message}"

ISSUES: dict[IssueKind, str] = {
    IssueKind.UNDECODABLE: "{path}：无法识别编码（不是 UTF-8、UTF-16 或 GB18030 文本），已跳过",
    IssueKind.UNREADABLE: "{path}：无法读取（{detail}），已跳过",
    IssueKind.EMPTY: "{path}：文件是空的",
    IssueKind.NO_INTERVIEW: "{path}：没有认出任何人说的话，全文按报道者的叙述载入",
    IssueKind.NO_SPEAKER: "{path}：「{detail}」中没有认出受访者姓名",
    IssueKind.NO_FILES: "{path}：目录里没有 .txt 文件",
}

# -- Telegram -------------------------------------------------------------------
TG_START = (
    "你好！我能回答关于新闻访谈的问题：谁说了什么、原话是什么、出自哪篇报道。\n"
    "已载入 {interviews} 位发言人的话。可以这样问：\n{examples}\n\n"
    "发送 /help 查看全部用法。"
)
TG_EXAMPLE = "• {question}"
TG_EXAMPLE_WHO = "谁提到了“{term}”？"
TG_EXAMPLE_LIST = "有哪些受访者？"
TG_EXAMPLE_SPEAKER = "{name}说了什么？"
TG_HELP = (
    "直接发消息提问即可（群里请用命令、@我，或回复我的消息）。\n\n"
    "/ask 问题 — 提问，例如 /ask 谁提到了某个话题？\n"
    "/who 话题 — 谁谈到了这个话题\n"
    "/speakers — 全部受访者\n"
    "/speaker 名字 — 某位受访者的身份和发言\n"
    "/help — 本帮助\n\n"
    "接着问：「他/她还说了什么？」「还有谁？」「更多」。\n"
    "答案下面的按钮可以翻页、看某位受访者的其他发言、看段落原文。\n\n"
    "在任何聊天里输入 @{username} 加关键词，可以直接引用受访者的原话。"
)
TG_USAGE = {
    "ask": "用法：/ask 问题，例如 /ask 谁提到了某个话题？",
    "who": "用法：/who 话题，例如 /who 职业教育",
    "speaker": "用法：/speaker 名字，例如 /speaker {name}",
}
TG_WHO_QUESTION = "谁提到了{topic}？"
TG_UNKNOWN_SPEAKER = "没有找到名叫「{name}」的受访者。发送 /speakers 查看全部受访者。"
TG_TRUNCATED = "（问题太长，只读取了前 {limit} 个字。）"
TG_NO_TEXT = "我只能回答文字问题。发送 /help 查看用法。"
TG_ERROR = "抱歉，处理这条消息时出了点问题，请稍后再试。"
TG_EXPIRED = "这个按钮已经过期了，请重新提问。"
TG_NO_MORE_PAGES = "没有更多内容了。"
TG_PAGE = "第 {page} 页"
TG_BUTTON_NEXT = "下一页 ▶"
TG_BUTTON_PREV = "◀ 上一页"
TG_BUTTON_SPEAKER = "{name}的更多发言"
TG_BUTTON_PARAGRAPH = "原文 {n}"
TG_PARAGRAPH_HEADING = "《{title}》第 {paragraph} 段全文"
TG_INLINE_EMPTY = "没有找到相关内容，点此查看用法"
TG_INLINE_LIST_TITLE = "{name}｜{role}"
TG_INLINE_QUOTE_TITLE = "{name}｜{role}"
TG_COMMANDS = {
    "ask": "提问",
    "who": "谁谈到了某个话题",
    "speakers": "全部受访者",
    "speaker": "某位受访者的身份和发言",
    "help": "用法说明",
    "start": "开始",
}
TG_DESCRIPTION = (
    "新闻访谈问答：问谁说了什么，答案附受访者身份、原话和出处（标题、段落）。"
    "私聊直接提问；群里用 /ask、@我或回复我的消息；也可以在任何聊天里 @我 加关键词。"
)
TG_SHORT_DESCRIPTION = "问新闻访谈里谁说了什么，答案附原话和出处。"
ERR_NO_TOKEN = (
    "没有设置 FANGTAN_TELEGRAM_TOKEN（向 @BotFather 申请机器人令牌）；"
    "不用 Telegram 的话可以运行 fangtan console。"
)

# -- index building -------------------------------------------------------------
# A tqdm bar_format: {bar:30} is the bar, then done/total, elapsed<remaining and the rate.
PROGRESS_BAR = "建立索引 |{bar:30}| {n_fmt}/{total_fmt} 段 [{elapsed}<{remaining}，{rate_fmt}]"
PROGRESS_UNIT = "段"
INDEX_REPORT = (
    "索引：{interviews} 位发言人，{paragraphs} 个段落，{terms} 个词，用时 {seconds:.1f} 秒（{how}）"
)
INDEX_HOW = {"cached": "读取缓存", "built": "新建并写入缓存", "uncached": "未使用缓存"}
INDEX_CACHE_FILE = "缓存文件：{path}"

# -- health ---------------------------------------------------------------------
HEALTH_OK = "正常：{seconds:.0f} 秒前有心跳。"
HEALTH_STALE = "异常：最近一次心跳在 {seconds:.0f} 秒前。"
HEALTH_MISSING = "异常：没有心跳文件 {path}（机器人没有运行？）"
HEALTH_NO_FILE = "没有设置 FANGTAN_HEARTBEAT_FILE，无法检查。"

# -- access, limits and administration --------------------------------------------
TG_NOT_ALLOWED = "抱歉，这个机器人目前只为指定的用户和群组服务。"
TG_RATE_LIMITED = "提问太频繁了，请 {seconds} 秒后再试。"
TG_ADMIN_ONLY = "这个命令只有管理员可以使用。"
TG_RELOAD_STARTED = "正在重新载入语料，期间仍用旧索引回答问题……"
TG_RELOAD_DONE = "已重新载入：{interviews} 位发言人，{paragraphs} 个段落，用时 {seconds:.1f} 秒。"
TG_RELOAD_FAILED = "重新载入失败，继续使用原来的语料：{error}"
TG_RELOAD_BUSY = "已经在重新载入了，请稍候。"
TG_RELOAD_BROKEN_FILES = "有文件无法读取：{files}"
TG_STATS = (
    "发言人 {interviews} 位，段落 {paragraphs} 个\n"
    "启动以来回答 {answered} 个问题，未能回答 {unanswered} 个\n"
    "回答用时中位数 {median:.1f} 毫秒\n"
    "已运行 {uptime}"
)
TG_UPTIME = "{hours} 小时 {minutes} 分"

# -- command line: exit statuses, undecodable input, errors in one line -------------
CLI_EPILOG = """退出状态：
  0    成功；读输出的程序提前关闭管道（例如 | head）时也静静地以 0 结束
  1    运行时出错：连不上 Telegram Bot API、内部错误；fangtan corpus 发现语料里没有可用内容；
       fangtan health 发现机器人不健康
  2    用法或配置错误：参数、FANGTAN_* 设置、语料路径或权限、Telegram 令牌
  130  被 Ctrl-C 中断
出错时只在标准错误输出一行说明，不打印 Python 的调用栈。"""
WARN_UNDECODABLE_LINE = "第 {line} 行有无法解码的字节（不是 UTF-8），已替换为 \ufffd。"
WARN_UNDECODABLE_ARG = "问题里有无法解码的字节（不是 UTF-8），已替换为 \ufffd。"
WARN_SKIPPED_FILE = "警告：{message}"
ERR_ASK_NO_QUESTION = (
    '没有给出问题：fangtan ask "问题"，或者逐行从文件读入：fangtan ask < questions.txt'
)
ERR_SETTINGS_FILE = "无法读取配置文件 {path}：{reason}"
ERR_CORPUS_UNREADABLE = "无法读取语料 {path}：{reason}"
ERR_CORPUS_EMPTY_BECAUSE = "语料目录 {path} 里没有可用的访谈或段落：{reasons}"
ERR_UNEXPECTED = "内部错误：{error}（设置 FANGTAN_LOG_LEVEL=DEBUG 可以看到详细信息）"
REPORT_ROOT = "语料：{path}"
ERR_TG_BAD_TOKEN = (
    "FANGTAN_TELEGRAM_TOKEN 格式不对：应是 @BotFather 给出的“数字:字母和数字”形式的令牌。"
)
ERR_TG_REJECTED = "Telegram 拒绝了这个令牌，请检查 FANGTAN_TELEGRAM_TOKEN（{detail}）"
ERR_TG_UNREACHABLE = "连不上 Telegram Bot API {url}：{detail}"
ERR_TG_FAILED = "Telegram 出错：{detail}"
# Suggestions for a one-shot answer, where there is no conversation to continue.
SUGGEST_ONE_SHOT = "可以试试：{examples}，或者问「有哪些受访者？」。"
SUGGEST_PLAIN_ONE_SHOT = "可以问「有哪些受访者？」查看全部受访者。"

# ---- Delivery with retries (bot/telegram/delivery.py): the /stats line about sending ----
TG_STATS_DELIVERY = "投递：送达 {delivered} 次，重试 {retried} 次，放弃 {given_up} 次"

# -- hostile or odd input: the webhook server ---------------------------------------
ERR_WEBHOOK_LISTEN = "无法在 {listen}:{port} 上启动 webhook 服务器：{error}"
