"""Searching the whole corpus for a question's words, and choosing what to show.

A who-question shows each chosen speaker's best paragraph; a topic question
the best paragraphs whoever said them. Either is a full answer when one
paragraph says the question's words, a partial one when a speaker's words
cover most of them, and no answer below that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property

from fangtan.bot.engine.answer import Answer, Context, Intent, Match, Miss, Quote, Via
from fangtan.bot.engine.intent import Reading
from fangtan.bot.engine.knowledge import (
    ANSWER_MIN,
    CLOSE,
    PER_ANSWER,
    Knowledge,
    answered,
    first_name,
    names_of,
)
from fangtan.retrieval.search.in_order import added
from fangtan.retrieval.search.index import BM25Index, Hit
from fangtan.retrieval.search.tokenize import Query

# Without a passage relevant enough, the best speaker's words together must
# cover this share of the question's weight (related words at their credit)
# for a partial answer; below it the corpus does not answer.
PARTIAL_MIN = 0.45
# The share of a question's weight a paragraph must say verbatim, side by side, for
# characters jieba cut apart to count as the word they make.
SPANNED_MIN = 0.75
# "还有谁" lists weaker mentions down to here; below it they are noise.
OTHERS_MIN = 0.3
# A who-question naming several things ("A的B") needs each speaker to touch every
# thing that carries at least this share of the question's weight.
PHRASE_SHARE = 0.3


class _Group:
    """One speaker's hits for a question, best first.

    A plain class: a common word's question has a hundred speakers, and a
    frozen dataclass's ``__init__`` (a ``object.__setattr__`` per field) and
    a ``best`` property read a hundred thousand times were a tenth of ranking.
    """

    def __init__(
        self, name: str | None, hits: tuple[Hit, ...], index: BM25Index, terms: tuple[str, ...]
    ) -> None:
        self.name = name
        self.hits = hits
        self.best = hits[0]
        self.index = index
        self.terms = terms
        if len(hits) == 1:
            # Most speakers of a common word's question have one hit: it covers
            # what it covers, and the property need not be worked out.
            self.coverage = hits[0].coverage

    @cached_property
    def coverage(self) -> float:
        """Share of the question's weight the speaker's matching passages cover together.

        Worked out only when no passage answers in full: a common word's
        question has a hundred speakers, and a full answer needs none of this.
        Hits holding the same words share their credits: each is counted once,
        and a speaker whose hits all share them covers what any one covers.
        """
        kinds = {id(h.credits): h for h in self.hits}
        if len(kinds) == 1:
            return self.best.coverage
        return self.index.credited(self.terms, _credits(kinds.values()))


# How many of a topic's best paragraphs are looked at for askers, to show PER_ANSWER.
ASKING_LOOKED_AT = 2 * PER_ANSWER


def ranked(k: Knowledge, question: str, reading: Reading, query: Query) -> Answer:
    """The answer the corpus's best paragraphs for ``query`` give, or why there is none."""
    allowed = k.allowed_chunks(reading.roles, reading.kinds)
    if allowed is not None and not len(allowed):
        # "专家们怎么看…" where nobody is one: say so, not that the words are missing.
        return k.miss(question, reading.intent, Miss.NO_MATCH)
    hits = k.index.search(query, allowed)
    topic = "、".join(query.phrases)
    made: dict[int, Quote] = {}

    def quoted(hit: Hit) -> Quote:
        """The quote ``hit`` shows, made once (whether it asks is seen from it)."""
        if hit.chunk_id not in made:
            made[hit.chunk_id] = k.quote(hit.chunk, query, hit.relevance)
        return made[hit.chunk_id]

    if not hits:
        unknown = tuple(p for p in query.phrases) or query.terms
        return k.miss(question, reading.intent, Miss.UNKNOWN_WORDS, topic, unknown)
    groups = _group(hits, k.index, query)
    # Full: a passage says the question's words, mostly side by side.
    # Otherwise partial: someone's words cover most of the question's
    # weight, though scattered or in related words.
    full = hits[0].relevance >= ANSWER_MIN
    if not any(map(worded, hits)):
        # A lone character matched means too many things to answer by.
        full, best_coverage = False, 0.0
    else:
        best_coverage = 0.0 if full else max(g.coverage for g in groups)
    if not full and best_coverage < PARTIAL_MIN:
        absent = tuple(p for p in query.phrases if not k.index.known(k.tokenizer.tokens(p)))
        return k.miss(question, reading.intent, Miss.WEAK, topic, absent)
    cut = max(ANSWER_MIN, CLOSE * hits[0].relevance)
    cover_cut = max(PARTIAL_MIN, CLOSE * best_coverage)
    if reading.intent is Intent.WHO:
        if full:
            chosen = [g for g in groups if g.best.relevance >= cut]
        else:
            chosen = sorted(
                (g for g in groups if g.coverage >= cover_cut),
                key=lambda g: (-g.coverage, -g.best.relevance, g.best.chunk_id),
            )
        chosen = [g for g in chosen if worded(g.best) and _touches_every_phrase(k.index, query, g)]
        if any(g.name for g in chosen):
            # The reporter's words are shown only when nobody's own words match.
            chosen = [g for g in chosen if g.name]
        else:
            # "某某长期关注医养结合。他说，……": the reporter tells what someone cares
            # about; who it is, is the person named who speaks in that paragraph.
            chosen = [_spoken_beside(g, k.index, query) or g for g in chosen]
            if not full and not any(g.name for g in chosen):
                chosen = []  # the reporter's words, in part or in related words: nobody's
        if not chosen:
            return k.miss(question, reading.intent, Miss.WEAK, topic)
        page, later = chosen[:PER_ANSWER], chosen[PER_ANSWER:]
        shown = [g.best for g in page]
        more = [g.best for g in later]
        more += [h for g in chosen for h in g.hits[1:] if h.relevance >= ANSWER_MIN]
        credited = [h for g in page for h in g.hits]
    else:
        if full:
            strong = [h for h in hits if h.relevance >= cut]
            weaker = [h for h in hits if ANSWER_MIN <= h.relevance < cut]
        else:
            strong = sorted(
                (h for h in hits if h.coverage >= cover_cut and worded(h)),
                key=lambda h: (-h.coverage, -h.relevance, h.chunk_id),
            )
            weaker = []
            if not strong:
                # The speaker's passages cover the question only together: show them
                # together, best first ("国外卡脖子的材料技术": one says 卡脖子, one 材料).
                named = [g for g in groups if g.name and g.coverage >= cover_cut]
                if named:
                    best = max(named, key=lambda g: g.coverage)
                    strong = _adding(h for h in best.hits if worded(h))
            if not strong:
                return k.miss(question, reading.intent, Miss.WEAK, topic)
        # People's own words answer first; the reporter's wait behind "更多".
        spoken = [h for h in strong if h.speaker.name]
        told = [h for h in strong if not h.speaker.name] if spoken else []
        # Someone asking the same ("请问一楼不同意，电梯是不是就装不成了？") answers
        # nothing, where another's words do: they wait behind "更多" too.
        # Only as many are looked at as are shown: each is quoted to see.
        answering: list[Hit] = []
        asking: list[Hit] = []
        for hit in spoken[:ASKING_LOOKED_AT]:
            if len(answering) == PER_ANSWER:
                break
            (asking if _asks(quoted(hit)) else answering).append(hit)
        if answering and asking:
            spoken = answering + spoken[len(answering) + len(asking) :]
            told = asking + told
        shown = (spoken or strong)[:PER_ANSWER]
        more = (spoken or strong)[PER_ANSWER:] + told + weaker
        credited = list(shown)
    shown_ids = {h.chunk_id for h in shown}
    shown_names = {h.speaker.name for h in shown}
    others = [
        g.name
        for g in groups
        if g.name
        and g.best.relevance >= OTHERS_MIN
        and g.best.chunk_id not in shown_ids
        and g.name not in shown_names
    ]
    quotes = tuple(quoted(h) for h in shown)
    context = Context(
        corpus_id=k.corpus_id,
        intent=reading.intent,
        terms=query.terms,
        focus=first_name(quotes),
        shown_chunks=tuple(shown_ids),
        shown_speakers=names_of(quotes),
        more_chunks=tuple(h.chunk_id for h in more if h.chunk_id not in shown_ids),
        other_speakers=tuple(others),
    )
    missing = missing_words(query, credited)
    return answered(
        question,
        reading.intent,
        quotes,
        context,
        topic=topic,
        matched=matched_words(shown),
        partial=bool(missing),
        missing=missing,
    )


