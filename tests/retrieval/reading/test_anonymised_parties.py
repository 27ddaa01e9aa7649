"""Parties a court, police or procuratorate report keeps anonymous: a surname and 某
(甄某, 郜某某). They speak like anyone named, and a surname's character that ends a
word before 某 (位于某地) names nobody. Every page is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.mentions import anonymised_names
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

CASE = """\
以“免费体检”为名骗老人买保健品 两人获刑
本报讯 记者 邬晴川
“一盒成本不到三十块的药粉，卖给老人要一千九百八。”沣阳区人民检察院检察官芮一澄介绍案情时说。
2023年3月起，隗某在沣阳区租下一间门面，以免费测血压为名吸引老人。
家住附近的窦某今年七十六岁，前后花了四万多元。窦某说，“后来我闺女拿着药去医院一问，就是普通的蛋白粉。”
店员郜某某在检察官面前哭着说：“我后来知道是骗人的，可提成太高了。”
最终，隗某家属代为退赔八十二万元。
庭审中，隗某当庭认罪认罚。“我对不起这些叔叔阿姨。”隗某在最后陈述时说。
"""


def test_anonymised_parties_speak() -> None:
    reading = read(CASE, "case")
    names = {p.name for p in reading.people.values()}
    assert {"隗某", "窦某", "郜某某"} <= names
    assert speaker_of(reading, "就是普通的蛋白粉") == "窦某"
    assert speaker_of(reading, "提成太高了") == "郜某某"
    assert speaker_of(reading, "对不起这些叔叔阿姨") == "隗某"
    # The prosecutor's words end where the report goes on about a party.
    assert speaker_of(reading, "家属代为退赔") is None


def test_a_word_ending_in_a_surnames_character_before_mou_is_no_one() -> None:
    text = "该企业位于某工业园区，面向某些特定客户，向某公司供货。"
    assert anonymised_names(text, text) == []


def test_a_quotation_then_a_date_and_a_long_title_before_the_name() -> None:
    text = (
        "检察院办理一起诈骗案\n"
        "“一盒成本不到三十块的药粉，卖给老人要一千九百八。”6月17日，沣阳区人民检察院"
        "第二检察部主任、一级检察官芮一澄在介绍案情时说，涉案老人多达六十余人。\n"
    )
    reading = read(text, "dated")
    assert speaker_of(reading, "卖给老人要一千九百八") == "芮一澄"


TRIAL = """\
【庭审直播】被告人窦某职务侵占案公开开庭
审判长：被告人窦某，你对起诉书指控的事实有无异议？
被告人窦某：没有异议，我认罪。钱确实是我转走的。
辩护人：公司发现以后，你做了什么？
被告人窦某：我第二天就主动去派出所说明了情况。
证人隗某：我是公司的财务经理，她平时做事很细。
"""


def test_a_courtroom_tag_names_the_party_after_the_role() -> None:
    reading = read(TRIAL, "trial")
    assert speaker_of(reading, "钱确实是我转走的") == "窦某"
    assert speaker_of(reading, "主动去派出所说明了情况") == "窦某"
    assert speaker_of(reading, "她平时做事很细") == "隗某"
    # The defence lawyer's question is no one the page names, not the defendant's.
    assert speaker_of(reading, "你做了什么") is None
