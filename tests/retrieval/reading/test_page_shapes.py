"""Shapes of real pages the reader must not misread: a TV transcript's captions and
round-bracket tags, a Q&A's lead and untagged questions, the reporter's boxes,
readers' comments, and a headline that quotes someone.

Every page is invented: people, places and topics.
"""

from __future__ import annotations

from fangtan.retrieval.reading.model import Kind
from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import kind_of, prompt_of, speaker_of, voice_of, voices

TV = """\
【南坪新闻】柑橘喜获丰收 果农笑开颜
【导视】
又是一年橘红时。请看记者发回的报道。
【正文】
（主持人）观众朋友，晚上好。今年南坪县柑橘种植面积达到十二万亩。
（记者）走进南坪县的橘园，满山的果子压弯了枝头。
【同期】笪秋菊 南坪县红岩柑橘专业合作社理事长：
今年一亩地能收五千斤，价钱也比去年好，社员们都盼着早点装箱。
（同期声）阚立新 南坪县农业农村局副局长：我们今年在全县推广了水肥一体化，病虫害比往年少了一半。
（记者）不过，记者在采访中也了解到，冷库不足仍是难题。
【同期】笪秋菊 南坪县红岩柑橘专业合作社理事长：
最担心的还是冷库，果子摘下来放不住，只能急着低价卖。
（记者）对此，县里表示将新建三座冷库。
"""


def test_a_caption_names_first_and_round_brackets_tag_the_voices() -> None:
    reading = read(TV, "tv")
    assert speaker_of(reading, "一亩地能收五千斤") == "笪秋菊"
    assert speaker_of(reading, "水肥一体化") == "阚立新"
    assert speaker_of(reading, "冷库不足仍是难题") is None
    assert speaker_of(reading, "满山的果子") is None
    assert speaker_of(reading, "晚上好") is None
    people = {p.name: p for p in reading.people.values()}
    assert any("副局长" in fact[1] for fact in people["阚立新"].facts)


def test_the_voice_over_ends_the_speaker_before_it() -> None:
    reading = read(TV, "tv")
    assert speaker_of(reading, "最担心的还是冷库") == "笪秋菊"
    # "县里表示" after the voice-over's tag is not the farmer's words running on.
    assert speaker_of(reading, "新建三座冷库") is None


QA = """\
滩涂上的新牧场
——访岚海大学海洋学院院长禤振东
今年以来，滩涂生态修复成为热议的话题。记者专访了岚海大学海洋学院院长禤振东。
问：滩涂修复难在哪里？
答：难在管护。种下去的海草，三年里没人管就荒了。
滩涂修复要花多少钱，谁来出？
截至去年底，全省投入了两亿多元，大部分还是财政资金。
社会资本愿意进来吗，回报怎么样？
企业确实有顾虑，回收期太长。
对于下一步，您有什么建议？
我建议把管护经费列入预算，按年考核。
【人物简介】禤振东，1969年生，长期从事滩涂生态研究。
网友评论（2）
网友“赶海人”：海草回来了，蛏子也多了。
北岸网友：希望多到渔村看看。
"""


def test_a_qa_lead_is_the_reporters_and_untagged_questions_are_asked() -> None:
    reading = read(QA, "qa")
    assert speaker_of(reading, "成为热议的话题") is None
    assert voice_of(reading, "谁来出")[:2] == (None, Kind.QUESTION)
    assert voice_of(reading, "回报怎么样")[:2] == (None, Kind.QUESTION)
    assert voice_of(reading, "您有什么建议")[:2] == (None, Kind.QUESTION)
    # Each untagged paragraph after a question is the interviewee's answer, even one
    # that opens as a report might ("截至去年底…").
    assert speaker_of(reading, "难在管护") == "禤振东"
    assert speaker_of(reading, "全省投入了两亿多元") == "禤振东"
    assert speaker_of(reading, "回收期太长") == "禤振东"
    assert speaker_of(reading, "管护经费列入预算") == "禤振东"


def test_the_reporters_box_and_readers_comments_are_nobodys() -> None:
    reading = read(QA, "qa")
    assert speaker_of(reading, "1969年生") is None
    text = "".join(v[2] for v in voices(reading))
    assert "蛏子" not in text and "渔村" not in text


HEADLINE = """\
养老条例初审交锋 议员忧床位不足 仉博文：经费已落实
（本报记者 揭晓 报道）市议会今天审查养老服务条例草案。
议员甯若晴质询时指出，全市养老床位缺口超过三千张。
市民政局局长仉博文答询时表示，经费已经落实，明年新增床位一千五百张。
在野党议员笪鸿飞则表示，条例应当写明护理员的最低工资。
"""


def test_a_headline_that_quotes_someone_is_not_their_turn() -> None:
    reading = read(HEADLINE, "headline")
    assert speaker_of(reading, "市议会今天审查") is None
    assert speaker_of(reading, "养老床位缺口") == "甯若晴"
    assert speaker_of(reading, "新增床位一千五百张") == "仉博文"
    roles = {p.name: p.facts for p in reading.people.values()}
    assert any(fact[1] == "在野党议员" for fact in roles["笪鸿飞"])


