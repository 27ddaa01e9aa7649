"""The reader's forms of address, worked out on first use, match tables made up front.

``EagerReader`` builds every table at start, as the reader once did; the
reader must find the same people for every form of address and read every
question the same, on the bundled corpus and on many made-up people who share
surnames, titles and scripts.
"""

from __future__ import annotations

import random

import pytest

from fangtan.bot.engine.answer import Intent
from fangtan.bot.engine.answering import Engine
from fangtan.bot.engine.intent import (
    ADDRESS_TITLES,
    LOOSE_TITLES,
    TITLES,
    Reader,
    Someone,
    surname_of,
    title_of,
)
from fangtan.retrieval.reading.roles import role_body
from fangtan.retrieval.reading.titles import HONORIFICS, NOT_AFTER_OLD, NOT_BEFORE_OLD, OLD
from fangtan.retrieval.search.normalize import normalize
from tests.engine.people import Addressable


class EagerReader(Reader):
    """Every form of address and every title's holders, found at start."""

    def __init__(self, people: list[Someone]) -> None:
        super().__init__(people)
        self.table: dict[str, set[str]] = {}
        self.holders: dict[str, set[str]] = {}
        for person in people:
            facts = "\0".join((*person.roles, *person.facts))
            held = sorted(t for t in TITLES if t in facts)
            for title in (*LOOSE_TITLES, *HONORIFICS, *held):
                if title in ("代表", "委员") and not any(
                    role_body(r).endswith(title) for r in person.roles
                ):
                    continue
                key = normalize(surname_of(person.name) + title)
                self.table.setdefault(key, set()).add(person.name)
            surname = surname_of(person.name)
            if len(surname) == 1 and surname not in NOT_AFTER_OLD:
                self.table.setdefault(normalize(OLD + surname), set()).add(person.name)
            if len(surname) == 1 and surname not in NOT_BEFORE_OLD:
                self.table.setdefault(normalize(surname + OLD), set()).add(person.name)
            for title in ADDRESS_TITLES:
                if title in facts:
                    self.holders.setdefault(title, set()).add(person.name)
        self._title_lengths = sorted({len(k) for k in self.table}, reverse=True)

    def _by_title(self, word: str) -> set[str] | None:
        return self.table.get(word)

    def _holding(self, word: str, fits: set[str]) -> set[str]:
        return (fits & self.holders.get(title_of(word), set())) or fits


SURNAMES = ["张", "張", "李", "王", "欧阳", "歐陽", "司马", "黎", "乾", "Ｚ", "温", "沈"]
GIVEN = ["立群", "雅婷", "卫东", "衛東", "启明", "小", "敏", "隆", "一", ""]
ROLES = ["市人大代表", "全国政协委员", "市政协委员", "省人大常委会委员", "政协委员", "人大代表"]
PLACES = ["城东街道办事处", "青石镇中心小学", "北岸冷库物流有限公司", "中国工程院", "市第一医院"]


def made_up_people(count: int, seed: int) -> list[Someone]:
    draw = random.Random(seed)
    people: list[Someone] = []
    for _ in range(count):
        name = draw.choice(SURNAMES) + draw.choice(GIVEN) + draw.choice(["", "", "华"])
        roles = tuple(draw.sample(ROLES, draw.randint(0, 2)))
        facts = tuple(
            draw.choice(PLACES) + draw.choice(ADDRESS_TITLES) for _ in range(draw.randint(0, 3))
        )
        people.append(Addressable(name, roles, facts))
    return people


def questions_for(people: list[Someone], seed: int) -> list[str]:
    draw = random.Random(seed)
    asked = ["李代表说了什么", "张委员", "谁是院长？", "有哪些委员？"]
    for person in draw.sample(people, min(len(people), 150)):
        surname = surname_of(person.name)
        title = draw.choice(ADDRESS_TITLES)
        asked += [
            f"{person.name}说了什么？",
            f"{surname}{title}说了什么？",
            f"{surname}{title}是谁",
            f"谁提到了{surname}{title}？",
            f"{surname}{title}和{draw.choice(people).name}谈了什么",
        ]
    return [normalize(q) for q in asked]


