"""What the answer engine returns: one typed ``Answer`` for every front end.

The console, ``ask --json`` and Telegram all render these records; none of
them re-runs retrieval or decides what counts as an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from fangtan.retrieval.search.expand import Via

__all__ = [
    "Answer",
    "Choice",
    "Context",
    "Intent",
    "Interviewee",
    "Match",
    "Miss",
    "Quote",
    "Via",
]


class Intent(StrEnum):
    WHO = "who"
    SPEAKER = "speaker"
    PROFILE = "profile"
    LIST = "list"
    TOPIC = "topic"
    MORE = "more"
    OTHERS = "others"
    HELP = "help"


class Miss(StrEnum):
    """Why a question got no answer; bot/texts/common.py words each one."""

    EMPTY = "empty"
    UNKNOWN_WORDS = "unknown_words"
    WEAK = "weak"
    SPEAKER_SILENT = "speaker_silent"
    MENTIONED_ONLY = "mentioned_only"  # named in the corpus, never quoted
    NO_CONTEXT = "no_context"
    NO_MORE = "no_more"
    NO_OTHERS = "no_others"
    NO_MATCH = "no_match"
    AMBIGUOUS = "ambiguous"  # a form of address fits several people ("李代表")
    UNKNOWN_NAME = "unknown_name"  # looks like a name nobody in the corpus has ("马林")
    RELATIVE = "relative"  # asks what someone's relative said ("某某的儿子"), not theirs


@dataclass(frozen=True)
class Match:
    """A corpus word an answer matched, and the question word it stands for."""

    term: str
    asked: str
    via: Via = Via.EXACT


@dataclass(frozen=True)
class Choice:
    """One person a question may have meant, and the question asked of them."""

    name: str
    question: str
    role: str = ""
    affiliation: str = ""


@dataclass(frozen=True)
class Interviewee:
    """An interviewee as answers present them."""

    name: str | None
    role: str
    affiliation: str
    organisation: str
    post: str
    headline: str
    source: str
    paragraphs: int
    # Every role and affiliation the corpus gives, wherever it was read.
    facts: tuple[str, ...] = ()
    speaks: bool = True


@dataclass(frozen=True)
class Quote:
    """A verbatim cut from one paragraph, with where it came from."""

    speaker: str | None
    role: str
    affiliation: str
    title: str
    source: str
    paragraph: int
    text: str
    score: float
    chunk_id: int
    whole: bool = False
    kind: str = "narration"  # quote, reported, answer or narration


@dataclass(frozen=True)
class Context:
    """What a follow-up ("更多", "还有谁", "他还说了什么") continues from.

    Chunk ids only mean something for the index that made them, hence
    ``corpus_id``: after a reload an old context is ignored, not misread.
    """

    corpus_id: str
    intent: Intent
    terms: tuple[str, ...] = ()
    focus: str | None = None
    shown_chunks: tuple[int, ...] = ()
    shown_speakers: tuple[str, ...] = ()
    more_chunks: tuple[int, ...] = ()
    other_speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the engine says to one question, the same for every front end.

    Front ends only word it: who spoke, the quotes with their citations, or why
    there is no answer (``miss``) and what to ask instead.
    """

    question: str
    intent: Intent
    answered: bool
    speakers: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Interviewee, ...] = ()
    topic: str = ""
    miss: Miss | None = None
    unknown: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    has_more: bool = False
    # Words of the corpus that matched, with the question word each stands for.
    matched: tuple[Match, ...] = ()
    # True when some content words of the question matched nothing: the
    # answer is the best the corpus has, and says so.
    partial: bool = False
    missing: tuple[str, ...] = ()
    # People the question may have meant (AMBIGUOUS, UNKNOWN_NAME): front ends
    # offer each ``Choice.question`` to ask next.
    choices: tuple[Choice, ...] = ()
    # The question was longer than the engine reads (QUESTION_MAX) and was cut:
    # front ends say so.
    truncated: bool = False
    context: Context | None = field(default=None, compare=False)
