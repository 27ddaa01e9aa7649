"""A question word the corpus only ever glued into made-up words is still found."""

from __future__ import annotations

from pathlib import Path

from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.search.index import BM25Index
from fangtan.retrieval.search.made_up import MadeUpWords
from fangtan.retrieval.search.tables import INSIDE_MAX
from tests.conftest import write

TERMS = ["护理", "护理站", "床边护", "长护险", "宓立诚", "养老", "普惠养老院"]


def test_made_up_words_holding_a_part_ascending_and_once() -> None:
    words = MadeUpWords([1, 2, 3, 4, 6], TERMS, is_name=lambda w: w == "宓立诚")
    assert words.holding("护理") == [1]
    assert words.holding("护") == []  # one character is not searched
    assert words.holding("床边") == [2]
    assert words.holding("养老") == [6]
    assert words.holding("立诚") == []  # inside a name only
    assert words.holding("理站床") == []  # never across two words


def test_a_part_in_too_many_made_up_words_is_a_fragment() -> None:
    terms = [f"托管{chr(0x4E00 + i)}" for i in range(INSIDE_MAX + 1)]
    words = MadeUpWords(range(len(terms)), terms, is_name=lambda _: False)
    assert words.holding("托管") == []
    fewer = MadeUpWords(range(INSIDE_MAX), terms, is_name=lambda _: False)
    assert fewer.holding("托管") == list(range(INSIDE_MAX))


PAGE = """\
银发民生访谈

“护工”不再难请

——访省人大代表、澄江县康宁护理院院长宓立诚

“去年我们县里新开了七个长护险定点机构，床边护理员却只招到一半。”宓立诚说。

他建议，把长护险经办服务下沉到乡镇，让失能老人在家门口就能申请。
"""


def test_a_word_glued_into_made_up_words_is_found(tmp_path: Path) -> None:
    write(tmp_path / "pages", "care.txt", PAGE)
    index = BM25Index(load_corpus(tmp_path / "pages"))
    tokens = index.tokenizer.tokens("七个长护险定点机构")
    glued = [t for t in tokens if "长护" in t]
    # The test holds only while jieba glues the word: else it would prove nothing.
    assert glued and "长护" not in index.term_ids, tokens
    answer = Engine(index).answer("谁提到了长护？")
    assert answer.answered
    assert answer.quotes[0].speaker == "宓立诚"
    assert "长护险" in answer.quotes[0].text
