"""Questions asking when, what someone does in other words, and about someone absent.

"一天里啥时候花粉最多": 啥时候 asks when, and 时候 is no topic the answer must hold.
"某某是打什么位置的": what someone does, asked in words the profile never uses, is a
profile question. "主教练某某因伤未出席": a person the page names without their words,
whom a question about what they said finds silent. Invented people throughout.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answer import Intent, Miss
from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.search.normalize import normalize
from tests.engine.test_natural_questions import ask, engine_of, only

PAGE = """\
汀澜鸥鸟赛季收官 主教练：明年还要冲击前四

2025-10-12　来源：汀澜晚报　记者 宓晴川

本报讯 10月11日晚，汀澜鸥鸟队主场以2比1击败北岭雪狐队。

赛后发布会上，鸥鸟队主教练仉东篱和前锋亓若谷一同出席。

雪狐队主教练厍鸣远因身体不适未出席发布会。

仉东篱说：“今年我们最大的问题是客场，\
客场一共只拿了九分，明年必须在客场多拿分。”

谈到自己的进球，前锋亓若谷说：“那脚射门其实是训练里练了很多次的，\
教练让我们多往后点跑。”

汀澜气象台首席预报员邰晓霁在赛前接受采访时介绍，\
入秋以后球场的风一天中通常有两个高峰，\
“下午三点前后和晚上九点前后风最大，踢长传要格外小心”。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "when", PAGE)


@pytest.mark.parametrize(
    "question", ["一天里啥时候风最大", "一天里什么时候风最大", "球场的风何时最大"]
)
def test_asking_when_finds_who_told_when(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    only(answer, "邰晓霁")
    assert "两个高峰" in answer.quotes[0].text or "三点前后" in answer.quotes[0].text


def test_the_word_asking_when_is_no_term(engine: Engine) -> None:
    terms = engine._known.query(normalize("一天里啥时候风最大"), ()).terms
    assert "时候" not in terms and "啥时候" not in terms
    assert "一天" in terms


@pytest.mark.parametrize("question", ["亓若谷是打什么位置的", "亓若谷是踢啥的"])
def test_what_someone_does_in_other_words_is_their_profile(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent is Intent.PROFILE
    assert answer.speakers == ("亓若谷",)
    assert answer.people[0].post == "前锋"


def test_when_someone_said_it_is_not_their_profile(engine: Engine) -> None:
    assert ask(engine, "仉东篱是什么时候说的客场").intent is not Intent.PROFILE


def test_someone_absent_is_named_and_said_nothing(engine: Engine) -> None:
    answer = ask(engine, "雪狐主教练厍鸣远赛后说了啥")
    assert not answer.answered
    assert not answer.quotes
    assert answer.miss is Miss.MENTIONED_ONLY
