"""Speakers named the way online interviews and TV pages name them.

An online interview names its guest once, in a header field ("【访谈嘉宾】某厅副厅长
某某"), and tags every answer "嘉宾：". A Taiwanese TV page captions each sound bite
with name and what they are split by a slash ("（某某／某鄉居民）「……」"), and hands back
to the reporter with a tag alone ("【記者】"). A deputy head is addressed by surname and
title ("某副院长"). Every page and person is invented.
"""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

ONLINE = """\
在线访谈：山区民宿怎样留住回头客？
2025年05月06日10:05　来源：澄州网

【访谈嘉宾】澄州市文化和旅游局副局长 隗晓岚
【访谈主持】澄州网记者 鄂思雨
【访谈时间】2025年5月5日 15:00

主持人：各位网友大家好。隗局长，先请您介绍一下今年民宿的情况？
嘉宾：主持人好，网友们好。今年一季度全市民宿入住率比去年提高了九个百分点。
主持人：网友很关心价格，节假日会不会乱涨价？
嘉宾：我们会公布节假日价格的参考区间，超出区间的要提前备案。
网友提问：民宿的卫生谁来管？
嘉宾：这是我们重点检查的内容，每季度都会抽查布草和餐具。
"""


def test_an_online_interviews_guest_answers_under_the_guest_tag() -> None:
    reading = read(ONLINE, "online")
    assert len(reading.articles) == 1
    assert speaker_of(reading, "入住率比去年提高了九个百分点") == "隗晓岚"
    assert speaker_of(reading, "节假日价格的参考区间") == "隗晓岚"
    assert speaker_of(reading, "抽查布草和餐具") == "隗晓岚"
    # The host's and the netizen's questions stay nobody's.
    assert speaker_of(reading, "节假日会不会乱涨价") is None
    assert speaker_of(reading, "民宿的卫生谁来管") is None


GUEST_LIST = """\
圆桌对话：老城区的停车难
嘉宾：逯振川 澄州大学公共管理学院教授；冼一苇 澄州市交通规划院工程师
主持人：两位好，先请逯教授谈谈？
逯振川：老城区的路网是几十年前定的，车位缺口在三成以上。
"""


def test_a_list_of_guests_under_the_guest_tag_is_no_ones_words() -> None:
    reading = read(GUEST_LIST, "list")
    assert speaker_of(reading, "澄州市交通规划院工程师") is None
    assert speaker_of(reading, "车位缺口在三成以上") == "逯振川"


TV = """\
偏鄉診所週末停診 長者看病要轉兩趟車
2024/11/02 19:32　記者 聶孟庭／澄義報導

【主播】
澄義縣山區的衛生所，因為醫師不足，週末門診暫停。

（龔秀蘭／山美鄉居民）「我每個禮拜都要去量血壓，現在週末沒有醫生，只能請假下山。」

【記者】
像龔阿嬤這樣的長輩並不少見，醫師人力吃緊的問題已經好幾年。

（澄義縣衛生局局長／粘志遠）「我們會從下個月起派巡迴醫療車上山，週六固定停靠。」

粘志遠（澄義縣衛生局局長）：巡迴車上會有固定的醫師，長輩可以放心。

【記者】
不過，巡迴車一週只來一次，會不會太少？龔阿嬤聽完直搖頭。
"""


def test_a_tv_bite_captioned_with_a_slash_is_the_speakers() -> None:
    reading = read(TV, "tv")
    assert speaker_of(reading, "每個禮拜都要去量血壓") == "龚秀兰"
    # A surname the table lacks, with what they are on the other side of the slash.
    assert speaker_of(reading, "派巡迴醫療車上山") == "粘志远"
    people = {p.name: p for p in reading.people.values()}
    assert "記者 聶孟庭" not in people and "澄義報導" not in people


def test_a_tag_alone_hands_back_to_the_reporter() -> None:
    reading = read(TV, "tv")
    assert speaker_of(reading, "醫師人力吃緊的問題已經好幾年") is None
    assert speaker_of(reading, "長輩可以放心") == "粘志远"
    assert speaker_of(reading, "巡迴車一週只來一次") is None
    assert speaker_of(reading, "聽完直搖頭") is None


DEPUTY = """\
大学写作课怎样面对AI
澄江大学文学院副院长郦静岚在研讨会上说，写作课不能只防AI，还要教学生用好AI。
郦副院长透露，学院正在开发一门面向全校的“AI素养”微课程。
"""


def test_a_deputy_addressed_by_surname_and_title_is_the_person_named() -> None:
    reading = read(DEPUTY, "deputy")
    assert speaker_of(reading, "AI素养") == "郦静岚"
    assert not any(p.name == "郦副" for p in reading.people.values())


MAGAZINE = """\
濮承钧：一家老印染厂的转型
文／本刊记者 柏语冰
做了三十七年印染的澄江印染，过去五年关掉了一半的传统染缸。集团董事长濮承钧今年六十一岁。
为什么偏偏是数码印花？
传统印染一个花型要先开网版，现在服装品牌都是小单快反，我们必须跟上。
你怎么看“印染是夕阳产业”的说法？
只有夕阳的企业，没有夕阳的产业。
"""


def test_a_qa_under_a_headline_naming_its_guest_is_the_guests() -> None:
    reading = read(MAGAZINE, "magazine")
    assert speaker_of(reading, "小单快反") == "濮承钧"
    assert speaker_of(reading, "没有夕阳的产业") == "濮承钧"
    assert speaker_of(reading, "关掉了一半的传统染缸") is None
