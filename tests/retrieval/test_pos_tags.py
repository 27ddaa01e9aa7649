"""jieba's word classes from the table on disk: the very tags posseg reads, for every word."""

from __future__ import annotations

from pathlib import Path

import pytest

from fangtan.retrieval.search.jieba_dictionary import load_jieba_dict
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.pos_tags import TableTags, dictionary_tags, tagger
from fangtan.retrieval.search.tokenize import Tokenizer
from fangtan.retrieval.search.word_table import NAME, WordTable, dictionary_key

QUESTIONS = ["谁在意养老服务？", "哪些代表主要讲了什么", "对文旅融合怎么看", "有没有人提到数据安全"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = tmp_path_factory.mktemp("tags")
    Tokenizer(cache_dir=made)  # jieba's dictionary cache and the word table
    return made


def _posseg_tags() -> dict[str, str]:
    import jieba.posseg as posseg

    full = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    full.load_word_tag(jieba.Tokenizer().get_dict_file())
    return dict(full.word_tag_tab)


def _posseg_tagger(cutter: jieba.Tokenizer) -> object:
    import jieba.posseg as posseg

    full = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    full.tokenizer = cutter
    full.word_tag_tab = _posseg_tags()
    return full


def test_every_word_has_the_tag_posseg_gives_it(folder: Path) -> None:
    expected = _posseg_tags()
    assert dictionary_tags(jieba.Tokenizer()) == expected
    table = WordTable.open(folder, dictionary_key(jieba.Tokenizer()))
    assert table is not None
    tags = TableTags(table)
    assert all(tags.get(word) == tag for word, tag in expected.items())
    assert tags.get("不是一个词语啊", "x") == "x"
    # A prefix of a word is in the table, without a tag of its own.
    prefixes = {w[:i] for w in list(expected)[:5000] for i in range(1, len(w))}
    assert all(tags.get(p, "x") == expected.get(p, "x") for p in prefixes)
    tags.update({"不是一个词语啊": "n"})
    assert tags.get("不是一个词语啊") == "n"


@pytest.mark.parametrize("table", [True, False])
def test_tagging_is_posseg_s_with_or_without_the_table(folder: Path, table: bool) -> None:
    cutter = jieba.Tokenizer()
    load_jieba_dict(cutter, folder)
    full = _posseg_tagger(cutter)
    where = folder if table else folder / "no-table-here"
    ours = tagger(cutter, where)
    assert isinstance(ours.word_tag_tab, TableTags) == table
    for question in QUESTIONS:
        assert [tuple(p) for p in ours.lcut(question)] == [
            tuple(p)
            for p in full.lcut(question)  # type: ignore[attr-defined]
        ]


def test_a_tokenizer_on_the_table_tags_as_posseg(folder: Path) -> None:
    tokenizer = Tokenizer(["湿地公园管理处"], cache_dir=folder)
    reference = jieba.Tokenizer()
    load_jieba_dict(reference, folder)
    reference.add_word("湿地公园管理处", freq=tokenizer.added[0][1])
    ours = tagger(tokenizer._jieba, folder)
    full = _posseg_tagger(reference)
    for question in [*QUESTIONS, "湿地公园管理处主任说了什么"]:
        assert [tuple(p) for p in ours.lcut(question)] == [
            tuple(p)
            for p in full.lcut(question)  # type: ignore[attr-defined]
        ]
    assert (folder / NAME).is_file()
