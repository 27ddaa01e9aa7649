"""An index with one file's rows replaced: what a rebuild after editing one file needs.

Merging every file's token entries again costs seconds at a hundred thousand
paragraphs, though all but one file gave the same rows. A file's chunks and
interviews are runs of the index's rows (see ``layout``), so its postings
and table rows are taken out and its new ones put in, everything after it
shifted. The result is the very index a build from scratch makes: terms are
numbered in the order a pass over the files meets them, which only the
terms the file starts or stops using can change, and the tables number
their headline words and titles in the same first-met order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.search.index import ChunkTables, Counts, IntArray, Postings
from fangtan.retrieval.search.layout import FileLayout
from fangtan.retrieval.search.tables import Headlines, Tables, Titles, WordsInside

Numbers = npt.NDArray[np.int64]


@dataclass(frozen=True)
class FileRows:
    """One file's rows as they are now: its tokens (as a token entry holds them) and the
    tables' rows of its chunks (interviews numbered as the corpus numbers them now)."""

    terms: tuple[str, ...]  # in the order the file first uses them
    entries: IntArray  # per chunk: how many (term, tf) pairs
    term_ids: IntArray
    freqs: IntArray
    lengths: IntArray
    headlines: tuple[tuple[str, ...], ...]
    tables: ChunkTables


@dataclass(frozen=True)
class _Numbering:
    """The terms after the splice: old and file-local numbers to new ones (-1: gone)."""

    old: Numbers
    local: Numbers
    count: int
    unchanged: bool  # the same terms, numbered the same
    fresh: tuple[str, ...]  # terms no file used before, numbered ``count_before + i``
    order: Numbers  # new number -> number among the old terms then ``fresh``


def splice(
    old: Postings,
    layout: FileLayout,
    number: int,
    rows: FileRows,
    terms_of: Callable[[int], Sequence[str] | None],
    in_dictionary: Callable[[str], bool],
) -> Postings | None:
    """``old`` (with its tables) with file ``number``'s rows replaced by ``rows``.

    ``terms_of(j)`` gives file ``j``'s terms in the order it first uses them,
    needed only when a term the file stopped using is next met in file ``j``;
    None when it cannot give them, and then so does this.
    """
    tables = old.tables
    if tables is None:
        return None
    starts = layout.chunk_starts()
    first, end = int(starts[number]), int(starts[number + 1])
    numbering = _number_terms(old, starts, number, rows.terms, terms_of)
    if numbering is None:
        return None
    shift = len(rows.lengths) - (end - first)
    docs, tfs, offsets = _postings(old, numbering, first, end, shift, rows)
    doc_len = np.concatenate((old.doc_len[:first], rows.lengths, old.doc_len[end:]))
    terms = _terms(old.terms, numbering)
    interview_starts = layout.interview_starts()
    start, stop = int(interview_starts[number]), int(interview_starts[number + 1])
    moved = len(rows.headlines) - (stop - start)
    if numbering.unchanged:
        inside = tables.inside
    else:
        term_ids = dict(zip(terms, range(len(terms)), strict=True))
        inside = WordsInside.find(terms, term_ids, in_dictionary)
    table = rows.tables
    new_tables = Tables(
        _headlines(old, numbering, start, stop, rows.headlines),
        inside,
        np.concatenate((tables.titled[:first], table.titled, tables.titled[end:])),
        np.concatenate(
            (tables.interviews[:first], table.interviews, tables.interviews[end:] + moved)
        ).astype(np.int32),
        np.concatenate((tables.prompted[:first], table.prompted, tables.prompted[end:])),
        _titles(tables.titles, first, end, table.titles),
    )
    return Postings(terms, docs, tfs, offsets, doc_len.astype(np.int32), (), new_tables)


