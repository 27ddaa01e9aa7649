"""Round-ups and posts that say whose words follow by a card, a label or a sign-off:
a long bracketed label, "■ name（roles）", a post's "👩 name｜roles" cards with photo
captions between them, first-person paragraphs signed "——name，roles" after them, a
TV stand-up between two sound bites, and a Q&A whose headline alone names the guest.

Every page is invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading.header import parse_speaker
from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import kind_of, speaker_of

ROUND_UP = """\
【代表委员声音】把难题摆上桌
编者按：省两会期间，本报记者请几位代表委员谈谈他们的建议。
【省人大代表、青石县白沙坝村党支部书记兼村委会主任 钮望舒】
我们村六十岁以上的老人占了一半，年轻人都在外面打工。老人最怕的是病了身边没人。
村里办了互助食堂，低龄老人照顾高龄老人，一年运转要十来万，光靠村集体撑不久。
■ 堵春晖（省政协委员、东岭大学物理学院教授）
青年科研人员要同时应付考核、申报项目，很难坐得住冷板凳。
建议对四十岁以下的青年科研人员实行五年一评的长周期考核。
（本报记者 郏宛平 整理）
"""


def test_a_long_bracketed_label_and_a_marked_name_in_brackets_head_their_words() -> None:
    reading = read(ROUND_UP, "round-up")
    assert speaker_of(reading, "老人最怕的是病了身边没人") == "钮望舒"
    assert speaker_of(reading, "一年运转要十来万") == "钮望舒"
    # No 我 in them, yet under "■ name（roles）" these are the member's words, as under
    # "name：" in a speech digest.
    assert speaker_of(reading, "很难坐得住冷板凳") == "堵春晖"
    assert speaker_of(reading, "五年一评") == "堵春晖"
    people = {p.name: p for p in reading.people.values()}
    assert any("党支部书记" in fact[1] for fact in people["钮望舒"].facts)


SIGNED = """\
代表委员说｜让好老师留在县城
县中是县域教育的龙头。这些年我们学校每年都有骨干教师被高薪挖走，留下的老师一个人带三个班。
我建议，建立县中教师专项津贴，让愿意扎根县城的老师留得住。
——隆雪芝，省人大代表、青石县第一中学校长
在门诊，我常遇到罕见病患儿的家长，有的药一针几十万元，家长卖了房子也打不起。
——逢志远，省政协委员、东岭医科大学附属医院副院长
"""


def test_first_person_paragraphs_signed_after_them_are_the_signers() -> None:
    reading = read(SIGNED, "signed")
    assert speaker_of(reading, "县中是县域教育的龙头") == "隆雪芝"
    assert speaker_of(reading, "建立县中教师专项津贴") == "隆雪芝"
    assert speaker_of(reading, "有的药一针几十万元") == "逢志远"
    # The sign-off says who they are; it is no one's words.
    assert not any("——" in p.text for p in reading.passages)
    people = {p.name: p for p in reading.people.values()}
    assert any("副院长" in fact[1] for fact in people["逢志远"].facts)


def test_a_sign_off_under_narration_claims_nothing() -> None:
    page = (
        "夜校开课\n今年春季，街道开设的夜校推出了十二门课程，报名的多是上班族。\n"
        "——暴秋棠，街道文化站站长\n"
    )
    reading = read(page, "narration")
    assert speaker_of(reading, "推出了十二门课程") is None


POST = """\
下班后，去夜校！这届年轻人在街道“回炉”
点击蓝字关注我们
晚上七点，文化站的三楼灯火通明。小编去现场蹲了几个晚上。
👩‍🏫 闾丘澜｜夜校书法课老师，退休中学语文教师
“字写得慢一点，人就静下来了。”
闾丘澜今年六十三岁。她说，夜校的学生白天都累了一天，进教室时还在回工作消息。
▲闾丘澜老师在给学员示范握笔姿势
🧑‍💻 牟晓川｜学员，某互联网公司程序员
“每天对着屏幕十个小时，终于有一件事是用手完成的。”
二十九岁的牟晓川报了陶艺课，每周来两次。
▼学员们的陶艺作品在走廊展出
夜色渐深，教室里的灯一直亮到九点半。
"""


def test_a_posts_cards_head_each_persons_pull_quote_and_captions_are_dropped() -> None:
    reading = read(POST, "post")
    assert speaker_of(reading, "人就静下来了") == "闾丘澜"
    assert speaker_of(reading, "夜校的学生白天都累了一天") == "闾丘澜"
    # The next card's pull quote is the next person's, not the one who spoke before.
    assert speaker_of(reading, "终于有一件事是用手完成的") == "牟晓川"
    assert not any("示范握笔" in p.text or "走廊展出" in p.text for p in reading.passages)
    # After the last card, a closing line that does not speak as 我 is the writer's.
    assert speaker_of(reading, "教室里的灯一直亮到九点半") is None
    people = {p.name: p for p in reading.people.values()}
    assert any("程序员" in fact[1] for fact in people["牟晓川"].facts)


TV = """\
【文字稿】菜市场改造后摊位费涨了三成
【正文】
【解说】早上七点，菜市场里已经人来人往。
【同期声】东坝社区居民　桑梓青：
“环境是好了，但青菜以前两块五一斤，现在卖三块。”
【记者出镜】
我现在就在菜市场的管理办公室门口。那么，摊位费到底该怎么定？
【同期声】酆立夏　区商务局副局长
“菜市场是民生设施，不能完全按商业地产的逻辑来算账。”
"""


def test_the_reporters_stand_up_ends_the_sound_bite_before_it() -> None:
    reading = read(TV, "tv")
    assert speaker_of(reading, "现在卖三块") == "桑梓青"
    assert speaker_of(reading, "管理办公室门口") is None
    assert speaker_of(reading, "摊位费到底该怎么定") is None
    assert speaker_of(reading, "民生设施") == "酆立夏"


DIALOGUE = """\
对话｜闻人翊：一缸酱，要晒够一百八十天
【编者按】三年前，在外企做了十年营销的闻人翊回到老家，接下了父亲经营了四十年的酱园。
问：你辞掉工作回来接手酱园，家里人支持吗？
答：一开始没人支持。我父亲只说了一句：“酱园交给你可以，缸不能砸。”
问：有没有考虑过引进自动化生产线、跟大企业合作代工？
答：扩是要扩的，但扩的是晒场，不是流水线。代工我们不做。
"""


def test_answers_are_the_guest_the_headline_names_bare() -> None:
    reading = read(DIALOGUE, "dialogue")
    assert speaker_of(reading, "一开始没人支持") == "闻人翊"
    assert speaker_of(reading, "扩的是晒场") == "闻人翊"
    assert kind_of(reading, "自动化生产线") is Kind.QUESTION
    assert speaker_of(reading, "回到老家") is None


def test_a_deputy_post_keeps_its_deputy() -> None:
    speaker = parse_speaker("副省长充千禾", "")
    assert (speaker.name, speaker.organisation, speaker.post) == ("充千禾", "", "副省长")
    speaker = parse_speaker("青石县常务副县长充千禾", "")
    assert (speaker.organisation, speaker.post) == ("青石县", "常务副县长")


BOARD = """\
网友留言与部门回复（第11期）
【留言一】老旧小区加装电梯，补贴申请卡在哪一步了？
留言人：网友“牧野青禾”　　留言时间：2024-05-21
我家住在桂香里小区7号楼，爬六楼实在吃不消。材料交上去快半年了，补贴一直没有下文。
回复单位：东区住房和城乡建设局　　回复时间：2024-05-29
网友您好！经核查，该项目需修改图纸后重新报审，复核通过后按每台电梯20万元拨付补贴。
经办人：谭晓岚　　联系电话：0736-5218864
【留言二】学校门口早晚高峰堵成一锅粥
留言人：栾振川　　留言时间：2024-05-23
我是实验小学的一名学生家长。建议在学校周边划定临时停车泊位。
回复单位：交警东区大队　　回复时间：2024-06-03
您好！我大队已制定整改方案：一是施划临时停车泊位46个；二是早晚高峰单向通行。
【留言三】网友“夜半听涛”留言：凌晨两点还在打桩
留言时间：2024-05-26
工地连续一个多星期半夜施工，孩子马上要中考了，整夜睡不好。
回复单位：东区生态环境分局　　回复时间：2024-05-31
网友您好！该工地属于无证夜间施工，我局已责令立即停止夜间作业。
"""


def test_a_message_boards_poster_owns_the_message_and_not_the_reply() -> None:
    reading = read(BOARD, "board")
    assert speaker_of(reading, "补贴一直没有下文") == "牧野青禾"
    assert speaker_of(reading, "划定临时停车泊位") == "栾振川"
    # The department's reply is the page's own words, its enumeration too.
    assert speaker_of(reading, "每台电梯20万元") is None
    assert speaker_of(reading, "早晚高峰单向通行") is None
    # A poster named in the message's title, with the time between.
    assert speaker_of(reading, "孩子马上要中考了") == "夜半听涛"
    assert speaker_of(reading, "责令立即停止夜间作业") is None
    # A row of fields is never glued to the paragraph under it.
    assert not any(p.text.startswith(("回复单位", "经办人")) for p in reading.passages)


def test_an_online_interviews_time_line_dates_its_headline() -> None:
    page = (
        "某省医保局副局长钮春生：异地就医直接结算，让群众少跑腿\n"
        "访谈时间：2026年3月26日 10:00\n"
        "[主持人] 钮局长，先请您介绍一下异地就医的情况。\n"
        "[钮春生] 今年全省异地就医直接结算已覆盖所有定点医院。\n"
    )
    reading = read(page, "online")
    assert reading.articles[0].headline.startswith("某省医保局副局长钮春生")
    assert not any("少跑腿" in p.text for p in reading.passages)
    assert speaker_of(reading, "覆盖所有定点医院") == "钮春生"
