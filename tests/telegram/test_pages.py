"""The paging views: which items and which buttons each page of an answer shows."""

from __future__ import annotations

from dataclasses import replace

import pytest
from telegram import InlineKeyboardMarkup

from fangtan.bot.engine.answer import Answer, Choice, Context, Intent, Interviewee, Miss, Quote
from fangtan.bot.telegram.html import GROUP_FIRST_LIMIT, MESSAGE_LIMIT, utf16_len
from fangtan.bot.telegram.keyboards import (
    CALLBACK_LIMIT,
    CHOICE,
    PARAGRAPH,
    SPEAKER,
    TURN,
    Press,
    answer_keyboard,
    callback,
    choice_keyboard,
    parse_callback,
)
from fangtan.bot.telegram.pages import (
    GROUP_PAGE,
    LIST_PAGE_GROUP,
    LIST_PAGE_PRIVATE,
    PRIVATE_PAGE,
    needs_more,
    page_messages,
    page_of,
    page_size,
)
from fangtan.bot.telegram.shown import CHOICE_BUTTONS, TOKEN_BYTES, ShownAnswer
from fangtan.bot.texts import telegram as tg_texts

TOKEN = "f" * (TOKEN_BYTES * 2)
NAMES = ("张一", "王二", "李三")


def quote(n: int, speaker: str | None = None) -> Quote:
    return Quote(
        speaker=speaker if speaker is not None else NAMES[n % len(NAMES)],
        role="代表",
        affiliation="某公司",
        title="一篇访谈",
        source="page.txt",
        paragraph=n,
        text=f"第{n}段说的话。",
        score=1.0,
        chunk_id=100 + n,
        kind="quote",
    )


def person(name: str) -> Interviewee:
    return Interviewee(
        name=name,
        role="委员",
        affiliation="某大学",
        organisation="",
        post="",
        headline="一篇访谈",
        source="page.txt",
        paragraphs=3,
    )


def answer(quotes: int, *, has_more: bool = False, intent: Intent = Intent.WHO) -> Answer:
    made = tuple(quote(n) for n in range(quotes))
    return Answer(
        question="谁说了什么？",
        intent=intent,
        answered=True,
        speakers=tuple(dict.fromkeys(q.speaker for q in made if q.speaker)),
        quotes=made,
        topic="话题",
        has_more=has_more,
        context=Context(corpus_id="c", intent=intent, shown_chunks=tuple(q.chunk_id for q in made)),
    )


def rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, Press | None]]]:
    if markup is None:
        return []
    return [
        [
            (b.text, parse_callback(b.callback_data if isinstance(b.callback_data, str) else None))
            for b in row
        ]
        for row in markup.inline_keyboard
    ]


# ------------------------------------------------------------------------------------ sizes


def test_page_sizes_follow_the_chat_and_the_kind_of_answer() -> None:
    assert page_size(Intent.WHO, private=True) == PRIVATE_PAGE
    assert page_size(Intent.WHO, private=False) == GROUP_PAGE
    assert page_size(Intent.LIST, private=True) == LIST_PAGE_PRIVATE
    assert page_size(Intent.LIST, private=False) == LIST_PAGE_GROUP
    assert GROUP_PAGE < PRIVATE_PAGE and LIST_PAGE_GROUP < LIST_PAGE_PRIVATE


# ------------------------------------------------------------------------------------ pages


def test_pages_cut_the_fetched_items_in_order_with_their_indices() -> None:
    shown = ShownAnswer.start(answer(7))
    first, second = page_of(shown, 0, 3), page_of(shown, 2, 3)
    assert first is not None and second is not None
    assert first.items == tuple(quote(n) for n in range(3))
    assert (first.has_previous, first.has_next) == (False, True)
    assert second.items == (quote(6),) and second.first == 6
    assert (second.has_previous, second.has_next) == (True, False)
    assert [i for i, _ in second.quotes()] == [6]