def _number_terms(
    old: Postings,
    starts: Numbers,
    number: int,
    local: tuple[str, ...],
    terms_of: Callable[[int], Sequence[str] | None],
) -> _Numbering | None:
    """Number the terms as a pass over the files would: by the file that first uses
    each, then by where that file first uses it."""
    count = len(old.terms)
    per_term = np.diff(old.offsets)
    if count and int(per_term.min()) < 1:
        return None  # a term without postings: no build makes one
    end = int(starts[number + 1])
    first_doc = old.docs[old.offsets[:-1]]
    first_file = np.searchsorted(starts, first_doc, side="right").astype(np.int64) - 1
    ids = old.term_ids
    known = np.fromiter((ids.get(t, -1) for t in local), dtype=np.int64, count=len(local))
    here = known >= 0
    # Order key: (file first using the term, its place there). Within a file that keeps
    # its terms, the old numbers are in that order already.
    by_file = first_file.copy()
    place = np.arange(count, dtype=np.int64)
    uses = np.zeros(count, dtype=bool)
    uses[known[here]] = True
    receivers: set[int] = set()
    # Terms the file introduced and no longer uses: introduced by the next file using them.
    for term in np.flatnonzero((first_file == number) & ~uses).tolist():
        docs = old.docs[old.offsets[term] : old.offsets[term + 1]]
        at = int(np.searchsorted(docs, end))
        if at == len(docs):
            by_file[term] = -1
        else:
            by_file[term] = int(np.searchsorted(starts, docs[at], side="right")) - 1
            receivers.add(int(by_file[term]))
    # Terms the file uses that no earlier file does: introduced here, in its order.
    positions = np.arange(len(local), dtype=np.int64)
    ours = here.copy()
    ours[here] = first_file[known[here]] >= number
    by_file[known[ours]] = number
    place[known[ours]] = positions[ours]
    for receiver in sorted(receivers):
        theirs = terms_of(receiver)
        if theirs is None:
            return None
        where = {term: at for at, term in enumerate(theirs)}
        for term in np.flatnonzero(by_file == receiver).tolist():
            found = where.get(old.terms[term])
            if found is None:
                return None
            place[term] = found
    fresh = tuple(t for t, seen in zip(local, here.tolist(), strict=True) if not seen)
    by_file = np.concatenate((by_file, np.full(len(fresh), number, dtype=np.int64)))
    place = np.concatenate((place, positions[~here]))
    alive = np.flatnonzero(by_file >= 0)
    order = alive[np.lexsort((place[alive], by_file[alive]))]
    new = np.full(count + len(fresh), -1, dtype=np.int64)
    new[order] = np.arange(len(order), dtype=np.int64)
    local_new = np.empty(len(local), dtype=np.int64)
    local_new[here] = new[known[here]]
    local_new[~here] = new[count:]
    unchanged = len(order) == count and bool(np.array_equal(order, np.arange(count)))
    return _Numbering(new[:count], local_new, len(order), unchanged, fresh, order)


def _postings(
    old: Postings, numbering: _Numbering, first: int, end: int, shift: int, rows: FileRows
) -> tuple[IntArray, Counts, Numbers]:
    """The postings without the file's old rows, with its new ones, sorted as a build sorts."""
    new_terms = numbering.local[rows.term_ids]
    new_docs = first + np.repeat(np.arange(len(rows.lengths), dtype=np.int64), rows.entries)
    order = np.lexsort((new_docs, new_terms))
    new_terms, new_docs, new_tfs = new_terms[order], new_docs[order], rows.freqs[order]
    kept = numbering.old >= 0
    if bool(np.all(np.diff(numbering.old[kept]) > 0)):
        return _spliced(old, numbering, first, end, shift, (new_terms, new_docs, new_tfs))
    # Terms the file started or stopped using moved others: the rows are sorted again.
    count = len(old.terms)
    row_term = np.repeat(np.arange(count, dtype=np.int32), np.diff(old.offsets))
    docs = old.docs
    keep = (docs < first) | (docs >= end)
    kept_docs = docs[keep].astype(np.int32)
    kept_docs[kept_docs >= end] += shift
    terms = np.concatenate((numbering.old[row_term[keep]], new_terms))
    all_docs = np.concatenate((kept_docs, new_docs.astype(np.int32)))
    all_tfs = np.concatenate((old.tfs[keep].astype(np.int32), new_tfs.astype(np.int32)))
    order = np.lexsort((all_docs, terms))
    counts = np.bincount(terms, minlength=numbering.count)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return all_docs[order], all_tfs[order], offsets


