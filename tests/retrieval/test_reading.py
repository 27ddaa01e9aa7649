"""The article reader on short texts written here: who said each sentence.

Every article uses invented people, places and topics, in shapes the bundled
corpus lacks, so the tests hold mechanisms rather than memorised data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fangtan.retrieval.reading.drafts import FileReading
from fangtan.retrieval.reading.model import FactKind, Kind
from fangtan.retrieval.reading.reader import read


def voices(reading: FileReading) -> list[tuple[str | None, Kind, str]]:
    """(speaker, kind, sentence) for every sentence of the file, in order."""
    out = []
    for passage in reading.passages:
        for s in passage.sentences:
            out.append((s.speaker, s.kind, passage.text[s.start : s.end]))
    return out


def voice_of(reading: FileReading, words: str) -> tuple[str | None, Kind, str]:
    """(speaker, kind, sentence) of the one sentence holding ``words``."""
    [found] = [voice for voice in voices(reading) if words in voice[2]]
    return found


def prompt_of(reading: FileReading, words: str) -> str | None:
    """The question the passage holding ``words`` answers, if it answers one."""
    passage = next(p for p in reading.passages if words in p.text)
    return None if passage.prompt is None else reading.passages[passage.prompt].text


def speaker_of(reading: FileReading, words: str) -> str | None:
    return voice_of(reading, words)[0]


def kind_of(reading: FileReading, words: str) -> Kind:
    return voice_of(reading, words)[1]


REPORT = """\
首页 > 新闻 > 专题
夜市点亮小城烟火气
2024-06-02 09:10  来源：北山晚报  作者：本报记者 游天宇
分享到：微信 微博
本报讯 入夏以来，北山市各区夜市人气渐旺。记者采访了市人大代表祁晓棠、市政协委员闵远舟等人。
“夜市不能只卖小吃，还要有文化。”市人大代表、北山文旅研究中心主任祁晓棠说。她建议，引入非遗手作摊位。
祁晓棠还提到，要规划好夜间公交线路。
市政协委员、北山市餐饮协会会长闵远舟把注意力放在了食品卫生上。他认为，流动摊贩要统一发放健康证。
这位委员还建议，设立夜市垃圾分类督导员。
据了解，今年全市计划新增夜市街区5条。
（图为市人大代表祁晓棠在夜市调研。本报记者 游天宇 摄）
责任编辑：钱 多
"""


def test_reported_speech_closing_quotes_and_carry_over() -> None:
    reading = read(REPORT, "report")
    assert speaker_of(reading, "夜市不能只卖小吃") == "祁晓棠"
    assert kind_of(reading, "夜市不能只卖小吃") is Kind.QUOTE
    assert speaker_of(reading, "引入非遗手作摊位") == "祁晓棠"  # 她 carries on
    assert speaker_of(reading, "夜间公交线路") == "祁晓棠"
    assert speaker_of(reading, "统一发放健康证") == "闵远舟"
    assert speaker_of(reading, "垃圾分类督导员") == "闵远舟"  # 这位委员


def test_narration_is_nobodys_even_about_a_speaker() -> None:
    reading = read(REPORT, "report")
    assert speaker_of(reading, "把注意力放在了食品卫生上") is None
    assert speaker_of(reading, "入夏以来") is None
    assert speaker_of(reading, "据了解") is None


def test_furniture_is_dropped_and_the_headline_kept() -> None:
    reading = read(REPORT, "report")
    [article] = reading.articles
    assert article.headline == "夜市点亮小城烟火气"
    texts = [p.text for p in reading.passages]
    assert not any(m in t for t in texts for m in ("首页", "分享到", "责任编辑", "摄", "来源"))
    assert reading.furniture == 5
    assert article.dateline.startswith("2024-06-02")


def test_people_only_named_are_known_but_never_speak() -> None:
    reading = read(REPORT, "report")
    assert {"游天宇", "钱多"} <= set(reading.people)  # byline, photo credit, editor
    speakers = {who for who, kind, _ in voices(reading) if who and kind.said}
    assert speakers == {"祁晓棠", "闵远舟"}
    facts = [f[1] for f in reading.people["祁晓棠"].facts]
    assert facts == ["市人大代表", "北山文旅研究中心主任"]


QA = """\
把山货卖出大山
——专访省人大代表、青岚山货合作社理事长韦春燕
第B02版：人物    2024年03月09日
本报记者专访了省人大代表韦春燕。
记者：合作社现在有多少户社员？
韦春燕：一共三百多户，大多是留守妇女。
我们统一收购、统一包装，价格比过去高了三成。
问：您对电商培训怎么看？
答：电商培训最好办到村里，手把手地教。
（记者 向明朗）
"""


def test_qa_answers_belong_to_the_interviewee_and_questions_to_nobody() -> None:
    reading = read(QA, "qa")
    [article] = reading.articles
    assert article.headline == "把山货卖出大山" and article.interviewee == "韦春燕"
    assert kind_of(reading, "有多少户社员") is Kind.QUESTION
    assert speaker_of(reading, "有多少户社员") is None
    assert speaker_of(reading, "三百多户") == "韦春燕"
    assert speaker_of(reading, "统一收购") == "韦春燕"  # an answer runs on
    assert kind_of(reading, "您对电商培训怎么看") is Kind.QUESTION
    assert speaker_of(reading, "手把手地教") == "韦春燕"
    assert speaker_of(reading, "本报记者专访了") is None
    assert not any("向明朗" in p.text or "B02" in p.text for p in reading.passages)


PANEL = """\
圆桌：让老街活起来
【欧阳灿】
区政协委员、古城保护基金会秘书长
老街改造，先要留住老住户。
【滕小川】
区人大代表、滕记茶庄店主
我们希望政府补贴店面修缮。
现场对话
[主持人] 请问欧阳委员，老建筑怎么用？
[欧阳灿] 可以办成社区书屋，白天开放。
"""


def test_label_lines_and_transcript_turns() -> None:
    reading = read(PANEL, "panel")
    assert speaker_of(reading, "留住老住户") == "欧阳灿"
    assert speaker_of(reading, "补贴店面修缮") == "滕小川"
    assert kind_of(reading, "老建筑怎么用") is Kind.QUESTION
    assert speaker_of(reading, "社区书屋") == "欧阳灿"
    facts = [f[1] for f in reading.people["滕小川"].facts]
    assert "滕记茶庄店主" in facts


SECTIONS = """\
专家谈湿地
北湖大学生态学院院长芮江鸣：
湿地是城市的肾
“湿地每年能净化大量污水。”芮江鸣说。
他表示，要划定湿地保护红线。
省林业局原副局长卜成：
修复要因地制宜
卜成认为，不能一味种树。
"""


def test_section_headings_open_a_persons_section_and_stay_headings() -> None:
    reading = read(SECTIONS, "sections")
    assert speaker_of(reading, "净化大量污水") == "芮江鸣"
    assert speaker_of(reading, "划定湿地保护红线") == "芮江鸣"
    assert speaker_of(reading, "一味种树") == "卜成"
    texts = [p.text for p in reading.passages]
    assert "湿地是城市的肾" not in "".join(texts)  # a heading is never glued into a paragraph
    assert reading.passages[0].heading == "湿地是城市的肾"


TWO = """\
网站首页 | 要闻 | 评论
种好“责任田”——访市人大代表甘露
发布时间：2024-01-05 浏览次数：88
“我每周都去田里看看。”市人大代表、东坡村党支部书记甘露说。今年她提交了三份建议。
【打印本页】【关闭窗口】

