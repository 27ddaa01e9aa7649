"""Quotations signed on the line below them ("“……”" then "——roles name")."""

from __future__ import annotations

from fangtan.retrieval.reading.drafts import FileReading
from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from fangtan.retrieval.reading.sign_offs import all_quoted, signature, signed_within


def test_a_paragraph_of_nothing_but_speech_quotation() -> None:
    assert all_quoted("“托管班要办在家门口。”")
    assert all_quoted("“先把账算清楚。” “再谈怎么分！”")
    assert not all_quoted("“托管班要办在家门口。”柏青说。")
    assert not all_quoted("她说：“托管班要办在家门口。”")
    assert not all_quoted("一线书记的“土办法”")  # a headline quoting a term
    assert not all_quoted("“土办法”")  # no sentence's end: a quoted headline
    assert not all_quoted("")


def test_a_dashed_line_naming_someone() -> None:
    found = signature("——省政协委员、柏川职业技术学院副院长 柴映秋", "")
    assert found is not None
    start, speaker = found
    assert start == 2 and speaker.name == "柴映秋"
    assert speaker.roles == ("省政协委员",)
    assert signature("——访省政协委员柴映秋", "") is None  # an interview's header
    assert signature("——记省政协委员柴映秋", "") is None
    assert signature("托管班要办在家门口——柴映秋", "") is None  # not led by the dash


PAGE = """\
民生热线｜孩子放学谁来接
2025-03-06 来源：柏川晚报
放学后的托管，是不少双职工家庭的难题。记者请几位代表委员支招。
“学校的课后服务只到五点半，家长六点半才下班，中间这一个小时最难熬。建议社区的党群服务中心开放给孩子写作业。”
——省人大代表、柏川市实验小学校长 司马晴川
“托管不能只看管！”
——柴映秋（省政协委员、柏川职业技术学院副院长）
“我们街道去年试点了‘四点半课堂’，报名的孩子有三百多个。”
“志愿者不够，就请退休教师来。”
——省人大代表、东关街道党工委书记鄢砚舟
记者发现，多位代表委员都提到了“四点半课堂”这一做法。
"""


def _said(reading: FileReading) -> list[tuple[str | None, set[Kind]]]:
    """Each passage's speakers (None: the reporter's) and the kinds of its sentences."""
    out = []
    for passage in reading.passages:
        speakers = {s.speaker for s in passage.sentences}
        assert len(speakers) == 1, passage.text
        out.append((speakers.pop(), {s.kind for s in passage.sentences}))
    return out


def test_each_quotation_goes_to_the_signature_below_it() -> None:
    reading = read(PAGE, "page")
    assert [p.text[:6] for p in reading.passages] == [
        "放学后的托管",
        "“学校的课后",
        "“托管不能只",
        "“我们街道去",
        "“志愿者不够",
        "记者发现，多",
    ]
    assert _said(reading) == [
        (None, {Kind.NARRATION}),
        ("司马晴川", {Kind.QUOTE}),
        ("柴映秋", {Kind.QUOTE}),  # short enough to pass for a heading, but signed
        ("鄢砚舟", {Kind.QUOTE}),  # two paragraphs above one signature
        ("鄢砚舟", {Kind.QUOTE}),
        (None, {Kind.NARRATION}),
    ]
    facts = {key: [text for _, text, _, _ in p.facts] for key, p in reading.people.items()}
    assert facts["司马晴川"] == ["省人大代表", "柏川市实验小学校长"]
    assert facts["柴映秋"] == ["省政协委员", "柏川职业技术学院副院长"]
    assert facts["鄢砚舟"] == ["省人大代表", "东关街道党工委书记"]
    # "代表委员" is two titles, not a person called 代表.
    assert "代表" not in reading.people


def test_a_dashed_line_under_a_quoted_headline_still_heads_an_interview() -> None:
    page = """\
“先把账算清楚！”
——省人大代表、柏川农商银行行长 濮明岚
濮明岚说，乡村贷款要先弄清农户的收支。
"""
    reading = read(page, "page")
    assert reading.articles[0].interviewee == "濮明岚"
    assert reading.articles[0].headline == "“先把账算清楚！”"


def test_a_quotation_signed_at_the_end_of_its_line() -> None:
    line = "“夜班公交要开到十一点。”——市人大代表 甄晓岚"
    at = signed_within(line)
    assert at is not None and line[:at] == "“夜班公交要开到十一点。”"
    assert signed_within("他说：“夜班公交要开到十一点。”——甄晓岚") is None
    assert signed_within("“夜班公交要开到十一点。”——这是很多市民的心声。") is None


ONE_LINE_PAGE = """两会声音｜听，代表委员这样说
2025-03-08 来源：柏川晚报
“夜班公交要开到十一点，不然晚班的人只能打车。”——市人大代表、柏川公交集团驾驶员 甄晓岚
“停车难不是车位少，是车位没用好。”—— 市政协委员 邰一鸣
"""


def test_quotations_signed_on_their_own_line_are_paragraphs_of_their_own() -> None:
    reading = read(ONE_LINE_PAGE, "page")
    # A headline that pauses with a comma is still the headline over its dateline.
    assert reading.articles[0].headline == "两会声音｜听，代表委员这样说"
    assert [p.text for p in reading.passages] == [
        "“夜班公交要开到十一点，不然晚班的人只能打车。”",
        "“停车难不是车位少，是车位没用好。”",
    ]
    assert _said(reading) == [("甄晓岚", {Kind.QUOTE}), ("邰一鸣", {Kind.QUOTE})]
