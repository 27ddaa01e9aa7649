"""A legislature's digest of remarks, a TV talk show whose host is named once and then
tags turns by bare name, a clip with two people's words in one paragraph, and a
neighbourhood report whose officials share a surname. Every person is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import kind_of, speaker_of

DIGEST = """\
让老有所养更有温度
——省人大常委会分组审议养老服务条例草案发言摘登
发布时间：2025-07-30 08:15　来源：澜江日报　本报记者 雍怀素 整理

7月29日，常委会分组审议养老服务条例草案。现将部分发言摘登如下。

■柴望岳代表（鹭原县檀溪镇党委书记）：我们镇去年办了五个村级老年食堂，半年后关了两个。

建议条例明确老年助餐的运营补贴按实际就餐人次发放，补贴要跟着饭碗走。

■谌一苇委员说，全省持证养老护理员不到两万人，年轻人不愿来、来了留不住。她建议，条例增加护理员薪酬待遇挂钩的条款。

■聂晚秋代表（汐州市第二人民医院老年医学科主任）：失能老人最难的是看病。建议把家庭病床纳入医保报销范围。
"""


def test_a_digests_items_are_each_speakers() -> None:
    reading = read(DIGEST, "digest")
    assert speaker_of(reading, "半年后关了两个") == "柴望岳"
    # The item's second paragraph is still theirs.
    assert speaker_of(reading, "补贴要跟着饭碗走") == "柴望岳"
    assert speaker_of(reading, "来了留不住") == "谌一苇"  # 委员 is a title, not her name
    assert speaker_of(reading, "薪酬待遇挂钩") == "谌一苇"
    assert speaker_of(reading, "家庭病床纳入医保") == "聂晚秋"
    people = {p.name: p for p in reading.people.values()}
    assert "谌一苇委员" not in people
    facts = [fact for _, fact, _, _ in people["柴望岳"].facts]
    assert "代表" in facts and "鹭原县檀溪镇党委书记" in facts


SHOW = """\
《今晚对话》预制菜进校园：孩子的午餐该怎么吃？
2025-09-18 21:47　来源：澜江卫视

主持人：尚明澈
嘉宾：蓬子墨　澜江省农业科学院研究员

尚明澈：观众朋友晚上好。今天我们请到了蓬子墨研究员。预制菜到底能不能进校园？

蓬子墨：我觉得不能简单地回答能或者不能，净菜和复热菜要分开说。

尚明澈：说到监管，今年不少地方都在推“校长陪餐”。

蓬子墨：陪餐制度很好，但陪餐不能只是校长一个人吃。

【短片】一所小学的家长韶光远告诉记者，孩子说鱼香肉丝“一股冰箱味”。“我们交的伙食费一个月四百多，是想知道钱花在哪儿了。”食堂负责人郦小棠则坦言：“两千多个学生，确实转不过来。”
"""


def test_a_host_named_once_asks_under_their_bare_name() -> None:
    reading = read(SHOW, "show")
    assert speaker_of(reading, "说到监管") is None
    assert kind_of(reading, "说到监管") is Kind.QUESTION
    assert speaker_of(reading, "陪餐不能只是校长一个人吃") == "蓬子墨"


def test_a_finished_quotation_is_not_given_to_the_next_speakers_own() -> None:
    reading = read(SHOW, "show")
    assert speaker_of(reading, "伙食费一个月四百多") == "韶光远"
    assert speaker_of(reading, "确实转不过来") == "郦小棠"


ESTATE = """\
老小区加装电梯记
本报记者 弓长庚

　　市住房和城乡建设局局长栾清和介绍，今年全市已加装电梯一百部。
　　让一栋楼的人坐到一张桌子上，靠的是社区党委书记栾一舟。栾一舟在社区干了二十多年，居民们都叫他“老栾”。“一楼的住户不用电梯，还要挡光。”他说。
　　老栾说，他的办法是“先算账、再谈事”。
　　一楼住户詹若愚就是被“算通”的一个。“一开始我是坚决不同意的，厨房本来就暗。”她说。
"""


def test_a_nickname_the_page_gives_and_a_resident_by_her_home() -> None:
    reading = read(ESTATE, "estate")
    assert speaker_of(reading, "先算账、再谈事") == "栾一舟"  # 叫他“老栾”
    assert speaker_of(reading, "厨房本来就暗") == "詹若愚"  # 住户, as 居民 is


def test_a_latin_given_name_before_the_surname_is_the_person() -> None:
    text = (
        "立法會辯論的士服務\n"
        "選委會界議員車曉寒（Ronald Che）就將矛頭指向網約車。\n"
        "運輸及物流局局長黨春和回應時表示，當局會在明年上半年提交條例草案。\n"
        "辯論期間，Ronald車再度起身，質疑政府時間表太慢。「局長話明年上半年，市民等唔到咁耐。」\n"
    )
    reading = read(text, "debate")
    assert speaker_of(reading, "市民等唔到咁耐") == "车晓寒"


def test_a_meetings_chair_who_speaks_their_mind_is_no_asker() -> None:
    text = (
        "村民代表会议纪要\n"
        "会议时间：2025年10月24日上午\n"
        "主持人：房一苇（村党支部书记）\n"
        "房一苇：村东头的老粮库空了四年了，我的意见是可以租出去。\n"
        "桂清川：我同意，但合同里要写清楚优先招本村劳动力。\n"
        "房一苇：那就按这个意见报镇里。\n"
    )
    reading = read(text, "minutes")
    assert speaker_of(reading, "我的意见是可以租出去") == "房一苇"
    assert speaker_of(reading, "优先招本村劳动力") == "桂清川"
