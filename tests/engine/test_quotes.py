"""Quote cutting: verbatim, whole sentences, and only a too-long sentence cut at clauses."""

from __future__ import annotations

from collections.abc import Callable

from fangtan.bot.engine.quotes import LONG, TARGET, best_quote, lead_quote, tidy

SENTENCES = [
    "冷链运输是生鲜电商的生命线。",
    "要在县城布局冷库，降低果蔬损耗，让农民的好产品卖出好价钱。",
    "应当建设冷链物流信息平台，打通产地仓与销地仓。",
    "这件事要一年一年地做下去，不能松劲。",
]
PARAGRAPH = "".join(SENTENCES)


def words(*wanted: str) -> Callable[[str], float]:
    def score(sentence: str) -> float:
        return float(sum(w in sentence for w in wanted))

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
