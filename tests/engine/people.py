"""People for the reader with everything known up front, as tests write them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Addressable:
    """A ``fangtan.bot.engine.intent.Someone`` given all at once; the engine hands the
    reader people whose roles and facts are looked up on first need instead."""

    name: str
    roles: tuple[str, ...]
    facts: tuple[str, ...] = ()
