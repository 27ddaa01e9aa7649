"""Corpus files known unchanged by their metadata: not read again at a restart, yet
every real change is seen, however its time was set."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from fangtan.retrieval.entries import write_entry
from fangtan.retrieval.reading import file_stamps
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.reading.file_stamps import STAMPS_ENTRY, FileStamps
from fangtan.retrieval.reading.parsed_cache import ParsedCache, parsed_dir
from tests.conftest import SECOND_PAGE, two_pages


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return two_pages(tmp_path / "corpus")


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (the rule is tested below)."""
    monkeypatch.setattr(file_stamps, "SETTLE", 0.0)
    time.sleep(0.02)  # past the file system clock's tick of the writes


def load(corpus_dir: Path, cache_dir: Path) -> tuple[ParsedCache, list[str]]:
    """A load through the parsed cache, and which of the corpus files were read."""
    reader = ParsedCache(parsed_dir(cache_dir, corpus_dir))
    read: list[str] = []
    original = Path.read_bytes

    def spy(path: Path) -> bytes:
        if corpus_dir in path.parents:
            read.append(path.name)
        return original(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_bytes", spy)
        corpus = load_corpus(corpus_dir, read_many=reader.read_many)
    assert corpus.usable
    return reader, read


def edit_keeping_mtime(path: Path, text: str, via: Path | None = None) -> None:
    """Write ``text`` over ``path`` (or to ``via``, then renamed over it) and set the old
    modification time back, as a tool restoring times would."""
    before = path.stat()
    target = via or path
    time.sleep(0.02)  # past the file system clock's tick of the first write
    target.write_text(text, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    if via is not None:
        via.replace(path)


def test_a_restart_reads_no_stamped_file(corpus_dir: Path, tmp_path: Path, settled: None) -> None:
    _, read = load(corpus_dir, tmp_path / "cache")
    assert sorted(read) == ["page.txt", "second.txt"]
    again, read = load(corpus_dir, tmp_path / "cache")
    assert read == [] and again.reused == 2 and again.fresh == []


def test_an_edit_that_keeps_size_and_time_is_still_read(
    corpus_dir: Path, tmp_path: Path, settled: None
) -> None:
    load(corpus_dir, tmp_path / "cache")
    path = corpus_dir / "second.txt"
    before = path.stat()
    edit_keeping_mtime(path, SECOND_PAGE.replace("步道", "栈道"))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again, read = load(corpus_dir, tmp_path / "cache")
    assert read == ["second.txt"] and again.fresh == ["second.txt"]
    corpus = load_corpus(
        corpus_dir, read_many=ParsedCache(parsed_dir(tmp_path / "cache", corpus_dir)).read_many
    )
    assert any("栈道" in chunk.text for chunk in corpus.chunks)


def test_a_file_replaced_by_another_of_equal_stamp_but_other_inode_is_read(
    corpus_dir: Path, tmp_path: Path, settled: None
) -> None:
    load(corpus_dir, tmp_path / "cache")
    path = corpus_dir / "second.txt"
    edit_keeping_mtime(path, SECOND_PAGE.replace("步道", "栈道"), via=corpus_dir / "second.new")
    _, read = load(corpus_dir, tmp_path / "cache")
    assert read == ["second.txt"]


def test_a_file_changed_just_now_is_not_stamped(corpus_dir: Path, tmp_path: Path) -> None:
    """Within ``SETTLE`` of a write, a second write in the same clock tick would leave
    the metadata as it was: such a file is hashed again at the next load."""
    load(corpus_dir, tmp_path / "cache")
    stamps = FileStamps.read(parsed_dir(tmp_path / "cache", corpus_dir))
    assert "second.txt" not in stamps.known
    _, read = load(corpus_dir, tmp_path / "cache")
    assert sorted(read) == ["page.txt", "second.txt"]


def test_stamps_that_are_not_stamps_are_ignored(
    corpus_dir: Path, tmp_path: Path, settled: None
) -> None:
    load(corpus_dir, tmp_path / "cache")
    folder = parsed_dir(tmp_path / "cache", corpus_dir)
    write_entry(folder / STAMPS_ENTRY, "stamps:1", {"page.txt": ("not", "a stamp"), 3: 4})
    assert FileStamps.read(folder).known == {}
    reader, read = load(corpus_dir, tmp_path / "cache")
    assert sorted(read) == ["page.txt", "second.txt"] and reader.reused == 2
    (folder / STAMPS_ENTRY).write_bytes(b"damaged")
    assert FileStamps.read(folder).known == {}
    _, read = load(corpus_dir, tmp_path / "cache")
    assert sorted(read) == ["page.txt", "second.txt"]
    # Stamped again: the next load reads nothing.
    assert load(corpus_dir, tmp_path / "cache")[1] == []


def test_a_stamped_file_whose_entry_is_gone_is_read_and_kept_again(
    corpus_dir: Path, tmp_path: Path, settled: None
) -> None:
    first, _ = load(corpus_dir, tmp_path / "cache")
    first.entry("page.txt").unlink()
    again, read = load(corpus_dir, tmp_path / "cache")
    assert read == ["page.txt"] and again.fresh == ["page.txt"]
    assert load(corpus_dir, tmp_path / "cache")[1] == []