FEATURE = """\
山坳里的竹编课
一
2022年秋天，县文化馆干部訾明川被派到石坳村当第一书记。
初到村里，訾明川挨家挨户走访。“我带着一个本子，把每家的手艺都记下来。”
他提出办竹编课时，不少村民心里犯嘀咕：谁会来学？
二
訾书记决定先办一期试试。“人少不怕，怕的是学了一次就不来了。”他说。
村里的年轻人陆续回来了。訾明川常常站在教室外面看。
“我不会编，但我能帮大家找销路。”
"""


def test_a_feature_follows_its_person_by_surname_and_deed() -> None:
    reading = read(FEATURE, "feature")
    # 干部 introduces; 訾书记 is the one 訾 the page names, though no line says 书记 of him.
    assert speaker_of(reading, "人少不怕") == "訾明川"
    # A quotation standing alone after a sentence about one person is theirs.
    assert speaker_of(reading, "把每家的手艺都记下来") == "訾明川"
    assert speaker_of(reading, "帮大家找销路") == "訾明川"
    # "他提出……时": when he proposed it, the villagers' doubt is not his words.
    assert speaker_of(reading, "心里犯嘀咕") is None
    # The section number "二" is not glued to the paragraph under it.
    assert any(v[2].startswith("訾书记决定") for v in voices(reading))


POST = """\
岚溪融媒 | 首页  新闻  政务  民生  视频  专题  关于我们
两会声音｜托育、绿电……代表委员这样说
原创 岚溪融媒 岚溪融媒 2025-03-06 08:30 发表于岚溪
━━━━━━━━━━━━
01｜托育，家门口就能送
▶ 晏秋禾 全国人大代表、岚溪幼教集团董事长
今年是晏秋禾连任全国人大代表的第二年。
“托育园开在家门口，家长才送得放心。”晏秋禾说。
━━━━━━━━━━━━
02｜绿电进园区，储能是关键
禤立言（全国政协委员、岚溪电力设计院院长）认为，园区光伏发得多、存不住。
“中午电多得用不完，晚上又要高价买电。”禤立言在接受采访时举了一个例子：一家工厂每月电费多花了十几万元。
往期回顾
▶ 快评｜从有没有到好不好
"""


def test_a_social_media_round_up() -> None:
    reading = read(POST, "post")
    text = "".join(v[2] for v in voices(reading))
    # The menu, the post's header, the rules and the links are furniture.
    for furniture in ("首页", "发表于", "━", "快评"):
        assert furniture not in text
    # The name card opens a section about its person, not a wholesale answer.
    assert speaker_of(reading, "连任全国人大代表的第二年") is None
    assert speaker_of(reading, "家长才送得放心") == "晏秋禾"
    # A surname missing from the table is a name with roles in brackets after it.
    assert speaker_of(reading, "存不住") == "禤立言"
    assert speaker_of(reading, "中午电多得用不完") == "禤立言"
    # The numbered heading is not glued to the paragraph under it.
    assert not any("绿电进园区" in v[2] for v in voices(reading))
    people = {p.name: p for p in reading.people.values()}
    assert any("董事长" in fact[1] for fact in people["晏秋禾"].facts)


def test_someone_an_answer_quotes_is_named_but_the_words_are_the_answers() -> None:
    text = QA.replace("答：难在管护。", "答：难在管护。正如笪启山院士所说，“三分靠种、七分靠管”。")
    reading = read(text, "qa")
    assert speaker_of(reading, "三分靠种") == "禤振东"
    assert "笪启山" in {p.name for p in reading.people.values()}


def test_a_headline_that_asks_is_the_headline_over_its_publishing_line() -> None:
    text = (
        "岚溪新闻网 | 首页  新闻  评论  访谈  民生  政务\n"
        "【岚溪圆桌】托育试点三年，家长的“送娃难”解了多少？\n"
        "发布时间：2025-06-12 10:05   来源：岚溪日报\n"
        "主持人：先请阚处长介绍一下。\n"
        "阚立言（市卫健委妇幼处处长）：三年来，全市新增托位四千多个。\n"
    )
    reading = read(text, "fallback")
    assert reading.articles[0].headline == "【岚溪圆桌】托育试点三年，家长的“送娃难”解了多少？"
    assert speaker_of(reading, "新增托位") == "阚立言"


REPORT = """\
银发经济：从有没有到好不好
本报记者 靳晓
市民政局副局长晁振东长期分管养老服务工作。
他认为，社区嵌入式养老是当前最现实的路径。
市商务局处长蔺若宁是一位女干部，从事消费工作已有十余年。
她坦言，银发消费市场叫好不叫座的情况仍然存在。
在他看来，养老服务的短板主要在护理员。
责任编辑：闫书蕾　　校对：荀立
"""


