"""Questions about an occasion rather than a topic, and quotes cut free of the
reporter's scene: "这次座谈会都有谁发言了" lists who spoke there; "针对……，某某回应说，……"
is quoted from the speaker's frame on; "姓某的那个科长" is 某科长; "是哪个团体的" asks
who someone is.

The pages are invented: people, places and topics.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answer import Intent
from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.loading import load_engine
from tests.engine.test_natural_questions import ask, engine_of

MEETING = """\
研学不能只游不学 委员代表共商研学提质
本报讯 5月21日，市政协召开研学旅行专题座谈会。市政协副主席温永和出席并讲话。
市教育局副局长俞启明认为，研学课程要有教案，不能把学生“打包”交给机构就万事大吉。
家长代表沙晓棠说，家长并不反对研学，担心的主要是安全。
针对大家提出的问题，市文旅局产业科科长郁和平回应说，文旅部门今年将对全市研学基地开展一次全面复核，设施陈旧的要摘牌。
关于研学的收费，俞启明建议，由教育部门牵头制定指导价，向家长公开明细。
温永和在讲话中指出，研学一头连着教育，一头连着文旅，调研组要认真梳理座谈会上的意见建议。
"""

HEATING = """\
暖气不热 维修队上门排查
记者 祁望川
记者来到桂香小区，72岁的居民柏玉珍拉着记者摸自家的暖气片：“都半个月了，暖气片一直是凉的。”
热力公司维修班班长车振宇说，老楼用的是单管串联系统，末端的住户最容易不热。
供热管理科科长梁慕白表示，明年将把二十个老小区改为双管系统，不热的住户可以申请退还部分供暖费。
行人促进会理事长邹雅茗说，冬天路面结冰，老人出门要格外小心，社区要及时清扫。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("occasions")
    (folder / "meeting.txt").write_text(MEETING, encoding="utf-8")
    (folder / "heating.txt").write_text(HEATING, encoding="utf-8")
    return load_engine(folder, use_cache=False).engine


