"""Searching text that is already in normal form: the engine normalises a question once."""

from __future__ import annotations

import pytest

from fangtan.retrieval.search.index import BM25Index
from fangtan.retrieval.search.normalize import normalize

QUESTIONS = [
    "谁提到了政府工作报告？",
    "誰提到了數據安全",
    "ＡＩ　芯片 的 发展",
    "张总 对养老服务有什么建议",
    "<b>职业 教育</b>",
    "对文旅融合怎么看",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_normal_text_searches_as_the_raw_question(seed_index: BM25Index, question: str) -> None:
    known = seed_index.term_ids.__contains__
    tokenizer = seed_index.tokenizer
    raw = tokenizer.query(question, drop=("张总",), known=known)
    given = tokenizer.query(normalize(question), drop=("张总",), known=known, normalized=True)
    assert given == raw
    assert given.terms


def test_normal_text_is_taken_as_it_is(seed_index: BM25Index) -> None:
    """The flag says the caller has normalised: upper case is left alone, not lowered again."""
    tokenizer = seed_index.tokenizer
    assert tokenizer.query("AI 芯片", normalized=True).text == "AI 芯片"
    assert tokenizer.query("AI 芯片").text == "ai 芯片"


def test_the_particle_ending_a_question_is_no_term(seed_index: BM25Index) -> None:
    """吗 would make 干吗 ("why") of 继续干吗; 没 after 了 asks whether, and is no topic."""
    tokenizer = seed_index.tokenizer
    assert "干吗" not in tokenizer.query("她还愿意继续干吗").terms
    assert "没" not in tokenizer.query("他收徒弟了没").terms
    assert "没" not in tokenizer.query("他收徒弟了没有？").terms
