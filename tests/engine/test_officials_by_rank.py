"""Officials asked about by their post alone, a deputy's included, and officials a
report lists by rank who say nothing.

"副县长说了啥" means the one deputy county head, as "那个副县长说了啥" does; "市领导某某、
某某出席会议" names people who never speak, and what they said is nothing. Invented
people throughout.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answer import Miss
from fangtan.bot.engine.answering import Engine
from tests.engine.test_natural_questions import ask, engine_of, only

PAGE = """\
澜县召开春耕生产调度会

2025-03-02　来源：澜县融媒体中心　记者 宓晴岚

3月1日，澜县召开春耕生产调度会。县委常委、副县长郗振川出席并讲话，县农业农村局局长濮一鸣通报了备耕情况。县领导庹立言、闵秋池参加会议。

郗振川强调，要抓紧抢修损毁的灌渠，“宁可十防九空，不可失防万一”。

濮一鸣介绍，全县化肥、种子储备充足，能够满足春耕需要。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "officials", PAGE)


@pytest.mark.parametrize("question", ["副县长说了啥", "副县长怎么说", "那个副县长说了啥"])
def test_a_deputy_asked_by_post_alone(engine: Engine, question: str) -> None:
    only(ask(engine, question), "郗振川")


@pytest.mark.parametrize("name", ["庹立言", "闵秋池"])
def test_an_official_listed_by_rank_said_nothing(engine: Engine, name: str) -> None:
    answer = ask(engine, f"{name}说了什么")
    assert not answer.answered and not answer.quotes
    assert answer.miss is Miss.MENTIONED_ONLY


@pytest.mark.parametrize("question", ["郗振川在会上说了啥", "郗振川在调度会上讲了什么"])
def test_where_someone_spoke_is_no_topic_they_must_name(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    only(answer, "郗振川")
    assert "十防九空" in answer.quotes[0].text or "灌渠" in answer.quotes[0].text
