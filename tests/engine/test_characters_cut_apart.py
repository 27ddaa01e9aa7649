"""A word jieba cuts into lone characters (洗肾: 洗, 肾) is still a word where the
paragraph says it as the question does; the same characters apart are not.
Invented people throughout."""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.search.normalize import normalize
from tests.engine.test_natural_questions import ask, engine_of, only

PAGE = """\
山区客运减班 长者看病难

住在山美乡的居民龚秀兰说：“我今年七十八岁了，每个礼拜要去市区洗肾两次，现在一天只剩两班车。”

乡卫生院院长粘志远说，院里洗了手才能进病房，肾内科的医生每月只来一次。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "cut", PAGE)


def test_the_question_word_is_cut_into_characters(engine: Engine) -> None:
    terms = engine._known.query(normalize("有没有人提到洗肾的"), ()).terms
    assert all(len(t) == 1 for t in terms)


@pytest.mark.parametrize("question", ["有没有人提到洗肾的", "洗肾的事谁说了"])
def test_characters_side_by_side_are_the_word(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    only(answer, "龚秀兰")
    assert "洗肾" in answer.quotes[0].text