def test_he_never_points_back_at_someone_called_she() -> None:
    reading = read(REPORT, "report")
    assert speaker_of(reading, "叫好不叫座") == "蔺若宁"
    assert speaker_of(reading, "短板主要在护理员") == "晁振东"
    # A proofreader on the credits line is not a person called 校对.
    names = {p.name for p in reading.people.values()}
    assert "荀立" in names and "校对" not in names


CORRIDOR = """\
第三场代表通道实录
主持人：请记者朋友提问。
人民日报记者：新能源汽车出口如何应对贸易壁垒？
全国人大代表、岚江汽车集团董事长 冼嘉木：出口不能只靠卖车，更要建厂。
主持人：谢谢冼代表。今天来到通道的还有第三人民医院心理科主任亢立言代表。
香港文汇报记者：学校和医院之间如何形成合力？
亢立言代表：每所中学都应当和一家医院心理科结对子。
第二个方面是家长，家长要学会倾听。
"""


def test_a_name_and_a_title_tag_a_turn() -> None:
    reading = read(CORRIDOR, "corridor")
    assert speaker_of(reading, "结对子") == "亢立言"
    assert speaker_of(reading, "学会倾听") == "亢立言"
    assert speaker_of(reading, "更要建厂") == "冼嘉木"
    people = {p.name: p for p in reading.people.values()}
    # "谢谢冼代表" thanks a deputy; nobody is called 谢谢冼. "还有" leads into the title.
    assert not any(name.startswith("谢谢") for name in people)
    assert ("心理科主任" in f[1] for f in people["亢立言"].facts)
    assert any(f[1] == "第三人民医院心理科主任" for f in people["亢立言"].facts)


NUMBERED = """\
城市看海何时休
入汛以来，部分路段一度出现积水。本报记者专访了澄江理工大学教授宓文兰。
1. 每到雨季，总有市民调侃城市看海。内涝的根源究竟在哪里？
根子上是城市硬化太快，雨水渗不下去。
2. 很多人认为，把下水管道加粗就能解决问题。您怎么看？
加粗管道有用，但不是万能的。
（以上内容经本人审阅）
"""


def test_numbered_questions_that_lead_in_are_asked() -> None:
    reading = read(NUMBERED, "numbered")
    assert voice_of(reading, "您怎么看")[:2] == (None, Kind.QUESTION)
    assert voice_of(reading, "根源究竟在哪里")[:2] == (None, Kind.QUESTION)
    assert speaker_of(reading, "城市硬化太快") == "宓文兰"
    assert speaker_of(reading, "不是万能的") == "宓文兰"
    assert speaker_of(reading, "部分路段一度出现积水") is None


TECH = """\
硅岸网
首页 | 快讯 | AI | 芯片 | 创投 | 深度
对话澄光科技CTO晏亦凡：AI Agent不是SaaS的插件，而是把SaaS重写一遍
2025-04-18 10:32　来源：硅岸网　作者：戚安
编辑：庞雨　｜　阅读 12.6万　｜　分享到：微信 微博
公司联合创始人兼CTO晏亦凡（Alex Yan）今年37岁，此前带了六年编译器团队。
Q：过去一年GPU短缺问题很突出，你们是怎么扛过来的？
A：说实话，很痛苦。我们把模型做小，自己写调度层。
采访结束时已接近晚上九点。晏亦凡起身把记者送到电梯口，转身又回到了工位前。
相关阅读：
· 算力租赁价格回落，中小AI公司迎来喘息窗口？
"""


def test_a_tech_interview_headed_by_whom_it_talks_to() -> None:
    reading = read(TECH, "fallback")
    article = reading.articles[0]
    # The dated headline is the headline, though it quotes him; the site name is not.
    assert article.headline.startswith("对话澄光科技CTO晏亦凡")
    # "对话" in the headline names the interviewee: the A: turns are his.
    assert speaker_of(reading, "把模型做小") == "晏亦凡"
    # The page tells of him by name after the last answer: the reporter's words.
    assert speaker_of(reading, "送到电梯口") is None
    text = "".join(v[2] for v in voices(reading))
    assert "喘息窗口" not in text and "硅岸网" not in text
    people = {p.name: p for p in reading.people.values()}
    assert "阅读" not in people
    assert any(f[1].endswith("CTO") for f in people["晏亦凡"].facts)


def test_a_word_after_a_title_is_no_name_and_a_trainee_is_credited() -> None:
    page = """\
【对话】渡口改桥，难在哪？
本报记者 庹青岚　实习生 郗一鸣
庹明远是澄江大学土木工程学院教授。
庹：渡口边建了充电站，让村民充电像加油一样方便。
庹：夜里低谷时段充电，电网压力小。
"""
    reading = read(page, "dialogue")
    names = {d.name for d in reading.people.values()}
    assert "充电" not in names and "实习生" not in names
    assert "郗一鸣" in names
    assert speaker_of(reading, "像加油") == "庹明远"


