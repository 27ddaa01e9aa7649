"""jieba's dictionary as a table on disk: jieba's very frequencies, and so jieba's very cuts."""

from __future__ import annotations

import json
import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from fangtan.retrieval.reading.corpus import default_corpus_dir, load_corpus
from fangtan.retrieval.search import jieba_dictionary, pos_tags, word_table
from fangtan.retrieval.search.added_words import AddedWords
from fangtan.retrieval.search.index import corpus_vocabulary
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.table_freq import TableFreq
from fangtan.retrieval.search.tokenize import Tokenizer
from fangtan.retrieval.search.word_table import NAME, WordTable, dictionary_key, write_table
from tests.conftest import ROOT, SHARED

EVAL = SHARED / "eval"
MISSES = ["不是一个词语啊", "x", "", "𠀀𠀁", "郑州云智信安", "数据安全x", " "]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding jieba's dictionary cache and the table made from it."""
    made = tmp_path_factory.mktemp("words")
    assert not _uses_table(Tokenizer(cache_dir=made))  # no table yet: jieba's dict, table written
    assert (made / NAME).is_file()
    return made


@pytest.fixture(scope="module")
def full(folder: Path) -> jieba.Tokenizer:
    loaded = jieba.Tokenizer()
    jieba_dictionary.load_jieba_dict(loaded, folder)
    return loaded


def _uses_table(tokenizer: Tokenizer) -> bool:
    return isinstance(tokenizer._jieba.FREQ, TableFreq)


def _jieba_dict_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokenizers made from now on load jieba's dict, as without a table."""
    monkeypatch.setattr(WordTable, "open", classmethod(lambda cls, folder, key: None))
    monkeypatch.setattr(jieba_dictionary, "write_table", lambda *args: None)


def test_every_word_of_jieba_s_dictionary_has_its_frequency(
    folder: Path, full: jieba.Tokenizer
) -> None:
    table = WordTable.open(folder, dictionary_key(full))
    assert table is not None
    assert len(table) == len(full.FREQ) and table.total == full.total
    assert all(table.find(word) == freq for word, freq in full.FREQ.items())
    assert all(table.find(word) is None for word in MISSES if word not in full.FREQ)


def test_a_table_for_another_key_or_damaged_is_not_used_and_is_rebuilt(
    tmp_path: Path, folder: Path, full: jieba.Tokenizer
) -> None:
    key = dictionary_key(full)
    write_table(tmp_path, key, {"数据": 3, "数据安全": 2, "数": 0}, 5, lambda: {"数据": "n"})
    small = WordTable.open(tmp_path, key)
    assert small is not None and small.find("数据安全") == 2 and small.find("安全") is None
    assert small.tag("数据") == "n" and small.tag("数据安全") is None and small.tag("安全") is None
    assert small.total == 5 and len(small) == 3
    assert WordTable.open(tmp_path, key + "x") is None
    entry = tmp_path / NAME
    data = bytearray(entry.read_bytes())
    data[-1] ^= 1
    entry.write_bytes(bytes(data))
    assert WordTable.open(tmp_path, key) is None
    entry.write_bytes(b"")
    assert WordTable.open(tmp_path, key) is None
    # A tokenizer meeting a damaged table uses jieba's dict and writes the table again.
    (tmp_path / "jieba.cache").write_bytes((folder / "jieba.cache").read_bytes())
    entry.write_bytes(entry.read_bytes()[:-10] if entry.stat().st_size else b"junk")
    assert not _uses_table(Tokenizer(cache_dir=tmp_path))
    assert _uses_table(Tokenizer(cache_dir=tmp_path))


def _frequencies(freq: TableFreq, words: list[str]) -> dict[str, int | None]:
    return {word: freq.get(word) for word in words}


