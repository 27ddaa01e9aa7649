"""Settings from the environment (``FANGTAN_*``) and a ``.env`` file.

Command-line flags override these; nothing else reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from fangtan.bot.env_settings import (
    DEFAULT_INDEX_CACHE,
    DEFAULT_LOG_LEVEL,
    default_cache_dir,
    known_log_level,
)

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FANGTAN_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path | None = None
    log_level: str = DEFAULT_LOG_LEVEL
    cache_dir: Path = Field(default_factory=default_cache_dir)
    index_cache: bool = DEFAULT_INDEX_CACHE

    telegram_token: SecretStr | None = None
    telegram_base_url: str = DEFAULT_BASE_URL
    telegram_base_file_url: str | None = None

    webhook_url: str | None = None
    # Loopback: the webhook server sits behind a TLS proxy on the same host. In a
    # container it must listen on 0.0.0.0 (set in deploy/docker-compose.webhook.yml).
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str = "telegram"
    webhook_secret: SecretStr | None = None

    allowed_chat_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    rate_limit: int = Field(default=10, ge=0)
    rate_window: float = Field(default=60.0, gt=0)
    # An SQLite file (bot/serving/state_store.py) keeping conversations across restarts.
    state_file: Path | None = None
    # Conversations idle this long are forgotten, in the file and in memory.
    state_ttl_days: float = Field(default=30.0, gt=0)
    heartbeat_file: Path | None = None
    # Seconds a reply keeps being retried through Telegram outages before it is given up.
    delivery_bound: float = Field(default=600.0, gt=0)

    @field_validator("allowed_chat_ids", "admin_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        """Accept "1, -1002, 3" (what people write in .env) as well as a list."""
        if isinstance(value, str):
            return frozenset(
                int(part) for part in value.replace(";", ",").split(",") if part.strip()
            )
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        """An unknown level would only fail later, inside logging, with a traceback."""
        level = known_log_level(value)
        if level is None:
            raise ValueError(
                f"unknown logging level {value!r}; use DEBUG, INFO, WARNING, ERROR or CRITICAL"
            )
        return level