def test_rarer_surnames_are_read_as_names() -> None:
    page = """\
早高峰怎么破堵
驾驶员淳于明：“早高峰最怕的是路口连环堵。”
省政协委员、岚江理工大学教授郯远山提交了提案。“老小区的电梯该换了。”郯远山说。
全国人大代表、港务集团桥吊司机眭春晓：
码头自动化了，老师傅要有学新技术的时间。
"""
    reading = read(page, "digest")
    assert speaker_of(reading, "路口连环堵") == "淳于明"
    assert speaker_of(reading, "电梯该换了") == "郯远山"
    assert speaker_of(reading, "学新技术") == "眭春晓"


DIGEST = """\
两会快讯丨代表委员热议身边事
1.【会议】大会今天上午举行第二次全体会议，会议由执行主席缪建军主持。
2.【教育】市政协委员、北塘第二实验中学校长帅静雯建议：课后服务延长到下午六点，“不能让孩子放学后只能在托管班写作业”。
3.【交通】市人大代表、市公交集团公交车驾驶员淳于江：“我开了十九年公交，最头疼的是潮汐拥堵。建议在主干道试点潮汐车道。”
4.【医疗】“急诊室里一半的病人其实不用来急诊。”市人大代表、市第三人民医院急诊科主任檀秋禾说，应在社区医院推广夜间门诊。
"""


def test_a_digests_numbered_topics_are_nobodys_and_each_item_has_its_own_speaker() -> None:
    reading = read(DIGEST, "digest")
    assert speaker_of(reading, "潮汐拥堵") == "淳于江"
    assert speaker_of(reading, "试点潮汐车道") == "淳于江"
    assert speaker_of(reading, "急诊室里一半") == "檀秋禾"
    assert not any(who and "【" in text for who, _, text in voices(reading))


LIVE = """\
【图文直播】北塘代表团分组审议政府工作报告
【10:32】
全国人大代表、北塘医院急诊科护士长粟映雪：
护士一个夜班要走三万多步。我建议提高护理服务价格。
【10:30】
瞿念真：时间关系，请最后两位代表抓紧发言。
【10:05】
会场外，不少代表利用茶歇时间继续交流。
▲网友“北塘小扈”留言：扈书记说的幸福院我去过，饭菜真香！
【09:43】
全国人大代表、溪口村党支部书记扈德明发言。他说，村里的老人占了四成。
@青梧在逃考公人：扈书记说得太真实了。
评论（326）　最热 | 最新
@晚风不加班：想去看看！
"""


def test_a_live_blogs_time_stamps_end_each_entry_and_comments_are_nobodys() -> None:
    reading = read(LIVE, "live")
    assert speaker_of(reading, "三万多步") == "粟映雪"
    assert speaker_of(reading, "抓紧发言") == "瞿念真"
    assert speaker_of(reading, "茶歇") is None
    assert speaker_of(reading, "老人占了四成") == "扈德明"
    said = " ".join(text for _, _, text in voices(reading))
    assert "饭菜真香" not in said and "太真实" not in said and "想去看看" not in said


PODCAST = """\
《镇上来信》第12期｜回镇上的年轻人
【本期嘉宾】
庹牧远：北塘大学社会学系副教授，长期关注县域青年流动。
仝晓悦：青梧县书店咖啡馆主理人，2023年辞职返乡。
【主持人】戈小禾
【时间轴】
00:01:10 开场：为什么今年回乡的话题这么热
00:12:31 回流青年到底在干什么
[00:12:31] 主持人：庹老师，回流的年轻人都在干什么？
[00:12:40] 庹牧远：我们在六个县做了问卷，将近一半在准备考编。
[00:14:09] 庹：县城的熟人社会是一把双刃剑。
"""


def test_a_guest_list_says_who_guests_are_and_a_bracketed_word_is_no_name() -> None:
    reading = read(PODCAST, "podcast")
    names = {d.name for d in reading.people.values()}
    assert "时间轴" not in names
    assert speaker_of(reading, "社会学系副教授") is None
    held = [text for _, text, _, _ in reading.people["庹牧远"].facts]
    assert "北塘大学社会学系副教授" in held
    assert speaker_of(reading, "将近一半") == "庹牧远"
    assert speaker_of(reading, "双刃剑") == "庹牧远"


def test_a_feature_calls_its_person_old_and_the_surname() -> None:
    page = """\
竹海里的“犟”书记
全国人大代表、石坳村党支部书记乜春桃今年五十岁。
村委会主任党晓明说，村里的茶山是大家的。
“守着金饭碗讨饭吃，我不甘心。”回忆起当年，老乜说得很直白。
村里的老党员都知道，她是出了名的犟。
"""
    reading = read(page, "feature")
    assert speaker_of(reading, "金饭碗") == "乜春桃"
    assert speaker_of(reading, "出了名的犟") != "乜春桃"


def test_a_profiles_narration_is_the_reporters_and_an_interviews_the_interviewees() -> None:
    told = """\
竹海里的“犟”书记
——记全国人大代表、石坳村党支部书记仉春桃
凌晨五点，石坳村的竹林还裹在雾里。
“今年开春冷，笋子出得晚。”她头也不抬地说。
倔，是出了名的。
"""
    reading = read(told, "profile")
    assert speaker_of(reading, "竹林还裹在雾里") is None
    assert speaker_of(reading, "出了名的") is None
    assert speaker_of(reading, "笋子出得晚") == "仉春桃"
    interview = told.replace("——记", "——访")
    assert speaker_of(read(interview, "interview"), "出了名的") == "仉春桃"


