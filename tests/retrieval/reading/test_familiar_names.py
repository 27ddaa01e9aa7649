"""People a page names in ways other than "title name said": introduced with a title
and then called by surname and title, or known only by a familiar form (老某, 小某,
某大爷) as a feature calls villagers.

Every page is invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

MEETING = """\
代表团分组审议聚焦老年助餐
省人大代表、白沙镇卫生院院长戚晚晴第一个发言。“我们镇六十岁以上的老人占了三成多。”戚代表认为，关键是把热饭送到老人手上。
列席会议的市民政局局长戚远帆接过话头。两人同姓，会场上不时有人打趣。戚局长补充道，全市已建成助餐点四百多个，但运营参差不齐。
他说，市里将出台运营补贴办法，“补建设不如补运营”。
讨论临近结束，戚代表又问：“能不能给送餐志愿者买份意外险？”戚局长当场回应，市里将协调保险机构开发专属险种。
"""


def test_someone_introduced_by_title_is_known_by_surname_and_title_later() -> None:
    reading = read(MEETING, "meeting")
    names = {p.name for p in reading.people.values()}
    assert "戚远帆" in names
    # Two people share the surname: the title says which one speaks.
    assert speaker_of(reading, "全市已建成助餐点四百多个") == "戚远帆"
    assert speaker_of(reading, "补建设不如补运营") == "戚远帆"
    assert speaker_of(reading, "把热饭送到老人手上") == "戚晚晴"
    assert speaker_of(reading, "买份意外险") == "戚晚晴"
    # 当场 before the verb: how they answered, and the answer is theirs.
    assert speaker_of(reading, "开发专属险种") == "戚远帆"


VILLAGE = """\
桃湾村的“新账本”
村民老芮是远近闻名的乡厨，掌勺三十多年。“以前一场酒几十桌，剩菜倒掉大半，看着心疼。”
去年国庆，二十八岁的小桂成了村里第一个只摆八桌酒的新郎。小桂说，一开始最反对的是他奶奶。
村口的大樟树下，郎大爷又踱了过来。他说，孙子明年也要结婚了，“就按村里的规矩来”。
村里的老师和小区里的老人都来看热闹。
"""


def test_people_known_only_by_a_familiar_form_are_speakers() -> None:
    reading = read(VILLAGE, "village")
    assert speaker_of(reading, "剩菜倒掉大半") == "老芮"
    assert speaker_of(reading, "一开始最反对的是他奶奶") == "小桂"
    assert speaker_of(reading, "孙子明年也要结婚了") == "郎大爷"
    names = {p.name for p in reading.people.values()}
    # Common words that start as a familiar form would are nobody.
    assert not names & {"老师", "小区"}


def test_a_familiar_form_of_someone_named_in_full_is_not_another_person() -> None:
    page = "渔村见闻\n渔民桂海生今年六十岁。小桂说，这片海他打了四十年鱼。\n"
    reading = read(page, "named")
    assert {p.name for p in reading.people.values()} == {"桂海生"}


def test_a_nickname_from_a_known_persons_given_name_is_not_another_person() -> None:
    page = "倔老乜\n村支书乜春桂说，村里的路今年一定要修好。年轻人都喊她“桂姐”，桂姐说话算数。\n"
    reading = read(page, "nickname")
    assert {p.name for p in reading.people.values()} == {"乜春桂"}


HEARING = """\
地铁票价听证会
在城南一家物流公司上班的蒲晚禾是听证参加人之一。她明确表示反对：“每月多花一百多块，接受不了。”
学生家长滕素心却有些担心。她说，孩子每天坐地铁上学，涨价后负担不小。
局长殳文柏通报了今年的运营情况。他介绍，全年客流比去年增长一成。
【信息提供：县政府办　乜红叶】
"""


def test_people_named_before_a_pronoun_speaks_for_them_are_speakers() -> None:
    reading = read(HEARING, "hearing")
    assert speaker_of(reading, "接受不了") == "蒲晚禾"
    assert speaker_of(reading, "涨价后负担不小") == "滕素心"
    assert speaker_of(reading, "客流比去年增长一成") == "殳文柏"
    # A page's footer credits no one with anything.
    assert "乜红叶" not in {p.name for p in reading.people.values()}


ACCOUNT = """\
口述｜闵秀禾：在菜市场磨了三十年豆腐
2025-09-12 07:05　来源：某某新闻
东门菜市场改造那年，很多老摊主走了，闵秀禾留了下来。以下是她的自述。
我叫闵秀禾，今年52岁，十九岁嫁到城里，跟着婆婆学磨豆腐。
前年菜市场要改造，好多老姐妹都不干了。市场管理所的宦所长来摊子上找我们谈，他说：“老摊位优先续租。”我想，那就再干几年吧。
本市的高校长期缺少实训场地。
"""


def test_a_first_person_account_is_its_tellers_and_a_surname_with_a_title_is_someone() -> None:
    reading = read(ACCOUNT, "account")
    assert speaker_of(reading, "十九岁嫁到城里") == "闵秀禾"
    assert speaker_of(reading, "好多老姐妹都不干了") == "闵秀禾"
    assert speaker_of(reading, "老摊位优先续租") == "宦所长"
    # After the words she tells of him saying, 我 is her again.
    assert speaker_of(reading, "那就再干几年吧") == "闵秀禾"
    # The reporter's lead names her without giving her a say.
    assert speaker_of(reading, "很多老摊主走了") is None
    assert "高校长" not in {p.name for p in reading.people.values()}


THREAD = """\
@某律师 V
电梯广告的钱归全体业主共有。
热门评论
网友甲：说得好
——————————
@某都市报 V
枫林苑小区业主冉建华告诉记者：“我们小区的广告挂了四年，谁也没见过账本。”
"""


def test_a_rule_under_the_comments_ends_them() -> None:
    reading = read(THREAD, "thread")
    assert speaker_of(reading, "谁也没见过账本") == "冉建华"
    assert not any("说得好" in p.text for p in reading.passages)


NICKNAMES = """\
长者车费设上限 街坊忧计数麻烦
住在大埔的78岁居民宓秀莲（街坊都叫她秀姐）则担心计数麻烦。
秀姐又指，不少长者不懂用手机查阅乘车纪录，“起码要喺闸机度显示仲剩返几多程”。
中锋芮思远砍下31分。被队友称为“大芮”的芮思远右脚踝上还缠着冰袋。
谈到关键的连续得分，大芮坦言：“其实我的脚踝从第三节就开始疼。”
初二学生小苒说，配餐送到的时间一般是11点40分左右。
现年63岁的郜志轩 Marco 仍在货仓做夜班文员。
“我返工放工要转小巴再转地铁，一日最少六程。”郜志轩说。
Marco坦言，若超出上限后每程要付一半车资，“对我哋呢啲仲要开工嘅老人家，係实实在在嘅负担”。
"""


def test_a_nickname_the_page_gives_is_that_person() -> None:
    reading = read(NICKNAMES, "nicknames")
    assert speaker_of(reading, "不懂用手机查阅乘车纪录") == "宓秀莲"
    assert speaker_of(reading, "从第三节就开始疼") == "芮思远"
    # 小 and a given name after what the person is: a student called so.
    assert speaker_of(reading, "配餐送到的时间") == "小苒"
    # A Latin given name beside the name, then alone and as written: 'Marco坦言'.
    assert speaker_of(reading, "实实在在嘅负担") == "郜志轩"


def test_three_characters_after_a_title_before_a_common_word_are_a_name() -> None:
    page = "山路校车\n校车司机邬德旺开车送孩子上学已经七年。“山路四十多公里，我从来不敢开快。”\n"
    reading = read(page, "bus")
    assert speaker_of(reading, "从来不敢开快") == "邬德旺"
