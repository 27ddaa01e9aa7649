"""What every end-to-end test of the Telegram front end shares: the corpus and the stand-in.

The bundled corpus is loaded once per module (about a second, and no test changes it); each
test gets a fresh stand-in Bot API on 127.0.0.1, so no test sees another's calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import load_engine
from tests.support.bot_api import FakeBotApi

TOKEN = "987654321:AAE2e-Fangtan-SecretPart_x9"
USERNAME = "fangtan_bot"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(load_engine(None))


def one_page_library(folder: Path, paragraph: str) -> Library:
    """A corpus of one interview page in ``folder`` whose last paragraph is ``paragraph``: for
    text the bundled corpus has nothing like (a paragraph or a quote longer than a message)."""
    page = (
        "聚力发展 共谱新篇\n\n让量子科技落地生根\n\n——访全国人大代表欧阳晓峰\n\n"
        "全国人大代表、北国量子科技集团董事长欧阳晓峰说，要加快量子科技产业布局。\n\n"
        f"{paragraph}\n"
    )
    (folder / "page.txt").write_text(page, encoding="utf-8")
    return Library(load_engine(folder))


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username=USERNAME) as server:
        yield server
