"""Whose words, where a sentence names more than one person or a page names people
its own way: a legislator's question and a minister's answer on one line, a pronoun
after the person a sentence opens on, words someone once said remembered by another,
Hong Kong's "（化名）" and "某伯", and a magazine Q&A tagged by surname alone.

Every page is invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading import furniture
from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import kind_of, speaker_of

HEARING = """\
路口改善进度慢 立委质询交通部长
（本报记者台北5日电）立法院交通委员会今天邀请交通部长樊若川报告路口改善进度。
国民党立委庹晓雯质询时指出，去年行人死亡人数仍超过三百五十人。
樊若川答询表示，交通部已补助地方政府改善超过六百处危险路口。
庹晓雯追问：“部长，你敢不敢承诺明年死亡人数降到三百人以下？”樊部长回应：“数字我不敢乱喊，但每个路口改完都会公开资料。”
立委闵少杰则聚焦机车族，他说，许多路口强制两段式左转，反而让骑士暴露在车流中。
"""


def test_a_party_before_a_title_is_no_one_and_the_minister_answers() -> None:
    reading = read(HEARING, "hearing")
    names = {p.name for p in reading.people.values()}
    assert "国民党" not in names
    assert speaker_of(reading, "仍超过三百五十人") == "庹晓雯"
    # 答询 is how a minister answers a legislator.
    assert speaker_of(reading, "改善超过六百处危险路口") == "樊若川"


def test_a_named_legislators_question_and_the_answer_on_one_line() -> None:
    reading = read(HEARING, "hearing")
    assert speaker_of(reading, "你敢不敢承诺") == "庹晓雯"
    assert speaker_of(reading, "数字我不敢乱喊") == "樊若川"
    assert kind_of(reading, "数字我不敢乱喊") is not Kind.QUESTION


def test_a_pronoun_after_the_person_a_sentence_opens_on_is_them() -> None:
    reading = read(HEARING, "hearing")
    assert speaker_of(reading, "两段式左转") == "闵少杰"


PROFILE = """\
她把论文写在大地上
东岭农业大学教授宓文心从事土壤研究三十年。
课题组副研究员邰雨晨对她的较真印象最深。邰雨晨回忆，当时宓文心只说了一句：“数据好得不正常，先要怀疑自己。”“重测后才发现是取样出了问题。”邰雨晨说。
她的学生柯振华记得，宓老师常对学生说：“论文可以写在电脑上，但答案在地里。”柯振华说，这句话他现在也讲给自己的学生听。
"""


def test_words_someone_once_said_are_theirs_though_another_remembers_them() -> None:
    reading = read(PROFILE, "profile")
    assert speaker_of(reading, "先要怀疑自己") == "宓文心"
    assert speaker_of(reading, "重测后才发现") == "邰雨晨"
    assert speaker_of(reading, "答案在地里") == "宓文心"
    assert speaker_of(reading, "讲给自己的学生听") == "柯振华"


HONG_KONG = """\
巴士路线重组 居民忧转车不便
现年45岁、任职文员的蓟美华（化名）每朝七点前出门。她说：“而家一程车直落都要成个钟。”
住在天恩邨、现年72岁的湛伯（化名）行动不便。湛伯直言：“我哋老人家上落车都慢。”
蓟小姐坦言，希望当局落区听吓居民意见。
"""


def test_a_pseudonym_and_a_surname_with_an_elders_title_are_people() -> None:
    reading = read(HONG_KONG, "hong-kong")
    assert speaker_of(reading, "一程车直落都要成个钟") == "蓟美华"
    assert speaker_of(reading, "上落车都慢") == "湛伯"
    # 蓟小姐 is how the page goes on to call 蓟美华, not someone else.
    assert speaker_of(reading, "落区听吓居民意见") == "蓟美华"
    assert {p.name for p in reading.people.values()} == {"蓟美华", "湛伯"}


MAGAZINE = """\
人物 > 职人专访
把阿公的饼带出国　褚以宁：传统不是不能改
文／庹晓雯　摄影／郜石头　2026-03-12　第218期
在店里做了四十二年的老师傅芮先生说，“她比我们还较真”。本刊日前专访褚以宁，谈传承与创新。
问：当初为什么决定回来接手？
褚：其实一开始完全没打算回来。是阿公住院那年，我回来帮忙。
问：减糖会不会被老客人骂？
褚：骂得很凶（笑）。后来我们花了八个月调整配方。
小档案　褚以宁
经历：日本某制果研究所研究员
"""


def test_a_surname_tag_answers_for_the_guest_the_lead_visits() -> None:
    reading = read(MAGAZINE, "magazine")
    assert speaker_of(reading, "完全没打算回来") == "褚以宁"
    # A tagged turn starts afresh: the craftsman quoted in the lead does not run on.
    assert speaker_of(reading, "花了八个月调整配方") == "褚以宁"
    assert speaker_of(reading, "她比我们还较真") == "芮先生"
    names = {p.name for p in reading.people.values()}
    assert "经历" not in names
    assert reading.articles[0].headline.startswith("把阿公的饼带出国")


def test_a_two_step_breadcrumb_and_a_dated_credit_line_are_furniture() -> None:
    assert furniture.classify("人物 > 职人专访") is furniture.Furniture.NAVIGATION
    assert furniture.classify("今年增速 > 5%") is None
    dated = "文／庹晓雯　摄影／郜石头　2026-03-12　第218期"
    assert furniture.classify(dated) is furniture.Furniture.BYLINE


def test_a_demand_made_before_is_a_deed_not_words() -> None:
    page = "维权难\n芮先生曾要求医院提供完整病历，对方只给了一张收费小票。\n"
    reading = read(page, "deed")
    assert speaker_of(reading, "一张收费小票") is None


def test_a_caption_after_a_photo_credit_word_names_no_one() -> None:
    line = "图：周一清晨，孩子们在村口等候校车。　记者 宁远舟 摄"
    assert [c.name for c in furniture.credits(line)] == ["宁远舟"]


WIRE = """\
深海采矿规章谈判陷入僵局
据路透社报道，新西兰外长马克·霍林斯顿20日在惠灵顿表示，有的国家企业在抢跑。
环保组织负责人索菲·德拉罗在会场外对记者说，深海生态系统极其脆弱。
美联社援引理事会主席奥卢·阿德巴耶的话说，理事会希望在明年之前完成全部条款。
水利部副部长邝守谦14日在北京表示，今年汛期将提前。
“我们已经谈了十年。”阿德巴耶说。
"""


def test_a_day_and_a_place_between_name_and_verb_and_a_wire_quoting_someone() -> None:
    reading = read(WIRE, "wire")
    assert speaker_of(reading, "有的国家企业在抢跑") == "马克·霍林斯顿"
    assert speaker_of(reading, "深海生态系统极其脆弱") == "索菲·德拉罗"
    assert speaker_of(reading, "完成全部条款") == "奥卢·阿德巴耶"
    assert speaker_of(reading, "今年汛期将提前") == "邝守谦"
    assert speaker_of(reading, "已经谈了十年") == "奥卢·阿德巴耶"
    people = {p.name: p for p in reading.people.values()}
    # The wire is not part of what the chairman holds.
    assert not any("美联社" in fact[1] for fact in people["奥卢·阿德巴耶"].facts)


MATCH_AND_FILM = """\
主场逆转 中锋濮远山砍下二十分
“上半场我们太软了，下半场必须把身体对抗打出来。”濮远山赛后说。
班主任亓晚秋也注意到了这个问题。她说，有几个孩子干脆不吃饭。
记者注意到，学校食堂门口贴着本周菜单。
《鹭汀往事》由导演巫启航执导。
巫导：慢是故意的，我想让观众跟着人物一起等。
座谈会历时两小时，亓晚秋会后表示，将汇总意见。（编辑：司马青）本网站所刊载之文字未经授权不得转载。
"""


def test_after_the_game_a_director_by_surname_and_what_the_reporter_noticed() -> None:
    reading = read(MATCH_AND_FILM, "match")
    assert speaker_of(reading, "上半场我们太软了") == "濮远山"
    assert speaker_of(reading, "干脆不吃饭") == "亓晚秋"
    assert "注意到" not in {p.name for p in reading.people.values()}
    assert speaker_of(reading, "慢是故意的") == "巫启航"
    assert speaker_of(reading, "将汇总意见") == "亓晚秋"
    # The editor's line run into the paragraph is the page's, not the speaker's.
    assert speaker_of(reading, "未经授权不得转载") is None
