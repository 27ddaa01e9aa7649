"""The BM25 index over paragraph chunks.

rank-bm25's ``BM25Okapi`` ranks. How much of a question a passage answers is
a separate number, *coverage*: the share of the question's term weight that
the passage contains, weighted with an idf that is never floored (Okapi's
floor makes a term in half the corpus worth almost nothing, which is right
for ranking but would let "郑州" alone look like a full answer). Coverage is
what decides whether the corpus answers at all and who else is close enough
to the best to be named.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from retrieval.normalize import squeeze
from retrieval.records import Chunk, Corpus
from retrieval.tokenize import Query, Tokenizer, quoted_terms

# Chosen on the development questions: a lower k1 lets one mention of a rare
# term outweigh repeated common ones; b near 0.75 keeps long paragraphs fair.
K1 = 1.2
B = 0.75
EPSILON = 0.25


@dataclass(frozen=True)
class Hit:
    """A ranked chunk. ``relevance`` (0–1) blends term and verbatim-span coverage."""

    chunk: Chunk
    score: float
    relevance: float
    matched: frozenset[str]


def corpus_vocabulary(corpus: Corpus) -> set[str]:
    """Names, organisations, posts and quoted terms, to keep whole in jieba."""
    words: set[str] = set()
    for interview in corpus.interviews:
        speaker = interview.speaker
        words.update(w for w in (speaker.name, speaker.organisation, speaker.post) if w)
        words.update(quoted_terms(interview.headline))
        for paragraph in interview.paragraphs:
            words.update(quoted_terms(paragraph))
    return words


class BM25Index:
    def __init__(self, corpus: Corpus, tokenizer: Tokenizer | None = None) -> None:
        self.corpus = corpus
        self.tokenizer = tokenizer or Tokenizer(corpus_vocabulary(corpus))
        self.doc_tokens = [self.tokenizer.tokens(chunk.text) for chunk in corpus.chunks]
        self.doc_text = [squeeze(chunk.text) for chunk in corpus.chunks]
        self.headline_sets = [
            frozenset(self.tokenizer.tokens(i.headline)) for i in corpus.interviews
        ]
        self.headline_text = [squeeze(i.headline) for i in corpus.interviews]
        self.doc_sets = [frozenset(tokens) for tokens in self.doc_tokens]
        self.doc_freq: Counter[str] = Counter()
        for tokens in self.doc_sets:
            self.doc_freq.update(tokens)
        # rank-bm25 divides by the corpus size, so an empty corpus gets no model.
        self._bm25 = (
            BM25Okapi(self.doc_tokens, k1=K1, b=B, epsilon=EPSILON) if self.doc_tokens else None
        )

    @property
    def size(self) -> int:
        return len(self.doc_tokens)

    def weight(self, term: str) -> float:
        """Unfloored idf; a term the corpus never uses weighs the most."""
        n = self.size
        df = self.doc_freq.get(term, 0)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def known(self, terms: Iterable[str]) -> list[str]:
        return [t for t in terms if t in self.doc_freq]

    def coverage(self, terms: Collection[str], present: Collection[str]) -> float:
        total = sum(self.weight(t) for t in terms)
        if not total:
            return 0.0
        return sum(self.weight(t) for t in terms if t in present) / total

    def relevance(self, query: Query, doc_id: int) -> tuple[float, frozenset[str]]:
        """(relevance, matched terms) of one chunk for ``query``.

        A headline often names the topic in words its paragraphs paraphrase
        ("县域电商" over "县级电商"), so a paragraph that matches the question at
        all is lifted halfway towards its headline's relevance.
        """
        own, matched = self._relevance(query, self.doc_sets[doc_id], self.doc_text[doc_id])
        if not matched:
            return own, matched
        interview = self.corpus.chunks[doc_id].interview_id
        head, _ = self._relevance(
            query, self.headline_sets[interview], self.headline_text[interview]
        )
        return max(own, (own + head) / 2), matched

    def text_relevance(self, query: Query, text: str) -> tuple[float, frozenset[str]]:
        """The same measure for any text, such as one sentence of a chunk."""
        return self._relevance(query, frozenset(self.tokenizer.tokens(text)), squeeze(text))

    def _relevance(
        self, query: Query, tokens: frozenset[str], text: str
    ) -> tuple[float, frozenset[str]]:
        """Half term coverage, half the term weight inside spans found verbatim.

        An exact phrase thus beats the same words scattered over a paragraph.
        """
        in_spans: set[str] = set()
        for span, covered in query.spans:
            if span in text:
                in_spans.update(covered)
        matched = frozenset((set(query.terms) & tokens) | in_spans)
        terms = query.terms
        return (self.coverage(terms, matched) + self.coverage(terms, in_spans)) / 2, matched

    def search(self, query: Query, allowed: Collection[int] | None = None) -> list[Hit]:
        """Chunks that match any term of ``query``, most relevant first."""
        if not query or self._bm25 is None:
            return []
        scores = self._bm25.get_scores(list(query.terms))
        hits = []
        for doc_id in range(self.size) if allowed is None else sorted(allowed):
            relevance, matched = self.relevance(query, doc_id)
            if not matched:
                continue
            hits.append(Hit(self.corpus.chunks[doc_id], float(scores[doc_id]), relevance, matched))
        hits.sort(key=lambda h: (-h.relevance, -h.score, h.chunk.id))
        return hits