def test_proposals_pronouns_pull_quotes_and_a_pause_before_speaking() -> None:
    page = """\
提案里的民生
省政协委员、州人民医院妇产科主任庹雅丽提交了提案。
“牧区的孕妇到县医院要开三个多小时车。”庹雅丽说。
她建议为乡镇卫生院配备产科急救包。
冶秀芬委员是民进省委会副主委。她提交的《关于推行现代学徒制的提案》直言：“短板在企业不愿意带徒弟。”
青禾社区党委书记笪秀兰，是食堂的“大管家”。
“老人吃饭的事，就是社区最大的事。”
八十二岁的亓振北是退休钳工。
亓老爷子想了想，笑着说：“晚饭开得太早了。”
"""
    reading = read(page, "proposals")
    assert speaker_of(reading, "产科急救包") == "庹雅丽"
    assert speaker_of(reading, "不愿意带徒弟") == "冶秀芬"
    assert speaker_of(reading, "社区最大的事") == "笪秀兰"
    assert speaker_of(reading, "晚饭开得太早") == "亓振北"


def test_a_question_the_reporter_tells_is_the_prompt_of_the_answer_after_it() -> None:
    page = """\
一碗热饭里的幸福感
八十二岁的亓振北是退休钳工，他成了食堂的“铁杆食客”。
小编问他：对食堂还有什么不满意的地方吗？
亓老爷子想了想，笑着说：“晚饭开得太早了。”
"""
    reading = read(page, "post")
    assert prompt_of(reading, "晚饭开得太早") == "小编问他：对食堂还有什么不满意的地方吗？"
    assert speaker_of(reading, "晚饭开得太早") == "亓振北"


def test_a_reply_letter_a_self_introduction_a_guest_box_and_unnamed_speakers() -> None:
    letter = """\
关于第0123号提案的答复
柏静雯委员：
您提出的《关于加快推进口袋公园建设的提案》收悉。现答复如下：
2025年，我市新建口袋公园46个。
"""
    reading = read(letter, "reply")
    assert speaker_of(reading, "新建口袋公园46个") is None
    assert speaker_of(reading, "收悉") is None
    interview = """\
两会E访谈丨把“一老一小”的事办到家门口
【嘉宾介绍】
仉慧兰　全国人大代表，渝川市第三人民医院院长、主任医师
滕嘉林　全国人大代表，大井巷社区党委书记
【访谈实录】
【主持人】各位网友大家好。
【嘉宾 仉慧兰】网友们好，我是来自渝川的全国人大代表仉慧兰，在医院工作了二十六年。
【嘉宾 滕嘉林】大家好。
"""
    reading = read(interview, "e-interview")
    assert speaker_of(reading, "在医院工作了二十六年") == "仉慧兰"
    assert speaker_of(reading, "主任医师") is None
    held = [text for _, text, _, _ in reading.people["仉慧兰"].facts]
    assert "渝川市第三人民医院院长" in held and "嘉宾" not in held
    roundup = """\
消费回暖观察
全国人大代表、某集团董事长晁思明说，县域充电难是最大的短板。
华夏研究院研究员殳立行认为，关键在于稳就业。对于晁思明提到的县域充电难题，殳立行表示，这还涉及电网扩容。
“订单明显多起来了，但大家更愿意买性价比高的东西。”一位不愿具名的企业负责人说。
"""
    reading = read(roundup, "roundup")
    assert speaker_of(reading, "电网扩容") == "殳立行"
    assert speaker_of(reading, "性价比高") is None


def test_a_numbered_section_title_is_not_glued_to_its_paragraph() -> None:
    page = """\
关于第0123号提案的答复
一、关于建设进展
2025年，我市新建口袋公园46个。
二、关于用地保障
市规划局已梳理出可利用的边角地112处。
"""
    reading = read(page, "reply")
    texts = [p.text for p in reading.passages]
    assert "2025年，我市新建口袋公园46个。" in texts
    assert [p.heading for p in reading.passages if "112处" in p.text] == ["二、关于用地保障"]


def test_minutes_tag_a_unit_and_a_name_and_a_hong_kong_report_speaks_cantonese() -> None:
    minutes = """\
数字化转型座谈会纪要
宁砚青（市发改委副主任）：今年要先选二十家企业做样板。
市工信局 逄志明：工信局这两年组织了三批诊断服务。
"""
    reading = read(minutes, "minutes")
    assert speaker_of(reading, "诊断服务") == "逄志明"
    assert speaker_of(reading, "做样板") == "宁砚青"
    report = """\
議員促規管網約車
立法會昨日辯論由區詠心議員提出的議案。
動議人區詠心開場時形容，香港的士服務「被遊客笑咗成十年」。佢指出，去年投訴多近兩成。
選委會界議員顏卓言就將矛頭指向網約車。佢話，網約車「灰色地帶行走咗十年」。
會後，香港的士同業聯會主席祁炳山接受本報查詢時表示，業界並不反對改革。
"""
    reading = read(report, "hk")
    assert speaker_of(reading, "去年投訴多近兩成") == "区咏心"
    assert speaker_of(reading, "灰色地帶") == "颜卓言"
    assert speaker_of(reading, "業界並不反對") == "祁炳山"