@pytest.mark.parametrize(
    "question",
    [
        "这次座谈会都有谁发言了",
        "研学座谈会上有哪些人讲话了？",
        "座谈会都有谁出席了",
        "研学座谈会上都有谁",
        "研学座谈会请了哪几位嘉宾",
        "研学座谈会一共请了几个人",
    ],
)
def test_who_spoke_at_an_occasion_lists_that_articles_speakers(
    engine: Engine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent is Intent.LIST and answer.answered
    assert answer.speakers == ("俞启明", "沙晓棠", "郁和平", "温永和")


def test_who_spoke_with_no_occasion_lists_everyone(engine: Engine) -> None:
    answer = ask(engine, "都有谁发言了")
    assert answer.intent is Intent.LIST
    assert {"俞启明", "温永和", "车振宇", "梁慕白", "柏玉珍"} <= set(answer.speakers)


def test_the_reporters_lead_in_is_cut_from_a_quote(engine: Engine) -> None:
    answer = ask(engine, "郁和平怎么回应的")
    assert answer.speakers == ("郁和平",)
    assert answer.quotes[0].text.startswith("市文旅局产业科科长郁和平回应说")


def test_a_lead_in_holding_the_topic_asked_stays(engine: Engine) -> None:
    answer = ask(engine, "俞启明对收费怎么看")
    assert answer.speakers == ("俞启明",)
    assert "收费" in answer.quotes[0].text


def test_a_gesture_before_a_quotation_is_not_quoted(engine: Engine) -> None:
    answer = ask(engine, "柏玉珍说了什么")
    assert answer.speakers == ("柏玉珍",)
    assert answer.quotes[0].text.startswith("“都半个月了")
    assert "拉着记者" not in answer.quotes[0].text


def test_a_surname_said_apart_is_a_form_of_address(engine: Engine) -> None:
    answer = ask(engine, "姓梁的那个科长说啥了")
    assert answer.speakers == ("梁慕白",)
    assert any("双管系统" in q.text for q in answer.quotes)


def test_which_bureau_someone_is_from_is_a_profile(engine: Engine) -> None:
    answer = ask(engine, "俞启明是哪个局的")
    assert answer.intent is Intent.PROFILE and answer.speakers == ("俞启明",)


@pytest.mark.parametrize("question", ["沙晓棠担心啥", "沙晓棠希望什么"])
def test_what_someone_worries_or_hopes_asks_for_their_words(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered and answer.speakers == ("沙晓棠",)
    assert "安全" in answer.quotes[0].text


@pytest.mark.parametrize("question", ["邹雅茗是哪个团体的", "邹雅茗在哪个机构工作"])
def test_which_body_someone_belongs_to_is_a_profile(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent is Intent.PROFILE and answer.speakers == ("邹雅茗",)
    assert any("行人促进会" in (p.affiliation + p.organisation) for p in answer.people)


def test_the_place_before_the_question_word_is_a_setting(engine: Engine) -> None:
    # "研学座谈会上" is where; the narration names it, the deputy's words do not.
    answer = ask(engine, "研学座谈会上谁讲了收费的事儿？")
    assert answer.speakers[:1] == ("俞启明",)


def test_colloquial_verbs_of_getting_done_frame_a_question(engine: Engine) -> None:
    answer = ask(engine, "梁慕白说双管系统改造要多久能弄完")
    assert answer.answered and answer.speakers == ("梁慕白",)
    assert "双管系统" in answer.quotes[0].text


@pytest.mark.parametrize("question", ["文旅局那个科长咋说的", "文旅局那个科长觉得该怎么办"])
def test_a_description_may_shorten_the_organisation(engine: Engine, question: str) -> None:
    # 文旅局 for 市文旅局产业科 is exact; 供热管理科 is another 科长's: the short form
    # and the colloquial 咋说 still pick one.
    answer = ask(engine, question)
    assert answer.speakers == ("郁和平",)


def test_a_short_form_skipping_characters_fits_the_full_name(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = (
        "校园食品安全座谈会\n"
        "市教育局副局长俞启明说，学校食堂要做到明厨亮灶。\n"
        "市文化广电旅游局产业发展科科长郁和平表示，研学基地的食堂也要纳入检查。\n"
        "市城市管理局供热管理科科长梁慕白说，老小区改造时一并更新管网。\n"
    )
    engine = engine_of(tmp_path_factory, "short-forms", page)
    assert ask(engine, "文旅局那个科长说了什么").speakers == ("郁和平",)
    assert ask(engine, "城管局那个科长说了什么").speakers == ("梁慕白",)


def test_a_chief_officer_by_latin_letters_is_the_post(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = (
        "合资公司落户高新区\n"
        "诺拓机器人首席执行官埃里克·桑德伯格表示，合资公司明年将设立研发中心。\n"
        "曜星科技首席技术官钱卓然说，工业智能体要先在产线上跑通。\n"
    )
    engine = engine_of(tmp_path_factory, "chiefs", page)
    assert ask(engine, "那个CEO说了啥").speakers == ("埃里克·桑德伯格",)
    assert ask(engine, "曜星的CTO怎么说").speakers == ("钱卓然",)


MEMORIAL = """\
追忆宫鹤松：一辈子跟虫子较真的人
本报记者 祁望川
3月12日，农业大学植物保护学院教授宫鹤松因病逝世，享年91岁。
他生前常说：“田里的虫子，比书上的准。”
研究员阮启远是宫鹤松招收的学生。“那双鞋我到现在还留着。老师对我说：‘搞植保的，鞋上没泥，心里就没底。’后来我自己带学生，第一课也是先让他们下田。”阮启远说。
"""


@pytest.fixture(scope="module")
def memorial(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "memorial", MEMORIAL)


def test_words_quoted_of_someone_else_are_cut_from_a_quote(memorial: Engine) -> None:
    answer = ask(memorial, "阮启远说了什么")
    assert answer.speakers == ("阮启远",)
    assert all("鞋上没泥" not in q.text for q in answer.quotes)
    assert any("那双鞋我到现在还留着" in q.text for q in answer.quotes)


def test_an_elder_called_by_surname_and_lao(memorial: Engine) -> None:
    answer = ask(memorial, "宫老生前常说啥")
    assert answer.speakers == ("宫鹤松",)
    assert any("比书上的准" in q.text for q in answer.quotes)


@pytest.mark.parametrize("question", ["温永和当时说了啥", "温永和那次讲话都说了些什么"])
def test_when_they_said_it_frames_the_question(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered and answer.speakers == ("温永和",)


def test_a_description_may_say_where_from_the_headline(engine: Engine) -> None:
    # 维修队 is in the headline over the foreman's words, not in them: where, not what.
    answer = ask(engine, "维修队那个班长说了啥")
    assert answer.answered and answer.speakers == ("车振宇",)


@pytest.mark.parametrize("question", ["who said 研学安全?", "anyone talked about 研学安全 lol"])
def test_english_frame_words_are_not_the_topic(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered and answer.speakers[:1] == ("沙晓棠",)


def test_where_a_described_person_spoke_may_stand_before_the_verb(engine: Engine) -> None:
    answer = ask(engine, "副主席在会上讲了啥")
    assert answer.answered and answer.speakers == ("温永和",)


@pytest.mark.parametrize("question", ["研学收费的事座谈会上谁说的", "座谈会上谁提到研学收费"])
def test_an_occasion_after_the_topic_is_dropped_but_not_the_topic(
    engine: Engine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.answered
    assert answer.speakers[0] == "俞启明"
    assert "指导价" in answer.quotes[0].text
