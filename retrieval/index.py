"""The BM25 index over paragraph chunks.

Ranking is Okapi BM25 exactly as rank-bm25's ``BM25Okapi`` computes it (same
idf with its epsilon floor, same k1 and b), but scored from an inverted index
in numpy: only the postings of the question's terms are touched, so a
question costs the same whether the corpus has a hundred paragraphs or a
hundred thousand. Tests hold the scores equal to ``BM25Okapi.get_scores``.

How much of a question a passage answers is a separate number, *relevance*
(0–1): half the share of the question's term weight the passage contains,
half the share inside runs of adjacent question words it contains verbatim.
Its weights use an idf that is never floored (Okapi's floor makes a term in
half the corpus worth almost nothing, which is right for ranking but would
let a city's name alone look like a full answer). Relevance decides whether the
corpus answers at all and who else is close enough to the best to be named.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.normalize import normalize, squeeze
from fangtan.retrieval.records import Chunk, Corpus
from fangtan.retrieval.search import thesaurus
from fangtan.retrieval.search.expand import Alternative, Expander
from fangtan.retrieval.search.forms import Forms
from fangtan.retrieval.tokenize import Query, Tokenizer, is_content, quoted_terms

# BM25Okapi's parameters, chosen on the development questions: k1 = 1.2 lets
# one mention of a rare term outweigh repeats of common ones; b = 0.75 keeps
# long paragraphs fair; epsilon is rank-bm25's default idf floor.
K1 = 1.2
B = 0.75
EPSILON = 0.25
# Exact relevance (with verbatim spans) is computed for this many candidates,
# taken in order of term coverage and BM25 score.
CANDIDATES = 200
# Longest made-up word searched for the corpus words inside it.
MADE_UP_MAX = 8
# Made-up words a part may be found in before it counts as a mere fragment.
INSIDE_MAX = 200
# Term weights remembered (question words recur; the corpus vocabulary may be huge).
WEIGHT_CACHE = 100_000

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]


@dataclass(frozen=True)
class Hit:
    """A ranked chunk: BM25 ``score``, 0–1 ``relevance``, the terms it matched."""

    chunk: Chunk
    score: float
    relevance: float
    matched: frozenset[str]
    # The paragraph's own relevance, without its headline's lift and without
    # the speaker's own title: among equally relevant paragraphs, the one that
    # says the words itself is the better quote.
    own: float = 0.0
    # How fully each question term is in the paragraph (alternatives at their
    # credit); the share of weight they make is its coverage.
    credits: tuple[tuple[str, float], ...] = ()
    coverage: float = 0.0
    # Corpus words that stood in for question words the corpus lacks: (asked, alternative).
    alternates: tuple[tuple[str, Alternative], ...] = ()


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


def okapi_idf(doc_freq: npt.ArrayLike, size: int, epsilon: float = EPSILON) -> FloatArray:
    """rank-bm25's BM25Okapi idf: negative values become epsilon × the mean idf."""
    df = np.asarray(doc_freq, dtype=np.float64)
    idf = np.log(size - df + 0.5) - np.log(df + 0.5)
    if len(idf):
        idf[idf < 0] = epsilon * idf.mean()
    return idf


@dataclass(frozen=True)
class Postings:
    """The inverted index as flat arrays: what tokenising produces, and what is cached.

    ``docs[offsets[t]:offsets[t + 1]]`` are the chunks containing term ``t``
    (ascending) and ``tfs`` the same slice's term frequencies.
    """

    terms: tuple[str, ...]
    docs: IntArray
    tfs: IntArray
    offsets: npt.NDArray[np.int64]
    doc_len: IntArray

    @classmethod
    def build(
        cls,
        doc_tokens: Iterable[Sequence[str]],
        progress: Callable[[int], None] | None = None,
    ) -> Postings:
        term_ids: dict[str, int] = {}
        terms, docs, freqs = array("i"), array("i"), array("i")
        lengths = array("i")
        for doc_id, tokens in enumerate(doc_tokens):
            lengths.append(len(tokens))
            for term, tf in Counter(tokens).items():
                terms.append(term_ids.setdefault(term, len(term_ids)))
                docs.append(doc_id)
                freqs.append(tf)
            if progress is not None:
                progress(doc_id + 1)
        term_arr = np.frombuffer(terms, dtype=np.int32)
        order = np.argsort(term_arr, kind="stable")  # stable: doc ids stay sorted
        counts = np.bincount(term_arr, minlength=len(term_ids))
        return cls(
            terms=tuple(term_ids),
            docs=np.frombuffer(docs, dtype=np.int32)[order].copy(),
            tfs=np.frombuffer(freqs, dtype=np.int32)[order].copy(),
            offsets=np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
            doc_len=np.frombuffer(lengths, dtype=np.int32).copy(),
        )

    def check(self, documents: int) -> None:
        """Raise ValueError unless the arrays describe ``documents`` chunks consistently."""
        n = len(self.terms)
        if len(self.offsets) != n + 1 or len(self.doc_len) != documents:
            raise ValueError("postings do not match the corpus")
        if int(self.offsets[0]) != 0 or int(self.offsets[-1]) != len(self.docs):
            raise ValueError("postings offsets are inconsistent")
        if len(self.tfs) != len(self.docs) or np.any(np.diff(self.offsets) < 0):
            raise ValueError("postings offsets are inconsistent")
        if len(self.docs) and (int(self.docs.min()) < 0 or int(self.docs.max()) >= documents):
            raise ValueError("postings point outside the corpus")
        if len(self.tfs) and int(self.tfs.min()) < 1:
            raise ValueError("postings hold impossible term frequencies")
        if len(set(self.terms)) != n:
            raise ValueError("postings repeat a term")