def _asks(quote: Quote) -> bool:
    """Is ``quote`` a question (a poster's, a deputy's, a caller's)?"""
    return quote.text.rstrip("”」』\"' ").endswith(("？", "?"))


def worded(hit: Hit) -> bool:
    """Did ``hit`` match a word, not a lone character (去, 说) that means too many things?

    Characters jieba cut apart count as a word where the paragraph's own words hold
    them side by side as the question does (洗肾 of 去市区洗肾两次, cut 洗/肾): the
    half of relevance that spans earn is then most of the question's weight.
    """
    return any(len(t) > 1 for t in hit.matched) or 2 * hit.own - hit.coverage >= SPANNED_MIN


def _touches_every_phrase(index: BM25Index, query: Query, group: _Group) -> bool:
    """Does the speaker mention each weighty thing the question names, somewhere?

    "谁提到了夜间经济的治安问题？" is not answered by whoever mentions only
    夜间经济: every phrase carrying a fair share of the question's weight
    must be at least half there (by the weight of its words the corpus
    knows) in the speaker's matching paragraphs.
    """
    if len(query.phrase_terms) < 2:
        return True
    said = frozenset().union(*(h.matched for h in group.hits))
    total = added(index.weight(t) for t in query.terms) or 1.0
    for terms in query.phrase_terms:
        weight = added(index.weight(t) for t in terms)
        # Words the corpus never uses cannot be asked of anyone (typos, paraphrase).
        known = index.known(terms)
        if weight / total >= PHRASE_SHARE and known and index.coverage(known, said) < 0.5:
            return False
    return True