def test_a_reporter_named_in_the_byline_asks_and_their_notes_are_theirs() -> None:
    page = """\
“每一个罕见病孩子，都不该被‘罕见’地对待”
——对话省妇女儿童医院遗传代谢科主任糜若安
本报记者 郜书兰
2月28日是国际罕见病日。
郜书兰：很多人对罕见病的印象就是“得了没办法”。真的是这样吗？
糜若安：这是最大的误解。罕见病加起来并不少。
【记者手记】
采访那天，诊室门口排着长队。一位从宛北县赶来的母亲束秋梅告诉我，她的儿子确诊前看过三个城市。
糜若安说话很快，一上午要看四十多个号。
"""
    reading = read(page, "interview")
    assert speaker_of(reading, "国际罕见病日") is None
    assert kind_of(reading, "真的是这样吗") is Kind.QUESTION
    assert speaker_of(reading, "最大的误解") == "糜若安"
    assert speaker_of(reading, "诊室门口") is None
    assert speaker_of(reading, "三个城市") == "束秋梅"
    assert speaker_of(reading, "说话很快") is None


def test_a_hearing_tells_who_spoke_apart_from_what_they_said() -> None:
    page = """\
公交票价调整听证会举行
本报记者 仇远帆
听证会由市交通局副局长戚向东主持。
市公交集团总经理蔺成钢首先介绍了调价的理由。“燃油和人工成本五年涨了四成。”蔺成钢说。
作为专家代表，北川大学教授苟文卿发表了意见。
社区居民代表乜春生第一次参加听证会。他拿出一叠月票存根说，他每天换乘两次，一个月要多花三十元。
这位来自河西社区的代表更关心的是晚班车。“十点以后等车要半个钟头。”他说。
“涨价要和服务挂钩。”这位教授表示，调价后应公开每条线路的准点率。
#公交票价听证#
"""
    reading = read(page, "hearing")
    assert "代表" not in reading.people  # 专家代表 is what 苟文卿 is, not a name
    assert speaker_of(reading, "首先介绍了调价的理由") is None
    assert speaker_of(reading, "五年涨了四成") == "蔺成钢"
    assert speaker_of(reading, "发表了意见") is None
    assert speaker_of(reading, "一个月要多花三十元") == "乜春生"
    assert speaker_of(reading, "更关心的是晚班车") is None
    assert speaker_of(reading, "等车要半个钟头") == "乜春生"
    assert speaker_of(reading, "公开每条线路的准点率") == "苟文卿"
    assert not any(who for who, _, text in voices(reading) if "#" in text)
    # After someone the file cannot name, 他 and 这位代表 are nobody the reader knows.
    stranger = read(page.replace("乜春生第一次参加", "乜春生吃过饭参加"), "hearing")
    assert speaker_of(stranger, "等车要半个钟头") is None


def test_a_signed_opinion_piece_is_its_writers_words() -> None:
    page = """\
首页 > 观点 > 两会声音
让山区孩子吃上热乎午饭
2026-03-08 09:10 来源：北川日报 作者：庹明涛（全国人大代表、北川师范学院教授）
编者按：山区学校的午餐问题牵动人心。本报特约全国人大代表庹明涛撰文谈谈他的思考。
这几年我跑了四十多所村小，最放不下的是孩子们的午饭。
一位校长对我说：“冬天饭菜送到就凉了。”
我建议，由县级财政统筹建设中心厨房，统一配送保温餐车。
（作者系全国人大代表、北川师范学院教授）
责任编辑：邝晓文
"""
    reading = read(page, "oped")
    assert speaker_of(reading, "跑了四十多所村小") == "庹明涛"
    assert speaker_of(reading, "统一配送保温餐车") == "庹明涛"
    assert speaker_of(reading, "牵动人心") is None  # the editor's note
    assert speaker_of(reading, "饭菜送到就凉了") is None  # someone they quote
    assert not any("作者系" in text for _, _, text in voices(reading))
    assert any("教授" in fact[1] for fact in reading.people["庹明涛"].facts)
    # A reporter's byline is no opinion piece: the report is still the reporter's.
    report = page.replace("（全国人大代表、北川师范学院教授）", "（本报记者）", 1).replace(
        "（作者系全国人大代表、北川师范学院教授）\n", ""
    )
    assert speaker_of(read(report, "report"), "跑了四十多所村小") is None


