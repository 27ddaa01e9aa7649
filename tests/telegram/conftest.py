"""What every end-to-end test of the Telegram front end shares: the corpus and the stand-in.

The bundled corpus is loaded once per module (about a second, and no test changes it); each
test gets a fresh stand-in Bot API on 127.0.0.1, so no test sees another's calls.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import load_engine
from tests.support.bot_api import FakeBotApi

TOKEN = "987654321:AAE2e-Fangtan-SecretPart_x9"
USERNAME = "fangtan_bot"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(load_engine(None))


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username=USERNAME) as server:
        yield server