def test_no_page_before_the_first_and_an_empty_one_past_the_last() -> None:
    shown = ShownAnswer.start(answer(2))
    assert page_of(shown, -1, 5) is None
    past = page_of(shown, 1, 5)
    assert past is not None and past.items == () and not past.has_next


def test_a_next_page_is_offered_while_the_engine_has_more() -> None:
    shown = ShownAnswer.start(answer(5, has_more=True))
    page = page_of(shown, 0, 5)
    assert page is not None and page.has_next
    assert needs_more(shown, 0, 5)  # knowing what follows page 0 needs the engine
    assert not needs_more(shown, -1, 5)


def test_fetched_items_are_kept_so_pages_stay_put_while_the_answer_grows() -> None:
    shown = ShownAnswer.start(answer(5, has_more=True))
    before = page_of(shown, 0, 3)
    more = replace(answer(0), quotes=(quote(5), quote(6)), has_more=False)
    shown.extend(more)
    assert page_of(shown, 0, 3) == before
    last = page_of(shown, 2, 3)
    assert last is not None and last.items == (quote(6),) and not last.has_next
    assert not needs_more(shown, 2, 3)


def test_an_unanswered_follow_up_ends_the_paging() -> None:
    shown = ShownAnswer.start(answer(3, has_more=True))
    shown.extend(Answer(question="", intent=Intent.MORE, answered=False, miss=Miss.NO_MORE))
    assert shown.exhausted
    page = page_of(shown, 0, 3)
    assert page is not None and not page.has_next


def test_a_profile_pages_its_people_before_their_quotes() -> None:
    profile = replace(answer(2, intent=Intent.PROFILE), people=(person("张一"),))
    shown = ShownAnswer.start(profile)
    page = page_of(shown, 0, 5)
    assert page is not None
    assert page.items[0] == person("张一") and page.items[1:] == (quote(0), quote(1))
    assert [i for i, _ in page.quotes()] == [1, 2]  # the paragraph buttons skip the person


def test_page_messages_put_the_page_number_in_the_heading_after_the_first() -> None:
    shown = ShownAnswer.start(answer(6))
    first, second = page_of(shown, 0, 3), page_of(shown, 1, 3)
    assert first is not None and second is not None
    [one] = page_messages(shown, first, private=True)
    [two] = page_messages(shown, second, private=True)
    assert tg_texts.TG_PAGE.format(page=2) in two and tg_texts.TG_PAGE.format(page=1) not in one
    assert "第0段" in one and "第3段" not in one and "第3段" in two


@pytest.mark.parametrize(("private", "limit"), [(True, MESSAGE_LIMIT), (False, GROUP_FIRST_LIMIT)])
def test_long_pages_are_packed_within_the_chats_limit(private: bool, limit: int) -> None:
    long = tuple(replace(quote(n), text="很长的一句话。" * 150) for n in range(5))
    shown = ShownAnswer.start(replace(answer(0), quotes=long))
    page = page_of(shown, 0, 5)
    assert page is not None
    messages = page_messages(shown, page, private=private)
    assert len(messages) > 1 and all(utf16_len(m) <= limit for m in messages)


# -------------------------------------------------------------------------------- keyboards


def test_first_page_has_next_speakers_with_more_and_one_paragraph_button_per_quote() -> None:
    shown = ShownAnswer.start(answer(7))
    page = page_of(shown, 0, 3)
    assert page is not None
    assert rows(answer_keyboard(TOKEN, shown, page, more_from={"张一", "李三"})) == [
        [(tg_texts.TG_BUTTON_NEXT, Press(TURN, TOKEN, 1))],
        [
            (tg_texts.TG_BUTTON_SPEAKER.format(name="张一"), Press(SPEAKER, TOKEN, 0)),
            (tg_texts.TG_BUTTON_SPEAKER.format(name="李三"), Press(SPEAKER, TOKEN, 2)),
        ],
        [
            (tg_texts.TG_BUTTON_PARAGRAPH.format(n=k + 1), Press(PARAGRAPH, TOKEN, k))
            for k in range(3)
        ],
    ]


