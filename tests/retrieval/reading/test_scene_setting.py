"""The reporter's scene around someone's words: a gesture before a quotation, a name
that ends or holds 和, a common word after a title, and a new paragraph that turns to
people the page does not name.

Every page is invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

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
