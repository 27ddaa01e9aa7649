"""Rendering hand-built answers: matched words, partial answers and choices of person.

The engine decides what matched and whom a question may mean; these tests check that every
front end (console text, ``--json``, Telegram HTML, inline mode) says it, from records built by
hand so they do not depend on what the engine currently finds.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from telegram import InputTextMessageContent

from fangtan.bot.console.json_out import answer_dict, answer_json
from fangtan.bot.console.render import render
from fangtan.bot.engine.answer import Answer, Choice, Intent, Interviewee, Match, Miss, Quote, Via
from fangtan.bot.engine.answering import Engine
from fangtan.bot.telegram.html import (
    GROUP_FIRST_LIMIT,
    MESSAGE_LIMIT,
    answer_blocks,
    miss_blocks,
    pack,
)
from fangtan.bot.telegram.inline import inline_results
from fangtan.bot.telegram.keyboards import CHOICE, Press, callback, parse_callback
from fangtan.bot.telegram.shown import CHOICE_BUTTONS, ShownAnswer
from fangtan.bot.texts import common as common_texts
from fangtan.bot.texts import telegram as tg_texts
from fangtan.bot.texts.wording import matched_line, miss_text, partial_note
from tests.support.bot_api import parse_html, utf16_len

FORM = Match(term="环保", asked="环境保护", via=Via.FORM)
RELATED = Match(term="群众", asked="老百姓", via=Via.RELATED)
EXACT = Match(term="污水处理", asked="污水处理")
WORDED = [
    common_texts.MATCHED_FORM.format(term="环保", asked="环境保护"),
    common_texts.MATCHED_RELATED.format(term="群众", asked="老百姓"),
    "污水处理",
]

LIU = Choice(name="刘芳", question="刘芳说了什么？", role="省政协委员", affiliation="总工程师")
LIU_YANG = Choice(name="刘洋", question="刘洋说了什么？")


def quote(text: str = "要推进污水处理设施提标改造。", speaker: str = "刘芳") -> Quote:
    return Quote(
        speaker=speaker,
        role="省政协委员",
        affiliation="江城环保科技有限公司总工程师",
        title="守护一江清水",
        source="page.txt",
        paragraph=3,
        text=text,
        score=1.0,
        chunk_id=7,
        kind="quote",
    )


def answered(**changes: object) -> Answer:
    base = Answer(
        question="谁提到了环境保护和老百姓的污水处理？",
        intent=Intent.WHO,
        answered=True,
        speakers=("刘芳",),
        quotes=(quote(),),
        topic="环境保护",
        matched=(FORM, RELATED, EXACT),
        partial=True,
        missing=("冰雪", "滑雪场"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def ambiguous(*choices: Choice, miss: Miss = Miss.AMBIGUOUS) -> Answer:
    return Answer(
        question="刘委员说了什么？",
        intent=Intent.SPEAKER,
        answered=False,
        miss=miss,
        asked=("刘委员",),
        suggestions=("冰雪旅游",),
        choices=choices,
    )


# ----------------------------------------------------------------------------- shared wording


def test_matched_line_words_each_match_by_how_it_matched_once_in_order() -> None:
    answer = answered(matched=(FORM, RELATED, FORM, EXACT, RELATED))
    assert matched_line(answer) == common_texts.MATCHED.format(words="、".join(WORDED))
    assert matched_line(answered(matched=())) == ""


def test_partial_note_names_the_missing_words_only_when_partial() -> None:
    assert partial_note(answered()) == common_texts.PARTIAL.format(missing="冰雪、滑雪场")
    assert partial_note(answered(partial=False)) == ""
    assert partial_note(answered(partial=False, missing=())) == ""


def test_ambiguous_miss_offers_each_person_with_what_tells_them_apart() -> None:
    answer = ambiguous(LIU, LIU_YANG)
    expected = common_texts.MISSES[Miss.AMBIGUOUS].format(
        asked="刘委员",
        choices="、".join(
            [common_texts.CHOICE_ITEM.format(name="刘芳", about="省政协委员、总工程师"), "刘洋"]
        ),
    )
    hint = common_texts.CHOICE_HINT.format(questions="「刘芳说了什么？」、「刘洋说了什么？」")
    assert miss_text(answer) == f"{expected}\n{hint}"
    assert miss_text(answer, hint=False) == expected


def test_unknown_name_offers_the_close_names_and_no_topics() -> None:
    answer = replace(ambiguous(LIU, miss=Miss.UNKNOWN_NAME), asked=("刘方",))
    text = miss_text(answer)
    assert text.startswith(
        common_texts.MISSES[Miss.UNKNOWN_NAME].format(
            asked="刘方",
            choices=common_texts.CHOICE_ITEM.format(name="刘芳", about="省政协委员、总工程师"),
        )
    )
    assert "「刘芳说了什么？」" in text
    assert "冰雪旅游" not in text  # the engine's topic suggestions are beside the point
    assert common_texts.SUGGEST_PLAIN not in text


@pytest.mark.parametrize("miss", [Miss.AMBIGUOUS, Miss.UNKNOWN_NAME])
def test_miss_about_whom_with_nobody_to_offer_points_to_the_speaker_list(miss: Miss) -> None:
    text = miss_text(replace(ambiguous(miss=miss), asked=("刘方",)))
    assert (
        text
        == common_texts.MISSES_NO_CHOICE[miss].format(asked="刘方")
        + "\n"
        + common_texts.SUGGEST_PLAIN
    )


# --------------------------------------------------------------------------------- console


def test_console_puts_the_partial_note_under_the_heading_and_matched_words_last() -> None:
    lines = render(answered()).splitlines()
    assert lines[0] == common_texts.WHO_HEADING.format(topic="环境保护")
    assert lines[1] == common_texts.PARTIAL.format(missing="冰雪、滑雪场")
    assert "「要推进污水处理设施提标改造。」" in lines
    assert lines[-1] == common_texts.MATCHED.format(words="、".join(WORDED))


def test_console_whole_answer_has_neither_note() -> None:
    text = render(answered(partial=False, missing=(), matched=()))
    assert common_texts.PARTIAL.split("{", 1)[0] not in text
    assert common_texts.MATCHED.split("{", 1)[0] not in text
    assert text.splitlines()[-1] == common_texts.CITATION.format(title="守护一江清水", paragraph=3)


def test_console_list_answer_keeps_its_notes() -> None:
    person = Interviewee("刘芳", "省政协委员", "总工程师", "", "", "守护一江清水", "page.txt", 3)
    answer = answered(intent=Intent.LIST, people=(person,), quotes=(), matched=(EXACT,))
    lines = render(answer).splitlines()
    assert lines[:2] == [common_texts.LIST_HEADING.format(count=1), partial_note(answer)]
    assert lines[-1] == common_texts.MATCHED.format(words="污水处理")


def test_console_miss_with_choices_shows_the_questions_to_ask() -> None:
    assert render(ambiguous(LIU, LIU_YANG)) == miss_text(ambiguous(LIU, LIU_YANG), hint=True)
    assert "「刘洋说了什么？」" in render(ambiguous(LIU, LIU_YANG))


# ------------------------------------------------------------------------------------ JSON

OLD_KEYS = {"question", "intent", "answered", "speakers", "quotes", "people"}
NEW_KEYS = {"matched", "partial", "missing", "choices", "miss"}


def test_json_reports_matched_words_and_partial_answers() -> None:
    data = json.loads(answer_json(answered()))
    assert set(data) == OLD_KEYS | NEW_KEYS
    assert data["answered"] is True and data["speakers"] == ["刘芳"]
    assert [(q["speaker"], q["text"], q["kind"]) for q in data["quotes"]] == [
        ("刘芳", "要推进污水处理设施提标改造。", "quote")
    ]
    assert data["matched"] == [
        {"term": "环保", "asked": "环境保护", "via": "form"},
        {"term": "群众", "asked": "老百姓", "via": "related"},
        {"term": "污水处理", "asked": "污水处理", "via": "exact"},
    ]
    assert data["partial"] is True and data["missing"] == ["冰雪", "滑雪场"]
    assert data["miss"] is None and data["choices"] == []


def test_json_reports_why_a_miss_missed_and_whom_it_may_mean() -> None:
    data = answer_dict(ambiguous(LIU, LIU_YANG))
    assert set(data) == OLD_KEYS | NEW_KEYS
    assert data["answered"] is False and data["speakers"] == [] and data["quotes"] == []
    assert data["miss"] == "ambiguous"
    assert data["choices"] == [
        {
            "name": "刘芳",
            "question": "刘芳说了什么？",
            "role": "省政协委员",
            "affiliation": "总工程师",
        },
        {"name": "刘洋", "question": "刘洋说了什么？", "role": "", "affiliation": ""},
    ]
    assert data["matched"] == [] and data["partial"] is False and data["missing"] == []


# -------------------------------------------------------------------------------- Telegram


def test_telegram_page_carries_the_partial_note_and_matched_words_in_italics() -> None:
    answer = answered()
    [message] = pack(answer_blocks(answer, answer.quotes), MESSAGE_LIMIT)
    text, entities = parse_html(message)
    note, words = partial_note(answer), matched_line(answer)
    assert text.split("\n\n")[:2] == [common_texts.WHO_HEADING.format(topic="环境保护"), note]
    assert text.endswith(words)
    italic = [
        text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "italic"
    ]
    assert note in italic and words in italic


def test_telegram_notes_are_escaped() -> None:
    hostile = Match(term="<b>A&B</b>", asked="<i>", via=Via.RELATED)
    answer = answered(matched=(hostile,), missing=("<script>", "&amp;"))
    [message] = pack(answer_blocks(answer, answer.quotes), MESSAGE_LIMIT)
    text, _ = parse_html(message)  # raises where Telegram would refuse the message
    assert partial_note(answer) in text and matched_line(answer) in text
    assert "<b>A&amp;B</b>" not in message


def test_telegram_pages_with_notes_stay_within_the_group_limit() -> None:
    answer = answered(
        quotes=tuple(quote("发展冰雪经济要久久为功。" * 40, f"人{i}") for i in range(3)),
        missing=tuple(f"词{i}" for i in range(40)),
        matched=tuple(Match(f"词语{i}", f"说法{i}", Via.FORM) for i in range(40)),
    )
    messages = pack(answer_blocks(answer, answer.quotes, page=1), GROUP_FIRST_LIMIT)
    assert len(messages) > 1
    for message in messages:
        assert utf16_len(message) <= GROUP_FIRST_LIMIT
        parse_html(message)
    shown = "".join(parse_html(m)[0] for m in messages)
    assert tg_texts.TG_PAGE.format(page=2) in shown.splitlines()[0]
    assert shown.endswith(matched_line(answer))


def test_telegram_miss_leaves_the_questions_to_the_buttons() -> None:
    answer = ambiguous(LIU, LIU_YANG)
    [with_buttons] = pack(miss_blocks(answer, hint=False))
    assert parse_html(with_buttons)[0] == miss_text(answer, hint=False)
    assert common_texts.CHOICE_HINT.split("{", 1)[0] not in with_buttons


def test_choice_buttons_number_at_most_eight_people() -> None:
    many = tuple(Choice(f"刘{i}", f"刘{i}说了什么？") for i in range(CHOICE_BUTTONS + 3))
    shown = ShownAnswer.start(ambiguous(*many))
    assert shown.choices() == many[:CHOICE_BUTTONS]
    assert shown.choice(CHOICE_BUTTONS - 1) == many[CHOICE_BUTTONS - 1]
    assert shown.choice(CHOICE_BUTTONS) is None and shown.choice(-1) is None
    assert parse_callback(callback(CHOICE, "0123456789", 7)) == Press(CHOICE, "0123456789", 7)


def test_inline_query_for_several_people_offers_what_each_said(
    seed_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inline mode has no buttons, so a query that may mean two deputies offers both."""
    real = seed_engine.answer
    deputies = ambiguous(Choice("李新军", "李新军说了什么？"), Choice("李嵘", "李嵘说了什么？"))

    def answer(question: str, context: object = None) -> Answer:
        return deputies if question == "李代表" else real(question)

    monkeypatch.setattr(seed_engine, "answer", answer)
    results, button = inline_results(seed_engine, "李代表")
    assert button is None
    assert [r.title.split("｜")[0] for r in results] == ["李新军", "李嵘"]
    assert len({r.id for r in results}) == 2
    for result in results:
        content = result.input_message_content
        assert isinstance(content, InputTextMessageContent)
        parse_html(content.message_text)  # raises where Telegram would refuse the result

    nobody = replace(deputies, choices=())
    monkeypatch.setattr(seed_engine, "answer", lambda question, context=None: nobody)
    results, button = inline_results(seed_engine, "李代表")
    assert results == [] and button is not None