def assert_same_reading(people: list[Someone], questions: list[str]) -> None:
    eager, lazy = EagerReader(people), Reader(people)
    # Every form the eager tables hold, and every stretch of every question (the reader
    # is asked of each): none of the latter may fit anyone the tables do not have.
    stretches = {q[i:j] for q in questions for i in range(len(q)) for j in range(i + 1, i + 9)}
    for key in set(eager.table) | stretches:
        fits = eager.table.get(key)
        assert lazy._by_title(key) == fits, key
        if fits and len(fits) > 1:
            assert lazy._holding(key, fits) == eager._holding(key, fits), key
    for question in questions:
        assert lazy.read(question) == eager.read(question), question
        assert lazy.addressed(question) == eager.addressed(question), question


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_made_up_people_sharing_surnames_and_titles(seed: int) -> None:
    people = made_up_people(400, seed)
    assert_same_reading(people, questions_for(people, seed))


def test_bundled_corpus(seed_engine: Engine) -> None:
    everyone, names = seed_engine._known.addressable()
    people: list[Someone] = list(everyone)
    assert len(people) > 5 and [p.name for p in people] == names
    assert_same_reading(people, questions_for(people, 7))
    # The engine's reader, given the names, reads as one made from the people.
    questions = questions_for(people, 8)
    eager = Reader(people)
    for question in questions:
        assert seed_engine._reader.read(question) == eager.read(question), question
        assert seed_engine._reader.addressed(question) == eager.addressed(question), question


def test_old_and_a_surname_asks_for_its_one_bearer() -> None:
    people: list[Someone] = [
        Addressable("乜春桃", ("全国人大代表",), ("石坳村党支部书记",)),
        Addressable("党晓明", (), ("村委会主任",)),
    ]
    reader = Reader(people)
    assert reader.read(normalize("老乜说她最怕什么")).names == ("乜春桃",)
    # 老党员 is a word: never 老 and a surname.
    assert reader.read(normalize("老党员们怎么看")).names == ()


def test_a_description_may_end_with_a_profession_or_an_honorific() -> None:
    people: list[Someone] = [
        Addressable("亓振北", (), ("退休钳工",)),
        Addressable("眭小禾", (), ("大学生志愿者",)),
    ]
    reader = Reader(people)
    assert reader.read(normalize("那个退休钳工大爷说了啥")).description == "那个退休钳工大爷"
    assert reader.read(normalize("那个大学生志愿者说了什么")).description == "那个大学生志愿者"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("仉春桃是哪个公司的", Intent.PROFILE),
        ("仉春桃现在在哪上班", Intent.PROFILE),
        ("仉春桃是代表还是委员？她在哪工作", Intent.PROFILE),
        ("仉总觉得小企业现在卡在哪", Intent.SPEAKER),
        ("春桃最关心啥", Intent.SPEAKER),
    ],
)
def test_a_profile_is_asked_right_after_the_name(question: str, intent: Intent) -> None:
    reader = Reader([Addressable("仉春桃", ("全国政协委员",), ("某科技公司总经理",))])
    assert reader.read(normalize(question)).intent is intent


def test_a_description_before_an_adverb_or_有没有() -> None:
    people: list[Someone] = [Addressable("仉春桃", ("市政协委员",), ("致远党市委会副主委",))]
    reader = Reader(people)
    assert reader.read(normalize("致远党那位平时干啥的")).intent is Intent.PROFILE
    found = reader.read(normalize("致远党那位委员有没有讲智慧城市"))
    assert found.intent is Intent.SPEAKER and found.description


def test_a_form_whose_normal_form_is_not_its_parts() -> None:
    # OpenCC reads 沈船长 as 沉船长 and 李秘书长 as 李祕书长, a question alike: the form
    # is found by its own normal form, not by its surname's and title's.
    people: list[Someone] = [
        Addressable("沈立群", (), ("远洋货轮船长",)),
        Addressable("李雅婷", (), ("市文联秘书长",)),
    ]
    reader = Reader(people)
    assert normalize("沈船长") != normalize("沈") + normalize("船长")
    assert reader.read(normalize("沈船长说了什么")).names == ("沈立群",)
    assert reader.read(normalize("李秘书长怎么看")).names == ("李雅婷",)
