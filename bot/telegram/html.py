"""Telegram HTML for answers, split so no message breaks Telegram's limits.

Every piece of corpus or user text goes through ``html.escape``. Messages are
packed from whole blocks (a quote with its speaker and citation), so a split
never falls inside a tag; a block too long for any message is split at
sentence boundaries, each piece wrapped in its own tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from fangtan.bot.engine.answer import Answer, Interviewee, Quote
from fangtan.bot.texts import telegram as tg_texts
from fangtan.bot.texts import wording
from fangtan.retrieval.reading.sentences import sentences_of

MESSAGE_LIMIT = 4096
GROUP_FIRST_LIMIT = 1500
SEPARATOR = "\n\n"


ELLIPSIS = "…"


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (a lone surrogate is one)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def clip(text: str, limit: int) -> str:
    """Plain ``text`` in at most ``limit`` UTF-16 units, cut between characters with an ellipsis."""
    if utf16_len(text) <= limit:
        return text
    room = limit - utf16_len(ELLIPSIS)
    used = 0
    for i, ch in enumerate(text):
        used += utf16_len(ch)
        if used > room:
            return text[:i].rstrip() + ELLIPSIS
    return text


@dataclass(frozen=True)
class Block:
    """``prefix`` + escaped ``body`` + ``suffix``; only ``body`` may be split."""

    prefix: str = ""
    body: str = ""
    suffix: str = ""

    def html(self) -> str:
        return f"{self.prefix}{escape(self.body, quote=False)}{self.suffix}"

    def split(self, limit: int) -> list[Block]:
        """Pieces that each fit ``limit``, cut between sentences where possible."""
        room = max(1, limit - utf16_len(self.prefix) - utf16_len(self.suffix))
        spans = sentences_of(self.body) or [(0, len(self.body))]
        parts: list[str] = []
        for start, end in spans:
            sentence = self.body[start:end]
            while sentence:
                cut = _fit(sentence, room)
                parts.append(sentence[:cut])
                sentence = sentence[cut:]
        pieces: list[str] = []
        current = ""
        for part in parts:
            if current and _escaped_len(current + part) > room:
                pieces.append(current)
                current = part
            else:
                current += part
        if current:
            pieces.append(current)
        return [Block(self.prefix, piece, self.suffix) for piece in pieces]


def _escaped_len(text: str) -> int:
    return utf16_len(escape(text, quote=False))


def _fit(text: str, room: int) -> int:
    """How many characters of ``text`` fit in ``room`` once escaped."""
    used = 0
    for i, ch in enumerate(text):
        used += utf16_len(escape(ch, quote=False))
        if used > room:
            return max(i, 1)
    return len(text)


def pack(blocks: list[Block], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join blocks into as few messages as fit ``limit`` each."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        pieces = [block]
        if utf16_len(block.html()) > limit:
            # Leave room for what is already waiting (a heading, say), so the
            # first piece goes out with it instead of on its own.
            room = limit - utf16_len(current) - utf16_len(SEPARATOR) if current else limit
            pieces = block.split(room if room > limit // 2 else limit)
        for piece in pieces:
            html = piece.html()
            candidate = f"{current}{SEPARATOR}{html}" if current else html
            if utf16_len(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = html
    if current:
        messages.append(current)
    return messages


def shortened(block: Block, limit: int = MESSAGE_LIMIT) -> str:
    """``block`` as one message of at most ``limit`` UTF-16 units.

    Whole if it fits; otherwise its body is cut at a sentence boundary (at a
    character boundary only inside a sentence longer than the room) and ends
    in a visible ellipsis, while the tags around it stay whole. For places
    that allow one message only, such as an inline result.
    """
    html = block.html()
    if utf16_len(html) <= limit:
        return html
    first = block.split(limit - utf16_len(ELLIPSIS))[0]
    cut = Block(first.prefix, first.body.rstrip() + ELLIPSIS, first.suffix)
    html = cut.html()
    if utf16_len(html) <= limit:
        return html
    # The tags and their contents alone are too long: plain text, then.
    body = block.body[: _fit(block.body, limit - utf16_len(ELLIPSIS))]
    return escape(body, quote=False) + ELLIPSIS


def text_block(text: str) -> Block:
    return Block(body=text)


def quote_block(quote: Quote) -> Block:
    about = wording.credentials(quote.role, quote.affiliation)
    head = f"<b>{escape(wording.speaker_name(quote.speaker))}</b>"
    if about:
        head += f" {escape(about)}"
    return Block(
        prefix=f"{head}\n<blockquote>",
        body=quote.text,
        suffix=f"</blockquote>\n<i>{escape(wording.citation(quote))}</i>",
    )


def person_block(person: Interviewee) -> Block:
    name, _, rest = wording.person_line(person).partition("｜")
    return Block(
        prefix=f"<b>{escape(name)}</b>｜{escape(rest)}\n",
        body=wording.person_details(person),
    )


def heading_block(answer: Answer, page: int = 0) -> Block | None:
    top = wording.heading(answer)
    if top and page:
        top = f"{top}（{tg_texts.TG_PAGE.format(page=page + 1)}）"
    return Block(prefix="<b>", body=top, suffix="</b>") if top else None


def note_block(text: str) -> Block | None:
    """A remark about the answer rather than part of it, set apart in italics."""
    return Block(prefix="<i>", body=text, suffix="</i>") if text else None


def answer_blocks(
    answer: Answer, items: Sequence[Quote | Interviewee], page: int = 0
) -> list[Block]:
    """One page of an answer: heading, partial note, the page's items, matched words.

    Every page carries the notes because turning a page replaces the message.
    """
    blocks = [heading_block(answer, page), note_block(wording.partial_note(answer))]
    blocks.extend(quote_block(i) if isinstance(i, Quote) else person_block(i) for i in items)
    blocks.append(note_block(wording.matched_line(answer)))
    return [block for block in blocks if block is not None]


def miss_blocks(answer: Answer, hint: bool = True) -> list[Block]:
    return [text_block(wording.miss_text(answer, hint=hint))]


def paragraph_blocks(title: str, paragraph: int, text: str) -> list[Block]:
    return [
        Block(
            prefix="<b>",
            body=tg_texts.TG_PARAGRAPH_HEADING.format(title=title, paragraph=paragraph),
            suffix="</b>",
        ),
        Block(prefix="<blockquote>", body=text, suffix="</blockquote>"),
    ]
