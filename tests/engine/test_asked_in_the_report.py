"""A press conference told as a report: "有记者问到，……" then "某某回应称，……" in the
same paragraph. The question is the reporter's telling, never an answer; the words after
it answer it, so a question in the asker's words finds whoever answered.

The page is invented: people, places and topics.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from tests.engine.test_natural_questions import ask, engine_of
from tests.retrieval.test_reading import kind_of, speaker_of

BRIEFING = """\
我市召开防汛备汛新闻发布会
本报讯 5月12日上午，市政府新闻办召开新闻发布会，介绍今年防汛备汛工作。
有记者问到，去年汛期城东片区多个小区地下车库进水，今年有没有针对性措施。庞立川回应称，问题主要出在小区出入口挡水设施不足，今年已为四十个小区加装挡水板。
随后有记者提问，市民怎样才能第一时间收到暴雨预警。郜晚舟回应称，全市将通过手机短信、应急广播等渠道发布预警，做到到村到户。
有记者关心山区群众转移避险如何落实。对此，庞立川表示：“转移避险，宁可十防九空，不可失防万一。”
"""


def test_the_reporters_question_in_a_paragraph_is_no_ones_words() -> None:
    reading = read(BRIEFING, "briefing")
    assert kind_of(reading, "地下车库进水") is Kind.QUESTION
    assert speaker_of(reading, "地下车库进水") is None
    assert speaker_of(reading, "加装挡水板") == "庞立川"
    assert kind_of(reading, "第一时间收到暴雨预警") is Kind.QUESTION
    assert speaker_of(reading, "到村到户") == "郜晚舟"
    assert speaker_of(reading, "不可失防万一") == "庞立川"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "briefing", BRIEFING)


@pytest.mark.parametrize(
    ("question", "who", "words"),
    [
        ("地下车库进水的问题谁回应的", "庞立川", "挡水板"),
        ("暴雨预警怎么才能第一时间收到？", "郜晚舟", "手机短信"),
        ("山区群众转移避险咋落实", "庞立川", "失防万一"),
    ],
)
def test_a_question_in_the_askers_words_finds_who_answered(
    engine: Engine, question: str, who: str, words: str
) -> None:
    answer = ask(engine, question)
    assert answer.answered, answer
    assert answer.speakers[0] == who
    assert words in answer.quotes[0].text
    assert all("有记者" not in quote.text for quote in answer.quotes)


RULES = """\
吹风会介绍条例
国务院新闻办公室14日下午举行吹风会，请水利部副部长甄守谦、司法部副司长仉雪原、卫健委司长栾绍维介绍有关情况。
仉雪原表示，《条例》共六章四十二条。《条例》第三十一条规定：“在水源保护范围内新建排污口的，处十万元以上罚款。”
答记者问环节，新华社记者提问：“《条例》对水费收取有哪些规定？会不会增加农民负担？”
甄守谦回应说：“我们算过一笔账，水费支出占农民收入的比例很低。”
"""


def test_a_list_of_speakers_a_documents_article_and_a_quoted_question_are_no_ones() -> None:
    reading = read(RULES, "rules")
    # 甲、乙、丙介绍有关情况: all of them, none alone.
    assert speaker_of(reading, "介绍有关情况") is None
    assert speaker_of(reading, "共六章四十二条") == "仉雪原"
    assert speaker_of(reading, "新建排污口") is None
    # The reporter's question runs on past its first question mark.
    assert speaker_of(reading, "会不会增加农民负担") is None
    assert kind_of(reading, "对水费收取有哪些规定") is Kind.QUESTION
    assert speaker_of(reading, "算过一笔账") == "甄守谦"
