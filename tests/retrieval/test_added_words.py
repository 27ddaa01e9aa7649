"""Added words in bulk: the very dictionary, total and cuts one add_word per word leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from fangtan.retrieval.reading.corpus import default_corpus_dir, load_corpus
from fangtan.retrieval.search import jieba_dictionary
from fangtan.retrieval.search.added_words import AddedWords
from fangtan.retrieval.search.index import corpus_vocabulary
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.token_cache import load_added, save_added
from fangtan.retrieval.search.tokenize import Tokenizer

# Words that are prefixes of one another in both orders, a word the dictionary has,
# a word added twice (the later frequency wins, both count in the total), a prefix
# the dictionary has at 0 and one it has as a word.
EDGES = [
    ("湿地公园管理处", 12, ()),
    ("湿地公园", 30, ()),
    ("数据安全", 50, ()),
    ("郑州云智信安", 10, ()),
    ("郑州云智", 11, ()),
    ("湿地公园", 31, ()),
    ("中原科技城", 10, ()),
]
TEXTS = [
    "郑州云智信安安全技术有限公司董事长谈数据安全",
    "湿地公园管理处主任说湿地公园要保护好",
    "谁提到了中原科技城？",
]


@pytest.fixture(scope="module")
def jieba_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jieba")
    Tokenizer(cache_dir=folder)  # writes jieba's dictionary cache once
    return folder


def _jieba_dict(folder: Path) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    jieba_dictionary.load_jieba_dict(tokenizer, folder)
    return tokenizer


def _one_by_one(rows: list[tuple[str, int, tuple[str, ...]]], folder: Path) -> jieba.Tokenizer:
    tokenizer = _jieba_dict(folder)
    for word, freq, _ in rows:
        tokenizer.add_word(word, freq=freq)
    return tokenizer


def test_bulk_leaves_add_word_s_dictionary_and_cuts(jieba_cache: Path) -> None:
    built = Tokenizer(corpus_vocabulary(load_corpus(default_corpus_dir())), cache_dir=jieba_cache)
    rows = [*built.added, *EDGES]
    expected = _one_by_one(rows, jieba_cache)
    bulk = _jieba_dict(jieba_cache)
    AddedWords.of(rows).apply(bulk)
    assert bulk.total == expected.total
    assert bulk.FREQ == expected.FREQ
    texts = [*TEXTS, *(word for word, _, _ in rows)]
    for text in texts:
        assert bulk.lcut(text) == expected.lcut(text)
        assert bulk.lcut_for_search(text) == expected.lcut_for_search(text)


def test_replayed_tokenizer_equals_the_built_one(jieba_cache: Path) -> None:
    built = Tokenizer(["湿地公园管理处", "郑州云智信安", "数字乡村建设"], cache_dir=jieba_cache)
    save_added(jieba_cache, "v", "words", built.added)
    kept = load_added(jieba_cache, "v", "words")
    assert kept is not None
    replayed = Tokenizer(cache_dir=jieba_cache, added=kept)
    assert replayed.added == built.added
    assert replayed.vocabulary == built.vocabulary
    assert replayed._jieba.total == built._jieba.total
    for text in TEXTS:
        assert replayed.tokens(text) == built.tokens(text)
        assert replayed.query(text) == built.query(text)


def test_added_words_entry_other_keys_and_damage_give_none(jieba_cache: Path) -> None:
    folder = jieba_cache / "entries"
    save_added(folder, "v", "words", EDGES)
    kept = load_added(folder, "v", "words")
    assert kept is not None and kept.rows() == EDGES
    assert load_added(folder, "v2", "words") is None
    assert load_added(folder, "v", "other") is None
    entry = folder / "tokenizer.added"
    entry.write_bytes(entry.read_bytes().replace("湿地".encode(), "草原".encode()))
    assert load_added(folder, "v", "words") is None


def test_columns_come_back_whole_and_other_shapes_are_refused() -> None:
    rows = [("词语", 10, ("词", "语")), ("a b", 12, ()), ("词语", 11, ("词语x",))]
    table = AddedWords.of(rows)
    assert table.prefixes() == ("词", "a", "a ")
    assert AddedWords.from_plain(table.plain()) == table
    assert table.rows() == rows
    empty = AddedWords.of([])
    assert AddedWords.from_plain(empty.plain()) == empty
    plain = table.plain()
    assert AddedWords.from_plain(None) is None
    assert AddedWords.from_plain(tuple(EDGES)) is None
    assert AddedWords.from_plain((2, *plain[1:])) is None
    assert AddedWords.from_plain((*plain[:2], plain[2][:-1], *plain[3:])) is None
    assert AddedWords.from_plain((*plain[:3], "x", *plain[4:])) is None
    assert AddedWords.from_plain((*plain, 1)) is None
    with pytest.raises(ValueError):
        AddedWords.of([("词\n语", 10, ())])
    with pytest.raises(ValueError):
        AddedWords.of([("词语", 10, ("词 语",))])


def test_the_added_words_digest_is_the_same_however_they_were_had(tmp_path: Path) -> None:
    """Token entries are keyed by it: a tokenizer replaying a table keys them as the one
    that added the words did, and any other word, frequency or cut keys them apart."""
    made = Tokenizer(["湿地公园管理处", "郑州云智信安"], cache_dir=tmp_path)
    replayed = Tokenizer((), cache_dir=tmp_path, added=AddedWords.of(made.added))
    assert made.added_digest() == replayed.added_digest()
    rows = made.added
    changed = [(rows[0][0], rows[0][1] + 1, rows[0][2]), *rows[1:]]
    parted = [(rows[0][0], rows[0][1], ("湿地",)), *rows[1:]]
    digests = {AddedWords.of(r).digest() for r in (rows, changed, parted, rows[1:])}
    assert len(digests) == 4
