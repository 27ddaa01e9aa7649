"""``BM25Index.search`` against its definition, worked out one chunk at a time.

The search ranks every matching chunk and works out relevance for the best
of them across all of them at once; whatever it does to be quick, each hit
must equal what the plain per-chunk measures give, to the last bit: the
same chunks, in the same order, with the same scores, relevance, own
relevance, matched terms, credits, coverage and alternatives.
"""

from __future__ import annotations

import json
import random
import re
import sys

import numpy as np
import pytest

from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.search.index import CANDIDATES, K1, BM25Index, Hit
from fangtan.retrieval.search.normalize import squeeze
from fangtan.retrieval.search.tokenize import Query
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import load_vocabulary, write_corpus

BANDS = ((1, 10), (10, 100), (100, 1_000), (1_000, 10_000), (10_000, 1 << 62))
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def reference(
    index: BM25Index, query: Query, allowed: list[int] | None = None, limit: int = CANDIDATES
) -> list[Hit]:
    """The search as defined: every chunk scored densely, each hit measured on its own."""
    if not query or not index.size:
        return []
    scores = np.zeros(index.size)
    covered = np.zeros(index.size)

    def bm25(term: str, factor: float | None = None) -> None:
        tid = index.term_ids.get(term)
        if tid is not None:
            docs, tfs = index.postings(term)
            part = index.idf[tid] * (tfs * (K1 + 1) / (tfs + index.scoring.norm[docs]))
            scores[docs] += part if factor is None else factor * part

    for term in query.terms:
        bm25(term)
        covered[index._chunks_with(term)] += index.weight(term)
    for term, alternatives in query.alternatives:
        credit = np.zeros(index.size)
        for alternative in alternatives:
            bm25(alternative.term, alternative.credit)
            docs = index._chunks_with(alternative.term)
            credit[docs] = np.maximum(credit[docs], alternative.credit)
        there = credit > 0
        covered[there] += index.weight(term) * credit[there]
    matching = [d for d in np.flatnonzero(covered > 0).tolist() if allowed is None or d in allowed]
    matching.sort(key=lambda d: (-covered[d], -scores[d], d))
    hits = [hit(index, query, d, float(scores[d])) for d in matching[:limit]]
    found = [h for h in hits if h is not None]
    return sorted(found, key=lambda h: (-h.relevance, -h.own, -h.score, h.chunk_id))


def hit(index: BM25Index, query: Query, doc_id: int, score: float) -> Hit | None:
    relevance, matched = index.relevance(query, doc_id)
    if not matched:
        return None
    text = index.doc_text[doc_id]
    chunk = index.corpus.chunks[doc_id]
    found = index.credits(query, lambda term: index._occurs(term, doc_id))
    spanned = {w for span, covered in query.spans if span in text for w in covered}
    matched_terms = frozenset(found) | spanned
    assert matched_terms == matched
    # The paragraph's own words: its speaker's title out, a term only where the paragraph has it.
    untitled = text
    for title in (chunk.speaker.affiliation, chunk.speaker.organisation):
        if title:
            untitled = untitled.replace(squeeze(title), "")
    said = set(found) | spanned

    def in_own(word: str) -> bool:
        return word in untitled and (word not in query.terms or word in said)

    own, _ = index._relevance(query, index.credits(query, in_own), untitled)
    credits = dict(found)
    credits.update((t, 1.0) for t in sorted(matched_terms.difference(found)))
    alternates = []
    for term, alternatives in query.alternatives:
        if index._occurs(term, doc_id):
            continue
        for alternative in alternatives:
            if index._occurs(alternative.term, doc_id):
                alternates.append((term, alternative))
                break
    return Hit(
        chunk.id,
        chunk.speaker,
        score,
        relevance,
        matched_terms,
        own,
        tuple(credits.items()),
        index.credited(query.terms, credits),
        tuple(alternates),
    )


def banded_questions(index: BM25Index, count: int, seed: int) -> list[str]:
    """Questions as the benchmark makes them: words from five document-frequency bands."""
    rng = random.Random(seed)
    words = [w for w in index.term_ids if CJK_WORD.match(w)]
    by_band: list[list[str]] = [[] for _ in BANDS]
    for word in words:
        df = int(index.doc_freq[index.term_ids[word]])
        for n, (low, high) in enumerate(BANDS):
            if low <= df < high:
                by_band[n].append(word)
    # Words of the dictionary the corpus lacks, with stand-ins it has: alternatives.
    absent = [
        w
        for w in load_vocabulary()[0][::20]
        if w not in index.term_ids and index.expander.alternatives(w)
    ][:300]
    questions = []
    for n in range(count):
        band = by_band[n % len(BANDS)] or words
        first, second = rng.choice(band), rng.choice(band)
        if n % 3 == 2:
            second = rng.choice(absent)
        questions.append(f"谁提到了{first}{second}？" if n % 2 else f"{first}{second}")
    return questions


def assert_same(index: BM25Index, questions: list[str], seed: int) -> None:
    rng = random.Random(seed)
    known = index.term_ids.__contains__
    for question in questions:
        query = index.expand(index.tokenizer.query(question, known=known))
        expected = reference(index, query)
        assert index.search(query) == expected, question
        # A narrower search: fewer candidates, some chunks only.
        allowed = sorted(rng.sample(range(index.size), min(index.size, 40)))
        allowed += [h.chunk_id for h in expected[::3]]
        assert index.search(query, allowed, 30) == reference(index, query, allowed, 30), question


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory: pytest.TempPathFactory) -> BM25Index:
    folder = tmp_path_factory.mktemp("exact")
    write_corpus(folder, paragraphs=3000, seed=5)
    return BM25Index(load_corpus(folder))


def test_banded_questions_equal_the_definition(synthetic_index: BM25Index) -> None:
    questions = banded_questions(synthetic_index, 300, seed=7)
    assert_same(synthetic_index, questions, seed=1)


OWN = ROOT / "tests" / "articles"
EVAL = SHARED / "eval"
EVAL_SETS = {
    "seeds": (ROOT / "seeds", [EVAL / "dev_questions.jsonl", EVAL / "natural_dev.jsonl"]),
    "own": (OWN / "pages", [OWN / "questions.jsonl"]),
    "shapes": (OWN / "shapes" / "pages", [OWN / "shapes" / "questions.jsonl"]),
    "formats": (EVAL / "formats", [EVAL / "format_questions.jsonl"]),
}


@pytest.mark.parametrize("name", sorted(EVAL_SETS))
def test_eval_questions_equal_the_definition(name: str) -> None:
    """Real pages bring in what the synthetic ones lack: answers to prompts, titles, spans."""
    folder, files = EVAL_SETS[name]
    if not folder.exists():
        pytest.skip(f"{folder} is not beside this checkout")
    index = BM25Index(load_corpus(folder))
    questions = [
        json.loads(line)["q"]
        for path in files
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    words = [w for w in index.term_ids if CJK_WORD.match(w)]
    rng = random.Random(3)
    questions += [f"{rng.choice(words)}{rng.choice(words)}" for _ in range(100)]
    assert_same(index, questions, seed=2)


def test_alternatives_are_exercised(synthetic_index: BM25Index) -> None:
    """The questions above do reach the alternatives, prompts and titles paths."""
    known = synthetic_index.term_ids.__contains__
    queries = [
        synthetic_index.expand(synthetic_index.tokenizer.query(q, known=known))
        for q in banded_questions(synthetic_index, 300, seed=7)
    ]
    assert sum(bool(q.alternatives) for q in queries) >= 50