def _spliced(
    old: Postings,
    numbering: _Numbering,
    first: int,
    end: int,
    shift: int,
    new: tuple[Numbers, Numbers, IntArray],
) -> tuple[IntArray, Counts, Numbers]:
    """``_postings`` when the terms kept their order: each term's rows for the file's
    chunks are one run of its postings (docs ascend), taken out and put back in place."""
    new_terms, new_docs, new_tfs = new
    docs, starts, ends = old.docs, old.offsets[:-1], old.offsets[1:]
    left = _lower_bound(docs, starts, ends, first)
    right = _lower_bound(docs, left, ends, end)
    removed = right - left
    total = int(removed.sum())
    runs = np.flatnonzero(removed)
    before = np.cumsum(removed[runs]) - removed[runs]
    gone = np.repeat(left[runs] - before, removed[runs]) + np.arange(total, dtype=np.int64)
    kept_docs = np.delete(docs, gone)
    kept_tfs = np.delete(old.tfs, gone)
    if shift:
        kept_docs[kept_docs >= end] += shift
    # Rows kept per term, and each term's rows before the file's: numbered anew.
    alive = numbering.old >= 0
    renumbered = numbering.old[alive]
    kept_count = np.zeros(numbering.count, dtype=np.int64)
    kept_count[renumbered] = (ends - starts - removed)[alive]
    ahead = np.zeros(numbering.count, dtype=np.int64)
    ahead[renumbered] = (left - starts)[alive]
    kept_starts = np.cumsum(kept_count) - kept_count
    at = kept_starts[new_terms] + ahead[new_terms]
    if len(new_tfs) and int(new_tfs.max()) > np.iinfo(kept_tfs.dtype).max:
        kept_tfs = kept_tfs.astype(np.int32)
    all_docs = np.insert(kept_docs, at, new_docs.astype(np.int32))
    all_tfs = np.insert(kept_tfs, at, new_tfs.astype(kept_tfs.dtype))
    counts = kept_count + np.bincount(new_terms, minlength=numbering.count)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return all_docs, all_tfs, offsets


def _lower_bound(docs: IntArray, low: Numbers, high: Numbers, value: int) -> Numbers:
    """Per run ``docs[low[i]:high[i]]`` (ascending), where ``value`` would go in it."""
    low, high = low.astype(np.int64), high.astype(np.int64)
    open_runs = np.flatnonzero(low < high)
    while len(open_runs):
        mid = (low[open_runs] + high[open_runs]) // 2
        below = docs[mid] < value
        low[open_runs[below]] = mid[below] + 1
        high[open_runs[~below]] = mid[~below]
        open_runs = open_runs[low[open_runs] < high[open_runs]]
    return low


def _terms(terms: Sequence[str], numbering: _Numbering) -> Sequence[str]:
    if numbering.unchanged:
        return terms
    every = [*terms, *numbering.fresh]
    return tuple(every[i] for i in numbering.order.tolist())


