"""The reporter's scene around someone's words: a gesture before a quotation, a name
that ends or holds 和, a common word after a title, and a new paragraph that turns to
people the page does not name.

Every page is invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of, voices

VISIT = """\
老院换新颜 居民喜上眉梢
本报记者 祁望川
近日，记者来到城南街道的老纺织厂宿舍。72岁的居民柏玉珍拉着记者看自家厨房的水龙头：“以前一到夏天晚上，六楼就没水。现在水压足了。”
社区主任计向阳指着新修的花坛说：“这些花都是居民自己种的。”
记者看到，楼道的墙上写着：“人人参与，共建家园。”
不过，也有居民提出，小区的停车位太少，希望有个说法。
"""


def test_a_gesture_before_a_quotation_ends_the_name_and_gives_the_words() -> None:
    reading = read(VISIT, "visit")
    assert speaker_of(reading, "六楼就没水") == "柏玉珍"
    assert speaker_of(reading, "居民自己种的") == "计向阳"
    # What the reporter saw written, and what unnamed residents raised, are nobody's.
    assert speaker_of(reading, "共建家园") is None
    assert speaker_of(reading, "停车位太少") is None


MEETING = """\
专题座谈会共商研学提质
本报讯 5月21日，市政协召开专题座谈会。市政协副主席温永和出席并讲话，教科卫体委主任潘若川主持。
代表俞明和委员沙晓棠先后发言。
居民关心，研学费用由谁来定？
俞明认为，研学课程要有教案，不能只游不学。
沙晓棠表示，研学基地要定期复核，设施陈旧的要摘牌。
主任郁和平表示，文旅部门将对基地开展一次全面复核。
温永和在讲话中指出，研学一头连着教育，一头连着文旅。
"""


def test_a_name_may_end_with_or_hold_he_where_nobody_follows_it() -> None:
    reading = read(MEETING, "meeting")
    names = {p.name for p in reading.people.values()}
    assert {"温永和", "郁和平", "俞明", "沙晓棠"} <= names
    assert speaker_of(reading, "一头连着教育") == "温永和"
    assert speaker_of(reading, "全面复核") == "郁和平"
    # 和 between a name and a title joins two people.
    assert speaker_of(reading, "不能只游不学") == "俞明"
    assert speaker_of(reading, "设施陈旧的要摘牌") == "沙晓棠"


def test_a_common_word_after_a_title_is_nobody() -> None:
    reading = read(MEETING, "meeting")
    assert "关心" not in {p.name for p in reading.people.values()}
    assert speaker_of(reading, "研学费用由谁来定") is None


AWARDS = """\
他们，让这座城更有温度
——年度人物颁奖典礼侧记
1月18日晚，年度人物颁奖典礼在市大剧院举行，退休教师汤秀芝、焊工宁远舟等当选。
一、【年度人物】汤秀芝：一间教室，守了十二个春秋
汤秀芝今年63岁，退休前在市实验小学教了三十四年语文。她办起了免费的“四点半课堂”。
主持人宣读颁奖词：“四点半，是孩子们放学的铃声，也是你又一次出发的时刻。”
获奖感言：“我就是一个老师，闲不下来。只要我还走得动，这个课堂就不关门。”
二、【年度人物】宁远舟：焊花里绽放的青春
宁远舟今年24岁，在重型机械厂当焊工。他在台上自嘲道：“我初中成绩不好，家里人一度觉得我没什么出息。”
"""


def test_a_numbered_heading_naming_someone_is_not_their_words() -> None:
    reading = read(AWARDS, "awards")
    assert all(v[0] is None for v in voices(reading) if "守了十二个春秋" in v[2])
    assert speaker_of(reading, "退休前在市实验小学") is None
    # The acceptance speech under the account of her is hers; the citation is nobody's.
    assert speaker_of(reading, "这个课堂就不关门") == "汤秀芝"
    assert speaker_of(reading, "也是你又一次出发的时刻") is None
    assert speaker_of(reading, "家里人一度觉得") == "宁远舟"


BRIEFING = """\
市商务局谈银发消费
本报记者 祁望川
市商务局消费促进处处长闻若岚从事消费领域工作已有十余年。她坦言，银发消费市场“叫好不叫座”。
她则更关注供给端的创新。据介绍，市商务局正在筹办首届银发消费节。“我们希望把供需两端真正对接起来。”
诺维克公司首席执行官埃里克·伦德伯格表示，合资公司明年将在本市设立研发中心。
"""


def test_a_quotation_alone_in_a_paragraph_about_someone_is_theirs() -> None:
    reading = read(BRIEFING, "briefing")
    assert speaker_of(reading, "把供需两端真正对接起来") == "闻若岚"
    assert speaker_of(reading, "正在筹办首届银发消费节") is None


def test_a_dotted_name_after_a_long_post_starts_after_it() -> None:
    reading = read(BRIEFING, "briefing")
    names = {p.name for p in reading.people.values()}
    assert "埃里克·伦德伯格" in names and not any(n.startswith("执行官") for n in names)
    assert speaker_of(reading, "设立研发中心") == "埃里克·伦德伯格"


MINUTES = """\
全市驾培行业规范工作座谈会纪要
索引号：11350100MB0123456X/2025-00871　　发布机构：某市交通运输局
发文日期：2025-05-23　　主题分类：交通
5月20日上午，全市驾培行业规范工作座谈会召开。
邵明川：
谢谢。退费纠纷确实是投诉的重点。
首先要明确，“报名费概不退还”这类说法属于格式条款，依法是无效的。
"""


def test_a_row_of_fields_is_nobodys_turn_and_a_speakers_next_point_stays_theirs() -> None:
    reading = read(MINUTES, "minutes")
    assert "索引号" not in {p.name for p in reading.people.values()}
    assert speaker_of(reading, "驾培行业规范工作座谈会召开") is None
    assert speaker_of(reading, "依法是无效的") == "邵明川"


VILLAGE = """\
竹岭村的油茶林
记者 祁望川
从山上下来，我跟着第一书记桂远航来到村民聂春娥家。
聂春娥说，今年的笋干卖得好。桂远航告诉记者，油茶林还要再改良。
在林子里，我们碰到了正在砍杂灌的村民甘福生。
“公共桩要建到村民家门口。”甘福生说。
戴晓梅笑着说：“第一个月我天天跟着老师傅蹲在分拣台边上。”
上午·竹岭 澜江日报·乡村观察
"""


def test_what_the_reporter_did_is_no_part_of_who_someone_is() -> None:
    reading = read(VILLAGE, "village")
    facts = {p.name: [fact[1] for fact in p.facts] for p in reading.people.values()}
    assert facts["聂春娥"] == ["村民"]
    assert facts["甘福生"] == ["村民"]
    assert "第一书记" in facts["桂远航"] and not any("跟着" in f for f in facts["桂远航"])


def test_words_after_a_title_are_not_names() -> None:
    reading = read(VILLAGE, "village")
    names = {p.name for p in reading.people.values()}
    # 家门口 after 村民, 傅蹲 after 老师 (the title is 师傅), dotted headings.
    assert not names & {"家门口", "傅蹲", "上午·竹岭", "澜江日报·乡村观察"}


MEMORIAL = """\
追忆温鹤龄：一辈子跟“小虫子”较真的人
本报记者 祁望川
3月12日凌晨，农业昆虫学家、某农业大学植物保护学院教授温鹤龄因病逝世，享年91岁。
“田里的虫子，比书上的准”
温鹤龄1934年出生于一个农民家庭，1957年从农学院毕业后留校任教。
在桃坪乡，岫山县蜂旺养殖专业合作社理事长俞秀梅对这几年的变化感受最深。“以前蜂蜜挑到镇上卖，收购商压价压得厉害。”
人力资源和社会保障部部长翟鸿远表示，今年将新增一批技能培训补贴。
东岭大学科技政策研究中心主任倪慕言教授曾撰文指出，科研经费管理的核心是信任。
正如中国科学院院士荆国材所说，“科学家最宝贵的是时间。”这句话朴素，却道出了许多人的心声。
"""


def test_a_quotation_alone_on_a_line_is_a_sub_head_not_the_next_paragraphs_speaker() -> None:
    reading = read(MEMORIAL, "memorial")
    assert speaker_of(reading, "1957年从农学院毕业") is None
    assert all(v[0] is None for v in voices(reading) if "比书上的准" in v[2])


def test_a_quotation_after_a_sentence_opening_on_a_described_person_is_theirs() -> None:
    reading = read(MEMORIAL, "memorial")
    assert speaker_of(reading, "收购商压价压得厉害") == "俞秀梅"


def test_bodies_joined_by_he_and_citations() -> None:
    reading = read(MEMORIAL, "memorial")
    facts = {p.name: [fact[1] for fact in p.facts] for p in reading.people.values()}
    assert facts["翟鸿远"] == ["人力资源和社会保障部部长"]
    # 教授 after the name, then 曾撰文指出: no one called 曾撰文.
    assert "曾撰文" not in facts and speaker_of(reading, "核心是信任") == "倪慕言"
    # 正如……所说 cites someone: their words are theirs, the comment after them is not.
    assert facts["荆国材"] == ["中国科学院院士"]
    assert speaker_of(reading, "最宝贵的是时间") == "荆国材"
    assert speaker_of(reading, "这句话朴素") is None


COLUMN = """\
【时评】别让青年科研人员困在表格里
2026-03-11 07:50　来源：南屏新闻网　作者：特约评论员 竺怀清
今年两会上，为科研人员减负再次成为热议的话题。
在笔者看来，表格多只是表象，背后是重过程留痕的惯性。
（作者系南屏大学公共管理学院副教授、南屏新闻网特约评论员）
"""


def test_an_invited_columnist_is_the_voice_of_the_column() -> None:
    reading = read(COLUMN, "column")
    assert speaker_of(reading, "表格多只是表象") == "竺怀清"


def test_what_someone_does_while_speaking_leads_to_their_words() -> None:
    page = (
        "驿站扰民调查\n"
        "快递员小郜一边扫码一边告诉记者，他们也有难处。\n"
        "摊主钭春娥边翻竹匾边说，“合作社帮我们把价钱提上来了。”\n"
    )
    reading = read(page, "station")
    assert speaker_of(reading, "他们也有难处") == "小郜"
    assert speaker_of(reading, "把价钱提上来了") == "钭春娥"


def test_she_after_a_name_in_the_same_sentence_is_that_person() -> None:
    page = (
        "撤点并校十年后\n"
        "县教育局局长訾明川表示，今年将新增生活老师岗位。\n"
        "家长郜秀芝的儿子上四年级，她更看重教学质量。“村小只有一个老师，我宁愿孩子在镇上读。”\n"
    )
    reading = read(page, "school")
    assert speaker_of(reading, "我宁愿孩子在镇上读") == "郜秀芝"


def test_a_short_line_after_a_finished_paragraph_and_over_a_wide_one_is_a_sub_head() -> None:
    page = (
        "车费优惠拟设上限\n\n"
        "立法会议员郜卓霖表示，每月120程对大部分长者冇乜影响。\n\n"
        "学者：出门是健康投资\n\n"
        "港湾大学社会政策学系副教授钭咏芝从公共卫生角度看待计划，她指出优惠本质上是鼓励长者出门。\n\n"
        "当前全市正全力推动科技创\n"
        "新与产业创新融合，但政策红利向中小微企业的释放仍有堵点。\n"
    )
    reading = read(page, "fare")
    texts = [p.text for p in reading.passages]
    # The sub-head stands apart; the next paragraph starts on its own first words.
    assert not any("健康投资港湾" in t for t in texts)
    assert any(t.startswith("港湾大学") for t in texts)
    # A word running on into the next line: one paragraph a column broke.
    assert any("科技创新与产业" in t for t in texts)


def test_the_last_paragraph_over_the_editors_credit_is_still_a_paragraph() -> None:
    page = (
        "偏乡公车停驶 立委轰交通部\n\n"
        "国民党立委郜秉泽质询时指出，今年以来已有27条偏乡公车路线停驶。\n\n"
        "郜秉泽会后受访时仍表示不满意，“18亿听起来很多，还是杯水车薪。”\n\n"
        "责任编辑：钭筱涵\n"
    )
    reading = read(page, "bus")
    assert reading.articles[0].headline == "偏乡公车停驶 立委轰交通部"
    # Over the editor's credit, the last paragraph is no headline; 仍 is how they said it.
    assert speaker_of(reading, "还是杯水车薪") == "郜秉泽"


PROFILE = """\
新知周刊 > 人物 > 正文
郜念秋：在高原上数苔藓的人
2024年第38期　本刊记者 钭青禾　发自西宁
题图：郜念秋在海拔4300米的样地里记录苔藓盖度。摄影 钭青禾

