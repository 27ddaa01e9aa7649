"""jieba's word classes from the table on disk: the very tags posseg reads, for every word."""

from __future__ import annotations

from pathlib import Path

from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.pos_tags import NAME, tag_table, tagger

QUESTIONS = ["谁在意养老服务？", "哪些代表主要讲了什么", "对文旅融合怎么看", "有没有人提到数据安全"]


def _posseg_tags() -> dict[str, str]:
    import jieba.posseg as posseg

    full = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    full.load_word_tag(jieba.Tokenizer().get_dict_file())
    return dict(full.word_tag_tab)


def test_every_word_has_the_tag_posseg_gives_it(tmp_path: Path) -> None:
    table = tag_table(jieba.Tokenizer(), tmp_path)
    expected = _posseg_tags()
    assert len(table) == len(expected)
    assert all(table.get(word) == tag for word, tag in expected.items())
    assert table.get("不是一个词语啊", "x") == "x"
    # The second time the table comes from its entry, and is the same.
    again = tag_table(jieba.Tokenizer(), tmp_path)
    assert all(again.get(word) == tag for word, tag in expected.items())


def test_tagging_is_posseg_s_and_a_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    import jieba.posseg as posseg

    cutter = jieba.Tokenizer()
    full = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    full.tokenizer = cutter
    full.word_tag_tab = _posseg_tags()
    ours = tagger(cutter, tmp_path)
    for question in QUESTIONS:
        assert [tuple(p) for p in ours.lcut(question)] == [tuple(p) for p in full.lcut(question)]
    entry = tmp_path / NAME
    entry.write_bytes(entry.read_bytes()[:-100])
    rebuilt = tagger(cutter, tmp_path)
    assert [tuple(p) for p in rebuilt.lcut(QUESTIONS[0])] == [
        tuple(p) for p in full.lcut(QUESTIONS[0])
    ]
    assert entry.stat().st_size > 1_000_000
