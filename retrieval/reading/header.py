"""Lines, sentence ends, and the person an interview header names.

Newspaper pages are laid out in columns, so a paragraph often arrives broken
mid-sentence or even mid-word ("加快建" / "设"); ``ends_sentence`` is how the
reader tells a finished line from a broken one. An interview header runs
roles, organisation, post and name together ("——访某某集团董事长欧阳某某"), and
``parse_speaker`` takes them apart, looking in the article for what the
header leaves out.
"""

from __future__ import annotations

import re

from fangtan.retrieval.reading.affiliations import split_affiliation
from fangtan.retrieval.reading.names import plausible_name, split_trailing_name
from fangtan.retrieval.reading.roles import ROLE_RE
from fangtan.retrieval.reading.titles import title_at_end
from fangtan.retrieval.records import Speaker

# A sentence's end, and a short aside in brackets after it ("……。」（某某）": whose words).
SENTENCE_END_RE = re.compile(r"[。！？…；!?;][”’」』）)\"'》]*(?:\s*[（(][^（）()]{1,12}[）)])?$")
_SEPARATORS_RE = re.compile(r"[、，,/／\s]+")
_BODY_STOP = '，。；：！？“”‘’"「」《》（）() \u3000'

# Separates the name from the body it is looked for in (see _speaker_from_body).
_NAME_END = "\x00"
_ROLES = rf"(?P<roles>(?:{ROLE_RE.pattern})(?:、(?:{ROLE_RE.pattern}))*)"
_STOP = re.escape(_BODY_STOP)
# "{role}、{affiliation}{name}": the lazy lead makes the first match in the body win.
_TITLES_BEFORE_RE = re.compile(
    rf"(?P<name>[^\x00]*)\x00.*?{_ROLES}(?:、(?P<aff>[^{_STOP}]{{2,60}}?))?(?P=name)",
    re.DOTALL,
)
# "……的某某，如今是市人大代表、某学校校长。": the name before the titles.
_TITLES_AFTER_RE = re.compile(
    rf"(?P<name>[^\x00]*)\x00.*?(?P=name)[^。！？“”]{{0,20}}?(?:是|为|任|系|担任)"
    rf"{_ROLES}(?:、(?P<aff>[^{_STOP}]{{2,60}}))?",
    re.DOTALL,
)

# Never glue more than this much together: a file without punctuation would
# otherwise collapse into one enormous paragraph.
PARAGRAPH_MAX = 1500


def clean_lines(text: str) -> list[str]:
    """Non-empty lines, stripped of ASCII and ideographic white space."""
    lines = (line.strip(" \t\u3000\ufeff\xa0") for line in text.splitlines())
    return [line for line in lines if line]


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END_RE.search(line))


def parse_speaker(who: str, body: str) -> Speaker:
    """Read roles, affiliation and name from the text after ``访``.

    ``who`` looks like "市人大代表王小明" or "全国人大代表、某某集团董事长欧阳某某";
    the name always comes last. Missing affiliation is looked for in the body.
    """
    who = re.split(r"[：:（(]", who, maxsplit=1)[0].strip(" 。.")
    roles = [m.group(0) for m in ROLE_RE.finditer(who)]
    pieces = [ROLE_RE.sub("", piece) for piece in _SEPARATORS_RE.split(who)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return Speaker(name=None, roles=tuple(roles))
    before, name = split_trailing_name(pieces[-1], body)
    if name is None and _name_first(pieces, roles):
        # "王某某 某县农业农村局局长": a caption's order.
        before, name, pieces = "", pieces[0], [*pieces[1:], ""]
    if name is None:
        return Speaker(name=None, roles=tuple(roles), affiliation="、".join(pieces))
    affiliation = "、".join([*pieces[:-1], before] if before else pieces[:-1])
    if not affiliation or not roles:
        found_roles, found_affiliation = _speaker_from_body(name, body)
        roles = roles or found_roles
        affiliation = affiliation or found_affiliation
    organisation, post = split_affiliation(affiliation)
    return Speaker(
        name=name,
        roles=tuple(dict.fromkeys(roles)),
        affiliation=affiliation,
        organisation=organisation,
        post=post,
    )


def _name_first(pieces: list[str], roles: list[str]) -> bool:
    """Is the first piece a name and the rest what the person is?"""
    first = pieces[0]
    return (
        len(pieces) > 1
        and plausible_name(first)
        and not title_at_end(first)
        and bool(title_at_end(pieces[-1]) or roles)
    )


def _speaker_from_body(name: str, body: str) -> tuple[list[str], str]:
    """Find "{role}、{affiliation}{name}" (or "{role}{name}") in the body."""
    # The name rides in front of the body and is matched by back-reference, so
    # the two patterns are compiled once rather than once per interview.
    subject = f"{name}{_NAME_END}{body}"
    match = _TITLES_BEFORE_RE.match(subject) or _TITLES_AFTER_RE.match(subject)
    if not match:
        return [], ""
    roles = [m.group(0) for m in ROLE_RE.finditer(match.group("roles"))]
    return roles, match.group("aff") or ""