草原上的“马背医生”
——全国政协委员、西原县人民医院院长覃海鹰
覃海鹰行医三十年了。“牧民看病难，我们就骑马去。”覃海鹰说。
"""


def test_same_line_header_and_dash_header_without_visit() -> None:
    reading = read(TWO, "two")
    assert [a.headline for a in reading.articles] == ["种好“责任田”", "草原上的“马背医生”"]
    assert [a.interviewee for a in reading.articles] == ["甘露", "覃海鹰"]
    assert speaker_of(reading, "每周都去田里") == "甘露"
    assert speaker_of(reading, "提交了三份建议") is None  # after the closed quote: narration
    assert speaker_of(reading, "行医三十年了") is None
    assert speaker_of(reading, "骑马去") == "覃海鹰"


TRADITIONAL = """\
灣區青年創業記
【本報訊】全國政協委員、港青創業協會會長鄧嘉樂表示，應簡化跨境創業手續。
「年輕人要敢闖。」鄧嘉樂說。
"""


def test_traditional_text_is_read_and_kept_as_written() -> None:
    reading = read(TRADITIONAL, "trad")
    assert speaker_of(reading, "應簡化跨境創業手續") == "邓嘉乐"  # keyed in Simplified
    assert reading.people["邓嘉乐"].name == "鄧嘉樂"  # written as the page writes it
    assert speaker_of(reading, "年輕人要敢闖") == "邓嘉乐"
    assert not any(who and "本報訊" in text for who, _, text in voices(reading))


BROKEN = """\
城南新貌
——访区人大代表龚一鸣
区人大代表、城南街道办事处主任龚一鸣说，要加快推进老旧小区改
造，今年完成三十个小区。
龚一鸣表示，将建设口袋公园。
（本报记者 严可 整理）
"""


def test_repair_joins_broken_lines_but_never_headlines_or_bylines() -> None:
    reading = read(BROKEN, "broken")
    texts = [p.text for p in reading.passages]
    assert texts[0].endswith("老旧小区改造，今年完成三十个小区。")
    assert reading.repaired == 1
    assert not any("城南新貌" in t or "严可" in t or "——访" in t for t in texts)


COLONS = """\
听企业家说
新京报：今年最想提的建议是什么？
卫思远：要给小微企业减负。
市政协委员、远帆机械公司董事长卫思远还表示，融资难要靠信用贷款解决。卫董事长认为，银行要敢贷。
"""


def test_outlet_questions_colon_answers_and_surname_titles() -> None:
    reading = read(COLONS, "colons")
    assert kind_of(reading, "最想提的建议") is Kind.QUESTION
    assert speaker_of(reading, "给小微企业减负") == "卫思远"
    assert speaker_of(reading, "融资难要靠信用贷款") == "卫思远"
    assert speaker_of(reading, "银行要敢贷") == "卫思远"  # 卫董事长


def test_a_title_before_an_ordinary_word_is_not_a_person() -> None:
    text = "振兴新篇\n——访市人大代表宫晓\n宫晓说，会议进一步坚定了党员干部信心，方向更明确了。\n"
    reading = read(text, "plain")
    assert set(reading.people) == {"宫晓"}


def test_a_surname_and_title_in_a_turn_is_the_person_addressed() -> None:
    text = (
        "港口的未来\n——访市政协委员、远洋物流公司总经理符海岚\n"
        "记者：港口转型难在哪里？\n符委员：难在人才。\n"
    )
    reading = read(text, "qa")
    assert set(reading.people) == {"符海岚"}
    assert speaker_of(reading, "难在人才") == "符海岚"
    # The tag is the turn's, not the speaker's words, and the answer is to the question.
    _, kind, said = voice_of(reading, "难在人才")
    assert kind is Kind.ANSWER and said == "难在人才。"
    assert "转型难在哪里" in (prompt_of(reading, "难在人才") or "")


def test_a_surname_and_title_tag_needs_someone_the_article_knows_by_it() -> None:
    text = (
        "港口的未来\n——访市政协委员、远洋物流公司总经理符海岚\n"
        "记者：港口转型难在哪里？\n符委员：难在人才。\n邝主任：我补充一句，还难在资金。\n"
    )
    reading = read(text, "qa")
    assert speaker_of(reading, "难在人才") == "符海岚"
    # Nobody here is 邝主任: the words are not given to the interviewee.
    assert speaker_of(reading, "还难在资金") != "符海岚"


PAGE_OF_TWO = """\
稻田里的新农人
2024-05-01  来源：东湾日报
“种田也要讲数据。”市人大代表、金穗农机合作社社长莫青禾说。
候鸟回来了
本报记者 葛一舟
市政协委员、东湾湿地保护协会会长岑望舒表示，要扩大候鸟栖息地。
"""


def test_a_headline_with_its_own_dateline_starts_the_next_report() -> None:
    reading = read(PAGE_OF_TWO, "page")
    assert [a.headline for a in reading.articles] == ["稻田里的新农人", "候鸟回来了"]
    assert speaker_of(reading, "扩大候鸟栖息地") == "岑望舒"
    assert not any("候鸟回来了" in p.text for p in reading.passages)


def test_a_name_with_its_title_after_it_is_a_person() -> None:
    text = "民生小事\n会上，来自社区的满冬青代表说，加装电梯要一楼住户点头。\n"
    reading = read(text, "after")
    assert speaker_of(reading, "加装电梯要一楼住户点头") == "满冬青"


def test_prose_that_mentions_a_furniture_word_is_kept() -> None:
    text = (
        "扫码听老街\n“扫一扫墙上的二维码，就能听到老住户讲故事。”区政协委员殳文远说。\n"
        "分享到：微信\n"
    )
    reading = read(text, "prose")
    assert speaker_of(reading, "墙上的二维码") == "殳文远"
    assert reading.furniture == 1


def test_a_word_holding_a_furniture_word_is_not_furniture() -> None:
    text = (
        "老字号的新生意\n字号：大 中 小\n记者：老字号这几年生意怎么样？\n"
        "“前几年很难，今年好多了。”市人大代表、桐溪酱园传人戚见山说。\n"
    )
    reading = read(text, "font")
    assert reading.articles[0].headline == "老字号的新生意"
    assert reading.furniture == 1  # the font-size control alone
    assert kind_of(reading, "老字号这几年生意怎么样") is Kind.QUESTION


TV_NEWS = """\
《晚间新闻》：夜班公交开到几点
【解说】晚上十点，末班公交早已收车，加班族只能打车回家。
【同期】市人大代表 城南公交公司驾驶员 濮春生
我开了二十年公交，晚上站台上等车的人其实不少。
建议把几条主干线的末班车延后到十一点。
【画外音】记者了解到，今年已有三条线路试点延时。
解说员说，试点线路的客流比预期多。
【同期】邰晓澄：延时以后，我们厂的夜班工人终于不用拼车了。
"""


def test_a_tv_transcripts_voice_over_is_narration_and_its_sound_bites_speak() -> None:
    reading = read(TV_NEWS, "tv")
    assert "解说" not in reading.people and "画外音" not in reading.people
    assert speaker_of(reading, "站台上等车的人") == "濮春生"
    assert speaker_of(reading, "末班车延后到十一点") == "濮春生"
    facts = [text for _, text, _, _ in reading.people["濮春生"].facts]
    assert facts == ["市人大代表", "城南公交公司驾驶员"]
    assert speaker_of(reading, "末班公交早已收车") is None
    assert speaker_of(reading, "三条线路试点延时") is None
    assert speaker_of(reading, "客流比预期多") is None  # the voice-over goes on
    # "【同期】name：words": the tags are nobody's words.
    who, _, said = voice_of(reading, "夜班工人")
    assert who == "邰晓澄" and said.startswith("延时以后")


PRESS_CONFERENCE = """\
市政府新闻办举行发布会 介绍夜间经济有关情况
发布人：市商务局局长 栾可为
市文化和旅游局副局长 隗小满
栾可为：今年我们将新增夜间消费集聚区五个，商场营业时间延长到晚上十一点。
记者：夜间出行怎么保障？
隗小满：我们将开通夜游专线公交，并在景区周边增设临时停车位。
记者：夜市的食品安全怎么管？
栾可为：每个集聚区都会设食品安全快检点。
"""


def test_a_press_conference_transcript() -> None:
    reading = read(PRESS_CONFERENCE, "press")
    # 栾可为 ends as prose does (为), but the tag opens two turns: it is a name.
    assert speaker_of(reading, "新增夜间消费集聚区") == "栾可为"
    assert speaker_of(reading, "食品安全快检点") == "栾可为"
    assert speaker_of(reading, "夜游专线公交") == "隗小满"
    assert kind_of(reading, "夜间出行怎么保障") is Kind.QUESTION
    facts = [text for _, text, _, _ in reading.people["栾可为"].facts]
    assert facts == ["市商务局局长"]
    # The tag is not the speaker's words.
    _, _, said = voice_of(reading, "快检点")
    assert said.startswith("每个集聚区")


def test_a_wire_storys_title_is_after_its_dateline() -> None:
    text = (
        "中新社南州3月6日电 题：让小店活起来\n"
        "“小店撑起千家万户的生计。”全国人大代表、南州市个体劳动者协会会长宓春华说。\n"
    )
    reading = read(text, "wire")
    assert reading.articles[0].headline == "让小店活起来"
    assert speaker_of(reading, "千家万户") == "宓春华"


HONG_KONG = """\
港區代表倡議 加快新區建設
港區全國人大代表、香港建造商會會長鄺志遠昨日表示，新區的發展「不能再等」，應盡快落實交通基建。
他續指，政府可考慮以「片區開發」模式，引入更多私人資金。
"""


def test_a_hong_kong_report_yesterday_and_continued() -> None:
    reading = read(HONG_KONG, "hk")
    assert speaker_of(reading, "應盡快落實交通基建") == "邝志远"
    assert speaker_of(reading, "引入更多私人資金") == "邝志远"  # 續指: he went on
    kinds = dict((text, kind) for kind, text, _, _ in reading.people["邝志远"].facts)
    assert kinds["港區全國人大代表"] is FactKind.ROLE
    assert kinds["香港建造商會會長"] is FactKind.AFFILIATION


VOICES = """\
委员们这样说
【委员声音】
市政协委员 栗晓晨：社区食堂要让老人吃得起，更要吃得好。
市政协委员、江城妇幼保健院副院长 牛俊杰：托育机构的消防标准应当单独制定。
【代表声音】
1. 市人大代表 宫明远：老旧小区加装电梯，关键是一楼住户的顾虑。
2. 市人大代表 戚雨涵：建议每个街道建一个养老服务站。
"""


def test_numbered_tags_of_roles_and_a_name_after_a_space() -> None:
    reading = read(VOICES, "voices")
    # 栗 is not in the surname table; after a role and a space it is a name all the same.
    assert speaker_of(reading, "社区食堂") == "栗晓晨"
    assert speaker_of(reading, "消防标准") == "牛俊杰"
    assert speaker_of(reading, "加装电梯") == "宫明远"
    assert speaker_of(reading, "养老服务站") == "戚雨涵"
    # The tags, numbers included, are nobody's words, and a number is nobody's role.
    _, _, said = voice_of(reading, "加装电梯")
    assert said.startswith("老旧小区")
    facts = {k: [text for _, text, _, _ in p.facts] for k, p in reading.people.items()}
    assert facts["宫明远"] == ["市人大代表"]
    assert facts["牛俊杰"] == ["市政协委员", "江城妇幼保健院副院长"]
    assert not any("声音" in p.text for p in reading.passages)


UNTAGGED_QA = """\
把论文写在田野上
——访全国人大代表、青峰农业大学教授廖青禾
作为农业专家，廖青禾每年有一半时间在田间地头。
您今年带来了哪些建议？
我今年重点关注种业振兴，建议建立省级种质资源库。
为什么特别关注种业？
种子是农业的“芯片”。过去很多蔬菜种子依赖进口。
"""


def test_an_interviews_untagged_questions_are_the_reporters_and_prompt_the_answer() -> None:
    reading = read(UNTAGGED_QA, "qa")
    assert kind_of(reading, "您今年带来了哪些建议") is Kind.QUESTION
    assert speaker_of(reading, "为什么特别关注种业") is None
    assert speaker_of(reading, "种质资源库") == "廖青禾"
    assert "为什么特别关注种业" in (prompt_of(reading, "芯片") or "")


def test_a_short_predicate_and_a_colon_lead_into_the_speakers_quotation() -> None:
    text = (
        "走进企业\n"
        "企业负责人巴振国也谈了自己的感受：“这几年营商环境确实好了，但用工难还很突出。”\n"
        "市政协委员甘小禾说，父亲的话她一直记得。甘小禾的父亲常说：“做人要实在。”\n"
    )
    reading = read(text, "colon")
    assert speaker_of(reading, "用工难还很突出") == "巴振国"
    assert speaker_of(reading, "做人要实在") is None  # her father's words, not hers


BRIEFING = """\
梧城市人民政府新闻办公室　首页 | 新闻发布 | 政策解读 | 互动交流
夜间经济发布会实录
时间：2025年6月3日上午10:00
发布人：
市商务局一级巡视员　栾可风
主持人：
市政府新闻办副主任　隗小禾

