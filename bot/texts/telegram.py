"""What the Telegram bot says: commands, help, buttons, inline results, administration."""

from __future__ import annotations

# -- commands and help ------------------------------------------------------------
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

# -- buttons and pages ------------------------------------------------------------
TG_EXPIRED = "这个按钮已经过期了，请重新提问。"
TG_NO_MORE_PAGES = "没有更多内容了。"
TG_PAGE = "第 {page} 页"
TG_BUTTON_NEXT = "下一页 ▶"
TG_BUTTON_PREV = "◀ 上一页"
TG_BUTTON_SPEAKER = "{name}的更多发言"
TG_BUTTON_PARAGRAPH = "原文 {n}"
TG_PARAGRAPH_HEADING = "《{title}》第 {paragraph} 段全文"

# -- inline mode ------------------------------------------------------------------
TG_INLINE_EMPTY = "没有找到相关内容，点此查看用法"
TG_INLINE_LIST_TITLE = "{name}｜{role}"
TG_INLINE_QUOTE_TITLE = "{name}｜{role}"

# -- the bot's profile: command menu and descriptions --------------------------------
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

# -- access, limits and administration --------------------------------------------
TG_NOT_ALLOWED = "抱歉，这个机器人目前只为指定的用户和群组服务。"
TG_RATE_LIMITED = "提问太频繁了，请 {seconds} 秒后再试。"
TG_ADMIN_ONLY = "这个命令只有管理员可以使用。"
TG_RELOAD_STARTED = "正在重新载入语料，期间仍用旧索引回答问题……"
TG_RELOAD_DONE = "已重新载入：{interviews} 位发言人，{paragraphs} 个段落，用时 {seconds:.1f} 秒。"
TG_RELOAD_FAILED = "重新载入失败，继续使用原来的语料：{error}"
TG_RELOAD_BUSY = "已经在重新载入了，请稍候。"
TG_STATS = (
    "发言人 {interviews} 位，段落 {paragraphs} 个\n"
    "启动以来回答 {answered} 个问题，未能回答 {unanswered} 个\n"
    "回答用时中位数 {median:.1f} 毫秒\n"
    "已运行 {uptime}"
)
TG_UPTIME = "{hours} 小时 {minutes} 分"

# ---- Delivery with retries (bot/telegram/delivery.py): the /stats line about sending ----
TG_STATS_DELIVERY = "投递：送达 {delivered} 次，重试 {retried} 次，放弃 {given_up} 次"

# -- starting the bot: token, Bot API, webhook server ------------------------------
ERR_NO_TOKEN = (
    "没有设置 FANGTAN_TELEGRAM_TOKEN（向 @BotFather 申请机器人令牌）；"
    "不用 Telegram 的话可以运行 fangtan console。"
)
ERR_TG_BAD_TOKEN = (
    "FANGTAN_TELEGRAM_TOKEN 格式不对：应是 @BotFather 给出的“数字:字母和数字”形式的令牌。"
)
ERR_TG_REJECTED = "Telegram 拒绝了这个令牌，请检查 FANGTAN_TELEGRAM_TOKEN（{detail}）"
ERR_TG_UNREACHABLE = "连不上 Telegram Bot API {url}：{detail}"
ERR_TG_FAILED = "Telegram 出错：{detail}"
ERR_WEBHOOK_LISTEN = "无法在 {listen}:{port} 上启动 webhook 服务器：{error}"
