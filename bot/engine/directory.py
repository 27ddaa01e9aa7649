"""Finding people by what the question calls them: a description, or a name misspelt.

The corpus's own profile facts are the only knowledge used: a description is
whoever's roles and affiliations say its words, and an unknown name is close
to a known one by sound or by one character, so the engine can offer the
person instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import cached_property

from fangtan.retrieval.reading.roles import BARE_ROLES
from fangtan.retrieval.reading.titles import HONORIFICS, KINDS, of_kind, title_at_end
from fangtan.retrieval.search.normalize import squeeze, squeeze_all

# Roles a description may end with; a person must hold the one it names.


class People:
    def __init__(
        self,
        speakers: Iterable[str],
        facts: Callable[[], dict[str, tuple[str, ...]]],
        tokens: Callable[[str], list[str]],
        others: Iterable[str] = (),
    ) -> None:
        """``facts``: each speaker's, looked up when a description first needs them;
        ``others``: names only mentioned."""
        self._facts = facts
        self._tokens = tokens
        self._names = list(dict.fromkeys((*speakers, *others)))

    @cached_property
    def _profiles(self) -> dict[str, str]:
        """Each speaker's facts as one squeezed text."""
        facts = self._facts()
        return dict(zip(facts, squeeze_all(["".join(f) for f in facts.values()]), strict=True))

    def described(self, description: str) -> tuple[str, ...]:
        """The speakers whose profiles fit ``description`` best; empty if none fits it at all.

        Each word of the description found in some profile counts, the more
        the fewer people it fits; words no profile has ("做", "那位") are how
        people talk, not facts, and are ignored.
        """
        return self.described_by(description)[0]

    def described_by(self, description: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``described``, and the words of the description that fit them: the rest of it
        may be what the question asks them about ("老旧小区排水的事教授怎么看")."""
        text = squeeze(description)
        role = next((r for r in BARE_ROLES if text.endswith(r)), "")
        people = {n: p for n, p in self._profiles.items() if role in p}
        words = [w for w in dict.fromkeys(self._tokens(text)) if w not in BARE_ROLES]
        fits = {w: [n for n, p in people.items() if of_kind(w, p)] for w in words}
        for word, names in fits.items():
            if not names and len(word) >= 2:
                # "文旅局" for 文化广电旅游局, "交警" for 交通警察: a short form of the name.
                short = _short_form(word)
                fits[word] = [n for n, p in people.items() if short.search(p)]
        fits = {w: _principal(w, names, people) for w, names in fits.items() if names}
        if not fits:
            return (), ()
        weight = {w: math.log(1 + len(people) / len(names)) for w, names in fits.items()}
        score = {n: sum(weight[w] for w, names in fits.items() if n in names) for n in people}
        best = max(score.values())
        chosen = tuple(n for n, value in score.items() if value > 0 and value >= best - 1e-9)
        fitting = [w for w, names in fits.items() if set(chosen) & set(names)]
        # A word holding one that fits them describes them too, though their profile does
        # not say it so ("教育局" of "那个教育局的科长" for a 基础教育科科长): no topic.
        fitting += [w for w in words if w not in fitting and any(f in w for f in fitting)]
        # A single character describes them (女, 老) and is no topic of the question; nor
        # is how people address one whose line of work fits them (师傅 of "开小巴的司机
        # 师傅"), though alone it says more (老太太).
        titled = any(w in KINDS or title_at_end(w) for w in fitting)
        said_of = (w for w in words if len(w) == 1 or (titled and w in HONORIFICS))
        return chosen, tuple(dict.fromkeys([*fitting, *said_of]))

    def sounding_like(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Known names that sound the same as ``name`` or differ from it in one character."""
        from pypinyin import lazy_pinyin

        sound = lazy_pinyin(name)
        ranked: list[tuple[int, str]] = []
        for known in self._names:
            if known == name:
                continue
            if lazy_pinyin(known) == sound:
                ranked.append((0, known))
            elif len(known) == len(name) and _one_apart(known, name):
                ranked.append((1 if known[0] == name[0] else 2, known))
        ranked.sort(key=lambda pair: pair[0])
        return tuple(known for _, known in ranked[:limit])


def _short_form(word: str) -> re.Pattern[str]:
    """What ``word`` abbreviates: its characters in order, a few others between each."""
    gaps = f"[^、，,；;]{{0,{SHORT_FORM_GAP}}}?"
    return re.compile(gaps.join(re.escape(c) for c in word))


# How many characters a short form may skip between two of its own (文化广电旅游局: 3).
SHORT_FORM_GAP = 4


def _principal(word: str, names: list[str], profiles: dict[str, str]) -> list[str]:
    """Of those a title fits, whoever holds it outright: "书记" is the 市委书记, not the
    副书记 beside them; a 副局长 is still "局长" where nobody else is one."""
    outright = [n for n in names if re.search(f"(?<!副){re.escape(word)}", profiles[n])]
    return outright or names


def _one_apart(first: str, second: str) -> bool:
    return sum(a != b for a, b in zip(first, second, strict=True)) == 1