# How many chunks either side of a narration chunk may share its paragraph.
BESIDE = 4


def _spoken_beside(group: _Group, index: BM25Index, query: Query) -> _Group | None:
    """The speaker a narration hit names who speaks in the same paragraph, with that
    speaker's words there standing for the hit; None if it names no such speaker."""
    hit = group.best
    chunks = hit.chunks
    told = hit.chunk
    for number in range(max(0, hit.chunk_id - BESIDE), min(len(chunks), hit.chunk_id + BESIDE + 1)):
        beside = chunks[number]
        name = beside.speaker.name
        if (
            name
            and beside.paragraph == told.paragraph
            and beside.source == told.source
            and beside.headline == told.headline
            and name in told.text
        ):
            stand_in = replace(hit, chunk_id=number, speaker=beside.speaker)
            return _Group(name, (stand_in,), index, query.terms)
    return None


def _adding(hits: Iterable[Hit]) -> list[Hit]:
    """Of ``hits``, best first, those that match a word the ones before did not."""
    said: set[str] = set()
    kept = []
    for hit in hits:
        if not hit.matched <= said:
            kept.append(hit)
            said |= hit.matched
    return kept


def _group(hits: list[Hit], index: BM25Index, query: Query) -> list[_Group]:
    by_name: dict[str | None, list[Hit]] = {}
    for hit in hits:
        by_name.setdefault(hit.speaker.name, []).append(hit)
    groups = [_Group(name, tuple(group), index, query.terms) for name, group in by_name.items()]
    groups.sort(key=lambda g: (-g.best.relevance, -g.best.score, g.best.chunk_id))
    return groups


def _credits(hits: Iterable[Hit]) -> dict[str, float]:
    """The best credit each question term earns anywhere in ``hits``."""
    best: dict[str, float] = {}
    for hit in hits:
        for term, credit in hit.credits:
            best[term] = max(credit, best.get(term, 0.0))
    return best


def missing_words(query: Query, hits: Iterable[Hit]) -> tuple[str, ...]:
    """The question's words (as it spelled them) that none of ``hits`` matched."""
    credited = _credits(hits)
    # A piece of a word that matched as a whole (安全 of 食品安全 via 食安) is not missing.
    absent = [t for t in query.terms if t not in credited and not any(t in c for c in credited)]
    # Show whole words: a piece is missing only if nothing longer holding it is.
    return tuple(t for t in absent if not any(t != u and t in u for u in absent))


def matched_words(hits: Iterable[Hit]) -> tuple[Match, ...]:
    """What the shown passages matched: their own words, then stand-ins, longest words only."""
    exact: list[str] = []
    standing: list[Match] = []
    for hit in hits:
        stood = {asked for asked, _ in hit.alternates}
        exact.extend(t for t, credit in hit.credits if credit >= 1.0 and t not in stood)
        standing.extend(Match(a.term, asked, a.via) for asked, a in hit.alternates)
    words = list(dict.fromkeys(exact))
    words = [w for w in words if not any(w != u and w in u for u in words)]
    found = [Match(w, w, Via.EXACT) for w in words] + standing
    return tuple(dict.fromkeys(found))
