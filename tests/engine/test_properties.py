"""Property-based tests: no question, however odd, breaks the engine or misquotes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fangtan.bot.console.json_out import answer_json
from fangtan.bot.console.render import render
from fangtan.bot.engine.answer import Answer, Intent
from fangtan.bot.engine.answering import Engine

CORPUS_WORDS = [
    "数据安全",
    "谁",
    "提到",
    "还有谁",
    "更多",
    "他还说了什么",
    "张委员",
    "是谁",
    "哪些",
]

questions = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=30),
    st.lists(st.sampled_from(CORPUS_WORDS) | st.text(max_size=4), max_size=8).map("".join),
)


def check(engine: Engine, answer: Answer) -> None:
    assert isinstance(answer.intent, Intent)
    if not answer.answered:
        assert answer.speakers == () and answer.quotes == () and answer.miss is not None
    else:
        # An answer always shows something: quotes, or people (a list, a profile).
        assert answer.quotes or answer.people, answer
    for quote in answer.quotes:
        whole = engine.paragraph(quote.chunk_id)
        assert quote.text and quote.text in whole.text
        assert quote.speaker == whole.speaker
    assert set(answer.speakers) <= {p.name for p in engine.people()}
    render(answer)
    answer_json(answer)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=questions, second=questions)
def test_any_question_and_follow_up_gives_a_valid_answer(
    seed_engine: Engine, first: str, second: str
) -> None:
    answer = seed_engine.answer(first)
    check(seed_engine, answer)
    follow_up = seed_engine.answer(second, answer.context)
    check(seed_engine, follow_up)
