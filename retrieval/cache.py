"""The tokenised index on disk, so a restart with an unchanged corpus skips jieba.

The cache is keyed by the corpus files' contents, the retrieval code itself
and the tokeniser libraries' versions: change any of them and the key no
longer matches. A cache that fails to load or to pass ``Postings.check`` is
rebuilt, never trusted; it is written to a temporary file and renamed, so a
crash mid-write leaves the old cache or none, not half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import numpy as np
import numpy.typing as npt

from fangtan.retrieval.index import BM25Index, Postings, corpus_vocabulary
from fangtan.retrieval.records import Corpus
from fangtan.retrieval.token_cache import TokenCache, load_added, save_added
from fangtan.retrieval.tokenize import Tokenizer

log = logging.getLogger(__name__)

FORMAT = 1
_CODE_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("jieba", "opencc", "numpy")


def code_version() -> str:
    """The retrieval code and tokeniser libraries: what every cached result depends on."""
    digest = hashlib.sha256()
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "?"
        digest.update(f"{name}={version}\0".encode())
    for source in sorted(_CODE_DIR.rglob("*.py")):
        where = source.relative_to(_CODE_DIR).as_posix().encode()
        digest.update(where + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(corpus: Corpus) -> str:
    digest = hashlib.sha256(f"fangtan-index-{FORMAT}\0{code_version()}\0".encode())
    for report in sorted(corpus.files, key=lambda r: r.path):
        digest.update(f"{report.path}\0{report.digest}\0".encode())
    return digest.hexdigest()


def cache_file(cache_dir: Path, corpus: Corpus) -> Path:
    """One file per corpus folder; a changed corpus overwrites its own."""
    return cache_dir / f"index-{folder_key(corpus.root)}.npz"


def folder_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def entries_dir(cache_dir: Path, root: Path) -> Path:
    """Where one corpus folder's per-file entries (parsed files, tokens) are kept."""
    return cache_dir / f"parsed-{folder_key(root)}"


def load_postings(path: Path, key: str, documents: int) -> Postings | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            if bytes(data["key"]) != key.encode():
                log.info("index cache %s is for another corpus or version; rebuilding", path)
                return None
            blob = bytes(data["terms"]).decode("utf-8")
            postings = Postings(
                terms=tuple(blob.split("\0")) if blob else (),
                docs=np.asarray(data["docs"], dtype=np.int32),
                tfs=np.asarray(data["tfs"], dtype=np.int32),
                offsets=np.asarray(data["offsets"], dtype=np.int64),
                doc_len=np.asarray(data["doc_len"], dtype=np.int32),
                headlines=_headlines(json.loads(bytes(data["headlines"]).decode("utf-8"))),
            )
        postings.check(documents)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (
        OSError,
        ValueError,
        KeyError,
        EOFError,
        UnicodeDecodeError,
        zipfile.BadZipFile,
    ) as exc:
        log.warning("index cache %s is damaged (%s); rebuilding", path, exc)
        return None
    return postings


def _headlines(value: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(isinstance(h, list) for h in value):
        raise ValueError("headline tokens are not lists")
    return tuple(tuple(str(t) for t in h) for h in value)


def _json(value: object) -> npt.NDArray[np.uint8]:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def save_postings(path: Path, key: str, postings: Postings) -> bool:
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            temporary,
            key=np.frombuffer(key.encode(), dtype=np.uint8),
            terms=np.frombuffer("\0".join(postings.terms).encode("utf-8"), dtype=np.uint8),
            docs=postings.docs,
            tfs=postings.tfs,
            offsets=postings.offsets,
            doc_len=postings.doc_len,
            headlines=_json(postings.headlines),
        )
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("could not write the index cache %s: %s", path, exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def build_index(
    corpus: Corpus,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    progress: Callable[[int], None] | None = None,
) -> tuple[BM25Index, str]:
    """The index for ``corpus`` and how it was had: "cached", "built" or "uncached".

    A rebuild takes each unchanged file's tokens from its entry, so only the
    files that changed are tokenised again.
    """
    if not use_cache or cache_dir is None:
        tokenizer = Tokenizer(corpus_vocabulary(corpus), cache_dir=cache_dir)
        return BM25Index(corpus, tokenizer, progress=progress), "uncached"
    key = cache_key(corpus)
    path = cache_file(cache_dir, corpus)
    folder = entries_dir(cache_dir, corpus.root)
    version = code_version()
    vocabulary = corpus_vocabulary(corpus)
    # The tokenizer's added words are kept too: cutting every name again is slow.
    added = load_added(folder, version, vocabulary)
    tokenizer = Tokenizer(vocabulary if added is None else (), cache_dir=cache_dir, added=added)
    if added is None:
        save_added(folder, version, vocabulary, tokenizer.added)
    postings = load_postings(path, key, len(corpus.chunks))
    if postings is not None and len(postings.headlines) == len(corpus.interviews):
        return BM25Index(corpus, tokenizer, postings=postings), "cached"
    postings = TokenCache(folder, version, tokenizer).postings(corpus, progress)
    index = BM25Index(corpus, tokenizer, postings=postings)
    save_postings(path, key, index.postings_data)
    return index, "built"