class BM25Index:
    def __init__(
        self,
        corpus: Corpus,
        tokenizer: Tokenizer | None = None,
        postings: Postings | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Index ``corpus``; ready-made ``postings`` (from the cache) skip tokenising.

        ``progress`` is called with the number of chunks tokenised so far.
        """
        self.corpus = corpus
        self.tokenizer = tokenizer or Tokenizer(corpus_vocabulary(corpus))
        if postings is None:
            doc_tokens = (self.tokenizer.tokens(chunk.text) for chunk in corpus.chunks)
            postings = Postings.build(doc_tokens, progress)
        postings.check(len(corpus.chunks))
        self.postings_data = postings
        self._adopt(postings)
        self._inside = self._words_inside(postings.terms)
        self.doc_text = [squeeze(chunk.text) for chunk in corpus.chunks]
        # The question each answer replies to, squeezed once (empty outside Q&A).
        self.prompt_text = [
            squeeze(chunk.prompt) if chunk.prompt else "" for chunk in corpus.chunks
        ]
        self.headline_sets = [
            frozenset(self.tokenizer.tokens(i.headline)) for i in corpus.interviews
        ]
        self.headline_text = [squeeze(i.headline) for i in corpus.interviews]
        self._names = frozenset(
            normalize(n) for p in corpus.people.values() for n in (p.name, *p.aliases)
        )
        self._expander: Expander | None = None

    def _adopt(self, postings: Postings) -> None:
        self.term_ids: dict[str, int] = {term: i for i, term in enumerate(postings.terms)}
        self._docs = postings.docs
        self._tfs: FloatArray = postings.tfs.astype(np.float64)
        self._offsets = postings.offsets
        self.doc_len: FloatArray = postings.doc_len.astype(np.float64)
        self.size = len(self.doc_len)
        self.doc_freq = np.diff(postings.offsets)
        self.idf = okapi_idf(self.doc_freq, self.size)
        self._weights: dict[str, float] = {}
        avgdl = float(self.doc_len.mean()) if self.size else 1.0
        self._norm = K1 * (1 - B + B * self.doc_len / (avgdl or 1.0))

    def _words_inside(self, terms: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Corpus words found inside words jieba made up ("托育" inside "托育点").

        Search-mode cutting splits dictionary words into their parts, but a
        word jieba's guesser made up stays whole; a question about a part
        would never reach it. Maps each part that is itself a corpus word to
        the made-up words containing it.
        """
        inside: dict[str, list[str]] = {}
        for term in terms:
            if not 3 <= len(term) <= MADE_UP_MAX or self.tokenizer.in_dictionary(term):
                continue
            for size in range(2, len(term)):
                for start in range(len(term) - size + 1):
                    part = term[start : start + size]
                    if part in self.term_ids:
                        inside.setdefault(part, []).append(term)
        # A part inside very many made-up words is a generic fragment, not a topic.
        return {
            part: tuple(dict.fromkeys(words))
            for part, words in inside.items()
            if len(words) <= INSIDE_MAX
        }

    @property
    def expander(self) -> Expander:
        """Made on first need: most questions use only words the corpus has."""
        if self._expander is None:
            forms = Forms(
                self.term_ids, self.tokenizer.in_dictionary, exclude=self._names.__contains__
            )
            self._expander = Expander(
                forms,
                thesaurus.load,
                known=self.term_ids.__contains__,
                usable=lambda term: is_content(term) and term not in self._names,
            )
        return self._expander

    def expand(self, query: Query) -> Query:
        """``query`` with alternatives for each content term the corpus never uses."""
        found = tuple(
            (term, alternatives)
            for term in query.terms
            if term not in self.term_ids
            for alternatives in (self.expander.alternatives(term),)
            if alternatives
        )
        return replace(query, alternatives=found) if found else query

    def _chunks_with(self, term: str) -> IntArray:
        """Chunks where ``term`` occurs, on its own or inside a made-up word."""
        docs = self.postings(term)[0]
        for word in self._inside.get(term, ()):
            docs = np.union1d(docs, self.postings(word)[0])
        return docs

    def _occurs(self, term: str, doc_id: int) -> bool:
        return any(self._contains(w, doc_id) for w in (term, *self._inside.get(term, ())))

    # ------------------------------------------------------------ statistics

    def postings(self, term: str) -> tuple[IntArray, FloatArray]:
        """(doc ids ascending, term frequencies) of ``term``; empty if unknown."""
        tid = self.term_ids.get(term)
        if tid is None:
            empty = np.empty(0, dtype=np.int32)
            return empty, np.empty(0, dtype=np.float64)
        a, b = self._offsets[tid], self._offsets[tid + 1]
        return self._docs[a:b], self._tfs[a:b]

    def weight(self, term: str) -> float:
        """Unfloored idf; a term the corpus never uses weighs the most."""
        cached = self._weights.get(term)
        if cached is None:
            tid = self.term_ids.get(term)
            df = int(self.doc_freq[tid]) if tid is not None else 0
            cached = math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
            if len(self._weights) < WEIGHT_CACHE:
                self._weights[term] = cached
        return cached

    def known(self, terms: Iterable[str]) -> list[str]:
        return [t for t in terms if t in self.term_ids]

    def coverage(self, terms: Collection[str], present: Collection[str]) -> float:
        total = sum(self.weight(t) for t in terms)
        if not total:
            return 0.0
        return sum(self.weight(t) for t in terms if t in present) / total

    # --------------------------------------------------------------- scoring

    def get_scores(self, terms: Sequence[str]) -> FloatArray:
        """BM25Okapi scores of every chunk, equal to rank-bm25's ``get_scores``."""
        scores = np.zeros(self.size, dtype=np.float64)
        for term in terms:
            tid = self.term_ids.get(term)
            if tid is None:
                continue
            docs, tfs = self.postings(term)
            scores[docs] += self.idf[tid] * (tfs * (K1 + 1) / (tfs + self._norm[docs]))
        return scores

    def relevance(self, query: Query, doc_id: int) -> tuple[float, frozenset[str]]:
        """(relevance, matched terms) of one chunk for ``query``.

        A headline often names the topic in words its paragraphs paraphrase
        ("冰雪旅游" over "冰雪运动和旅游线路"), so a paragraph that matches the question at
        all is lifted halfway towards its headline's relevance.
        """
        credits = self.credits(query, lambda term: self._occurs(term, doc_id))
        own, matched = self._relevance(query, credits, self.doc_text[doc_id])
        if not matched:
            return own, matched
        chunk = self.corpus.chunks[doc_id]
        headline = self.headline_sets[chunk.interview_id]
        head, _ = self._relevance(
            query,
            self.credits(query, headline.__contains__),
            self.headline_text[chunk.interview_id],
        )
        best = max(own, (own + head) / 2)
        prompt = self.prompt_text[doc_id]
        if prompt:
            # An answer is about what it was asked: the question's words count for it.
            asked = self.credits(query, lambda term: term in prompt)
            both, _ = self._relevance(
                query, _best_of(credits, asked), self.doc_text[doc_id] + prompt
            )
            best = max(best, both)
        return best, matched

    def credits(self, query: Query, present: Callable[[str], bool]) -> dict[str, float]:
        """How fully each question term is there: 1 for itself, less for an alternative."""
        found: dict[str, float] = {}
        for term in query.terms:
            if present(term):
                found[term] = 1.0
                continue
            for alternative in query.alternatives_of(term):
                if present(alternative.term):
                    found[term] = alternative.credit
                    break
        return found

    def alternates(self, query: Query, doc_id: int) -> tuple[tuple[str, Alternative], ...]:
        """(question term, alternative) for each absent term an alternative stood in for."""
        used = []
        for term, alternatives in query.alternatives:
            if self._occurs(term, doc_id):
                continue
            for alternative in alternatives:
                if self._occurs(alternative.term, doc_id):
                    used.append((term, alternative))
                    break
        return tuple(used)

    def credits_in(self, query: Query, doc_id: int) -> dict[str, float]:
        """``credits`` of one chunk, by its tokens."""
        return self.credits(query, lambda term: self._occurs(term, doc_id))

    def text_relevance(self, query: Query, text: str) -> tuple[float, frozenset[str]]:
        """The same measure for any text, such as one sentence of a chunk.

        A term counts where its characters occur, without cutting the text
        into words: quotes are chosen among the sentences of a paragraph that
        already matched, and jieba on every sentence was most of an answer's
        time.
        """
        squeezed = squeeze(text)
        return self._relevance(query, self.credits(query, squeezed.__contains__), squeezed)

    def credential_relevance(
        self, query: Query, tokens: Collection[str], squeezed: str
    ) -> tuple[float, frozenset[str]]:
        """The measure for text tokenised in advance (a speaker's role and post)."""
        return self._relevance(query, self.credits(query, tokens.__contains__), squeezed)

    def own_relevance(self, query: Query, doc_id: int, matched: frozenset[str]) -> float:
        """Relevance of the paragraph's words alone, its speaker's title taken out."""
        chunk = self.corpus.chunks[doc_id]
        text = self.doc_text[doc_id]
        for title in (chunk.speaker.affiliation, chunk.speaker.organisation):
            if title:
                text = text.replace(squeeze(title), "")
        terms = set(query.terms)

        def present(word: str) -> bool:
            return word in text and (word in matched or word not in terms)

        return self._relevance(query, self.credits(query, present), text)[0]

    def _contains(self, term: str, doc_id: int) -> bool:
        docs, _ = self.postings(term)
        i = int(np.searchsorted(docs, doc_id))
        return i < len(docs) and int(docs[i]) == doc_id

    def _relevance(
        self, query: Query, credits: dict[str, float], text: str
    ) -> tuple[float, frozenset[str]]:
        """Half term coverage, half the term weight inside spans found verbatim.

        Coverage counts an alternative at its credit; spans are the
        question's own words side by side, so only they earn the second half.
        """
        in_spans: set[str] = set()
        for span, covered in query.spans:
            if span in text:
                in_spans.update(covered)
        credits = _best_of(credits, dict.fromkeys(in_spans, 1.0))
        matched = frozenset(credits)
        terms = query.terms
        return (self.credited(terms, credits) + self.coverage(terms, in_spans)) / 2, matched

    def credited(self, terms: Sequence[str], credits: dict[str, float]) -> float:
        """Share of the weight of ``terms`` that ``credits`` cover."""
        total = sum(self.weight(t) for t in terms)
        if not total:
            return 0.0
        return sum(self.weight(t) * credits.get(t, 0.0) for t in terms) / total

    def search(
        self, query: Query, allowed: Collection[int] | None = None, limit: int = CANDIDATES
    ) -> list[Hit]:
        """Chunks that match any term of ``query``, most relevant first.

        Term coverage and BM25 are computed for every chunk at once from the
        postings; the exact relevance only for the best ``limit`` of them.
        """
        if not query or not self.size:
            return []
        scores = self.get_scores(query.terms)
        covered = np.zeros(self.size, dtype=np.float64)
        for term in query.terms:
            covered[self._chunks_with(term)] += self.weight(term)
        for term, alternatives in query.alternatives:
            # An alternative counts at its credit, and only where no better one does.
            credit = np.zeros(self.size, dtype=np.float64)
            for alternative in alternatives:
                docs = self._chunks_with(alternative.term)
                credit[docs] = np.maximum(credit[docs], alternative.credit)
                scores += alternative.credit * self.get_scores((alternative.term,))
            covered += self.weight(term) * credit
        mask = covered > 0
        if allowed is not None:
            keep = np.zeros(self.size, dtype=bool)
            keep[np.fromiter(allowed, dtype=np.int64, count=len(allowed))] = True
            mask &= keep
        candidates = np.flatnonzero(mask)
        order = np.lexsort((candidates, -scores[candidates], -covered[candidates]))
        hits = []
        for doc_id in candidates[order][:limit].tolist():
            relevance, matched = self.relevance(query, doc_id)
            if matched:
                own = self.own_relevance(query, doc_id, matched)
                chunk = self.corpus.chunks[doc_id]
                credits = self.credits_in(query, doc_id)
                # A word jieba cuts off a phrase the paragraph says whole (城 of
                # 中原科技城) is there, though no token of the paragraph is it.
                credits.update((t, 1.0) for t in sorted(matched) if t not in credits)
                hit = Hit(
                    chunk,
                    float(scores[doc_id]),
                    relevance,
                    matched,
                    own,
                    tuple(credits.items()),
                    self.credited(query.terms, credits),
                    self.alternates(query, doc_id) if query.alternatives else (),
                )
                hits.append(hit)
        hits.sort(key=lambda h: (-h.relevance, -h.own, -h.score, h.chunk.id))
        return hits


def _best_of(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    merged = dict(first)
    for term, credit in second.items():
        merged[term] = max(credit, merged.get(term, 0.0))
    return merged
