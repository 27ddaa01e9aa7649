"""Quote cutting: verbatim, whole sentences, and only a too-long sentence cut at clauses."""

from __future__ import annotations

from collections.abc import Callable

from fangtan.bot.engine.quotes import (
    LONG,
    TARGET,
    best_quote,
    lead_quote,
    tidy,
    without_lead_in,
    without_nested,
)

SENTENCES = [
    "冷链运输是生鲜电商的生命线。",
    "要在县城布局冷库，降低果蔬损耗，让农民的好产品卖出好价钱。",
    "应当建设冷链物流信息平台，打通产地仓与销地仓。",
    "这件事要一年一年地做下去，不能松劲。",
]
PARAGRAPH = "".join(SENTENCES)


def words(*wanted: str) -> Callable[[list[str]], list[float]]:
    def score(sentences: list[str]) -> list[float]:
        return [float(sum(w in sentence for w in wanted)) for sentence in sentences]

    return score


def test_best_quote_is_verbatim_whole_sentences_where_the_words_are() -> None:
    quote = best_quote(PARAGRAPH, words("信息平台"))
    assert quote in PARAGRAPH
    assert "信息平台" in quote
    assert quote.endswith("。")
    # Starts where a sentence starts: the text before it ends a sentence.
    before = PARAGRAPH[: PARAGRAPH.index(quote)]
    assert before == "" or before.endswith("。")


def test_short_sentence_gets_a_neighbour() -> None:
    quote = best_quote(PARAGRAPH, words("生命线"))
    assert quote.startswith(SENTENCES[0])
    assert len(quote) > len(SENTENCES[0])
    assert len(quote) <= TARGET


def test_long_sentence_is_cut_at_clause_boundaries() -> None:
    clauses = [f"第{n}条措施要落实到每一个乡镇和每一个村" for n in range(1, 13)]
    sentence = "，".join(clauses) + "。"
    assert len(sentence) > LONG
    quote = best_quote(sentence, words("第7条"))
    assert quote in sentence
    assert "第7条" in quote
    assert len(quote) <= TARGET
    assert any(quote.startswith(c) for c in clauses)
    assert not quote.endswith(("，", "、", "："))


def test_lead_quote_is_the_opening_sentences() -> None:
    quote = lead_quote(PARAGRAPH)
    assert quote.startswith(SENTENCES[0])
    assert quote in PARAGRAPH and quote.endswith("。")
    assert len(quote) <= TARGET


def test_a_quote_keeps_its_attribution_line() -> None:
    paragraph = "“种子是农业的芯片。”鲁启明说。他建议加快小麦育种攻关。"
    quote = best_quote(paragraph, words("芯片"))
    assert quote.startswith("“种子是农业的芯片。”鲁启明说。")


def test_tidy_drops_only_an_unpartnered_mark_at_an_end() -> None:
    assert tidy("种子是农业的芯片。”") == "种子是农业的芯片。"
    assert tidy("“种子是农业的芯片。”") == "“种子是农业的芯片。”"
    assert tidy("他说：“种子是芯片") == "他说：“种子是芯片"


def test_someone_elses_words_inside_a_quotation_are_left_out() -> None:
    text = "“那双鞋我到现在还留着。老师对我说：‘鞋上没泥，心里就没底。’后来我也这样带学生。”"
    assert without_nested(text) == "那双鞋我到现在还留着。"
    opening = "老师对我说：‘鞋上没泥，心里就没底。’后来我自己带学生，第一课也先让他们下田。"
    assert without_nested(opening) == "后来我自己带学生，第一课也先让他们下田。"
    assert without_nested("他说：‘好。’") == "他说：‘好。’"  # nothing of their own: whole
    assert without_nested("“我们要把服务送到楼下。”") == "“我们要把服务送到楼下。”"
    # An answer without quotation marks quotes others in “”: only a frame with 我 does.
    answer = "我的导师常说：“沙子不会听你讲道理。”这句话我记了一辈子，治沙得先摸透沙子的脾气。"
    assert without_nested(answer) == "这句话我记了一辈子，治沙得先摸透沙子的脾气。"
    own = "王某某说：“我们要把服务送到楼下。”"
    assert without_nested(own) == own


def test_the_reporters_lead_in_is_left_out_unless_it_holds_what_was_asked() -> None:
    said = "针对大家提出的问题，科长郁某某回应说，文旅部门今年将开展一次全面复核。"
    assert without_lead_in(said, "郁某某").startswith("科长郁某某回应说")
    topic = "关于物流体系，郁某某建议，要健全县乡村三级配送网络。"

    def asked(text: str) -> frozenset[str]:
        return frozenset({"物流"} if "物流" in text else set())

    assert without_lead_in(topic, "郁某某", asked) == topic
    assert without_lead_in("这事很重要，郁某某说。", "郁某某") == "这事很重要，郁某某说。"
    scene = "居民柏某某拉着记者看水龙头：“以前一到夏天，六楼就没水。”"
    assert without_lead_in(scene, "柏某某") == "“以前一到夏天，六楼就没水。”"


def test_a_reporter_s_question_before_a_traditional_page_s_speaker_is_cut() -> None:
    # Matched folded (稱 is 称), past a Latin name in brackets, cut from the text as written.
    quote = "被問到充電設施是否足夠，運輸署助理署長甘卓謙（Kenneth Kam）稱，署方已預留位置。"
    assert (
        without_lead_in(quote, "甘卓謙")
        == "運輸署助理署長甘卓謙（Kenneth Kam）稱，署方已預留位置。"
    )
    # The reporter asked first: what follows the verb is the answer, pause or none.
    asked = "記者問及會否強制所有小巴轉用電動車，岑穎儀表示現階段「不會一刀切」。"
    assert without_lead_in(asked, "岑穎儀") == "岑穎儀表示現階段「不會一刀切」。"
    # Their own quotation before the pronoun is theirs, not a lead-in.
    own = "「今日減排，明日就變成堆填區的問題。」她認為，政府應盡快立法規管退役電池。"
    assert without_lead_in(own, "游家蔚") == own
