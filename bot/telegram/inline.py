"""Inline mode: ``@bot 关键词`` in any chat offers quotes to post there.

:func:`inline_results` is the pure view (engine answer in, result articles
out); :class:`InlineQueries` is the thin handler that sends them.
"""

from __future__ import annotations

import logging
import time

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from fangtan.bot.engine.answer import Answer, Intent, Interviewee, Quote
from fangtan.bot.engine.answering import Engine
from fangtan.bot.serving.library import Library
from fangtan.bot.telegram.html import clip, person_block, quote_block, shortened
from fangtan.bot.telegram.shown import CHOICE_BUTTONS
from fangtan.bot.texts import common as common_texts
from fangtan.bot.texts import telegram as tg_texts
from fangtan.bot.texts.wording import speaker_name

# Telegram's limits: 50 results per answer, message text 4096 after entity parsing (our
# HTML is kept within it before parsing, which is stricter). Titles and descriptions have no
# documented limit, but clients show one or two lines of each.
INLINE_LIMIT = 50
TITLE_CHARS = 64
DESCRIPTION_CHARS = 100
INLINE_CACHE_SECONDS = 30

log = logging.getLogger(__name__)


class InlineQueries:
    def __init__(self, library: Library) -> None:
        self.library = library

    async def answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """@bot 关键词: one quotable result per speaker."""
        query = update.inline_query
        if query is None:
            return
        started = time.perf_counter()
        results, button = inline_results(self.library.engine, query.query)
        await query.answer(
            results, cache_time=INLINE_CACHE_SECONDS, is_personal=False, button=button
        )
        log.info(
            "answered chat_type=inline results=%d ms=%.1f",
            len(results),
            (time.perf_counter() - started) * 1000,
        )


def inline_results(
    engine: Engine, query: str
) -> tuple[list[InlineQueryResultArticle], InlineQueryResultsButton | None]:
    """One article per speaker (or the list of interviewees for an empty query).

    A query that may mean several people offers what each of them said, since
    inline mode has no buttons to ask which one was meant.
    """
    query = query.strip()
    answer = engine.answer_list() if not query else engine.answer(query)
    results: list[InlineQueryResultArticle] = []
    if answer.answered and answer.intent in (Intent.LIST, Intent.PROFILE):
        results = [_person_article(n, p) for n, p in enumerate(answer.people)]
    elif answer.answered:
        results = _quote_articles([answer])
    elif answer.choices:
        meant = (engine.answer(c.question) for c in answer.choices[:CHOICE_BUTTONS])
        results = _quote_articles([a for a in meant if a.answered])
    results = results[:INLINE_LIMIT]
    button = None
    if not results:
        button = InlineQueryResultsButton(text=tg_texts.TG_INLINE_EMPTY, start_parameter="help")
    return results, button


def _quote_articles(answers: list[Answer]) -> list[InlineQueryResultArticle]:
    """The best quote of each speaker, in the order the answers give them."""
    results: list[InlineQueryResultArticle] = []
    seen: set[str | None] = set()
    for quote in (q for a in answers for q in a.quotes):
        if quote.speaker in seen:
            continue
        seen.add(quote.speaker)
        results.append(_quote_article(len(results), quote))
    return results


def _quote_article(n: int, quote: Quote) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=f"q{n}-{quote.chunk_id}",
        title=clip(
            tg_texts.TG_INLINE_QUOTE_TITLE.format(
                name=speaker_name(quote.speaker), role=quote.role or common_texts.UNKNOWN_SPEAKER
            ),
            TITLE_CHARS,
        ),
        description=clip(quote.text, DESCRIPTION_CHARS),
        input_message_content=InputTextMessageContent(
            shortened(quote_block(quote)), parse_mode=ParseMode.HTML
        ),
    )


def _person_article(n: int, person: Interviewee) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=f"p{n}",
        title=clip(
            tg_texts.TG_INLINE_LIST_TITLE.format(
                name=speaker_name(person.name), role=person.role or common_texts.UNKNOWN_SPEAKER
            ),
            TITLE_CHARS,
        ),
        description=clip(person.affiliation or person.headline, DESCRIPTION_CHARS),
        input_message_content=InputTextMessageContent(
            shortened(person_block(person)), parse_mode=ParseMode.HTML
        ),
    )
