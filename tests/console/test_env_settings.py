"""Settings read without pydantic are exactly pydantic's, or not taken at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fangtan.bot.env_settings import quick_settings
from fangtan.bot.settings import Settings

PLAIN = [
    {},
    {"FANGTAN_LOG_LEVEL": "warning"},
    {"FANGTAN_LOG_LEVEL": "Debug", "FANGTAN_INDEX_CACHE": "false"},
    {"FANGTAN_INDEX_CACHE": "0", "FANGTAN_CACHE_DIR": "/tmp/x y"},
    {"FANGTAN_INDEX_CACHE": "Yes", "FANGTAN_CORPUS_DIR": "rel/corpus"},
    {"fangtan_corpus_dir": "/data", "FANGTAN_INDEX_CACHE": "off"},
    {"OTHER": "1", "FANGTAN_INDEX_CACHE": "T"},
]
LEFT_TO_PYDANTIC = [
    {"FANGTAN_LOG_LEVEL": "LOUD"},
    {"FANGTAN_LOG_LEVEL": " info"},
    {"FANGTAN_INDEX_CACHE": "maybe"},
    {"FANGTAN_CORPUS_DIR": ""},
    {"FANGTAN_TELEGRAM_TOKEN": "1:x"},
    {"FANGTAN_RATE_LIMIT": "-3"},
    {"FANGTAN_SOMETHING": "1"},
]


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for key in [k for k in os.environ if k.lower().startswith("fangtan_")]:
        monkeypatch.delenv(key)


@pytest.mark.parametrize("env", PLAIN)
def test_plain_settings_are_read_as_pydantic_reads_them(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    quick = quick_settings()
    assert quick is not None
    full = Settings()
    assert (quick.corpus_dir, quick.log_level, quick.cache_dir, quick.index_cache) == (
        full.corpus_dir,
        full.log_level,
        full.cache_dir,
        full.index_cache,
    )


@pytest.mark.parametrize("env", LEFT_TO_PYDANTIC)
def test_anything_else_is_left_to_pydantic(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert quick_settings() is None


def test_a_dotenv_file_is_left_to_pydantic(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("FANGTAN_LOG_LEVEL=debug\n")
    assert quick_settings() is None


def test_the_command_line_imports_no_pydantic_until_settings_need_it() -> None:
    """The quick reading is pointless if importing the command pulls pydantic in anyway."""
    code = "import sys, fangtan.bot.cli; print('pydantic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
