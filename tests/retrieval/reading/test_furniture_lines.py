"""Lines of page furniture told apart from article text: the comments' heading,
markers and link lists, and the font-size control, never a sentence that uses
their words."""

from __future__ import annotations

import pytest

from fangtan.retrieval.reading import furniture


@pytest.mark.parametrize(
    "line, heads",
    [
        ("网友评论（2）", True),
        ("【热门评论】", True),
        ("最新评论 共12条", True),
        ("网友评论", True),
        ("网友评论说，这条路早该修了。", False),
        ("最新消息", False),
        ("", False),
    ],
)
def test_the_comments_heading_is_told_by_its_words_and_count(line: str, heads: bool) -> None:
    assert furniture.opens_comments(line) is heads


@pytest.mark.parametrize(
    "line, marked",
    [
        ("字号：大 中 小", True),
        ("【字号】", True),
        ("大字号", True),
        ("相关阅读", True),
        ("推荐阅读：老街改造", True),
        ("这家老字号开了六十年。", False),
        ("街坊们说，老字号的招牌不能丢。", False),
    ],
)
def test_markers_and_the_font_size_control_are_furniture(line: str, marked: bool) -> None:
    assert (furniture.classify(line) is furniture.Furniture.OTHER) is marked