隗小禾：
欢迎出席发布会。今天我们邀请到市商务局一级巡视员栾可风先生介绍有关情况。

梧城日报记者：
夜市越来越多，噪声扰民怎么办？
有没有具体的时间限制？

栾可风：
我们给每个夜市划定了收摊时间，晚上十一点以后一律不准外放音响。

新华社记者：夜市摊位费会不会涨？
栾可风：今年摊位费不涨，困难摊主还能减免一半。
"""


def test_a_briefings_tags_on_lines_of_their_own_and_outlets_that_ask() -> None:
    reading = read(BRIEFING, "briefing")
    # A site's name before its menu is furniture too; the headline is the article's.
    assert reading.articles[0].headline == "夜间经济发布会实录"
    # An outlet's reporter asks, over one paragraph or several; the answer replies.
    assert kind_of(reading, "噪声扰民怎么办") is Kind.QUESTION
    assert kind_of(reading, "具体的时间限制") is Kind.QUESTION
    assert speaker_of(reading, "收摊时间") == "栾可风"
    assert "具体的时间限制" in (prompt_of(reading, "收摊时间") or "")
    assert kind_of(reading, "摊位费会不会涨") is Kind.QUESTION
    assert speaker_of(reading, "困难摊主还能减免一半") == "栾可风"
    # 时间 opens a field of the notice, not anyone's turn.
    assert "时间" not in reading.people
    # A post (一级巡视员) introduces the name after it, in the list and in prose.
    facts = [text for _, text, _, _ in reading.people["栾可风"].facts]
    assert facts == ["市商务局一级巡视员"]


BORDER_TOWN = """\
草原上的流动课堂
“孩子们跟着牛羊转场，学校也得跟着走。”在牧区教书十二年的古丽米拉・吐尔逊说，帐篷学校一年要搬四次家。
古丽米拉・吐尔逊是县人大代表。她建议，给流动教学点配上卫星网络。
县教育局局长巴特尔介绍，今年全县新建流动教学点六个。
对此，县政协委员、草原职业学院教授格桑卓玛深有同感。她直言，牧区孩子最缺的是好老师。
格桑卓玛建议，给牧区教师发放专项补贴。古丽米拉认为，还要把教材译成双语。
县教育局局长巴特尔表示，补贴今年就能落实。
旗里的老校长那仁格日也来到了现场。他说，当年他就是在帐篷里读完小学的。
"""


def test_dotted_names_four_character_names_and_what_a_clause_says_someone_is() -> None:
    reading = read(BORDER_TOWN, "border")
    # A transliterated name, its parts joined by a dot, is a person without a title before it,
    # and later goes by its first part.
    assert speaker_of(reading, "学校也得跟着走") == "古丽米拉・吐尔逊"
    assert speaker_of(reading, "卫星网络") == "古丽米拉・吐尔逊"
    assert speaker_of(reading, "译成双语") == "古丽米拉・吐尔逊"
    facts = [text for _, text, _, _ in reading.people["古丽米拉・吐尔逊"].facts]
    assert facts == ["县人大代表"]  # "……是县人大代表。"
    # Four characters with no compound surname, used on their own later: a name. The
    # pronoun after it is theirs, not the official's before.
    assert speaker_of(reading, "最缺的是好老师") == "格桑卓玛"
    assert speaker_of(reading, "专项补贴") == "格桑卓玛"
    # Someone a title introduces whose name is not read (那 opens words more than names):
    # 他 is nobody the file knows, never the official of the sentence before.
    assert speaker_of(reading, "帐篷里读完小学") is None


HEARING = """\
托育補助不足 立委促加碼
（中央社記者溫若蘅台北3日電）立法院今天審查托育預算。立委葛書恆表示，補助「遠遠不夠」。
葛書恆受訪時說，很多家庭每月托育費用超過2萬元。他要求主管機關兩個月內提出方案。
另一名立委莘予晴則質疑，公共托育名額太少，「抽籤像買彩券」。
"""


def test_a_legislative_report_of_legislators_and_their_demands() -> None:
    reading = read(HEARING, "hearing")
    assert speaker_of(reading, "遠遠不夠") == "葛书恒"
    assert speaker_of(reading, "每月托育費用") == "葛书恒"  # 受訪時說
    assert speaker_of(reading, "兩個月內提出方案") == "葛书恒"  # 他要求
    assert speaker_of(reading, "抽籤像買彩券") == "莘予晴"
    # 另一名 is how the report counts her, not part of what she is.
    facts = [text for _, text, _, _ in reading.people["莘予晴"].facts]
    assert facts == ["立委"]


NUMBERED_QA = """\
对话｜把科研做成产品
——专访省政协委员、云岫生物董事长隋景川
Q1：您今年的提案聚焦什么？
A1：聚焦科研成果转化。很多专利躺在实验室里。
Q2：具体有什么建议？
A2：建议建立省级概念验证中心。
新京报：您怎么看高校教师创业？
隋：应该鼓励。可以允许教师保留编制离岗创业三年。
"""


def test_numbered_answers_and_the_interviewees_surname_as_a_tag() -> None:
    reading = read(NUMBERED_QA, "numbered")
    assert "隋景川" in reading.people  # 隋 is a surname: the name is not 景川
    assert speaker_of(reading, "专利躺在实验室里") == "隋景川"
    assert "聚焦什么" in (prompt_of(reading, "专利躺在实验室里") or "")
    assert speaker_of(reading, "概念验证中心") == "隋景川"
    assert speaker_of(reading, "离岗创业三年") == "隋景川"
    assert kind_of(reading, "高校教师创业") is Kind.QUESTION


LIVE_BLOG = """\
图文直播：设备更新政策解读新闻发布会
【10:02】主持人 市政府新闻办主任 濮文谦：上午好。今天请市发展改革委副主任戈怀瑾解读政策。
【10:05】戈怀瑾：今年我市将安排专项资金5亿元，支持企业设备更新。
【10:18】晨报记者：中小企业怎么申请？
【10:19】戈怀瑾：中小企业可以在线申报，材料从12项减少到5项。
10:30 市工信局局长 鞠海澄：我补充一点，工信局会派专员上门指导。
"""


def test_a_live_blogs_time_stamps_stand_before_its_tags() -> None:
    reading = read(LIVE_BLOG, "live")
    assert kind_of(reading, "中小企业怎么申请") is Kind.QUESTION
    assert speaker_of(reading, "材料从12项减少到5项") == "戈怀瑾"
    assert "中小企业怎么申请" in (prompt_of(reading, "材料从12项减少到5项") or "")
    assert speaker_of(reading, "派专员上门指导") == "鞠海澄"
    # Neither a time stamp nor the tag before an appositive is part of anyone's post.
    facts = {k: [text for _, text, _, _ in p.facts] for k, p in reading.people.items()}
    assert facts["濮文谦"] == ["市政府新闻办主任"]
    assert facts["戈怀瑾"] == ["市发展改革委副主任"]  # "今天请" leads into it
    assert facts["鞠海澄"] == ["市工信局局长"]


NAMED_FIRST = """\
代表委员谈营商环境
巩书恒（市人大代表、恒远机械公司董事长）说，企业最怕的是政策“朝令夕改”。
栾晓禾，市政协委员、晓禾律师事务所主任。她认为，涉企执法要有“温度”。
来自新城区的市人大代表邴晨阳建议，为小微企业设立“首贷服务中心”。
今年52岁的宿立秋是市政协委员。“营商环境也包括教育环境。”宿立秋说。
“孩子上学太远了。”邵春来说。
“我们村到学校要走一个小时，”家住山里的邵春来说，“冬天天不亮就得出门。”
"""


def test_names_before_what_people_are_and_quotes_of_someone_unknown() -> None:
    reading = read(NAMED_FIRST, "named first")
    facts = {k: [text for _, text, _, _ in p.facts] for k, p in reading.people.items()}
    assert facts["巩书恒"] == ["市人大代表", "恒远机械公司董事长"]
    assert facts["栾晓禾"] == ["市政协委员", "晓禾律师事务所主任"]
    assert facts["邴晨阳"] == ["市人大代表"]  # not 新城区的市人大代表
    assert facts["宿立秋"] == ["市政协委员"]
    assert speaker_of(reading, "朝令夕改") == "巩书恒"  # the bracket between name and verb
    assert speaker_of(reading, "涉企执法") == "栾晓禾"
    assert speaker_of(reading, "教育环境") == "宿立秋"
    # Someone the page never introduces says these: nobody's, not the last speaker's.
    assert speaker_of(reading, "孩子上学太远了") is None
    assert speaker_of(reading, "走一个小时") is None


def test_another_source_given_its_say_is_not_the_speakers_words() -> None:
    text = (
        "谈发展\n"
        "市人大代表邴晨阳表示，要加强监管。政府工作报告提出，“要加快发展新质生产力”。"
        "她认为，这为企业指明了方向。\n"
        "市政协委员栾晓禾说，人才是关键。有关专家指出，人才政策要精准。\n"
        "市政协委员栾晓禾说，要留住人才。同时表示，要建人才公寓。很多企业希望政府减税。\n"
    )
    reading = read(text, "sources")
    assert speaker_of(reading, "新质生产力") is None
    assert speaker_of(reading, "指明了方向") == "邴晨阳"
    assert speaker_of(reading, "人才政策要精准") is None
    # Her own speech carries on: adverbs before the verb, or a subject with 希望.
    assert speaker_of(reading, "人才公寓") == "栾晓禾"
    assert speaker_of(reading, "政府减税") == "栾晓禾"


# Short shapes, each with who says which words in it.
SAID_BY = [
    pytest.param(
        "种出好日子\n"
        "“种地也能种出好日子。”说这话的是全国人大代表、青禾村党支部书记蔡禾苗。\n"
        "用蔡禾苗的话说，“要让年轻人愿意回来”。\n"
        "按她的话说，种地得算账。\n",
        {"种地也能种出好日子": "蔡禾苗", "要让年轻人愿意回来": "蔡禾苗", "种地得算账": "蔡禾苗"},
        id="own words",
    ),
    pytest.param(
        "一线声音\n"
        "市人大代表、青山镇党委书记郗明远在审议时说，乡村振兴关键在人。\n"
        "市政协委员巫晓燕在小组讨论中表示，要加大金融支持。\n",
        {"乡村振兴关键在人": "郗明远", "金融支持": "巫晓燕"},
        id="the occasion between speaker and verb",
    ),
]


@pytest.mark.parametrize(("text", "said_by"), SAID_BY)
def test_who_says_the_words_of_a_short_shape(text: str, said_by: dict[str, str]) -> None:
    reading = read(text, "shape")
    assert {words: speaker_of(reading, words) for words in said_by} == said_by


CLUTTERED = """\
人民网 >> 地方 >> 正文
原标题：让“夕阳红”更温暖
养老服务如何提质？听听代表怎么说
2025年03月08日07:18 | 来源：人民网－人民日报
小字号
点击播报本文，约
视频加载中...
“社区养老要从‘有没有’转向‘好不好’。”全国人大代表、枫林社区党委书记卢秋萍说。
全国人大代表、康宁护理学院院长邓予安表示，护理人才缺口大。
扫码关注我们
推荐阅读
全国人大代表苏铭远：加快发展银发经济
政协委员龚佳怡：让老年人乐享数字生活
网友评论
0条评论
举报 | 免责声明 | 联系我们
"""


def test_a_cluttered_page_keeps_only_its_article() -> None:
    reading = read(CLUTTERED, "cluttered")
    assert reading.articles[0].headline == "养老服务如何提质？听听代表怎么说"
    texts = [p.text for p in reading.passages]
    assert texts[0].startswith("“社区养老")  # no 点击播报 or 视频加载中 glued before it
    # The headlines of a list of links name other people; they say nothing here.
    assert set(reading.people) == {"卢秋萍", "邓予安"}
    assert not any("银发经济" in t or "评论" in t or "原标题" in t for t in texts)


def test_bullets_before_questions_and_answers_are_not_words() -> None:
    text = (
        "把实验室建到车间里\n"
        "——访全国人大代表、恒川集团总工程师庞文栋\n"
        "■您今年带来了哪些建议？\n"
        "□我带来了关于产学研协同的建议。很多成果停在论文上。\n"
    )
    reading = read(text, "bullets")
    assert voice_of(reading, "哪些建议") == (None, Kind.QUESTION, "您今年带来了哪些建议？")
    assert voice_of(reading, "产学研协同")[::2] == ("庞文栋", "我带来了关于产学研协同的建议。")


PAGES = sorted(
    p
    for folder in ("seeds", "tests/articles/pages", "tests/articles/shapes/pages")
    for p in (Path(__file__).resolve().parents[2] / folder).glob("*.txt")
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_passage_is_the_pages_own_words_side_by_side(page: Path) -> None:
    """A passage never joins lines a cut (a caption, a share bar) stood between."""
    squeezed = re.sub(r"\s+", "", page.read_text(encoding="utf-8"))
    for passage in read(page.read_text(encoding="utf-8"), page.stem).passages:
        assert re.sub(r"\s+", "", passage.text) in squeezed, passage.text


def test_a_paragraph_does_not_carry_on_over_a_cut_caption() -> None:
    page = """\
