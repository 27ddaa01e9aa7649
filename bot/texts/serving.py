"""What loading and watching the corpus says, whichever front end shows it.

Corpus errors, the issues found while reading files, the index progress bar and health checks.
"""

from __future__ import annotations

from fangtan.retrieval.records import IssueKind

# -- corpus errors --------------------------------------------------------------
ERR_CORPUS_MISSING = (
    "找不到语料目录：{path}（用 --corpus 或 FANGTAN_CORPUS_DIR 指定一个存在的目录）"
)
ERR_CORPUS_EMPTY = "语料目录 {path} 里没有可用的访谈或段落。"
ERR_CORPUS_UNREADABLE = "无法读取语料 {path}：{reason}"
ERR_CORPUS_EMPTY_BECAUSE = "语料目录 {path} 里没有可用的访谈或段落：{reasons}"
# Why a reload was refused; the administrator reads it in the reload's failure note.
TG_RELOAD_BROKEN_FILES = "有文件无法读取：{files}"

# -- issues found while reading the corpus ------------------------------------
ISSUES: dict[IssueKind, str] = {
    IssueKind.UNDECODABLE: "{path}：无法识别编码（不是 UTF-8、UTF-16 或 GB18030 文本），已跳过",
    IssueKind.UNREADABLE: "{path}：无法读取（{detail}），已跳过",
    IssueKind.UNPARSED: "{path}：读取时出错（{detail}），已跳过；详情见日志",
    IssueKind.EMPTY: "{path}：文件是空的",
    IssueKind.NO_INTERVIEW: "{path}：没有认出任何人说的话，全文按报道者的叙述载入",
    IssueKind.NO_SPEAKER: "{path}：「{detail}」中没有认出受访者姓名",
    IssueKind.NO_FILES: "{path}：目录里没有 .txt 或 .html 文件",
}

# -- index building -------------------------------------------------------------
# A tqdm bar_format: {bar:30} is the bar, then done/total, elapsed<remaining and the rate.
PROGRESS_BAR = "建立索引 |{bar:30}| {n_fmt}/{total_fmt} 段 [{elapsed}<{remaining}，{rate_fmt}]"
PROGRESS_UNIT = "段"

# -- health ---------------------------------------------------------------------
HEALTH_OK = "正常：{seconds:.0f} 秒前有心跳。"
HEALTH_STALE = "异常：最近一次心跳在 {seconds:.0f} 秒前。"
HEALTH_MISSING = "异常：没有心跳文件 {path}（机器人没有运行？）"
HEALTH_NO_FILE = "没有设置 FANGTAN_HEARTBEAT_FILE，无法检查。"
