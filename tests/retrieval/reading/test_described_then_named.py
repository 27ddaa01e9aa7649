"""People a page describes before it names them, or names its own way: "这位90后店主说",
"这位名叫某某的司机", Hong Kong's "某某指，……". Every page is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

SHOP = """\
老街上的糖水铺
店主甄晓岚今年29岁，前年辞职回到老街，开了这间糖水铺。
“以前天天对着报表，现在每天都能看见街坊吃完笑着走。”这位90后店主说。
"""


def test_a_generation_before_a_title_is_no_surname() -> None:
    reading = read(SHOP, "shop")
    names = {p.name for p in reading.people.values()}
    assert "后店主" not in names
    assert speaker_of(reading, "看见街坊吃完笑着走") == "甄晓岚"


HEARING = """\
公交票价调整听证会举行
4月8日，公交票价调整听证会举行，消费者代表、经营者代表和专家学者发言。
“一天跑十二个小时，到手不到两百块。”一位开了二十年公交的司机几度停顿。这位名叫庹振川的司机支持调价方案。
公交集团副总经理郏文涛介绍，调价后将增开夜班线路。
在自由发言环节，庹振川再次举手。“我们不是想多赚乘客的钱。”他说，车队里年轻司机越来越少。
"""


def test_someone_the_page_names_after_describing_them_speaks_later() -> None:
    reading = read(HEARING, "hearing")
    assert any(p.name == "庹振川" for p in reading.people.values())
    # Not the official who spoke in the paragraph between.
    assert speaker_of(reading, "不是想多赚乘客的钱") == "庹振川"
    assert speaker_of(reading, "年轻司机越来越少") == "庹振川"


HONG_KONG = """\
電動小巴試驗計劃下月展開
運輸署助理署長甘卓謙（Kenneth Kam）今日表示，計劃首階段涉及四條路線。
甘卓謙指，署方已在十二個公共運輸交匯處預留位置，「首批快速充電樁會在明年第一季啟用」。
立法會議員霍思朗認為時間表過於樂觀。他指，不少小巴營辦商規模細小，「細營辦商根本捱唔住」。
"""


def test_hong_kong_s_zhi_before_a_pause_reports_speech() -> None:
    reading = read(HONG_KONG, "hong-kong")
    assert speaker_of(reading, "預留位置") == "甘卓谦"  # keys are in folded form
    assert speaker_of(reading, "規模細小") == "霍思朗"


LANE = """\
老巷里的小店
住在巷尾的卜振海今年71岁，是机床厂的退休钳工。
“前些年这条巷子一到晚上就黑灯瞎火，现在夜里十点还有人排队。”老人说。
"""


def test_a_name_an_age_follows_is_someone_s() -> None:
    reading = read(LANE, "lane")
    assert any(p.name == "卜振海" for p in reading.people.values())
    assert speaker_of(reading, "黑灯瞎火") == "卜振海"


PRESSER = """\
主场逆转　主帅坦言仍有隐忧
赛后新闻发布会上，主教练鄢鸿涛谈到上半场落后时说：「上半场我们太急了，篮板也被压着打。」（鄢鸿涛）
有记者提问：「客场五战仅一胜，球队是不是怕打客场？」鄢鸿涛笑了笑：「没有什么恐惧症，问题在替补席得分太少。」
"""


def test_a_report_telling_a_question_then_the_answer_on_one_line() -> None:
    reading = read(PRESSER, "presser")
    assert speaker_of(reading, "球队是不是怕打客场") is None
    assert speaker_of(reading, "没有什么恐惧症") == "鄢鸿涛"
    # The name in brackets closes the paragraph before: the question is not joined to it.
    assert speaker_of(reading, "篮板也被压着打") == "鄢鸿涛"


TIBETAN = """\
代表委员声音
次仁卓嘎 全国人大代表、某县卫生院院长
在海拔四千五百米以上的牧区，牧民看一次病往往要走大半天。次仁卓嘎告诉记者，卫生院接入了远程会诊。
"""


def test_a_tibetan_name_without_a_surname_is_a_name() -> None:
    reading = read(TIBETAN, "tibetan")
    assert any(p.name == "次仁卓嘎" for p in reading.people.values())
    assert speaker_of(reading, "接入了远程会诊") == "次仁卓嘎"


FORUM = """\
县域经济论坛综述
在澜江大学经济与管理学院副教授宦子骞看来，县域小微企业最大的难处是“首贷难”。
"""


def test_a_view_opened_by_zai_with_what_they_are_before_the_name() -> None:
    reading = read(FORUM, "forum")
    assert speaker_of(reading, "最大的难处是") == "宦子骞"


STREET = """\
车资调整 市民怎么看
凃宝珠（67岁，小贩）每天清早5时就要搭首班巴士到巴刹开档。她说：“一碗面才卖四块半，车资却年年涨。”
诺丽莎（41岁，护士）常轮值夜班。她说：“有时等一趟巴士要等二十分钟。”
凃女士说，她希望当局把乐龄月票的价格再降一点。
"""


def test_a_name_with_age_and_work_in_brackets_introduces_a_speaker() -> None:
    reading = read(STREET, "street")
    assert speaker_of(reading, "一碗面才卖四块半") == "凃宝珠"
    assert speaker_of(reading, "等二十分钟") == "诺丽莎"
    # Later by surname and honorific: the same person.
    assert speaker_of(reading, "乐龄月票") == "凃宝珠"


VILLAGE = """\
石鼓村的路通了
“以前这条路，落雨天一脚踩下去，泥巴糊到膝盖头！”
说这话的是村民麻永福，今年六十三岁。他蹲在院坝边剥苞谷。
"""


def test_a_quotation_said_by_whom_the_next_paragraph_names() -> None:
    reading = read(VILLAGE, "village")
    assert speaker_of(reading, "泥巴糊到膝盖头") == "麻永福"
    assert speaker_of(reading, "蹲在院坝边剥苞谷") is None


def test_whose_words_a_topic_names_is_no_subject() -> None:
    """ "对于某某说的停车难，他说": 他 is the one answering, not the one whose complaint it is."""
    for says in ("他说：“村口那块荒坡已经在规划了。”", "他表示，村口那块荒坡已经在规划了。"):
        text = (
            "石鼓村的新变化\n"
            "村民嵇桂枝开了农家乐。不过她也有烦心事：“就是停车场太小了。”\n"
            "村支书仇建邦告诉小编，今年收入预计突破四十万元。\n"
            f"对于嵇桂枝说的停车难，{says}\n"
        )
        reading = read(text, "topic-owner")
        assert speaker_of(reading, "荒坡已经在规划了") == "仇建邦"


def test_an_elder_by_full_name_and_kinship_term() -> None:
    text = (
        "石鼓村的竹篮子火了\n"
        "七十六岁的郎德贵大爷，编了一辈子竹篮。\n"
        "“现在年轻人拍个视频，我这篮子都卖到北京去咯！”郎德贵大爷笑得合不拢嘴。\n"
    )
    reading = read(text, "elder")
    assert speaker_of(reading, "卖到北京去咯") == "郎德贵"