def test_a_passer_by_named_without_a_title_speaks_and_common_words_are_no_one() -> None:
    page = """\
老街夜市重新开张
“摊位费降了一半，我又回来了。”家住南关的蒯连生说。
从事餐饮二十年的仉秀梅关注的是油烟。她坦言，排烟管道该统一装。
许多人说，夜市一开，街上就有了人气。
他向媒体表示，下个月还要再加二十个摊位。
"""
    reading = read(page, "market")
    assert speaker_of(reading, "摊位费降了一半") == "蒯连生"
    assert speaker_of(reading, "排烟管道该统一装") == "仉秀梅"
    assert {p.name for p in reading.people.values()} == {"蒯连生", "仉秀梅"}
    assert speaker_of(reading, "街上就有了人气") is None


def test_the_headline_is_the_heading_a_dateline_follows_and_a_closing_note_is_no_article() -> None:
    page = """\
岭南交通广播 FM97.3
首页 | 节目单 | 往期回听
请输入关键字 搜索
《民生热线》节目实录：市交通局上线
播出时间：2026-03-12 09:00—10:00
本期嘉宾：市交通局副局长 宓振东
主持人：今天请来了市交通局副局长宓振东。
宓振东：今年要新开十条公交线路。
（本文根据节目录音整理，有删节）
【责任编辑：符小舟】
"""
    reading = read(page, "radio")
    assert [a.headline for a in reading.articles] == ["《民生热线》节目实录：市交通局上线"]
    subtitled = """\
老街区怎么改？听听街坊怎么说
——市政协座谈会侧记
发布时间：2025-04-18 16:05　来源：某政协网
4月17日下午，座谈会举行。市政协委员阙怀远说，能修的不拆。
"""
    assert read(subtitled, "panel").articles[0].headline == "老街区怎么改？听听街坊怎么说"


def test_a_press_conference_report_goes_on_between_the_turns_it_quotes() -> None:
    page = """\
补时绝杀 赛后发布会两队主帅各抒己见
客队主教练马丁·罗德里格率先发言。他通过翻译表示，球队上半场打得很有组织。
有记者问：最后时刻丢球，是不是因为换人太保守？
罗德里格：我不认为换人有问题，丢球是因为一次定位球盯人失误。
随后，主队主教练邝振东入场。
邝振东：首先祝贺我的队员，他们在落后的情况下没有放弃。
作为进球功臣，队长逯海川显得很平静。“这球我去抢前点。”逯海川说。
有记者问：连续三场胜利后，更衣室的气氛如何？
逯海川表示，大家都很兴奋，但不会飘。
据了解，球队目前暂列积分榜第四位。
"""
    reading = read(page, "presser")
    assert speaker_of(reading, "定位球盯人失误") == "马丁·罗德里格"
    assert speaker_of(reading, "上半场打得很有组织") == "马丁·罗德里格"
    assert speaker_of(reading, "主教练邝振东入场") is None
    assert speaker_of(reading, "在落后的情况下没有放弃") == "邝振东"
    assert speaker_of(reading, "显得很平静") is None
    assert speaker_of(reading, "这球我去抢前点") == "逯海川"
    assert kind_of(reading, "更衣室的气氛如何") is Kind.QUESTION
    assert speaker_of(reading, "但不会飘") == "逯海川"
    assert speaker_of(reading, "暂列积分榜第四位") is None


def test_a_quote_round_up_with_bullets_signatures_and_labels() -> None:
    page = """\
【两会金句】这些话，说到了大家心坎上
编者按：代表委员们留下了许多掷地有声的“金句”。
▍“企业既要当出题人，也要当答卷人。”
——全国人大代表、某机械集团董事长 厍宏远
【冼嘉言委员】
▍“年轻人需要的不只是机会，更是敢于试错的底气。”
▍“村里的路通了，年轻人才愿意回来。”
——全国人大代表、某村党支部书记 逯春晓
【相里婉如代表】
▍“非遗要回到老百姓的日子里去。”
"""
    reading = read(page, "quotes")
    assert speaker_of(reading, "也要当答卷人") == "厍宏远"
    assert speaker_of(reading, "敢于试错的底气") == "冼嘉言"
    assert speaker_of(reading, "年轻人才愿意回来") == "逯春晓"
    assert speaker_of(reading, "老百姓的日子里") == "相里婉如"


def test_a_quotation_over_several_paragraphs_is_whom_its_last_names() -> None:
    page = """\
山坳里的“眭大夫”
今年五十七岁的眭长林是村里的乡村医生，村里人都叫他“眭大夫”。
村民邴桂兰说，前些年她老伴中风，是老眭每天上门扎针。
“远程医疗是好东西，可山里很多老人不会用智能手机。
“我今年带到会上的建议，就是给每个村卫生室配一名健康助理。”眭大夫说。
妻子庹秀芝笑着说：“他这个人，家里的事一概不管。”
"""
    reading = read(page, "feature")
    assert speaker_of(reading, "上门扎针") == "邴桂兰"
    assert speaker_of(reading, "不会用智能手机") == "眭长林"
    assert speaker_of(reading, "配一名健康助理") == "眭长林"
    assert speaker_of(reading, "一概不管") == "庹秀芝"


