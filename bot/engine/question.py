"""A question as the engine takes it in: cleaned, cut to length and normalised, once.

Every front end hands the engine the text exactly as typed; what it must tell
the asker (that a long question was cut) comes back on the ``Answer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fangtan.retrieval.search.normalize import normalize, strip_control

# Questions are read up to this length; the rest cannot change the answer much.
QUESTION_MAX = 300
# What someone says before asking ("我在看两会新闻，想问下……", "请问一下，……"): how
# they came to ask, not what they ask, so it is not read.
PREAMBLE_RE = re.compile(
    r"^[^？?。！!]{0,30}?(?:想问(?:一下|下)?|请问(?:一下|下)?|问一下|问下|想知道|想了解)[，,：:\s]*"
)

# "姓梁的那个科长": the surname said apart, as one does for a name not remembered; read
# as the form of address it stands for (梁科长).
SURNAME_SAID_RE = re.compile(
    r"姓(?P<surname>[\u4e00-\u9fff]{1,2}?)的(?:那个|那位|这个|这位|那)?(?=[\u4e00-\u9fff])"
)


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
    normal = normalize(text)
    asked = SURNAME_SAID_RE.sub(r"\g<surname>", PREAMBLE_RE.sub("", normal, count=1))
    return Question(text, asked if asked.strip() else normal, truncated)
