"""``Cutter`` makes jieba's word graph and best route exactly as jieba does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fangtan.retrieval.search import jieba_routes
from fangtan.retrieval.search.added_words import AddedWords
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.jieba_routes import Cutter
from tests.conftest import ROOT

jieba.setLogLevel(60)


def _sentences() -> list[str]:
    files = [*sorted((ROOT / "seeds").rglob("*.txt")), *sorted((ROOT / "tests").rglob("*.txt"))]
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(5)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]
    # Strings no dictionary has much of, and short ones: fallbacks and single paths.
    lines += ["".join(rng.choice(han) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    # Latin, digits, spaces, line ends and marks among the characters jieba cuts.
    mixed = [*han[:40], "a", "Z", "7", ".", "-", "%", "#", " ", "\t", "\r\n", "，", "“", "！", "😀"]
    lines += ["".join(rng.choice(mixed) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    return [line for line in lines if line]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[jieba.Tokenizer, Cutter]:
    stock = jieba.Tokenizer()
    stock.tmp_dir = str(tmp_path_factory.mktemp("jieba"))
    stock.initialize()
    cutter = Cutter()
    cutter.FREQ, cutter.total, cutter.initialized = stock.FREQ, stock.total, True
    return stock, cutter


def test_graph_and_route_are_jiebas_to_the_bit(pair: tuple[jieba.Tokenizer, Cutter]) -> None:
    _, cutter = pair
    for sentence in _sentences():
        graph = cutter.get_DAG(sentence)
        assert graph == jieba.Tokenizer.get_DAG(cutter, sentence)
        ours: dict[int, tuple[float, int]] = {}
        theirs: dict[int, tuple[float, int]] = {}
        cutter.calc(sentence, graph, ours)
        jieba.Tokenizer.calc(cutter, sentence, graph, theirs)
        assert ours == theirs
        made_elsewhere: dict[int, tuple[float, int]] = {}
        cutter.calc(sentence, dict(graph), made_elsewhere)  # a plain graph: jieba's way
        assert made_elsewhere == theirs


def test_a_route_found_without_the_graph_is_jiebas_to_the_bit(
    pair: tuple[jieba.Tokenizer, Cutter],
) -> None:
    _, cutter = pair
    for sentence in _sentences():
        unread = cutter.get_DAG(sentence)
        ours: dict[int, tuple[float, int]] = {}
        theirs: dict[int, tuple[float, int]] = {}
        cutter.calc(sentence, unread, ours)
        assert not unread.read  # the route was found in one pass, no graph made
        jieba.Tokenizer.calc(cutter, sentence, jieba.Tokenizer.get_DAG(cutter, sentence), theirs)
        assert ours == theirs


def test_cuts_are_jiebas(pair: tuple[jieba.Tokenizer, Cutter]) -> None:
    stock, cutter = pair
    for sentence in _sentences():
        assert cutter.lcut_for_search(sentence) == stock.lcut_for_search(sentence)
        assert cutter.lcut_for_search(sentence, HMM=False) == stock.lcut_for_search(
            sentence, HMM=False
        )
        assert cutter.lcut(sentence) == stock.lcut(sentence)
        assert cutter.lcut(sentence.encode()) == stock.lcut(sentence.encode())
        assert list(cutter.cut(sentence, HMM=False)) == list(stock.cut(sentence, HMM=False))
        assert list(cutter.cut(sentence)) == list(stock.cut(sentence))
        # jieba's own methods that cut through ``cut``.
        assert list(cutter.cut_for_search(sentence)) == list(stock.cut_for_search(sentence))
        if 2 <= len(sentence) <= 8:
            assert cutter.suggest_freq(sentence) == stock.suggest_freq(sentence)
        assert cutter.lcut(sentence, HMM=False) == stock.lcut(sentence, HMM=False)
        assert cutter.lcut(sentence, cut_all=True) == stock.lcut(sentence, cut_all=True)
        assert list(cutter.cut(sentence, cut_all=True)) == list(stock.cut(sentence, cut_all=True))


def test_ties_go_to_the_later_end_as_with_max(tmp_path: Path) -> None:
    # Every word once and a total of one: every route scores 0, so all are tied.
    cutter = Cutter()
    words = ["甲", "乙", "丙", "甲乙", "乙丙", "甲乙丙"]
    cutter.FREQ = {w: 1 for w in words}  # every prefix of a word is a word here
    cutter.total, cutter.initialized = 1, True
    for sentence in ["甲乙丙", "乙丙甲", "甲乙甲乙丙丙", "丁甲乙"]:
        graph = cutter.get_DAG(sentence)
        ours: dict[int, tuple[float, int]] = {}
        theirs: dict[int, tuple[float, int]] = {}
        cutter.calc(sentence, graph, ours)
        jieba.Tokenizer.calc(cutter, sentence, graph, theirs)
        assert ours == theirs
    route: dict[int, tuple[float, int]] = {}
    cutter.calc("甲乙丙", cutter.get_DAG("甲乙丙"), route)
    assert route[0] == (0.0, 2)  # the longest word, of three tied routes


def _copy(stock: jieba.Tokenizer, into: jieba.Tokenizer) -> jieba.Tokenizer:
    into.FREQ, into.total, into.initialized = dict(stock.FREQ), stock.total, True
    return into


def _looking_up_after(
    chars: int, pair: tuple[jieba.Tokenizer, Cutter], monkeypatch: pytest.MonkeyPatch
) -> tuple[jieba.Tokenizer, Cutter]:
    """jieba's tokenizer, and a Cutter of its words making its table after ``chars``."""
    monkeypatch.setattr(jieba_routes, "LOGS_AFTER", chars)
    return pair[0], _copy(pair[0], Cutter())


