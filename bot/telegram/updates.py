"""Polling that survives an update PTB cannot read.

PTB parses a whole getUpdates batch at once, so one update it cannot parse (a message
without a date, a field of an unexpected type from a newer Bot API) fails the batch; the
Updater then asks for the same offset again, forever, and logs the raw batch — other
people's questions — each time. Here each update is checked on its own as the response
arrives; one that does not parse is replaced by a bare ``{"update_id": n}``, which PTB turns
into an empty ``Update``, so the offset moves past it and the rest of the batch is served.
The bad update is logged once (the offset moves past it, so it is not fetched again), by id
and error type only.

The hook is the getUpdates request object (``ApplicationBuilder.get_updates_request``):
PTB documents ``parse_json_payload`` as the place to customise how responses are read, and
it sees only getUpdates, so the bot and its builder settings stay as they are.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from fangtan.bot.telegram.ptb_records import filter_ptb

log = logging.getLogger(__name__)


class UpdateSievingRequest(HTTPXRequest):
    """The getUpdates connection, reading each update in a batch on its own."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("connection_pool_size", 1)  # one long poll at a time, as PTB's own
        super().__init__(**kwargs)
        filter_ptb(_DUMPS, keep_line=True)

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """Telegram's response, with every update in it parseable.

        A body that is not JSON is an error as in PTB, but without the body in the log: for
        getUpdates the body is people's messages.
        """
        try:
            data = json.loads(payload.decode("utf-8", "replace"))
        except ValueError as exc:
            raise TelegramError("Invalid server response") from exc
        if isinstance(data, dict) and data.get("ok") and isinstance(data.get("result"), list):
            data["result"] = [u for u in map(_sieve, data["result"]) if u is not None]
        return data  # type: ignore[no-any-return]


def _sieve(raw: Any) -> Any:
    """The update as it came if PTB can read it, a bare id if not, None if it has no id."""
    read = read_update(raw, None)
    if not isinstance(read, Unreadable):
        return raw
    read.report("polling")
    # Without an id there is nothing to confirm and nothing to answer.
    return None if read.update_id is None else {"update_id": read.update_id}


@dataclass(frozen=True)
class Unreadable:
    """An update PTB cannot read: its id, if it has a usable one, and the error's type."""

    update_id: int | None
    error: str

    def report(self, where: str) -> None:
        """One line, by id and error type: never the update's data (people's messages)."""
        if self.update_id is None:
            log.warning("%s: skipped an update without update_id (%s)", where, self.error)
        else:
            log.warning(
                "%s: skipped update_id=%d that cannot be read (error=%s)",
                where,
                self.update_id,
                self.error,
            )


def read_update(raw: Any, bot: Bot | None) -> Update | Unreadable:
    """``raw`` as PTB's ``Update``, or what is known of it when PTB cannot read it.

    Polling and the webhook skip such an update the same way: refusing it, or asking for
    it again, would hold back every update after it.
    """
    update_id = raw.get("update_id") if isinstance(raw, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return Unreadable(None, type(raw).__name__)
    try:
        return Update.de_json(raw, bot)
    except Exception as exc:  # whatever the parser trips on, the update is unusable
        return Unreadable(update_id, type(exc).__name__)


# What PTB logs when it cannot parse updates, with the raw data (and, in a traceback, values
# from it): a polling batch in Bot.get_updates, a webhook request in the Updater. The line
# is kept, without the data.
_DUMPS = {
    "telegram.Bot": ("Error while parsing updates",),
    "telegram.ext.ExtBot": ("Error while parsing updates",),
    "telegram.ext.Updater": ("Something went wrong processing the data received from Telegram",),
}
