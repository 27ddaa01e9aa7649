"""Each kind of question reaches its own handler, and every kind has one."""

from __future__ import annotations

import pytest

from fangtan.bot.engine import answering
from fangtan.bot.engine.answer import Answer, Context, Intent, Miss
from fangtan.bot.engine.answering import Engine
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.kinds import HANDLERS, Handler
from fangtan.bot.engine.knowledge import Knowledge
from fangtan.bot.engine.question import QUESTION_MAX, Question, take
from fangtan.retrieval.search.index import BM25Index


def test_every_intent_has_a_handler() -> None:
    assert set(HANDLERS) == set(Intent)


def recording(calls: list[Intent]) -> dict[Intent, Handler]:
    """The real handlers, each noting the intent it was chosen for."""

    def wrap(intent: Intent, real: Handler) -> Handler:
        def handler(k: Knowledge, q: Question, r: Reading, c: Context | None) -> Answer:
            calls.append(intent)
            return real(k, q, r, c)

        return handler

    return {intent: wrap(intent, real) for intent, real in HANDLERS.items()}


@pytest.mark.parametrize(
    ("question", "intent", "follows"),
    [
        ("谁提了数据安全？", Intent.WHO, False),
        ("数据安全", Intent.TOPIC, False),
        ("张乾坤说了什么？", Intent.SPEAKER, False),
        ("张乾坤是谁？", Intent.PROFILE, False),
        ("更多", Intent.MORE, True),
        ("还有谁？", Intent.OTHERS, True),
        ("他怎么看人才？", Intent.SPEAKER, True),
    ],
)
def test_question_reaches_its_handler(
    seed_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    intent: Intent,
    follows: bool,
) -> None:
    context = seed_engine.answer("谁提到了政府工作报告？").context if follows else None
    calls: list[Intent] = []
    monkeypatch.setattr(answering, "HANDLERS", recording(calls))
    answer = seed_engine.answer(question, context)
    assert calls == [intent]
    assert answer.question == question


def test_people_asked_back_reach_no_handler(
    seed_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name nobody has is asked back before any kind is chosen."""
    calls: list[Intent] = []
    monkeypatch.setattr(answering, "HANDLERS", recording(calls))
    answer = seed_engine.answer("马林说了什么？")
    assert calls == []
    assert answer.miss is Miss.UNKNOWN_NAME and answer.asked == ("马林",)


def test_list_and_help_handlers(seed_index: BM25Index) -> None:
    """Kinds the reader does not produce itself still answer as their intent says."""
    known = Knowledge(seed_index)
    listed = HANDLERS[Intent.LIST](known, take("受访者"), Reading(Intent.LIST), None)
    assert listed.intent is Intent.LIST and listed.answered and listed.people
    empty = HANDLERS[Intent.HELP](known, take(""), Reading(Intent.HELP), None)
    assert empty.miss is Miss.EMPTY and not empty.answered


def test_question_is_cut_once_and_says_so(seed_engine: Engine) -> None:
    long = "谁提了数据安全？" + "啊" * QUESTION_MAX
    answer = seed_engine.answer(long)
    assert answer.truncated and answer.question == long[:QUESTION_MAX]
    assert answer.speakers == seed_engine.answer("谁提了数据安全？").speakers
    assert not seed_engine.answer("谁提了数据安全？").truncated


def test_take_cleans_before_cutting() -> None:
    invisible = "\u200b" * 10
    asked = take(invisible + "数" * QUESTION_MAX)
    assert asked.text == "数" * QUESTION_MAX and not asked.truncated
    assert take("ＡＢＣ 數據").normal == "abc 数据"


def test_who_answers_never_put_narration_in_anyone_s_mouth(seed_engine: Engine) -> None:
    for question in ("谁提了数据安全？", "谁提到了政府工作报告？", "谁谈到了养老？"):
        for quote in seed_engine.answer(question).quotes:
            assert quote.speaker is not None
            assert quote.kind != "narration", quote
