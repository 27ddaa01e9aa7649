"""the Telegram front end."""
