"""``Cutter`` makes jieba's word graph and best route exactly as jieba does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

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
