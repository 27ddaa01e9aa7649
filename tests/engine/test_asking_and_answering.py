"""Someone asking and someone answering the same thing: a board's poster, a caller, a
deputy asking an official. Asked "还能装电梯吗", the reply answers; the poster's own
question ("……电梯是不是就装不成了？") waits behind 更多, unless only askers match, or
the question asks who. Invented people throughout."""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answering import Engine
from tests.engine.test_natural_questions import ask, engine_of, only

BOARD = """\
网友留言选登
网友“枫林老住户”：我家住在枫林路12号院，六层老楼，楼里一半是老人。一楼住户坚决不同意加装电梯，说挡光。请问一楼不同意，电梯是不是就装不成了？
市住房和城乡建设局答复：
城市更新科科长甄启航：您好！按照我市既有住宅加装电梯办法，加装电梯须经本单元三分之二以上业主同意，并非必须一楼住户同意。我们将组织协调会，听取一楼住户的诉求。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "asking", BOARD)


def test_the_reply_answers_not_the_poster_asking_the_same(engine: Engine) -> None:
    answer = ask(engine, "一楼不同意的话还能装电梯吗")
    only(answer, "甄启航")
    assert "三分之二" in answer.quotes[0].text


def test_who_asked_is_still_the_poster(engine: Engine) -> None:
    answer = ask(engine, "谁说一楼住户不同意加装电梯")
    assert answer.speakers[0] == "枫林老住户"


def test_the_poster_s_words_are_theirs(engine: Engine) -> None:
    answer = ask(engine, "枫林老住户说了啥")
    assert answer.answered and answer.speakers == ("枫林老住户",)
