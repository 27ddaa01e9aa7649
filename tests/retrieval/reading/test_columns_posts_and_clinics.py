"""Pages written by or around their speakers: a deputy's first-person column credited
with their roles before their name, posts signed by handles the platform verified, and
a legal clinic's readers asking an expert the lead invites. Every person is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.authors import credited
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

COLUMN = """\
代表手记｜在渔村，把乡亲们的话记进本子里
2025-03-04 07:35　来源：澜江日报　作者：全国人大代表、澜海渔业集团董事长 桑望川

【编者按】全国两会召开在即，本报开设“代表手记”栏目，邀请代表讲述履职路上的所见所思。

　　每年春节一过，我都要回一趟海边的渔村。那里有我们公司最早的一个码头。

　　在码头边上，我碰到了织网能手覃若水。她今年五十三岁，手上全是老茧。我问她有什么盼头，她一边理着渔网一边说：“鱼价还算稳，就是年轻人都出去了，织网的人一年比一年少。”

　　覃大姐的话让我想了很久。海边的老码头年久失修，这是整个海湾的共同难题。我这次准备提交的建议，就是请国家加大对渔港改造的补贴。

　　临走前，一位老渔民拉着我坐了一会儿。他说：“我们更盼着有几个年轻人能回来。”

（作者系全国人大代表、澜海渔业集团董事长）
"""


def test_a_credit_may_say_what_the_writer_is_before_their_name() -> None:
    author = credited("来源：澜江日报　作者：全国人大代表、澜海渔业集团董事长 桑望川")
    assert author is not None
    assert author.name == "桑望川"
    assert author.held == ("全国人大代表", "澜海渔业集团董事长")
    assert credited("作者：桑望川 闵青蘅") is None  # two names, nothing of what they are


def test_a_deputys_column_is_theirs_where_they_speak_as_i() -> None:
    reading = read(COLUMN, "column")
    assert speaker_of(reading, "我都要回一趟海边的渔村") == "桑望川"
    # After a sentence about the woman they met, 我 is still the writer.
    assert speaker_of(reading, "请国家加大对渔港改造的补贴") == "桑望川"
    assert speaker_of(reading, "织网的人一年比一年少") == "覃若水"
    # The paper's note is not the writer's, nor is what it says of the coast.
    assert speaker_of(reading, "本报开设“代表手记”栏目") is None
    assert speaker_of(reading, "这是整个海湾的共同难题") is None


def test_he_whom_the_page_cannot_tell_is_never_the_writer() -> None:
    reading = read(COLUMN, "column")
    # 他 is the old fisherman nobody names: neither the writer nor the woman before.
    assert speaker_of(reading, "我们更盼着有几个年轻人能回来") is None


POSTS = """\
【微博热议】夜班公交要砍掉一半？网友吵翻了
2025-12-03 10:26　来源：澜江网　记者：冷月汀

12月1日，公交集团拟停运6条夜班线路。记者梳理了微博上的几种声音。

@凌晨三点的白大褂（认证：贲一鸣，澜江市第二人民医院急诊科护士）：
我下夜班是凌晨一点半，打车一趟四十多块，一个月光路费就要上千。

@说交通的老敖（认证：敖听澜，澜江大学交通运输学院副教授）：
评价夜班公交不能只看满载率，它本质上是一项兜底的公共服务。

记者注意到，该话题下评论已超过1.8万条。

12月2日晚，公交集团官方微博回复：此次拟调整的线路日均客流不足30人次。

@路过的网友：支持停运，太浪费了。
"""


def test_a_verified_posters_post_is_theirs_and_the_report_goes_on_after() -> None:
    reading = read(POSTS, "posts")
    assert speaker_of(reading, "一个月光路费就要上千") == "贲一鸣"
    assert speaker_of(reading, "兜底的公共服务") == "敖听澜"
    people = {p.name: p for p in reading.people.values()}
    assert any("副教授" in fact for _, fact, _, _ in people["敖听澜"].facts)
    assert speaker_of(reading, "日均客流不足30人次") is None
    assert "路过的网友" not in people  # an unverified handle's comment is furniture
    assert not any("支持停运" in p.text for p in reading.passages)


CLINIC = """\
【专家答疑】押金不退、二房东跑路……租房那些糟心事怎么办？
来源：澜江晚报　作者：记者 衡向晚　2025-09-14

毕业季，租房纠纷进入高发期。本期栏目收集了读者反映集中的几个问题，邀请澜江市律师协会副会长、澜信律师事务所合伙人庄书瑶律师逐一解答。

读者鞠女士问：我退租时房东要扣我2000元押金，这合理吗？

答：押金的性质是担保，房东只能在承租人造成实际损失的范围内扣除。

网友“不吃辣的猫”问：合同签了一年，房东说房子要卖，让我一个月内搬走，我该怎么办？

答：法律上有个原则叫“买卖不破租赁”，原来的租赁合同对新房东继续有效。
"""


def test_readers_ask_and_the_invited_expert_answers() -> None:
    reading = read(CLINIC, "clinic")
    assert speaker_of(reading, "押金的性质是担保") == "庄书瑶"
    assert speaker_of(reading, "买卖不破租赁") == "庄书瑶"
    # The readers' questions are asked, not anyone's answers.
    assert speaker_of(reading, "房东要扣我2000元押金") is None
    assert speaker_of(reading, "让我一个月内搬走") is None
    assert "不吃辣的猫" not in {p.name for p in reading.people.values()}


def test_a_line_of_work_then_words_is_no_name() -> None:
    text = "县长讲话\n县长鞠暮云要求，明年6月前实现全县行政村保洁员全覆盖，工资不得拖欠。\n"
    names = {p.name for p in read(text, "meeting").people.values()}
    assert names == {"鞠暮云"}