def test_routes_with_log_probabilities_looked_up_are_jiebas_to_the_bit(
    pair: tuple[jieba.Tokenizer, Cutter], monkeypatch: pytest.MonkeyPatch
) -> None:
    stock, cutter = _looking_up_after(0, pair, monkeypatch)
    for sentence in _sentences():
        ours: dict[int, tuple[float, int]] = {}
        theirs: dict[int, tuple[float, int]] = {}
        cutter.calc(sentence, cutter.get_DAG(sentence), ours)
        jieba.Tokenizer.calc(cutter, sentence, jieba.Tokenizer.get_DAG(cutter, sentence), theirs)
        assert ours == theirs
        assert cutter.lcut_for_search(sentence) == stock.lcut_for_search(sentence)
        assert cutter.lcut(sentence, HMM=False) == stock.lcut(sentence, HMM=False)
    assert cutter._logs is not None  # they were looked up


def test_the_table_of_log_probabilities_waits_for_enough_text(
    pair: tuple[jieba.Tokenizer, Cutter], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, cutter = _looking_up_after(20, pair, monkeypatch)
    cutter.lcut("今天天气很好")
    assert cutter._logs is None  # 6 characters: worked out as jieba does
    cutter.lcut("我们在野生动物园玩得很开心而且学到很多")
    assert cutter._logs is not None
    cutter.add_word("天气很好", 50)
    cutter.lcut("今天天气很好")
    assert cutter._logs is None  # the dictionary changed: counted again


def test_the_table_of_log_probabilities_follows_every_change_to_the_dictionary(
    pair: tuple[jieba.Tokenizer, Cutter], monkeypatch: pytest.MonkeyPatch
) -> None:
    stock_words, _ = pair
    monkeypatch.setattr(jieba_routes, "LOGS_AFTER", 0)
    stock = _copy(stock_words, jieba.Tokenizer())
    cutter = _copy(stock_words, Cutter())
    sentences = ["研究生命起源", "他说洪梓涵教授来了", "结婚的和尚未结婚的", "南京市长江大桥"]

    def same() -> None:
        for sentence in sentences:
            assert cutter.lcut(sentence) == stock.lcut(sentence)
            assert cutter.lcut_for_search(sentence, HMM=False) == stock.lcut_for_search(
                sentence, HMM=False
            )

    same()
    for tokenizer in (stock, cutter):
        tokenizer.add_word("洪梓涵", 500)  # a new word: the total grows
    same()
    for tokenizer in (stock, cutter):
        tokenizer.del_word("长江大桥")  # set to 0: neither the size nor the total changes
    same()
    added = AddedWords(words=("尚未结婚",), freqs=(80_000,), parts=("",))
    for tokenizer in (stock, cutter):
        added.apply(tokenizer)  # straight into the dictionary, as a corpus's words are
    same()
    before = stock.lcut("研究生命起源")
    replaced = dict(stock.FREQ)
    replaced["研究生"] = 10_000_000  # a word there: the same size
    for tokenizer in (stock, cutter):
        tokenizer.FREQ = dict(replaced)  # another dictionary, of the same size and total
    assert stock.lcut("研究生命起源") != before
    same()


def test_a_table_made_for_text_about_to_be_cut_is_dropped_after(
    pair: tuple[jieba.Tokenizer, Cutter], monkeypatch: pytest.MonkeyPatch
) -> None:
    stock, cutter = _looking_up_after(1000, pair, monkeypatch)
    with cutter.cutting(10):
        assert cutter._logs is None  # too little to cut
    with cutter.cutting(5000):
        assert cutter._logs is not None  # made before anything is cut
        for sentence in _sentences()[:200]:
            assert cutter.lcut_for_search(sentence) == stock.lcut_for_search(sentence)
    assert cutter._logs is None
    cutter.lcut("今天天气很好")
    assert cutter._logs is None  # the characters announced were not counted as cut here
