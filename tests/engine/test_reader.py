"""Question reading on its own: intents, names, roles, descriptions and frames.

The reader knows four invented people; nothing here needs a corpus or an index.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answer import Intent
from fangtan.bot.engine.intent import RECOGNISERS, Reader, Reading, title_of
from fangtan.bot.engine.kinds import HANDLERS
from fangtan.retrieval.search.normalize import normalize
from tests.engine.people import Addressable

PEOPLE = [
    Addressable("温立群", ("市人大代表",), ("城东街道办事处主任",)),
    Addressable("温雅婷", ("市人大代表",), ("青石镇中心小学校长",)),
    Addressable("蒋卫东", ("市政协委员",), ("北岸冷库物流有限公司总经理",)),
    Addressable("鲁启明", ("市政协委员",), ("中国工程院院士",)),
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(PEOPLE)


def read(reader: Reader, question: str) -> Reading:
    return reader.read(normalize(question))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("谁提到了数据安全？", Intent.WHO),
        ("哪几位代表谈了养老", Intent.WHO),
        ("乡村教育", Intent.TOPIC),
        ("更多", Intent.MORE),
        ("下一页。", Intent.MORE),
        ("还有谁？", Intent.OTHERS),
        ("那还有别人吗", Intent.OTHERS),
        ("温立群说了什么？", Intent.SPEAKER),
        ("温立群是谁？", Intent.PROFILE),
        ("谁是校长？", Intent.PROFILE),
    ],
)
def test_intent(reader: Reader, question: str, intent: Intent) -> None:
    assert read(reader, question).intent is intent


def test_pronoun_follow_ups(reader: Reader) -> None:
    said = read(reader, "他还说了什么？")
    assert said.intent is Intent.MORE and said.pronoun
    view = read(reader, "他怎么看乡村教育？")
    assert view.intent is Intent.SPEAKER and view.pronoun and not view.names


def test_full_name_in_any_script(reader: Reader) -> None:
    for question in ("温立群说了什么？", "溫立群說了什麼？", "温 立 群说了什么"):
        reading = read(reader, question)
        assert reading.names == ("温立群",), question


@pytest.mark.parametrize(
    ("question", "name", "mention"),
    [
        ("蒋委员说了什么？", "蒋卫东", "蒋委员"),
        ("鲁院士怎么看育种？", "鲁启明", "鲁院士"),  # a post from the facts is a title
        ("温校长说了什么", "温雅婷", "温校长"),  # two 温, one 校长
    ],
)
def test_surname_and_title(reader: Reader, question: str, name: str, mention: str) -> None:
    reading = read(reader, question)
    assert reading.intent is Intent.SPEAKER
    assert reading.names == (name,) and reading.mentions == (mention,)


def test_address_several_fit_is_ambiguous(reader: Reader) -> None:
    reading = read(reader, "温代表说了什么？")
    assert reading.names == ()
    assert reading.ambiguous == ("温代表", ("温立群", "温雅婷"))


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("哪些政协委员提到了冷链？", ("政协委员",)),
        ("哪些委员提到了冷链？", ("委员",)),
        ("有哪些代表委员谈到教育？", ("代表", "委员")),
        ("谁提到了冷链？", ()),
    ],
)
def test_roles(reader: Reader, question: str, roles: tuple[str, ...]) -> None:
    assert read(reader, question).roles == roles


def test_description_stands_for_a_person(reader: Reader) -> None:
    reading = read(reader, "做冷链的那位委员怎么看物流？")
    assert reading.intent is Intent.SPEAKER
    assert reading.description == "做冷链的那位委员"
    assert reading.rest == "怎么看物流"


def test_unknown_name_is_a_stranger(reader: Reader) -> None:
    reading = read(reader, "马林说了什么？")
    assert reading.stranger == "马林" and reading.names == ()


def test_an_address_is_never_a_stranger(reader: Reader) -> None:
    assert read(reader, "马院长说了什么？").stranger == ""


def test_who_first_asks_about_a_person_not_for_their_words(reader: Reader) -> None:
    reading = read(reader, "谁说温立群的建议好？")
    assert reading.intent is Intent.WHO and reading.names == ()


def test_list_and_people_frames(reader: Reader) -> None:
    assert read(reader, "有哪些受访者？").listy
    assert read(reader, "都有谁？").people
    assert not read(reader, "谁提到了冷链？").listy


def test_posts_named_but_not_roles(reader: Reader) -> None:
    assert read(reader, "谁是校长？").posts == ("校长",)
    assert read(reader, "谁是代表？").posts == ()


def test_title_of() -> None:
    assert title_of("鲁院士") == "院士"
    assert title_of("蒋总") == "总"
    assert title_of("鲁启明") == ""


# One question per recogniser, in the table's order: each is read by its own recogniser,
# and every recogniser before it passes.
BY_RECOGNISER = {
    "follow_others": "还有谁？",
    "follow_more": "更多",
    "pronoun_follow_up": "他还说了什么？",
    "who_about_named": "谁说温立群的事？",
    "named": "蒋卫东说了什么？",
    "ambiguous_address": "温代表说了什么",
    "described": "做冷链的那位委员说了什么",
    "stranger": "马林说了什么",
    "latin_named": "Alex说了什么",
    "who_is": "谁是院长？",
    "who": "谁提到了数据安全？",
}


def test_each_question_is_read_by_the_first_recogniser_that_fits(reader: Reader) -> None:
    assert [r.__name__ for r in RECOGNISERS] == list(BY_RECOGNISER)
    for position, (name, question) in enumerate(BY_RECOGNISER.items()):
        facts = reader.facts(normalize(question))
        assert [r(facts) for r in RECOGNISERS[:position]] == [None] * position, question
        reading = RECOGNISERS[position](facts)
        assert reading is not None, name
        assert reader.read(normalize(question)) == reading


def test_what_no_recogniser_reads_is_a_topic(reader: Reader) -> None:
    facts = reader.facts(normalize("乡村教育"))
    assert all(r(facts) is None for r in RECOGNISERS)
    assert reader.read(facts.text).intent is Intent.TOPIC


def test_every_reading_has_a_handler(reader: Reader) -> None:
    """The reader's table and the engine's dispatch table stay in step."""
    for question in [*BY_RECOGNISER.values(), "乡村教育"]:
        assert reader.read(normalize(question)).intent in HANDLERS
