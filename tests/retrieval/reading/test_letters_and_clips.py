"""A reader's letter and a department's reply, each signed under it without a dash; a TV
accountability show whose clips are nobody's and whose reviewer takes the floor after an
official's turn; a report whose resident is given only a surname, and whose official's
body is named by 该局. Every person is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

LETTERS = """\
澜江日报 数字报　　2025年4月22日　星期二
【读者来信】门前的排水沟，一到夏天就臭得开不了窗
2025-04-22　来源：澜江日报

编辑同志：
我是城西区的一名退休教师。我家门前有一条排水沟，一到夏天就臭气熏天，晚上连窗户都不敢开。
我想问问有关部门：这条沟到底归谁管？能不能设一个“沟长”？
读者 欧阳知秋
（本报收到来信后，已转市水务局办理。）

欧阳知秋同志：
您好！您的来信已收悉。
经查，这条沟属城西区管理，我局已会同生态环境分局排查，发现雨污混接点7处。
下一步，我们将把它纳入河长制管理，由街道分管负责人担任沟长。
澜江市水务局 夏侯晚晴
2025年4月18日
"""


def test_a_letter_and_a_reply_are_their_signers_words() -> None:
    reading = read(LETTERS, "letters")
    assert speaker_of(reading, "晚上连窗户都不敢开") == "欧阳知秋"
    assert speaker_of(reading, "能不能设一个“沟长”") == "欧阳知秋"
    assert speaker_of(reading, "发现雨污混接点7处") == "夏侯晚晴"
    assert speaker_of(reading, "由街道分管负责人担任沟长") == "夏侯晚晴"
    assert speaker_of(reading, "已转市水务局办理") is None
    # The kicked headline is no part of the letter.
    assert not any("开不了窗" in p.text for p in reading.passages)
    people = {p.name: p for p in reading.people.values()}
    assert any("水务局" in fact for _, fact, _, _ in people["夏侯晚晴"].facts)


SHOW = """\
《问政澜江》第17期实录：老旧小区为何“改完又漏”？
2025-06-12　来源：澜江广电

主持人 上官雨桐：各位观众晚上好。郦局长，改造才一年就漏水，责任在谁？

市住建局局长褚南枝：责任我们认，施工单位有五年质保期，必须回来返修。

【短片】晚上七点，新华路菜场门口，三轮车、地摊一直摆到了机动车道上。

主持人 上官雨桐：褚局长，以后怎么管？

褚局长：下一步，全市老旧小区改造都要请居民代表参与验收。

现场评议员、市人大代表苗春生点评：今天局长的态度是诚恳的。我建议对今晚承诺的事项建立台账，一项一项销号。
"""


def test_a_clip_is_nobodys_and_a_reviewer_takes_the_floor() -> None:
    reading = read(SHOW, "show")
    assert speaker_of(reading, "五年质保期") == "褚南枝"
    assert speaker_of(reading, "三轮车、地摊一直摆到了机动车道上") is None
    assert speaker_of(reading, "请居民代表参与验收") == "褚南枝"
    assert speaker_of(reading, "建立台账") == "苗春生"


def test_a_surname_and_honorific_and_a_body_named_by_gai() -> None:
    text = (
        "渣土车深夜轰鸣 居民盼安静夜\n"
        "在小区门口，一位姓弭的大爷告诉记者：“能不能让车别走居民区？”\n"
        "针对居民反映的问题，记者联系了濛水县城市管理综合执法局。该局局长冷月汀表示，已会同交警部门整治。\n"
    )
    reading = read(text, "trucks")
    assert speaker_of(reading, "别走居民区") == "弭大爷"
    people = {p.name: p for p in reading.people.values()}
    facts = [fact for _, fact, _, _ in people["冷月汀"].facts]
    assert any(fact.startswith("濛水县城市管理综合执法局") for fact in facts), facts


def test_the_one_named_last_before_said_speaks() -> None:
    text = (
        "车间里的年终会\n"
        "厂长苗春生、车间主任冷月汀参加了会议。\n"
        "会上，苗春生让冷月汀说，今年的任务还很重。\n"
    )
    reading = read(text, "plant")
    assert speaker_of(reading, "今年的任务还很重") == "冷月汀"