def test_words_added_on_the_table_give_add_word_s_dictionary(
    folder: Path, full: jieba.Tokenizer
) -> None:
    reference = jieba.Tokenizer()
    jieba_dictionary.load_jieba_dict(reference, folder)
    table = WordTable.open(folder, dictionary_key(full))
    assert table is not None
    ours = jieba.Tokenizer()
    ours.FREQ, ours.total, ours.initialized = TableFreq(table), table.total, True
    added = [
        ("湿地公园管理处", 12),
        ("湿地公园", 30),
        ("数据安全", 50),
        ("郑州云智信安", 10),
        ("郑州云智", 11),
        ("湿地公园", 31),
    ]
    for word, freq in added:
        reference.add_word(word, freq=freq)
        ours.add_word(word, freq=freq)
    # add_word's suggestion reads the dictionary too.
    assert ours.suggest_freq("中原科技城") == reference.suggest_freq("中原科技城")
    reference.add_word("中原科技城")
    ours.add_word("中原科技城")
    keys = {w[:i] for w, _ in [*added, ("中原科技城", 0)] for i in range(1, len(w) + 1)}
    probes = sorted(keys | set(MISSES) | {"湿地公园管", "数据安", "数据安全局"})
    assert _frequencies(ours.FREQ, probes) == {w: reference.FREQ.get(w) for w in probes}
    assert all((w in ours.FREQ) == (w in reference.FREQ) for w in probes)
    assert ours.total == reference.total
    with pytest.raises(KeyError):
        ours.FREQ["不是一个词语啊"]
    assert ours.FREQ.merged(dict(full.FREQ)) == reference.FREQ


def test_words_added_in_bulk_on_the_table_give_add_word_s_dictionary(
    folder: Path, full: jieba.Tokenizer
) -> None:
    """The prefixes of words added in bulk are found from the words, not kept: a prefix
    the table lacks is 0, one it has keeps its frequency, and a word that starts like a
    prefix but runs past every added word is no prefix."""
    rows = [
        ("湿地公园管理处", 12, ()),
        ("湿地公园", 30, ()),
        ("郑州云智信安", 10, ()),
        ("郑州云智", 11, ()),
        ("乙醚乙", 5, ()),
        ("乙醚乙醚", 6, ()),
        ("𠀀𠀁𠀂", 7, ()),
    ]
    reference = jieba.Tokenizer()
    jieba_dictionary.load_jieba_dict(reference, folder)
    for word, freq, _ in rows:
        reference.add_word(word, freq=freq)
    table = WordTable.open(folder, dictionary_key(full))
    assert table is not None
    ours = jieba.Tokenizer()
    ours.FREQ, ours.total, ours.initialized = TableFreq(table), table.total, True
    AddedWords.of(rows).apply(ours)
    keys = {w[:i] for w, _, _ in rows for i in range(1, len(w) + 1)}
    probes = sorted(
        keys | set(MISSES) | {"湿地公园管理处x", "郑州云智信安安", "湿地公", "乙醚乙醚乙"}
    )
    assert _frequencies(ours.FREQ, probes) == {w: reference.FREQ.get(w) for w in probes}
    assert ours.total == reference.total
    assert ours.FREQ.merged(dict(full.FREQ)) == reference.FREQ


def _texts() -> list[str]:
    """The bundled corpus and our own article pages line by line, and their questions;
    the shared format pages and evaluation questions too where they are beside the
    checkout (a fresh clone has only its own)."""
    own = ROOT / "tests" / "articles"
    pages = [
        *(ROOT / "seeds").rglob("*.txt"),
        *own.rglob("*.txt"),
        *(EVAL / "formats").glob("*.txt"),
    ]
    texts = [line for page in pages for line in _lines(page)]
    for questions in (*own.rglob("*.jsonl"), *EVAL.glob("*.jsonl")):
        texts += [json.loads(row)["q"] for row in questions.read_text("utf-8").splitlines() if row]
    return [t for t in texts if t.strip()]


def _lines(path: Path) -> Iterator[str]:
    yield from path.read_text("utf-8").splitlines()


@pytest.fixture(scope="module")
def vocabulary() -> set[str]:
    return corpus_vocabulary(load_corpus(default_corpus_dir()))


