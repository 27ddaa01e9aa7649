"""Saved web pages are read as their visible text, one block per line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from fangtan.bot.serving.loading import CorpusError, load_engine
from fangtan.retrieval.reading.html_text import html_text

PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>让老街留住烟火气_澜州新闻网</title>
<style>body{font-size:14px}</style>
<script>var a = "<p>不是正文</p>";</script>
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/zt">专题</a></div>
<h1>让老街留住烟火气</h1>
<div class="info">2025-03-02 10:11 来源：澜州日报 作者：记者 邬清扬</div>
<div class="content">
<p>“老街改造不能一拆了之。”市政协委员、澜州大学建筑学院教授蔺书禾说。</p>
<p>她建议，成立老街居民议事会，
改造方案先征求<b>居民</b>意见。</p>
<p>市人大代表、梧桥街道党工委书记费晓岚表示，街道将引入社会资本，&nbsp;让老字号“回家”。<br>
这是第二行&amp;更多</p>
<noscript>请开启脚本</noscript>
</div>
<div class="footer">版权所有 &copy; 澜州新闻网</div>
</body></html>
"""


def test_blocks_are_lines_and_hidden_parts_are_gone() -> None:
    lines = html_text(PAGE).splitlines()
    assert lines[0] == "首页 | 新闻 | 专题"
    assert lines[1] == "让老街留住烟火气"
    # A line break in the source inside a paragraph is not a space between Han characters,
    # an inline tag is no break, and entities are decoded.
    assert "她建议，成立老街居民议事会，改造方案先征求居民意见。" in lines
    assert "市人大代表、梧桥街道党工委书记费晓岚表示，街道将引入社会资本，让老字号“回家”。" in lines
    assert "这是第二行&更多" in lines
    text = "\n".join(lines)
    for hidden in ("不是正文", "font-size", "请开启脚本", "澜州新闻网</title>", "_澜州新闻网"):
        assert hidden not in text


def test_broken_markup_still_gives_its_text() -> None:
    # An unclosed head and paragraphs, a stray end tag: pages are like this.
    text = html_text("<html><head><title>标题<body><p>第一段<p>第二段</span><div>第三段")
    assert text.splitlines() == ["第一段", "第二段", "第三段"]
    assert html_text("") == ""
    # A declaration the standard parser gives up on: the page is read by patterns instead.
    broken = "<html><head><title>标题</title></head><body><p>第一段</p><![&<p>第二段</p>"
    lines = html_text(broken + "<script>隐藏</script></body>").splitlines()
    assert "第一段" in lines and "第二段" in lines and "隐藏" not in "".join(lines)
    assert "标题" not in lines


def test_a_saved_page_is_part_of_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.htm.bak").write_text("不是语料", encoding="utf-8")
    engine = load_engine(tmp_path, use_cache=False).engine
    answer = engine.answer("谁说老街改造不能一拆了之？")
    assert answer.speakers == ("蔺书禾",)
    assert answer.quotes[0].title == "让老街留住烟火气"
    assert {p.name for p in engine.people()} == {"蔺书禾", "费晓岚"}


def test_an_empty_corpus_cache_is_not_taken_for_a_damaged_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "notes.md").write_text("不是语料", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            with pytest.raises(CorpusError):  # refused, and said why: no articles
                load_engine(corpus, cache)
    assert not [r for r in caplog.records if "damaged" in r.getMessage()]
