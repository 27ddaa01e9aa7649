"""Explainers, call-ins and minutes: pages whose questions are the writer's own
sub-heads, or whose speakers are tagged by post or by a caller's label. Every page is
invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import kind_of, speaker_of

EXPLAINER = """\
入冬就咳嗽？可能是室内空气太干
2025-11-02　来源：岚城科普　作者：记者 勾思妍

一到冬天，不少人嗓子发干、夜里咳个不停。室内为什么这么干？又该怎么办？记者采访了相关领域的研究人员。

一、暖气房里，湿度只有两成

岚城大学环境学院研究员鄂星野介绍，暖气开足的房间，相对湿度常常只有百分之二十左右。
“人体觉得舒服的湿度在百分之四十到六十之间。”鄂星野说，低于三十，鼻腔和咽喉的黏膜就容易受损。

二、加湿器怎么用才对？

岚城市疾控中心主任医师宦清和介绍，加湿器每天都要换水，水箱每周至少清洗一次。
“不换水、不清洗，加湿器就成了细菌喷雾器。”宦清和说。

【读者问答】
问：用自来水加湿可以吗？
答：自来水里有矿物质，可能在家具上留下白色粉末，建议用纯净水或凉开水。
"""


def test_numbered_sub_heads_that_ask_are_the_writer_s_and_each_expert_speaks_for_themself() -> None:
    reading = read(EXPLAINER, "explainer")
    assert speaker_of(reading, "相对湿度常常只有") == "鄂星野"
    assert speaker_of(reading, "水箱每周至少清洗一次") == "宦清和"
    assert speaker_of(reading, "细菌喷雾器") == "宦清和"
    # The lead's "记者采访了相关领域的研究人员" names no one to answer the sub-heads.
    assert speaker_of(reading, "暖气开足的房间") == "鄂星野"
    assert kind_of(reading, "加湿器每天都要换水") is not Kind.ANSWER
    # The readers' box answers in the outlet's voice, nobody's.
    assert speaker_of(reading, "建议用纯净水或凉开水") is None


MINUTES = """\
柘林村村民代表会议纪要
会议时间：2025年9月12日上午9:00
主持人：戚振东（村党支部书记）

一、关于修缮村小操场

戚振东：村小的操场是土的，一下雨孩子们就没法上体育课。镇里能补一部分，剩下的村里想办法。

村会计：村集体账上能动用的钱只有九万左右，修操场要十五万，缺口六万。

治保主任：我说说安全的事。施工期间要把操场围起来，放学时段不能进材料车。

郗红梅（村民代表）：钱的事我看可以发动在外打工的乡亲捐一点。
"""


def test_a_turn_tagged_by_post_alone_is_no_one_s_the_page_names() -> None:
    reading = read(MINUTES, "minutes")
    assert speaker_of(reading, "没法上体育课") == "戚振东"
    # Not the chair's: the turn before has ended, and the page never names them.
    assert speaker_of(reading, "缺口六万") is None
    assert speaker_of(reading, "放学时段不能进材料车") is None
    assert speaker_of(reading, "发动在外打工的乡亲") == "郗红梅"


CALL_IN = """\
《民生热线》：社保卡怎么异地用？
主持人：各位听众上午好，今天请到了市人社局副局长郜文博。
嘉宾 郜文博：主持人好，各位听众好。今年我们推出了不少便民举措。
主持人：热线已经接通，这位听众请讲。
听众来电 檀先生：主持人好。我在外地打工，社保卡在这边能用吗？
嘉宾 郜文博：檀先生，社保卡全国通用，您在当地的定点医院就能直接刷卡。
主持人：我们接进下一位听众。
听众来电 禚女士：喂？我老伴每个月都要买药，门诊报销的额度能不能提高一点？
嘉宾 郜文博：禚女士，从今年起门诊额度提高到每年三千元。
"""


def test_a_caller_after_what_they_are_speaks_without_the_tag() -> None:
    reading = read(CALL_IN, "call-in")
    assert speaker_of(reading, "社保卡在这边能用吗") == "檀先生"
    assert speaker_of(reading, "额度能不能提高一点") == "禚女士"
    assert speaker_of(reading, "社保卡全国通用") == "郜文博"
    # The tag is the page's, not the caller's words.
    for passage in reading.passages:
        for sentence in passage.sentences:
            assert "听众来电" not in passage.text[sentence.start : sentence.end]


BOARD = """\
网友留言选登
网友“巷口老周”：我家楼下的路灯坏了一个多月，晚上出门黑乎乎的，请问什么时候能修？
市城市管理局答复：
照明科科长甄启航：您好！经核查，该路段路灯线路老化，我们已安排维修，本周内修复。
网友“巷口老周”追问：修好以后能不能多装两盏？
照明科科长甄启航：我们会结合道路改造统一规划，条件具备的话会增设。
"""


def test_a_board_s_messages_are_their_posters_and_its_replies_the_officials() -> None:
    reading = read(BOARD, "board")
    assert speaker_of(reading, "路灯坏了一个多月") == "巷口老周"
    assert speaker_of(reading, "多装两盏") == "巷口老周"
    assert speaker_of(reading, "本周内修复") == "甄启航"
    assert speaker_of(reading, "统一规划") == "甄启航"


TITLED_BOARD = """\
市长信箱
【留言一】网友“夜读小满”留言：工地半夜打桩，还让不让人睡觉了？
留言时间：2025-05-26
小区东边的工地连续一周半夜施工，孩子马上要中考了。请问这个工地办了夜间施工许可吗？
区住建局回复：
网友您好！经查，该工地夜间施工许可已到期，我局已责令其停止夜间施工。
"""


def test_a_message_s_title_and_text_are_its_poster_s() -> None:
    reading = read(TITLED_BOARD, "titled-board")
    assert speaker_of(reading, "还让不让人睡觉了") == "夜读小满"
    assert speaker_of(reading, "孩子马上要中考了") == "夜读小满"
    assert speaker_of(reading, "责令其停止夜间施工") is None
