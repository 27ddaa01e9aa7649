"""Features that follow people rather than interview them: a craftsman with a surname the
table lacks who is never given a title, his wife who speaks with 她说：“……”, the
reporter's bridge between a profile's questions, a live blog's turns with bracketed jobs,
a farmer who squats in his field as he speaks. Every page and person is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.mentions import is_name, rare_untitled_names
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

COUPLE = """\
老巷里的“配钥匙铺”：一对夫妻和他们的二十年
2025-03-02　来源：澜江晚报　记者 荀望秋

　　柜台边那张小桌，是妻子蔚晴川的“直播间”。早上七点，佀春生拉起铺子的卷帘门。佀春生今年五十岁，配钥匙配了二十六年。
　　“那时候一条街上五六个钥匙摊，一把钥匙收两块钱。”他说，“现在都换成了指纹锁。”
　　起初佀春生并不愿意拍视频。“对着镜头我手都抖。”他说。
　　她不管这些。她说：“年轻人不是不喜欢老手艺，是没人告诉他们好在哪儿。”第一条视频拍的是丈夫给一把老铜锁配钥匙，一夜之间播放量过了十万。
　　佀春生说，他最大的心愿是把手艺传下去。“机器能刻钥匙，开锁还得靠人。”
"""


def test_a_name_the_table_lacks_is_read_where_the_page_keeps_using_it() -> None:
    reading = read(COUPLE, "couple")
    assert "佀春生" in {p.name for p in reading.people.values()}
    assert speaker_of(reading, "一把钥匙收两块钱") == "佀春生"
    assert speaker_of(reading, "对着镜头我手都抖") == "佀春生"
    assert speaker_of(reading, "开锁还得靠人") == "佀春生"


def test_a_rare_name_needs_the_verb_at_once_and_no_common_word() -> None:
    assert [name for _, name in rare_untitled_names("佀春生说，", "佀春生说，")] == ["佀春生"]
    assert rare_untitled_names("大伙儿说，", "大伙儿说，") == []  # 大伙儿 is a word
    assert rare_untitled_names("佀春生拉起卷帘门", "佀春生拉起卷帘门") == []
    # Said once only, it is no one: the page never follows them.
    once = "　　“这条街变了。”粘青禾说，后来就搬走了。\n"
    assert "粘青禾" not in {p.name for p in read(once, "once").people.values()}


def test_after_she_says_a_whole_quotation_the_next_sentence_is_the_writers() -> None:
    reading = read(COUPLE, "couple")
    assert speaker_of(reading, "不是不喜欢老手艺") == "蔚晴川"
    assert speaker_of(reading, "第一条视频拍的是丈夫") is None


def test_an_anonymised_name_has_nothing_after_mou() -> None:
    assert not is_name("窦某职")  # "被告人窦某职务侵占案": 窦某, then the charge
    assert is_name("窦某") and is_name("窦某某")


PROFILE = """\
梅远汀：在钟表堆里修了三十年
2025-06-09　来源：澜江日报　记者 寇雨眠

【人物简介】
梅远汀，1968年生，现任澜江钟表博物馆修复部主任。

走进修复部，梅远汀正用镊子夹起一枚游丝。

您当初是怎么走上修表这条路的？

说来是偶然。我毕业分配到博物馆，老馆长把我领进修复室。我跟着老师傅干了半年，就再也没离开过。

很多人觉得修表就是换零件，是这样吗？

换零件是最后一步，前面的功夫更多。修复不是让表变新，是让它再走几十年。

在修复室的另一头，部里最年轻的修复师凤知遥正在擦机芯。“刚来的时候，师父让我拆了三个月的闹钟，”凤知遥笑着说，“后来才明白，手稳了心才静。”

现在年轻人愿意做这一行吗？

