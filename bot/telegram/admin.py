"""Administration over Telegram: /reload and /stats, and reloading on SIGHUP."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Collection
from typing import Any

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from fangtan.bot.serving.library import Library
from fangtan.bot.serving.loading import CorpusError, Loaded
from fangtan.bot.serving.stats import Stats
from fangtan.bot.texts import telegram as tg_texts

log = logging.getLogger(__name__)

ADMIN_COMMANDS = ("reload", "stats")


class AdminHandlers:
    def __init__(self, library: Library, stats: Stats, admin_ids: Collection[int]) -> None:
        self.library = library
        self.stats = stats
        self.admin_ids = frozenset(admin_ids)
        self._reloading = asyncio.Lock()

    def register(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        new_messages = filters.UpdateType.MESSAGE
        app.add_handler(CommandHandler("reload", self.reload_command, filters=new_messages))
        app.add_handler(CommandHandler("stats", self.stats_command, filters=new_messages))

    def is_admin(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.admin_ids

    async def _admin_message(self, update: Update) -> Message | None:
        """The command's message if an admin sent it; otherwise refuse and return None."""
        message = update.effective_message
        if message is None:
            return None
        if not self.is_admin(update):
            await message.reply_text(tg_texts.TG_ADMIN_ONLY)
            return None
        return message

    async def reload_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/reload: rebuild the index; the old one answers until the new one is ready."""
        message = await self._admin_message(update)
        if message is None:
            return
        if self._reloading.locked():
            await message.reply_text(tg_texts.TG_RELOAD_BUSY)
            return
        await message.reply_text(tg_texts.TG_RELOAD_STARTED)
        await message.reply_text(await self.reload())

    async def reload(self) -> str:
        """Rebuild off the event loop; return the outcome in words for the admin."""
        async with self._reloading:
            try:
                loaded: Loaded = await asyncio.to_thread(self.library.rebuild)
            except CorpusError as exc:
                log.warning("reload failed, keeping the old corpus: %s", exc)
                return tg_texts.TG_RELOAD_FAILED.format(error=exc)
            except Exception as exc:  # any failure must leave the old index serving
                log.exception("reload failed, keeping the old corpus")
                return tg_texts.TG_RELOAD_FAILED.format(error=type(exc).__name__)
        log.info(
            "reloaded: interviews=%d paragraphs=%d seconds=%.1f",
            len(loaded.corpus.speakers()),
            loaded.corpus.paragraphs,
            loaded.seconds,
        )
        return tg_texts.TG_RELOAD_DONE.format(
            interviews=len(loaded.corpus.speakers()),
            paragraphs=loaded.corpus.paragraphs,
            seconds=loaded.seconds,
        )

    async def reload_on_signal(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """SIGHUP: reload, and tell the admins how it went."""
        if self._reloading.locked():
            return
        outcome = await self.reload()
        for admin in self.admin_ids:
            try:
                await app.bot.send_message(admin, outcome)
            except TelegramError as exc:
                log.warning("could not tell admin %s about the reload: %s", admin, exc)

    async def stats_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/stats: corpus size, what was answered and how replies got through since start."""
        message = await self._admin_message(update)
        if message is None:
            return
        corpus = self.library.corpus
        minutes = int(time.time() - self.stats.started) // 60
        await message.reply_text(
            tg_texts.TG_STATS.format(
                interviews=len(corpus.speakers()),
                paragraphs=corpus.paragraphs,
                answered=self.stats.answered,
                unanswered=self.stats.unanswered,
                median=self.stats.median_ms,
                uptime=tg_texts.TG_UPTIME.format(hours=minutes // 60, minutes=minutes % 60),
            )
            + "\n"
            + tg_texts.TG_STATS_DELIVERY.format(
                delivered=self.stats.delivered,
                retried=self.stats.retried,
                given_up=self.stats.given_up,
            )
        )
