"""The numpy BM25 scorer against rank-bm25's own ``BM25Okapi``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.search.index import EPSILON, K1, B, BM25Index
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import write_corpus


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory: pytest.TempPathFactory) -> BM25Index:
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, paragraphs=1500, seed=3)
    return BM25Index(load_corpus(folder))


def reference(index: BM25Index) -> BM25Okapi:
    tokens = [index.tokenizer.tokens(chunk.text) for chunk in index.corpus.chunks]
    return BM25Okapi(tokens, k1=K1, b=B, epsilon=EPSILON)


def queries(index: BM25Index, count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    vocabulary = sorted(index.term_ids)
    common = sorted(index.term_ids, key=lambda t: -int(index.doc_freq[index.term_ids[t]]))[:50]
    out = []
    for _ in range(count):
        words = rng.sample(vocabulary, rng.randint(1, 4)) + rng.sample(common, 1)
        out.append([*words, "从未出现过的词"])
    return out


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_scores_equal_rank_bm25(
    which: str, seed_index: BM25Index, synthetic_index: BM25Index
) -> None:
    index = seed_index if which == "seed" else synthetic_index
    plain = reference(index)
    for terms in queries(index, 40, seed=11):
        ours = index.get_scores(terms)
        theirs = plain.get_scores(terms)
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
        top = list(np.argsort(-theirs, kind="stable")[:10])
        assert list(np.argsort(-ours, kind="stable")[:10]) == top


def test_idf_floor_matches(synthetic_index: BM25Index) -> None:
    plain = reference(synthetic_index)
    for term, tid in list(synthetic_index.term_ids.items())[:2000]:
        assert synthetic_index.idf[tid] == pytest.approx(plain.idf[term], rel=1e-12)


def test_search_ranks_by_relevance_then_score(seed_index: BM25Index) -> None:
    index = seed_index
    query = index.tokenizer.query("谁提到了政府工作报告？")
    hits = index.search(query)
    keys = [(-h.relevance, -h.score) for h in hits]
    assert keys == sorted(keys)
    assert {h.chunk.speaker.name for h in hits if h.relevance == 1.0} >= {"张乾坤", "代灿丽"}
    only = index.search(query, allowed=[hits[-1].chunk.id])
    assert [h.chunk.id for h in only] == [hits[-1].chunk.id]


def test_empty_corpus_index(tmp_path: Path) -> None:
    index = BM25Index(load_corpus(tmp_path))
    assert index.size == 0
    assert index.search(index.tokenizer.query("数据安全")) == []


def test_word_inside_a_made_up_word_is_found(tmp_path: Path) -> None:
    """jieba keeps a word its guesser made up whole; the corpus words inside it still count."""
    from fangtan.bot.engine.answering import Engine
    from tests.conftest import write

    page = (
        "托起幼有所育\n\n——访市人大代表周小禾\n\n"
        "周小禾建议，发展普惠托育，扩大托育服务供给。\n\n"
        "社区也有办法\n\n——访区人大代表吴大山\n\n"
        "吴大山说，要在小区里建设社区嵌入式托育点，方便双职工家庭。\n"
    )
    write(tmp_path, "page.txt", page)
    engine = Engine(BM25Index(load_corpus(tmp_path)))
    assert set(engine.answer("谁提到了托育？").speakers) == {"周小禾", "吴大山"}


def test_chunk_tables_from_columns_equal_those_from_chunks() -> None:
    from fangtan.retrieval.records import ChunkColumns
    from fangtan.retrieval.search.index import chunk_tables, corpus_chunk_tables

    titled = 0
    for root in (
        ROOT / "seeds",
        ROOT / "tests" / "articles" / "pages",
        ROOT / "tests" / "articles" / "shapes" / "pages",
    ):
        corpus = load_corpus(root)
        assert isinstance(corpus.chunks, ChunkColumns)
        index = BM25Index(corpus)
        fast = corpus_chunk_tables(corpus, index.doc_text, index.prompt_text)
        slow = chunk_tables(list(corpus.chunks), index.doc_text, index.prompt_text)
        assert fast.titled.tolist() == slow.titled.tolist()
        assert fast.interviews.tolist() == slow.interviews.tolist()
        assert fast.prompted.tolist() == slow.prompted.tolist()
        assert fast.titles == slow.titles
        titled += int(fast.titled.sum())
    assert titled > 0
