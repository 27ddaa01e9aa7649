"""A question asking what to do is answered with the speaker's suggestion.

"健身房跑路咋办，有委员提建议吗": the sentence naming the problem matches the question's
words, and the suggestion after it ("她建议……") is what the asker wants; a question
that asks no remedy keeps the shorter quote. Invented people throughout.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.bot.engine.quotes import best_quote
from tests.engine.test_natural_questions import ask, engine_of, only

PARAGRAPH = (
    "“健身房收了钱就跑路，消费者维权往往是一场持久战。”宓晓棠说，预付式消费纠纷的症结在于资金脱离监管。"
    "她建议推行预付资金第三方存管，“要按课时分批划拨”。"
)
PAGE = f"""\
代表委员声音

宓晓棠 全国政协委员、澜江大学法学院教授

{PARAGRAPH}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "remedy", PAGE)


@pytest.mark.parametrize("question", ["健身房跑路咋办，有委员提建议吗", "健身房跑路怎么办"])
def test_a_remedy_question_gets_the_suggestion(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    only(answer, "宓晓棠")
    assert "第三方存管" in answer.quotes[0].text


def test_a_question_asking_no_remedy_keeps_the_problem_alone(engine: Engine) -> None:
    answer = ask(engine, "谁说健身房跑路")
    only(answer, "宓晓棠")
    assert "第三方存管" not in answer.quotes[0].text


def test_the_suggestion_is_taken_only_within_reach() -> None:
    def score(texts: list[str]) -> list[float]:
        return [1.0 if "跑路" in t else 0.0 for t in texts]

    assert "第三方存管" in best_quote(PARAGRAPH, score, remedy=True)
    assert "第三方存管" not in best_quote(PARAGRAPH, score, remedy=True, target=30)