def test_middle_page_turns_both_ways_and_its_buttons_name_its_own_items() -> None:
    shown = ShownAnswer.start(answer(7))
    page = page_of(shown, 1, 3)
    assert page is not None
    got = rows(answer_keyboard(TOKEN, shown, page, more_from=set()))
    assert got[0] == [
        (tg_texts.TG_BUTTON_PREV, Press(TURN, TOKEN, 0)),
        (tg_texts.TG_BUTTON_NEXT, Press(TURN, TOKEN, 2)),
    ]
    # Labels count from 1 on every page; the data points at the quote in the whole answer.
    assert got[1] == [
        (tg_texts.TG_BUTTON_PARAGRAPH.format(n=k + 1), Press(PARAGRAPH, TOKEN, 3 + k))
        for k in range(3)
    ]
    assert len(got) == 2  # nobody has more to say: no speaker buttons


def test_last_page_turns_back_only() -> None:
    shown = ShownAnswer.start(answer(7))
    page = page_of(shown, 2, 3)
    assert page is not None
    got = rows(answer_keyboard(TOKEN, shown, page, more_from=set()))
    assert got[0] == [(tg_texts.TG_BUTTON_PREV, Press(TURN, TOKEN, 1))]


def test_a_single_page_list_of_people_has_no_buttons_at_all() -> None:
    people = Answer(
        question="有哪些人？",
        intent=Intent.LIST,
        answered=True,
        people=tuple(person(n) for n in NAMES),
    )
    shown = ShownAnswer.start(people)
    page = page_of(shown, 0, LIST_PAGE_PRIVATE)
    assert page is not None
    assert answer_keyboard(TOKEN, shown, page, more_from=set(NAMES)) is None


def test_paragraph_buttons_wrap_five_to_a_row() -> None:
    shown = ShownAnswer.start(answer(7))
    page = page_of(shown, 0, 7)
    assert page is not None
    got = rows(answer_keyboard(TOKEN, shown, page, more_from=set()))
    assert [len(row) for row in got] == [5, 2]


def test_choice_keyboard_offers_at_most_the_first_eight_people_four_to_a_row() -> None:
    choices = tuple(Choice(f"张{n}", f"张{n}说了什么？") for n in range(CHOICE_BUTTONS + 3))
    miss = Answer(
        question="张代表说了什么？",
        intent=Intent.SPEAKER,
        answered=False,
        miss=Miss.AMBIGUOUS,
        choices=choices,
    )
    got = rows(choice_keyboard(TOKEN, ShownAnswer.start(miss)))
    assert [len(row) for row in got] == [4, 4]
    flat = [button for row in got for button in row]
    assert flat == [(c.name, Press(CHOICE, TOKEN, n)) for n, c in enumerate(choices[:8])]


def test_all_callback_data_fits_telegrams_64_bytes() -> None:
    big = 10**9  # far more items than any answer holds
    for kind in (TURN, SPEAKER, PARAGRAPH, CHOICE):
        assert len(callback(kind, TOKEN, big).encode()) <= CALLBACK_LIMIT
    shown = ShownAnswer.start(answer(40))
    for number in range(14):
        page = page_of(shown, number, 3)
        assert page is not None
        markup = answer_keyboard(TOKEN, shown, page, more_from=set(NAMES))
        assert markup is not None
        for row in markup.inline_keyboard:
            for button in row:
                assert isinstance(button.callback_data, str)
                assert len(button.callback_data.encode()) <= CALLBACK_LIMIT


@pytest.mark.parametrize("data", [None, "", "p|x", "x|tok|1", "p|tok|one", "p|tok|1|2"])
def test_callback_data_the_bot_did_not_make_is_not_read(data: str | None) -> None:
    assert parse_callback(data) is None
