"""Other forms of a corpus word: abbreviations, compounds and the words inside them."""

from __future__ import annotations

from fangtan.retrieval.search.forms import Forms

# What jieba's dictionary knows, in this made-up world.
DICTIONARY = {"环境", "保护", "食品", "安全", "旅游", "文化", "李子", "湖泊", "治理"}
TERMS = ["环境保护", "环保", "文旅", "食品安全", "李四", "湖泊治理", "湖治", "环境", "hello"]
NAMES = {"李四"}


def forms() -> Forms:
    return Forms(TERMS, DICTIONARY.__contains__, exclude=NAMES.__contains__)


def test_an_abbreviation_finds_its_compounds_and_back() -> None:
    found = forms()
    assert found.longer("环保") == ["环境保护"]
    assert found.longer("湖治") == ["湖泊治理"]
    assert found.shorter("环境保护") == ["环保"]
    assert found.shorter("湖泊治理") == ["湖治"]
    # 食安 is no corpus word: the compound has no form the corpus uses.
    assert found.shorter("食品安全") == []
    assert found.longer("食安") == ["食品安全"]
    assert found.longer("环境保护") == [] and found.longer("环") == []


def test_a_dictionary_word_finds_the_abbreviations_it_may_be_part_of() -> None:
    found = forms()
    assert found.containing("旅游") == ["文旅"]
    assert found.containing("环境") == ["环保"]
    # Not a dictionary word, or itself an abbreviation: nothing.
    assert found.containing("旅行社") == []
    assert found.containing("文旅") == []


def test_names_are_no_one_s_form_and_are_kept_as_excluded_numbers() -> None:
    found = forms()
    assert found.containing("李子") == []
    assert list(found.excluded) == [TERMS.index("李四")]
    assert TERMS.index("环保") not in found.excluded