【图文直播】北塘代表团审议
直播时间：2026-03-06 09:00　来源：北塘新闻网　记者 阚一鸣
[刷新]　自动刷新：开　|　分享到：微信 微博
【导语】3月6日上午，北塘代表团审议政府工作报告。

【09:20】
（图为代表向大家展示样品。阚一鸣 摄）

【09:06】
全国人大代表、北塘农科院所长覃书朗第一个发言。
"""
    texts = [p.text for p in read(page, "live").passages]
    assert not any("【09:20】【09:06】" in t for t in texts)
    assert not any("阚一鸣【导语】" in t for t in texts)


def test_a_header_without_a_headline_above_it_ends_the_article_before_it() -> None:
    page = """\
封面故事
竹海里的“犟”书记
——记全国人大代表、石坳村党支部书记仉春桃
2025-03-01 08:00　来源：南岭周刊
凌晨五点，石坳村的竹林还裹在雾里。
“今年开春冷，笋子出得晚。”她头也不抬地说。
"""
    reading = read(page, "feature")
    texts = [p.text for p in reading.passages]
    assert len(texts) == len(set(texts))
    assert speaker_of(reading, "笋子出得晚") == "仉春桃"


DIALOGUE = """\
【对话】渡口改桥，难在哪？
对话嘉宾
庹明远　澄江大学土木工程学院教授
郗丽华　青岭路桥集团副总经理
问：渡口改桥的呼声很高，二位怎么看？
庹：这件事说了十年。江面宽，桥墩难打，造价比平原高出一倍。
郗：我补充一点。企业不是不想建，是怕建了收不回成本。
问：庹教授，您研究桥梁多年，江心的软土能承受大桥吗？
答：这是最容易忽视的问题。软土上打桩，桩要比平时深一倍。
[00:12:40] 郗：我们在上游试过钢箱梁，工期缩短了四个月。
"""


def test_a_dialogue_tags_guests_by_surname_and_an_answer_by_whom_it_was_asked() -> None:
    reading = read(DIALOGUE, "dialogue")
    assert speaker_of(reading, "这件事说了十年") == "庹明远"
    assert speaker_of(reading, "企业不是不想建") == "郗丽华"
    assert speaker_of(reading, "软土上打桩") == "庹明远"
    assert speaker_of(reading, "钢箱梁") == "郗丽华"
    assert speaker_of(reading, "二位怎么看") is None
