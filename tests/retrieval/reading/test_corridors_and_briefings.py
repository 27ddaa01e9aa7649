"""A members' corridor blog whose headings name each speaker, a ministry's briefing whose
untagged answers are its spokesperson's, and a name of four characters with a compound
surname that the page always writes whole. Every person is invented."""

from __future__ import annotations

from fangtan.retrieval.reading.reader import read
from tests.retrieval.test_reading import speaker_of

CORRIDOR = """\
两会直播 | 第二场“委员通道”文字实录
2025-03-08 09:45:12　来源：澜江新闻网　编辑：晏书禾

3月8日上午，第二场“委员通道”开启。两位全国政协委员接受采访，以下为文字直播实录。

【委员通道】全国政协委员冼卓言：让深海装备不再“卡脖子”
我在研究所干了二十六年，过去我们的浮力材料全靠进口，人家一断供，项目就得停下来等。
我想对年轻的科研人员说，坐得住冷板凳，才能等到出海的那一天。

【委员通道】全国政协委员麦若澄：山里的孩子也该有好的体育课
我是一名乡村小学校长，以前我们没有专职体育老师，体育课经常被占。
我建议，通过“县域走校”的办法，让体育老师在几所学校之间轮流上课。

【直播中】9:38 第二场“委员通道”结束。
"""


def test_a_heading_naming_who_speaks_gives_them_the_words_under_it() -> None:
    reading = read(CORRIDOR, "corridor")
    assert speaker_of(reading, "人家一断供") == "冼卓言"
    assert speaker_of(reading, "坐得住冷板凳") == "冼卓言"
    assert speaker_of(reading, "体育课经常被占") == "麦若澄"
    assert speaker_of(reading, "县域走校") == "麦若澄"
    # The blog's own closing line speaks as nobody.
    assert speaker_of(reading, "第二场“委员通道”结束") is None
    people = {p.name: p for p in reading.people.values()}
    assert any("全国政协委员" in fact for _, fact, _, _ in people["麦若澄"].facts)


BRIEFING = """\
某部2025年第二季度例行新闻发布会实录
发布时间：2025-04-24 12:15　来源：某部新闻办公室

4月24日上午，某部召开例行新闻发布会，并回答记者提问。

出席人员：
新闻发言人、办公厅副主任 邝一诺
耕地保护监督司司长 姜半山

主持人：各位记者朋友，上午好。下面开始提问。

新华社记者：今年一季度耕地问题整改进展如何？

答：我想强调的是，整改不是拍照交差，要真正恢复耕种条件。

姜司长：我补充一点，基层反映最多的问题是补充耕地质量不高。

南方都市报记者：城里人能去农村买宅基地吗？

答：城镇居民到农村购买宅基地是不允许的，这个政策没有变化。
"""


def test_a_briefings_untagged_answers_are_its_spokespersons() -> None:
    reading = read(BRIEFING, "briefing")
    assert speaker_of(reading, "整改不是拍照交差") == "邝一诺"
    assert speaker_of(reading, "补充耕地质量不高") == "姜半山"
    assert speaker_of(reading, "购买宅基地是不允许的") == "邝一诺"
    assert speaker_of(reading, "城里人能去农村买宅基地吗") is None


def test_a_compound_surnames_four_character_name_is_read_whole() -> None:
    text = (
        "特區政府推動社區經濟\n"
        "經濟財政司司長司徒望川今日在局長苗春生陪同下，到北區視察。\n"
        "司徒望川表示，特區政府高度重視社區經濟。\n"
        "司徒望川又提到，「我們不會用補貼代替轉型。」\n"
    )
    reading = read(text, "release")
    names = {p.name for p in reading.people.values()}
    assert "司徒望川" in names and "司徒望" not in names
    assert speaker_of(reading, "不會用補貼代替轉型") == "司徒望川"


def test_figures_so_far_carry_on_the_speaker_of_the_paragraph() -> None:
    text = (
        "部长通道\n"
        "谈到小型水库的安全问题，部长褚南枝坦言，小型水库是防汛的薄弱环节。截至去年底，"
        "全国已完成两万座病险水库的除险加固。\n"
        "截至目前，今年全国已有十二个省份进入主汛期。\n"
    )
    reading = read(text, "corridor")
    assert speaker_of(reading, "两万座病险水库") == "褚南枝"
    assert speaker_of(reading, "十二个省份进入主汛期") is None  # nobody speaking there