PRESS_CONFERENCE = """\
全市采暖季供热保障新闻发布会实录
主持人 籍雨眠（市政府新闻办副主任）：
各位记者朋友，下午好！下面进入提问环节。
央视记者：去年冬天不少老小区反映暖气不热，今年有什么改进？
发布人 蔺泽航：谢谢你的提问。去年的投诉有四成集中在老旧小区。
今年夏天，我们对87个老旧小区的庭院管网做了更换。
泠江日报记者：万一遇到管道爆裂，市民该找谁？
发布人 昝立峰：
市民可以拨打24小时供热服务热线。我们组建了42支抢修队。
"""


def test_a_press_conferences_speakers_keep_their_answers_over_several_paragraphs() -> None:
    reading = read(PRESS_CONFERENCE, "presser")
    assert speaker_of(reading, "四成集中在老旧小区") == "蔺泽航"
    assert speaker_of(reading, "庭院管网做了更换") == "蔺泽航"
    # A tag alone on its line: the answer under it is theirs.
    assert speaker_of(reading, "供热服务热线") == "昝立峰"
    assert speaker_of(reading, "今年有什么改进") is None


OUTLET_ASKS = """\
对话深穹智能CEO宿星澜：家务机器人最难的是别把碗摔了
**极弦科技：**今年人形机器人特别热，深穹为什么一直不做人形？
**宿星澜：**因为家里不需要一个会后空翻的机器人。
**极弦科技：**隐私问题怎么解决？毕竟摄像头装在别人家里。
**宿星澜：**原始画面默认只在本地处理，开关是物理的。
**极弦科技：**最后一个问题，你觉得有泡沫吗？
**宿星澜：**当然有。泡沫不可怕，可怕的是没人去修洗碗机。
"""


def test_an_outlet_asking_under_its_own_name_in_bold_is_the_asker() -> None:
    reading = read(OUTLET_ASKS, "outlet")
    assert speaker_of(reading, "会后空翻") == "宿星澜"
    # The outlet's turns all ask: its question is no one's answer, though it ends on 。
    assert speaker_of(reading, "摄像头装在别人家里") is None
    assert "极弦科技" not in {p.name for p in reading.people.values()}
    # The bold marks are no part of the words.
    assert any(v[2].startswith("原始画面") for v in voices(reading))


LIVE_INQUIRY = """\
区人大常委会专题询问图文直播
【10:31】
訾安川：下面我念一条市民提交的书面提问。市民扈怀玉写道：“我家楼下没有充电桩，电动车只能拉线充电，怎么办？”请区城市管理局回答。
【10:34】
雍若川：感谢这位市民的提问。今年区里在老旧小区新建了3600个充电车位。
"""


def test_words_a_host_reads_out_are_their_writers() -> None:
    reading = read(LIVE_INQUIRY, "inquiry")
    assert speaker_of(reading, "下面我念一条") == "訾安川"
    assert speaker_of(reading, "楼下没有充电桩") == "扈怀玉"
    # Asking for an answer says no one spoke: the host's words again.
    assert speaker_of(reading, "请区城市管理局回答") == "訾安川"
    assert speaker_of(reading, "3600个充电车位") == "雍若川"


HEALTH = """\
胃药能不能自己停？医生说清楚了
江城市第一人民医院消化内科主任医师濮怀川特别提醒，出现以下情况要及时就医：
1. 吞咽时有哽噎感或疼痛；
2. 体重短期内不明原因下降；
3. 出现黑便或呕血。

瑞锂新能2025年三季报主要数据
营业收入（亿元）　　　41.27　　　　-22.6%
（数据来源：公司公告，某某财经网整理）

对于业绩大幅下滑，华钧证券首席分析师宦海川认为，主要原因在于碳酸锂价格下跌。他预计，行业出清至少还需要两到三个季度。

北门资本经理Daniel Whitcombe（丹尼尔·惠特科姆）在接受采访时表示，他们看重公司的技术储备。

村党支部书记税永川告诉记者，合作社去年带动一百二十多户增收。仉正川说，主要是选址离居民区太远。
"""


def test_list_items_rare_surnames_and_bracketed_names() -> None:
    reading = read(HEALTH, "health")
    # The items of a list a speaker's words lead into are theirs.
    assert speaker_of(reading, "出现黑便或呕血") == "濮怀川"
    # A table's source line is nobody's, and no part of the paragraph under it.
    assert all("数据来源" not in v[2] for v in voices(reading))
    assert speaker_of(reading, "行业出清至少还需要") == "宦海川"
    # A Chinese name in brackets after a Latin one speaks as it would alone.
    assert speaker_of(reading, "看重公司的技术储备") == "丹尼尔·惠特科姆"
    # A surname the table lacks, right before a verb of saying; 居民区 is no title's.
    assert speaker_of(reading, "带动一百二十多户增收") == "税永川"
    assert "区太远" not in {p.name for p in reading.people.values()}


def test_what_someone_wrote_in_a_letter_is_theirs() -> None:
    page = "在高原上数苔藓的人\n教授应鹤川在1987年写给她的一封信里说：“做植物分类，急不得。”\n"
    reading = read(page, "letter")
    assert speaker_of(reading, "做植物分类") == "应鹤川"
