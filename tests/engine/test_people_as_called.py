"""People asked about as others call them: by surname and an honorific the page never
uses (某师傅, 某大爷, 某女士), as someone's wife (妻子, 老婆), by a line of work the page
gives them (那个年轻的修复师), or for what a caller 反映 (complained of). Invented
people throughout."""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answering import Engine
from tests.engine.test_natural_questions import ask, engine_of, only

PAGE = """\
老巷里的“配钥匙铺”：一对夫妻和他们的二十年
2025-03-02　来源：澜江晚报　记者 荀望秋

　　柜台边那张小桌，是妻子蔚晴川的“直播间”。早上七点，佀春生拉起铺子的卷帘门。佀春生今年五十岁，配钥匙配了二十六年。
　　“那时候一条街上五六个钥匙摊，一把钥匙收两块钱。”他说，“现在都换成了指纹锁。”
　　起初佀春生并不愿意拍视频。“对着镜头我手都抖。”他说。
　　她不管这些。她说：“年轻人不是不喜欢老手艺，是没人告诉他们好在哪儿。”
　　佀春生说，他最大的心愿是把手艺传下去。“机器能刻钥匙，开锁还得靠人。”
　　在铺子另一头，街道最年轻的调解员郦书桐正在登记。“刚来的时候，我天天被骂哭，”郦书桐笑着说，“后来才明白，听完再说话。”
　　邻居老甯也来凑热闹，坐了一会儿。“他们两口子，一个静一个闹。”老甯说。
　　每天来巷口接人的社区小巴驾驶员郏如意说：“老人一上车就跟我打招呼。”
　　接着打进热线的市民冀先生说，“巷口的路灯坏了三个月，晚上黑得看不见路。”
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "called", PAGE)


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("佀师傅一把钥匙收多少钱", "佀春生"),  # an honorific the page never uses
        ("佀大爷最大的心愿是啥", "佀春生"),
        ("那个年轻的调解员说了啥", "郦书桐"),  # a line of work ending 员
        ("冀先生反映了啥问题", "冀先生"),  # 反映: what a caller said
        ("开小巴的司机师傅说了啥", "郏如意"),  # 司机 is a 驾驶员; 师傅 is how one asks
    ],
)
def test_a_person_as_people_call_them(engine: Engine, question: str, who: str) -> None:
    only(ask(engine, question), who)


@pytest.mark.parametrize("question", ["妻子怎么说", "老婆说了啥"])
def test_a_wife_asked_for_as_such(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered
    assert answer.speakers == ("蔚晴川",) or [p.name for p in answer.people] == ["蔚晴川"]


def test_old_and_an_honorific_is_no_familiar_name(engine: Engine) -> None:
    # 老甯 is how the page calls a neighbour; 老先生 is no form of 老甯's name.
    answer = ask(engine, "老先生说了啥")
    assert "老甯" not in answer.speakers


def test_a_kind_of_person_is_no_stranger_for_its_surname(engine: Engine) -> None:
    # 司 is a surname, but 司机 is a kind of person, and a 驾驶员 is one.
    answer = ask(engine, "司机说了啥")
    assert answer.answered
    assert "郏如意" in (*answer.speakers, *(p.name for p in answer.people))


def test_a_while_is_no_topic(engine: Engine) -> None:
    # 一会儿 frames "run a while longer"; 老甯 sat a while, and proposed nothing.
    answer = ask(engine, "有人建议晚上多开一会儿吗")
    assert "老甯" not in answer.speakers


FAMILY = """\
村医蒯怀山：三十年守着一个村
记者 岑望川

　　清晨六点，61岁的乡村医生蒯怀山跨上摩托车出诊。“后岭有三户老人腿脚不便。”他说。
　　在老伴苗春生眼里，蒯怀山是个“顾不上家的人”。“年三十的饺子，他没有一年是吃热的。”苗春生笑着说。
　　儿子蒯一舟在省城工作，几次想接父母进城。“我爸说他走了，村里老人看病就得跑三十里地。”蒯一舟说。
"""


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "family", FAMILY)


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("蒯怀山的儿子说了啥", "蒯一舟"),
        ("蒯怀山的老伴说了啥", "苗春生"),
        ("蒯怀山他老婆怎么看", "苗春生"),  # 老婆: the page's 老伴 is a wife
    ],
)
def test_a_relative_the_page_names_beside_them(family: Engine, question: str, who: str) -> None:
    only(ask(family, question), who)
