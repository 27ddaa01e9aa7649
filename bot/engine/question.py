"""A question as the engine takes it in: cleaned, cut to length and normalised, once.

Every front end hands the engine the text exactly as typed; what it must tell
the asker (that a long question was cut) comes back on the ``Answer``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fangtan.retrieval.search.normalize import normalize, strip_control

# Questions are read up to this length; the rest cannot change the answer much.
QUESTION_MAX = 300


@dataclass(frozen=True)
class Question:
    """``text`` is what answers repeat back; ``normal`` is what reading matches against."""

    text: str
    normal: str
    truncated: bool = False


def take(raw: str) -> Question:
    """The question as asked, without invisible characters, at most ``QUESTION_MAX`` long."""
    text = strip_control(raw).strip()
    truncated = len(text) > QUESTION_MAX
    text = text[:QUESTION_MAX]
    return Question(text, normalize(text), truncated)
