"""Settings from the environment (``FANGTAN_*``) and a ``.env`` file.

Command-line flags override these; nothing else reads the environment.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FANGTAN_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path | None = None
    log_level: str = "INFO"

    telegram_token: SecretStr | None = None
    telegram_base_url: str = DEFAULT_BASE_URL
    telegram_base_file_url: str | None = None

    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_secret: SecretStr | None = None