def _headlines(
    old: Postings,
    numbering: _Numbering,
    start: int,
    stop: int,
    headlines: tuple[tuple[str, ...], ...],
) -> Headlines:
    """The headline tables with interviews ``start``–``stop`` replaced by ``headlines``.

    Words are first numbered in one space (old terms, old extra words, then
    the file's words neither), then as terms where they are terms now, the
    rest as extra words in the order the headlines first use them.
    """
    assert old.tables is not None
    table = old.tables.headlines
    count, extras = len(old.terms), len(table.extra)
    ids = old.term_ids
    extra_at = {word: count + e for e, word in enumerate(table.extra)}
    added: dict[str, int] = {}
    flat: list[int] = []
    lengths: list[int] = []
    for tokens in headlines:
        for token in tokens:
            at = ids.get(token)
            if at is None:
                at = extra_at.get(token)
            if at is None:
                at = added.setdefault(token, count + extras + len(added))
            flat.append(at)
        lengths.append(len(tokens))
    # Where each fresh term is numbered now: ``order`` holds it as count + its index.
    fresh_new = np.full(len(numbering.fresh), -1, dtype=np.int64)
    positions = np.flatnonzero(numbering.order >= count)
    fresh_new[numbering.order[positions] - count] = positions
    fresh = {word: int(n) for word, n in zip(numbering.fresh, fresh_new.tolist(), strict=True)}
    words = (*table.extra, *added)
    as_term = np.concatenate(
        (
            numbering.old,
            np.fromiter((fresh.get(w, -1) for w in words), dtype=np.int64, count=len(words)),
        )
    )
    token_starts = table.starts
    before, after = int(token_starts[start]), int(token_starts[stop])
    spaced = np.concatenate(
        (table.tokens[:before], np.array(flat, dtype=np.int64), table.tokens[after:])
    ).astype(np.int64)
    numbers = as_term[spaced]
    loose = numbers < 0
    used, first_use = np.unique(spaced[loose], return_index=True)
    ranked = used[np.argsort(first_use, kind="stable")]
    extra_number = np.full(len(as_term), -1, dtype=np.int64)
    extra_number[ranked] = np.arange(len(ranked), dtype=np.int64)
    numbers[loose] = numbering.count + extra_number[spaced[loose]]

    def word(at: int) -> str:
        return old.terms[at] if at < count else words[at - count]

    new_starts = np.concatenate(
        (
            token_starts[: start + 1],
            before + np.cumsum(np.array(lengths, dtype=np.int64)),
            token_starts[stop + 1 :] + (len(flat) - (after - before)),
        )
    ).astype(np.int64)
    return Headlines.of_numbers(
        numbers.astype(np.int32),
        new_starts,
        numbering.count,
        tuple(word(at) for at in ranked.tolist()),
    )


def _titles(
    titles: Titles, first: int, end: int, pairs: Sequence[tuple[str | None, str | None]]
) -> Titles:
    """The titles table with chunks ``first``–``end`` replaced by ``pairs``, numbered in
    the order the chunks first use each title, as ``Titles.build`` numbers them."""
    starts = titles.starts.tolist()
    known = [titles.blob[a:b].decode("utf-8") for a, b in pairwise(starts)]
    numbers = {title: n for n, title in enumerate(known)}
    flat: list[int] = []
    for pair in pairs:
        for title in pair:
            if title is None:
                flat.append(-1)
                continue
            at = numbers.get(title)
            if at is None:
                at = numbers[title] = len(known)
                known.append(title)
            flat.append(at)
    middle = np.array(flat, dtype=np.int32).reshape(len(pairs), 2)
    of_chunk = np.concatenate((titles.of_chunk[:first], middle, titles.of_chunk[end:]))
    spread = of_chunk.ravel()
    used_at = spread >= 0
    used, first_use = np.unique(spread[used_at], return_index=True)
    ranked = used[np.argsort(first_use, kind="stable")]
    renumber = np.full(len(known), -1, dtype=np.int32)
    renumber[ranked] = np.arange(len(ranked), dtype=np.int32)
    spread = np.where(used_at, renumber[np.maximum(spread, 0)], -1).astype(np.int32)
    encoded = [known[at].encode("utf-8") for at in ranked.tolist()]
    lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    return Titles(
        b"".join(encoded),
        np.concatenate(([0], np.cumsum(lengths))).astype(np.int64),
        spread.reshape(-1, 2),
    )
