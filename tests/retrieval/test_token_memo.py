"""Tokens kept beside the index: equal to cutting again, redone when missing or damaged."""

from __future__ import annotations

from pathlib import Path

from fangtan.retrieval.search.token_memo import NAME, TokenMemo
from fangtan.retrieval.search.tokenize import Tokenizer

TEXTS = ["市政协委员", "某某科技有限公司董事长", "市人大代表、湿地公园管理处主任"]


def test_tokens_are_those_of_the_tokenizer_and_come_back_from_the_entry(tmp_path: Path) -> None:
    tokenizer = Tokenizer(["湿地公园管理处"], cache_dir=tmp_path)
    memo = TokenMemo(tmp_path / "entries", "key")
    expected = [tokenizer.tokens(t) for t in TEXTS]
    assert memo.tokens(tokenizer, TEXTS) == expected
    written = (tmp_path / "entries" / NAME).stat().st_mtime_ns
    # Kept texts are not cut again: a tokenizer that cannot cut proves it.
    assert memo.tokens(_Refusing(), TEXTS) == expected
    assert (tmp_path / "entries" / NAME).stat().st_mtime_ns == written
    # A new text is cut and added; the others still come from the entry.
    more = [*TEXTS, "政协委员"]
    assert memo.tokens(tokenizer, more) == [*expected, tokenizer.tokens("政协委员")]
    assert memo.tokens(_Refusing(), more)[-1] == tokenizer.tokens("政协委员")


def test_another_key_or_a_damaged_entry_is_cut_again(tmp_path: Path) -> None:
    tokenizer = Tokenizer(cache_dir=tmp_path)
    expected = [tokenizer.tokens(t) for t in TEXTS]
    TokenMemo(tmp_path, "old").tokens(tokenizer, TEXTS)
    entry = tmp_path / NAME
    entry.write_bytes(entry.read_bytes().replace("委员".encode(), "代表".encode()))
    assert TokenMemo(tmp_path, "old").tokens(tokenizer, TEXTS) == expected
    assert TokenMemo(tmp_path, "new").tokens(tokenizer, TEXTS) == expected
    assert TokenMemo(tmp_path, "new").tokens(_Refusing(), TEXTS) == expected


def test_a_word_many_texts_share_is_read_back_as_one_string(tmp_path: Path) -> None:
    tokenizer = Tokenizer(cache_dir=tmp_path)
    texts = [f"{place}市政协委员" for place in ("东江", "西岭", "南湖", "北山")]
    TokenMemo(tmp_path, "key").tokens(tokenizer, texts)
    read = TokenMemo(tmp_path, "key").tokens(_Refusing(), texts)
    assert read == [tokenizer.tokens(t) for t in texts]
    shared = [next(t for t in tokens if t == "委员") for tokens in read]
    assert all(t is shared[0] for t in shared)


class _Refusing(Tokenizer):
    def __init__(self) -> None:
        pass

    def tokens(self, text: str) -> list[str]:
        raise AssertionError(f"cut again: {text}")
