"""What the command line says outside an answer: exit statuses, reports, errors and warnings.

Each error is one line on standard error; the exit statuses are in the help's epilog.
"""

from __future__ import annotations

# -- command line errors --------------------------------------------------------
ERR_EMPTY_QUESTION = '问题是空的：请给出一个问题，例如 fangtan ask "谁提到了某个话题？"'
ERR_SETTINGS = "配置有误：{detail}"
ERR_INTERRUPTED = "已中断。"
ERR_ASK_NO_QUESTION = (
    '没有给出问题：fangtan ask "问题"，或者逐行从文件读入：fangtan ask < questions.txt'
)
ERR_SETTINGS_FILE = "无法读取配置文件 {path}：{reason}"
ERR_OUTPUT_LOST = "输出没能全部写出：{reason}"
ERR_UNEXPECTED = "内部错误：{error}（设置 FANGTAN_LOG_LEVEL=DEBUG 可以看到详细信息）"

# -- corpus report ------------------------------------------------------------
REPORT_ROOT = "语料：{path}"
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
NOTHING = "（无）"

# -- index building report ------------------------------------------------------
INDEX_REPORT = (
    "索引：{interviews} 位发言人，{paragraphs} 个段落，{terms} 个词，用时 {seconds:.1f} 秒（{how}）"
)
INDEX_HOW = {"cached": "读取缓存", "built": "新建并写入缓存", "uncached": "未使用缓存"}
INDEX_CACHE_FILE = "缓存文件：{path}"

# -- exit statuses and warnings ---------------------------------------------------
CLI_EPILOG = """退出状态：
  0    成功；读输出的程序提前关闭管道（例如 | head）时也静静地以 0 结束
  1    运行时出错：连不上 Telegram Bot API、内部错误；fangtan corpus 发现语料里没有可用内容；
       fangtan health 发现机器人不健康
  2    用法或配置错误：参数、FANGTAN_* 设置、语料路径或权限、Telegram 令牌
  130  被 Ctrl-C 中断
出错时只在标准错误输出一行说明，不打印 Python 的调用栈。"""
WARN_UNDECODABLE_LINE = "第 {line} 行有无法解码的字节（不是 UTF-8），已替换为 \ufffd。"
WARN_SKIPPED_FILE = "警告：{message}"