凌晨五点，高原上的风还很硬。六十一岁的郜念秋蹲在一块样方前，用放大镜一寸一寸地看。她是高原生物研究所研究员。

“很多人觉得苔藓不起眼，可它没有根，空气里有什么，它身上就有什么。”

同事邴建川和她共事了十五年。“念秋做事特别轴，数据有疑问，她宁可第二年再上来重测。”他说，长期定位观测最难的是坚持。

保护站站长郜巴桑记得，有一年八月突降大雪，郜念秋被困在样地附近两天。“我们骑摩托上去找她，她坐在帐篷里整理标本。”
"""


def test_a_profile_under_its_subjects_name_and_a_magazines_byline() -> None:
    reading = read(PROFILE, "profile")
    article = reading.articles[0]
    assert article.headline == "郜念秋：在高原上数苔藓的人"
    names = {p.name for p in reading.people.values()}
    # The byline's reporter, not where the story was sent from; no caption is anyone's.
    assert "发自西宁" not in names and "本刊记者" not in names
    assert speaker_of(reading, "它身上就有什么") == "郜念秋"
    assert speaker_of(reading, "她宁可第二年再上来重测") == "邴建川"
    # Words that speak of her as 她 are not hers, though the sentence before was about her.
    assert speaker_of(reading, "我们骑摩托上去找她") is None


def test_a_quotation_run_on_into_someone_doing_something_is_not_whom_it_was_done_to() -> None:
    page = (
        "被挂名的法定代表人\n"
        "2021年，在物流公司上班的鄢一帆接到老同学邸某的电话，说想借他的身份证开公司。\n"
        "“我一分钱工资没拿过，凭什么限制我？”鄢一帆找到邸某，对方却早已换了手机号。\n"
    )
    reading = read(page, "lawyer")
    assert "邸某" in {p.name for p in reading.people.values()}
    assert speaker_of(reading, "凭什么限制我") != "邸某"


def test_a_role_whose_place_starts_as_a_surname_would_is_nobodys_name() -> None:
    page = "专题询问\n区人大代表、桂香社区党委书记佴春川：我们社区一共460户，车位只有110个。\n"
    reading = read(page, "inquiry")
    assert {p.name for p in reading.people.values()} == {"佴春川"}
    assert speaker_of(reading, "车位只有110个") == "佴春川"