愿意来的比十年前多了，这一行最缺的是坐得住的人。
"""


def test_a_bridge_between_a_profiles_questions_is_the_reporters() -> None:
    reading = read(PROFILE, "profile")
    assert speaker_of(reading, "就再也没离开过") == "梅远汀"
    assert speaker_of(reading, "最缺的是坐得住的人") == "梅远汀"
    assert speaker_of(reading, "正在擦机芯") is None
    assert speaker_of(reading, "拆了三个月的闹钟") == "凤知遥"


LIVE = """\
图文直播｜第二代表团分组审议政府工作报告
2026-01-14 09:00　来源：澜江融媒　记者 戴一诺

09:02 主持人：各位代表，上午好。请大家多提意见建议。

09:05 代表郦书桐（南坪镇党委书记）：去年新修农村公路九十公里。但路修好了，管护跟不上。

09:14 代表郦书桐：还有，我们镇没有冷库，菜摘下来卖不掉就只能贱卖。

09:40 代表冀南星（县第一中学教师）：县中生源流失很严重，留守孩子心理上的问题越来越多。

10:06 县长甯小满：大家讲的都是掏心窝子的话，我简单回应几点。
"""


def test_a_live_blogs_tag_with_a_bracketed_job_is_a_new_turn() -> None:
    reading = read(LIVE, "live")
    assert speaker_of(reading, "管护跟不上") == "郦书桐"
    assert speaker_of(reading, "心理上的问题越来越多") == "冀南星"
    people = {p.name: p for p in reading.people.values()}
    assert any("县第一中学教师" in fact for _, fact, _, _ in people["冀南星"].facts)
    quote = next(
        p.text[s.start : s.end]
        for p in reading.passages
        for s in p.sentences
        if "生源流失" in p.text[s.start : s.end]
    )
    assert not quote.startswith("代表")  # the tag is not part of their words


def test_a_farmer_squatting_in_his_field_as_he_speaks() -> None:
    text = (
        "盐碱地里种出好大豆\n"
        "“过去一锹下去，全是白花花的碱。”种植大户侯映川蹲在地头说，今年大豆亩产有三百斤。\n"
        "“他二话不说，跟着就走。”老周回忆。\n"
    )
    reading = read(text, "field")
    assert speaker_of(reading, "今年大豆亩产有三百斤") == "侯映川"


def test_a_headline_over_a_dash_subtitle_is_the_headline() -> None:
    text = (
        "暖气不热、末班车太早，市民来电“挑刺”　部门现场回应\n"
        "——《澜江热线》11月25日节目摘要\n"
        "2025-11-25　来源：澜江广播　记者 芮南乔\n"
        "　　家住城北的市民郁雁来说：“我家暖气片摸着是温的。”\n"
    )
    reading = read(text, "radio")
    assert len(reading.articles) == 1
    assert reading.articles[0].headline.startswith("暖气不热")
    assert speaker_of(reading, "暖气片摸着是温的") == "郁雁来"


def test_a_post_tagging_turns_again_and_again_is_no_name() -> None:
    # 公 is a surname too; 公诉人 is the prosecutor's post, whoever holds it.
    text = (
        "庭审实录\n"
        "审判长：现在开庭。\n"
        "公诉人：被告人窦某利用职务便利，数额巨大。\n"
        "被告人窦某：没有异议，我认罪。\n"
        "公诉人：被告人窦某，你每次转账以后是怎么做账的？\n"
        "被告人窦某：我记成了预付款。\n"
    )
    reading = read(text, "court")
    names = {p.name for p in reading.people.values()}
    assert "公诉人" not in names
    assert speaker_of(reading, "我记成了预付款") == "窦某"


def test_a_party_whose_name_holds_a_lead_in_character_is_kept_whole() -> None:
    text = (
        "立法會辯論醫療券\n"
        "代表醫學界的自由黨議員芮南喬認同要堵塞漏洞。她表示：「唔好令所有醫生都要填多幾張表。」\n"
    )
    reading = read(text, "party")
    person = next(p for p in reading.people.values() if p.name == "芮南喬")
    assert any("自由黨議員" in fact for _, fact, _, _ in person.facts)
