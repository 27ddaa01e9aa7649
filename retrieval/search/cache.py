"""The tokenised index on disk, so a restart with an unchanged corpus skips jieba.

The cache is keyed by the corpus files' contents, the retrieval code itself
and the tokeniser libraries' versions: change any of them and the key no
longer matches. A cache that fails to load or to pass ``Postings.check`` is
rebuilt, never trusted; it is written to a temporary file and renamed, so a
crash mid-write leaves the old cache or none, not half of one. Writing a
cache removes the same corpus's caches of other formats and temporary files
left by crashed writes; nothing else in the folder is touched.

A cache whose key no longer matches because one file changed is still built
on, if this code wrote it: that file's rows are replaced (see ``splice``),
checked like a loaded cache, and written under the new key.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.records import Corpus, FileReport
from fangtan.retrieval.search.archive import Archive, write_archive
from fangtan.retrieval.search.index import BM25Index, Postings, chunk_tables, corpus_vocabulary
from fangtan.retrieval.search.layout import (
    FileLayout,
    file_sizes,
    interview_words,
    layout_of,
    words_by_file,
)
from fangtan.retrieval.search.normalize import squeeze
from fangtan.retrieval.search.splice import FileRows, splice
from fangtan.retrieval.search.tables import Tables
from fangtan.retrieval.search.token_cache import (
    TokenCache,
    load_added,
    save_added,
    vocabulary_key,
)
from fangtan.retrieval.search.token_memo import TokenMemo
from fangtan.retrieval.search.tokenize import Tokenizer
from fangtan.retrieval.search.vocabulary import Vocabulary
from fangtan.retrieval.unwritable import write_cache

log = logging.getLogger(__name__)

# 2: the postings hold each article's headline tokens.
# 3: and the key of the corpus's vocabulary, so a restart need not gather it.
# 4: and the tables the index derives (headline tokens as numbers, words inside
#    made-up words; each chunk's interview, whether it answers a prompt and
#    whether it holds its speaker's title).
# 5: and the code version and each file's rows and words (see ``layout``), so a
#    changed file's rows can be replaced alone.
FORMAT = 5
# A temporary file this old is no write in progress but one that crashed.
LEFTOVER_SECONDS = 3600
_CODE_DIR = Path(__file__).resolve().parent.parent  # all of retrieval/, not only search/
_LIBRARIES = ("jieba", "opencc", "numpy")


def code_version() -> str:
    """The retrieval code and tokeniser libraries: what every cached result depends on."""
    return _code_version(_LIBRARIES)


@functools.cache
def _code_version(libraries: tuple[str, ...]) -> str:
    """Hashed once a process: a start asks for it several times, and the code stays put.

    Versions come from the modules, which a start imports anyway: ``importlib.metadata``
    costs 20 ms of imports on its own, a sixth of a cold ``ask``.
    """
    digest = hashlib.sha256()
    for name in libraries:
        try:
            version = str(importlib.import_module(name).__version__)
        except (ImportError, AttributeError):
            version = "?"
        digest.update(f"{name}={version}\0".encode())
    for source in sorted(_CODE_DIR.rglob("*.py")):
        where = source.relative_to(_CODE_DIR).as_posix().encode()
        digest.update(where + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(corpus: Corpus) -> str:
    return files_key(f"fangtan-index-{FORMAT}", corpus.files)


def files_key(kind: str, reports: Iterable[FileReport], version: str | None = None) -> str:
    """A SHA-256 of ``kind``, the code (``version``, by default this one's) and every
    file's name and digest: the key of whatever is made from all of a corpus's files."""
    digest = hashlib.sha256(f"{kind}\0{version or code_version()}\0".encode())
    for report in sorted(reports, key=lambda r: r.path):
        digest.update(f"{report.path}\0{report.digest}\0".encode())
    return digest.hexdigest()


def _corpus_id(corpus: Corpus) -> str:
    return folder_key(corpus.root)


def cache_file(cache_dir: Path, corpus: Corpus) -> Path:
    """One file per corpus folder and format; a changed corpus overwrites its own."""
    return cache_dir / f"index-{_corpus_id(corpus)}-v{FORMAT}.npz"


def prune_stale(cache_dir: Path, corpus: Corpus) -> list[Path]:
    """Remove this corpus's caches of other formats and old leftovers of crashed writes.

    Only names this module writes are considered (``index-<id>.npz`` was the
    first format's), so a cache folder shared with other programs is safe;
    other corpora's caches are kept, as they may still be in use.
    """
    where = re.escape(_corpus_id(corpus))
    ours = re.compile(rf"index-{where}(?:-v\d+)?\.npz")
    leftover = re.compile(rf"\.index-{where}(?:-v\d+)?\.\d+\.tmp\.npz")
    current = cache_file(cache_dir, corpus)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        try:
            stale = (ours.fullmatch(entry.name) and path != current) or (
                leftover.fullmatch(entry.name)
                and time.time() - entry.stat(follow_symlinks=False).st_mtime > LEFTOVER_SECONDS
            )
            if stale and entry.is_file(follow_symlinks=False):
                path.unlink()
                removed.append(path)
        except OSError as exc:
            log.debug("could not remove the stale index cache %s: %s", path, exc)
    if removed:
        log.info("removed %d stale index cache file(s) in %s", len(removed), cache_dir)
    return removed


def folder_key(root: Path) -> str:
    return hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:16]


def entries_dir(cache_dir: Path, root: Path) -> Path:
    """Where one corpus folder's per-file entries (parsed files, tokens) are kept."""
    return cache_dir / f"parsed-{folder_key(root)}"


def load_postings(
    path: Path, key: str, documents: int, interviews: int | None = None
) -> Postings | None:
    """The cached postings with their tables; None when absent, stale or damaged.

    The arrays stay views of the mapped file (see ``archive``). What
    ``Postings.check`` reads is handed back after it, and a question reads its
    own words' postings from the file (``Postings.ranges``).
    """
    try:
        archive = Archive(path)
        if bytes(archive["key"]) != key.encode():
            log.info("index cache %s is for another corpus or version; rebuilding", path)
            return None
        postings = _postings(archive)
        postings.check(documents, interviews)
        postings = replace(postings, ranges=(archive.ranges("docs"), archive.ranges("tfs")))
        archive.release()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except _DAMAGED as exc:
        log.warning("index cache %s is damaged (%s); rebuilding", path, exc)
        return None
    return postings


_DAMAGED = (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, zipfile.BadZipFile)


def _postings(archive: Archive) -> Postings:
    stored = archive["tfs"]
    if not np.issubdtype(stored.dtype, np.integer):
        raise ValueError("term frequencies are not integers")
    tfs = cast(npt.NDArray[np.integer[Any]], stored)
    return Postings(
        terms=Vocabulary.from_arrays(archive),
        docs=np.asarray(archive["docs"], dtype=np.int32),
        tfs=tfs,
        offsets=np.asarray(archive["offsets"], dtype=np.int64),
        doc_len=np.asarray(archive["doc_len"], dtype=np.int32),
        tables=Tables.from_arrays(archive),
    )


def load_previous(path: Path, version: str) -> tuple[Postings, FileLayout, str] | None:
    """A cache written by this code for an earlier state of the corpus: its postings,
    file layout and vocabulary key; None when there is none to build on."""
    try:
        archive = Archive(path)
        if bytes(archive["version"]) != version.encode():
            return None
        layout = FileLayout.from_arrays(archive)
        postings = _postings(archive)
        postings.check(int(layout.chunks.sum()), int(layout.interviews.sum()))
        vocabulary = bytes(archive["vocabulary"]).decode("ascii")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except _DAMAGED as exc:
        log.info("index cache %s cannot be built on (%s)", path, exc)
        return None
    return postings, layout, vocabulary


def stored_vocabulary(path: Path) -> str | None:
    """The vocabulary key a cache was written with (see ``save_postings``)."""
    try:
        return bytes(Archive(path)["vocabulary"]).decode("ascii")
    except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, zipfile.BadZipFile):
        return None


def _narrowest(counts: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.integer[Any]]:
    """``counts`` in the smallest unsigned type that holds them (most are below ten)."""
    top = int(counts.max()) if len(counts) else 0
    for kind in (np.uint8, np.uint16, np.uint32):
        if top <= np.iinfo(kind).max and (not len(counts) or int(counts.min()) >= 0):
            return counts.astype(kind)
    return counts


def save_postings(
    path: Path,
    key: str,
    postings: Postings,
    vocabulary: str = "",
    layout: FileLayout | None = None,
) -> bool:
    """Write ``postings`` and their tables (which they must have) under ``key``, with the
    corpus's ``layout`` when it has one."""
    tables = postings.tables
    if tables is None:
        raise ValueError("postings without their tables are not cached")
    terms = postings.terms
    table = terms if isinstance(terms, Vocabulary) else Vocabulary.build(terms)

    def write(temporary: Path) -> None:
        write_archive(
            temporary,
            {
                "key": np.frombuffer(key.encode(), dtype=np.uint8),
                "vocabulary": np.frombuffer(vocabulary.encode("ascii"), dtype=np.uint8),
                "version": np.frombuffer(code_version().encode("ascii"), dtype=np.uint8),
                **(layout.arrays() if layout is not None else {}),
                **table.arrays(),
                "docs": postings.docs,
                "tfs": _narrowest(postings.tfs),
                "offsets": postings.offsets,
                "doc_len": postings.doc_len,
                **tables.arrays(),
            },
        )

    return write_cache(path, write, path.parent)


def build_index(
    corpus: Corpus,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    progress: Callable[[int], None] | None = None,
) -> tuple[BM25Index, str]:
    """The index for ``corpus`` and how it was had: "cached", "built" or "uncached".

    A rebuild after one file changed replaces that file's rows in the cached
    index; otherwise it takes each unchanged file's tokens from its entry, so
    only the files that changed are tokenised again.
    """
    if not use_cache or cache_dir is None:
        tokenizer = Tokenizer(corpus_vocabulary(corpus), cache_dir=cache_dir)
        return BM25Index(corpus, tokenizer, progress=progress), "uncached"
    key = cache_key(corpus)
    path = cache_file(cache_dir, corpus)
    folder = entries_dir(cache_dir, corpus.root)
    version = code_version()
    postings = load_postings(path, key, len(corpus.chunks), len(corpus.interviews))
    # A valid cache names the vocabulary it was built with: the tokenizer's added
    # words are then read without gathering the vocabulary from every paragraph.
    known = stored_vocabulary(path) if postings is not None else None
    added = load_added(folder, version, known) if known else None
    if postings is not None and added is not None:
        tokenizer = Tokenizer((), cache_dir=cache_dir, added=added)
        return _cached(corpus, tokenizer, postings, folder, key), "cached"
    spliced = _splice(corpus, cache_dir, path, folder, key)
    if spliced is not None:
        return spliced, "built"
    by_file = words_by_file(corpus.interviews)
    vocabulary = set().union(*by_file.values())
    words = vocabulary_key(vocabulary)
    # The tokenizer's added words are kept too: cutting every name again is slow.
    added = load_added(folder, version, words)
    tokenizer = Tokenizer(vocabulary if added is None else (), cache_dir=cache_dir, added=added)
    if added is None:
        save_added(folder, version, words, tokenizer.added)
    if postings is not None and known == words:
        return _cached(corpus, tokenizer, postings, folder, key), "cached"
    postings = TokenCache(folder, version, tokenizer).postings(corpus, progress)
    index = _cached(corpus, tokenizer, postings, folder, key)
    if save_postings(path, key, index.postings_data, words, layout_of(corpus, by_file)):
        prune_stale(cache_dir, corpus)
    return index, "built"


def _splice(
    corpus: Corpus, cache_dir: Path, path: Path, folder: Path, key: str
) -> BM25Index | None:
    """The index of ``corpus`` from the cache of its previous state, when one file changed
    and the tokenizer's words did not: that file's rows replaced (see ``splice``)."""
    version = code_version()
    sizes = file_sizes(corpus)
    if sizes is None:
        return None
    previous = load_previous(path, version)
    if previous is None:
        return None
    old, layout, known = previous
    if tuple(name for name, _, _ in sizes) != layout.names:
        return None
    digests = {report.path: report.digest for report in corpus.files}
    changed = [n for n, name in enumerate(layout.names) if digests.get(name) != layout.digests[n]]
    if len(changed) != 1:
        return None
    number = changed[0]
    name, chunk_count, interview_count = sizes[number]
    digest = digests[name]
    first = sum(n for _, n, _ in sizes[:number])
    start = sum(m for _, _, m in sizes[:number])
    chunks = corpus.chunks[first : first + chunk_count]
    interviews = corpus.interviews[start : start + interview_count]
    own = interview_words(interviews)
    vocabulary = own.union(*(w for n, w in enumerate(layout.words) if n != number))
    words = vocabulary_key(vocabulary)
    added = load_added(folder, version, words) if words == known else None
    if added is None:
        return None
    tokenizer = Tokenizer((), cache_dir=cache_dir, added=added)
    cache = TokenCache(folder, version, tokenizer)
    tokens = cache.file_tokens(name, digest, chunks, interviews, layout.digests[number])
    loaded = len(corpus.squeezed) == len(corpus.chunks) == len(corpus.squeezed_prompts)
    end = first + chunk_count
    texts = corpus.squeezed[first:end] if loaded else [squeeze(c.text) for c in chunks]
    prompts = (
        corpus.squeezed_prompts[first:end]
        if loaded
        else [squeeze(c.prompt) if c.prompt else "" for c in chunks]
    )
    rows = FileRows(
        tokens.terms,
        tokens.entries,
        tokens.term_ids,
        tokens.freqs,
        tokens.lengths,
        tokens.headlines,
        chunk_tables(chunks, texts, prompts),
    )

    def terms_of(other: int) -> tuple[str, ...] | None:
        return cache.terms_of(layout.names[other], layout.digests[other])

    postings = splice(old, layout, number, rows, terms_of, tokenizer.in_dictionary)
    if postings is None:
        return None
    try:
        postings.check(len(corpus.chunks), len(corpus.interviews))
    except ValueError as exc:
        log.warning("an index spliced for %s does not fit the corpus (%s)", name, exc)
        return None
    layout = layout.replaced(number, digest, chunk_count, interview_count, own)
    index = _cached(corpus, tokenizer, postings, folder, key)
    if save_postings(path, key, postings, words, layout):
        prune_stale(cache_dir, corpus)
    return index


def _cached(
    corpus: Corpus, tokenizer: Tokenizer, postings: Postings, folder: Path, key: str
) -> BM25Index:
    index = BM25Index(corpus, tokenizer, postings=postings)
    index.memo = TokenMemo(folder, key)
    return index
