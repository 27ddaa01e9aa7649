"""Words of the corpus that may stand for a question word the corpus never uses.

Each alternative carries a credit below 1: a passage that says 群众 answers a
question about 老百姓, but less surely than one that says 老百姓. Only words
the corpus lacks are expanded, so a question whose words are all there is
answered exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from fangtan.retrieval.search.forms import Forms
from fangtan.retrieval.search.thesaurus import Thesaurus

# Credits, by how surely the alternative means the same thing.
FORM_CREDIT = 0.8  # 环保 for 环境保护 and back
PART_CREDIT = 0.3  # 文旅 for 旅游: half an abbreviation; below a partial answer on its own
SYNONYM_CREDIT = 0.6  # same synonym group
NEIGHBOUR_CREDIT = 0.4  # a neighbouring synonym group
# Alternatives kept per question word, best first.
MAX_ALTERNATIVES = 12


class Via(StrEnum):
    """How a corpus word came to stand for a word of the question."""

    EXACT = "exact"  # the question's own word
    FORM = "form"  # another form of it: an abbreviation or compound (环保 for 环境保护)
    RELATED = "related"  # a synonym from the thesaurus (群众 for 老百姓)


@dataclass(frozen=True)
class Alternative:
    """A corpus word that may stand for a question word the corpus lacks, at ``credit``
    (below 1: it counts for less than the word itself), found ``via`` a form or the thesaurus."""

    term: str
    credit: float
    via: Via


class Expander:
    def __init__(
        self,
        forms: Forms,
        thesaurus: Callable[[], Thesaurus],
        known: Callable[[str], bool],
        usable: Callable[[str], bool],
    ) -> None:
        """``known``: is it a corpus term; ``usable``: may it stand for content at all."""
        self._forms = forms
        self._thesaurus = thesaurus
        self._known = known
        self._usable = usable

    def alternatives(self, word: str) -> tuple[Alternative, ...]:
        """Corpus words that may stand for ``word``, best first."""
        found: dict[str, Alternative] = {}
        if len(word) < 2:
            # One character means too many things to stand in for.
            return ()

        def add(terms: Iterable[str], credit: float, via: Via) -> None:
            for term in terms:
                if term == word or len(term) < 2 or not self._usable(term):
                    continue
                if self._known(term) and (term not in found or found[term].credit < credit):
                    found[term] = Alternative(term, credit, via)

        add(self._forms.longer(word), FORM_CREDIT, Via.FORM)
        add(self._forms.shorter(word), FORM_CREDIT, Via.FORM)
        add(self._forms.containing(word), PART_CREDIT, Via.FORM)
        thesaurus = self._thesaurus()
        add(thesaurus.synonyms(word), SYNONYM_CREDIT, Via.RELATED)
        add(thesaurus.neighbours(word), NEIGHBOUR_CREDIT, Via.RELATED)
        ranked = sorted(found.values(), key=lambda a: -a.credit)
        return tuple(ranked[:MAX_ALTERNATIVES])
