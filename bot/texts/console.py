"""What the plain-text front end says: the console, and the answers `fangtan ask` prints."""

from __future__ import annotations

# -- pieces of a plain-text answer --------------------------------------------
HAS_MORE = "还有更多内容，发送「更多」继续查看。"
LIST_ITEM = "{n}. {name}｜{role}{affiliation}\n   《{headline}》"

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
# A question with bytes that are not UTF-8, typed in the console or given to `fangtan ask`.
WARN_UNDECODABLE_ARG = "问题里有无法解码的字节（不是 UTF-8），已替换为 \ufffd。"