def test_cuts_with_the_table_are_jieba_s(
    folder: Path, vocabulary: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts()
    assert len(texts) > 150
    # Cutting all of them at once is much to cut: the tokenizers stay on the table here,
    # however fast they cut (turning to jieba's dict is tested below).
    monkeypatch.setattr(jieba_dictionary, "TABLE_BURST", 10**12)
    table = Tokenizer(vocabulary, cache_dir=folder)
    replayed = Tokenizer(cache_dir=folder, added=table.added)
    with monkeypatch.context() as patched:
        _jieba_dict_only(patched)
        reference = Tokenizer(vocabulary, cache_dir=folder)
        # Its tagger reads the tags from dict.txt, as posseg itself does.
        reference._pos = pos_tags.tagger(reference._jieba, folder)
    assert not isinstance(reference._pos.word_tag_tab, pos_tags.TableTags)
    assert _uses_table(table) and _uses_table(replayed) and not _uses_table(reference)
    assert table.added == reference.added == replayed.added
    assert table._jieba.total == reference._jieba.total == replayed._jieba.total
    known = set(vocabulary) | {t for text in texts[::3] for t in reference.tokens(text)}
    for text in texts:
        for ours in (table, replayed):
            for hmm in (True, False):
                assert ours._jieba.lcut(text, HMM=hmm) == reference._jieba.lcut(text, HMM=hmm)
                assert ours._jieba.lcut_for_search(text, HMM=hmm) == (
                    reference._jieba.lcut_for_search(text, HMM=hmm)
                )
            assert ours.tokens(text) == reference.tokens(text)
            assert ours.query(text, known=known.__contains__) == (
                reference.query(text, known=known.__contains__)
            )
            words = set(reference._jieba.lcut(text))
            assert {w for w in words if ours.in_dictionary(w)} == {
                w for w in words if reference.in_dictionary(w)
            }
    assert _uses_table(table) and _uses_table(replayed)


def test_a_big_job_turns_to_jieba_s_dict_with_the_words_added(
    folder: Path, vocabulary: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jieba_dictionary, "TABLE_BURST", 50)
    monkeypatch.setattr(jieba_dictionary, "TABLE_REFILL", 0)
    built = Tokenizer(vocabulary, cache_dir=folder)
    assert not _uses_table(built)  # its vocabulary alone is much to cut
    tokenizer = Tokenizer(cache_dir=folder, added=built.added)
    assert _uses_table(tokenizer)
    first = tokenizer.tokens("市政协委员、郑州云智信安安全技术有限公司董事长")
    assert _uses_table(tokenizer)
    tokenizer.tokens("建议加快建设滑雪场配套设施，完善冰雪旅游线路，推动冰雪运动进校园")
    assert not _uses_table(tokenizer)
    with monkeypatch.context() as patched:
        _jieba_dict_only(patched)
        reference = Tokenizer(vocabulary, cache_dir=folder)
    assert tokenizer._jieba.FREQ == reference._jieba.FREQ == built._jieba.FREQ
    assert tokenizer._jieba.total == reference._jieba.total
    assert first == reference.tokens("市政协委员、郑州云智信安安全技术有限公司董事长")


def test_questions_keep_to_the_table_and_time_gives_the_allowance_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [100.0]
    monkeypatch.setattr(jieba_dictionary, "monotonic", lambda: clock[0])
    monkeypatch.setattr(jieba_dictionary, "TABLE_BURST", 100)
    monkeypatch.setattr(jieba_dictionary, "TABLE_REFILL", 10)
    tokenizer = Tokenizer(cache_dir=folder)
    for _ in range(9):
        tokenizer.tokens("谁提到了数据安全？")  # 9 characters each
        clock[0] += 0.5  # gives back 5
    tokenizer.tokens("谁提到了数据安全？" * 4)  # leaves 100 - 9 - 8 * 4 - 36 = 23
    assert _uses_table(tokenizer)
    clock[0] += 10  # back to the whole 100
    tokenizer.tokens("谁提到了数据安全？" * 11)
    assert _uses_table(tokenizer)
    tokenizer.tokens("谁提到了数据安全？")
    assert not _uses_table(tokenizer)


def test_a_folder_that_cannot_be_written_costs_no_table_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object) -> bytes:
        raise AssertionError("a table was built for a folder that cannot be written")

    monkeypatch.setattr(word_table, "_body", refused)
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    tokenizer = Tokenizer(["湿地公园管理处"], cache_dir=blocker / "cache")
    assert not _uses_table(tokenizer)
    assert "湿地公园管理处" in tokenizer.tokens("湿地公园管理处主任说")


def test_turning_to_jieba_s_dict_remakes_a_cache_that_does_not_match_the_table(
    tmp_path: Path, folder: Path, full: jieba.Tokenizer
) -> None:
    for name in ("jieba.cache", NAME):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(({"数据": 1, "数": 0}, 1)))
    tokenizer = Tokenizer(cache_dir=tmp_path)
    assert _uses_table(tokenizer)
    tokenizer._dictionary.to_jieba_dict()
    assert tokenizer._jieba.FREQ == full.FREQ
    assert marshal.loads((tmp_path / "jieba.cache").read_bytes()) == (full.FREQ, full.total)
