"""Everyone a file introduces, and every form the file addresses them by, so its
sentences can be given to them."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from fangtan.retrieval.reading.alternation import longest_first
from fangtan.retrieval.reading.attribution import (
    Directory,
)
from fangtan.retrieval.reading.clause_starts import AtClauseStarts
from fangtan.retrieval.reading.drafts import FileReading, PersonDraft, key_of
from fangtan.retrieval.reading.lines import (
    NEARBY_LINES,
    NUMBERED_RE,
    PAREN_TAGS,
    JoinedLines,
    Line,
    LineKind,
    headline_subject,
    headline_visit,
)
from fangtan.retrieval.reading.mentions import (
    anonymised_names,
    boundary_after,
    dotted_names,
    familiar_names,
    introductions,
    is_name,
    named_as,
    named_first,
    pseudonyms,
    rare_untitled_names,
    short_forms,
    surnamed,
    talked_with,
    titled_names,
    untitled_names,
    visited_bare,
)
from fangtan.retrieval.reading.model import FactKind
from fangtan.retrieval.reading.names import (
    is_han,
    surname_of,
)
from fangtan.retrieval.reading.roles import BARE_ROLES, is_role
from fangtan.retrieval.reading.titles import (
    HONORIFICS,
    NOT_AFTER_OLD,
    OLD,
    TITLES,
    address_forms,
    title_at_end,
)
from fangtan.retrieval.search.normalize import fold, normalize


@dataclass
class Builder:
    reading: FileReading
    directory: Directory = field(default_factory=Directory)


# "记者联系了某县城市管理综合执法局。该局局长某某表示": 该 and a body's last character
# stand for the body the text named just before.
_BODY_STARTS = frozenset("，。；：、 \n了到向在和与及对从")
_THIS_BODY_RE = re.compile(r"^该(?P<end>局|院|所|部|委|厅|站|办|中心|公司|集团|医院|学校|协会)")


def _this_body(segment: str, before: str) -> str:
    """``segment`` with 该局 (该院, 该公司…) as the body ``before`` last names so."""
    this = _THIS_BODY_RE.match(segment)
    if this is None:
        return segment
    bodies = [
        (m.start() + len(m[1]), m.start(), m[1])
        for m in re.finditer(rf"(?=([\u4e00-\u9fff]{{2,20}}?{this['end']}))", before)
        if (m.start() == 0 or before[m.start() - 1] in _BODY_STARTS) and not m[1].startswith("该")
    ]
    # The body named last, and of the ways to read it, the one starting latest.
    return max(bodies)[2] + segment[this.end() :] if bodies else segment


# How often a page must use a name whose surname the table lacks before it is one.
_RARE_USES = 3


def _rare_untitled(
    builder: Builder, lines: list[Line], read_in: tuple[LineKind, ...], page: str
) -> None:
    """People with a surname the table lacks and no title, who speak at once after their
    name ("某远山说，……"): a name only where the page uses it again and again, as it
    does a person it follows, not a phrase said once (``page``: the lines joined)."""
    for line in lines:
        if line.kind not in read_in:
            continue
        for _, name in rare_untitled_names(line.folded, line.text):
            if page.count(fold(name)) >= _RARE_USES:
                person(builder, name, (), -1, 0)


def collect_people(builder: Builder, lines: list[Line]) -> None:
    """Everyone the file introduces, so sentences can be given to them."""
    reading = builder.reading
    read_in = (LineKind.BODY, LineKind.TURN, LineKind.HEADING, LineKind.SECTION)
    dotted = [
        [line.text[start:end] for start, end in dotted_names(line.folded)]
        if line.kind in read_in
        else []
        for line in lines
    ]
    _full_names(lines, [name for names in dotted for name in names])
    by_surname: list[tuple[str, str]] = []  # "姓某的大爷" and the 某大爷 it makes
    around = JoinedLines(lines)
    for i, line in enumerate(lines):
        if line.name:
            person(builder, line.name, line.segments, -1, 0)
        if line.kind in read_in:
            # A name is settled by how the text around it uses it, not the whole file
            # (joined only for a line that has a title to settle a name after).
            window = functools.partial(around.run, i - NEARBY_LINES, i + NEARBY_LINES)
            for intro in introductions(line.folded, line.text, window):
                name = line.text[intro.name_start : intro.name_end]
                held = intro.segments
                if any(segment.startswith("该") for segment in held):
                    # "该局局长某某": the body the text named just before.
                    before = "\n".join(
                        [
                            *(ln.text for ln in lines[max(0, i - 2) : i]),
                            line.text[: intro.name_start],
                        ]
                    )
                    held = tuple(_this_body(segment, before) for segment in held)
                person(builder, name, held, -1, 0)
            for name, title in titled_names(line.folded, line.text):
                key = person(builder, name, (), -1, 0)
                reading.people[key].titles.add(title)
            for name in untitled_names(line.folded, line.text):
                person(builder, name, (), -1, 0)
            for name in anonymised_names(line.folded, line.text):
                person(builder, name, (), -1, 0)
            for name in dotted[i]:
                person(builder, name, (), -1, 0)
            for name, held in named_first(line.folded, line.text):
                person(builder, name, held, -1, 0)
            for form, name in surnamed(line.folded, line.text):
                person(builder, name, (), -1, 0)
                by_surname.append((form, name))
    _rare_untitled(builder, lines, read_in, around.whole)
    for line in lines:
        if line.kind in (LineKind.BODY, LineKind.TURN):
            # "某某（化名）", "本刊专访某某，……": named, though with nothing to say who.
            for name in (
                *pseudonyms(line.folded, line.text),
                *named_as(line.folded, line.text),
                *visited_bare(line.folded, line.text),
                *talked_with(line.folded, line.text),
            ):
                person(builder, name, (), -1, 0)
        if line.kind is LineKind.HEADING and (guest := headline_visit(line.text)) is not None:
            person(builder, guest, (), -1, 0)
        elif (
            line.kind is LineKind.HEADING
            and (subject := headline_subject(line.text))
            and sum(fold(subject) in other.folded for other in lines) > 1
        ):
            # "某某：在高原上数苔藓的人": the profile's subject, if the story names them.
            person(builder, subject, (), -1, 0)
    # A surname a named person bears, or a character of their given name (兰姐 for 某春兰):
    # a familiar form of someone already known, not someone else.
    known: set[str] = set()
    for draft in reading.people.values():
        name = fold(draft.name)
        surname = surname_of(name)
        known.update((surname, *name[len(surname) :]))
    for line in lines:
        if line.kind in (LineKind.BODY, LineKind.TURN):
            # "小昝说": someone the page never names in full, unless a known person's
            # surname makes it how the page addresses them.
            for name, surname in familiar_names(line.folded, line.text):
                if surname not in known:
                    person(builder, name, (), -1, 0)
        if line.kind in (LineKind.BODY, LineKind.TURN):
            for name, held in _held_after(line, reading.people):
                person(builder, name, held, -1, 0)
    for key, draft in reading.people.items():
        builder.directory.add(normalize(draft.name), key)
        builder.directory.add(fold(draft.name), key)
        for part in short_forms(fold(draft.name)):
            builder.directory.add(part, key)
    for key, draft in reading.people.items():
        surname = draft.name[: len(surname_of(normalize(draft.name)))]
        titles: set[str] = set(draft.titles)
        for kind, text, _, _ in draft.facts:
            for part in re.split(r"[、，,]", text):
                title = title_at_end(fold(part)) or (fold(part) if kind is FactKind.ROLE else "")
                titles.update(address_forms(title) if title else ())
        builder.directory.titles[key] = titles
        for title in titles:
            builder.directory.add(fold(surname) + title, key)
        # "王某某代表": the full name with a title after it.
        for title in titles:
            builder.directory.add(fold(draft.name) + title, key)
    _address_by_surname(builder, around.whole)
    _nicknames(builder, lines)
    for form, name in by_surname:
        builder.directory.add(fold(form), key_of(name))  # "姓某的大爷" is 某大爷


def _full_names(lines: list[Line], dotted: list[str]) -> None:
    """A turn tagged with one part of a dotted name the page gives in full ("费雷拉："
    after 安德烈·费雷拉) is that person's: the tag takes the full name."""
    whole: dict[str, set[str]] = {}
    for name in dotted:
        for part in short_forms(fold(name)):
            whole.setdefault(part, set()).add(name)
    if not whole:
        return
    for line in lines:
        named = whole.get(fold(line.name)) if line.name else None
        if named and len(named) == 1:
            line.name = next(iter(named))


def _address_by_surname(builder: Builder, text: str) -> None:
    """ "揭书记" where the file never says 揭某某 is a 书记 ("被选派到村里担任第一书记"):
    a surname only one of the file's people bears, and any title after it, is them
    (``text``: the file's lines joined)."""
    people = builder.reading.people
    bearers = Counter(surname_of(fold(d.name)) for d in people.values())
    unique = {surname_of(fold(d.name)): key for key, d in people.items()}
    unique = {s: key for s, key in unique.items() if bearers[s] == 1 and is_han(s)}
    if not unique:
        return
    lengths = sorted({len(s) for s in unique}, reverse=True)
    # Every title in the text, then the surname before it: one pattern for every file.
    for match in _TITLE_SCAN_RE.finditer(text):
        for length in lengths:
            start = match.start() - length
            surname = text[start : match.start()] if start >= 0 else ""
            if surname in unique and _address_starts(text, start):
                form = surname + match.group(0)
                if form not in builder.directory.names:
                    builder.directory.add(form, unique[surname])
                break
    for surname, key in unique.items():
        # "老乜说": a feature calls its person 老 and the surname, once it knows them.
        form = OLD + surname
        if len(surname) == 1 and surname not in NOT_AFTER_OLD and _used_as_address(text, form):
            builder.directory.add(form, key)


def _used_as_address(text: str, form: str) -> bool:
    """Does ``text`` use ``form`` as it uses a name: where an address may start, and with
    a verb of saying or a stop after it, somewhere?"""
    at = text.find(form)
    while at >= 0:
        after = text[at + len(form) : at + len(form) + 40]
        if _address_starts(text, at) and boundary_after(after):
            return True
        at = text.find(form, at + 1)
    return False


def _address_starts(text: str, at: int) -> bool:
    """May a form of address start at ``at``: after no other Han character (so 提高 is
    not 高), or after a word that stands before a person (的, 对, 请, 这位…)?"""
    before = text[at - 1 : at]
    return not is_han(before) or before in "的是和与跟对向让请问给找被把那这位了说"


_TITLE_SCAN_RE = re.compile(longest_first({*TITLES, *HONORIFICS}))


# "……。某某是市人大代表。": a name, 是, and what the person is, a clause of its own.
_HELD_AFTER_RE = AtClauseStarts(
    r"，。；！？”」",
    r"(?P<name>[^，。；：:“”「」\s]{2,16})是(?P<held>[^，。；：:“”「」\s]{2,40}?)(?=[。；，])",
)


def _held_after(line: Line, people: dict[str, PersonDraft]) -> list[tuple[str, tuple[str, ...]]]:
    """People the file knows, each with what a clause says they are ("某某是市人大代表")."""
    found: list[tuple[str, tuple[str, ...]]] = []
    if "是" not in line.folded:
        return found
    for match in _HELD_AFTER_RE.finditer(line.folded):
        # "今年52岁的宿某某是市政协委员": the name is after 的.
        subject = match.group("name").rsplit("的", 1)[-1]
        start = match.end("name") - len(subject)
        name, key = line.text[start : match.end("name")], key_of(subject)
        held = line.text[match.start("held") : match.end("held")]
        if (key in people or is_name(subject)) and all(
            is_role(fold(part)) or title_at_end(fold(part)) for part in re.split("[、]", held)
        ):
            found.append((people[key].name if key in people else name, tuple(held.split("、"))))
    return found


def person(
    builder: Builder, name: str, segments: tuple[str, ...], article: int, paragraph: int
) -> str:
    key = key_of(name)
    draft = builder.reading.people.setdefault(key, PersonDraft(name))
    for segment in segments:
        # A list's numbering is not part of anyone's role ("1. 市人大代表").
        segment = NUMBERED_RE.sub("", segment.strip()).strip("【】[]［］ ")
        if not segment or segment in PAREN_TAGS:
            continue  # "【嘉宾 某某】": what the tag calls a turn, not what they are
        # A deputy tagged "某某代表：" holds the role, though the page never says which.
        bare_role = fold(segment) in BARE_ROLES
        kind = FactKind.ROLE if is_role(fold(segment)) or bare_role else FactKind.AFFILIATION
        if all(f[1] != segment for f in draft.facts):
            draft.facts.append((kind, segment, article, paragraph))
    return key


# What a page says someone is called: "某某（街坊都叫她莲姐）", "被称为“大某”的某某",
# "某某 Alan".
_CALLED_AFTER_RE = re.compile(
    r"(?P<run>[\u4e00-\u9fff·]{2,10})\s*[（(][^）)]{0,10}?(?:叫|称|喊|唤)(?:她|他|其)?(?:做|作|为)?"
    r"[“「]?(?P<alias>[^”」）)，,。\s]{2,4}?)[”」]?[）)]"
)
_CALLED_BEFORE_RE = re.compile(
    r"(?:称为|称作|叫做|唤作|人称|绰号|外号)[“「](?P<alias>[^”」]{2,4})[”」]的(?P<run>[\u4e00-\u9fff·]{2,8})"
)
_LATIN_GIVEN_RE = re.compile(r"(?P<run>[\u4e00-\u9fff·]{2,10})\s+(?P<alias>[A-Za-z]{2,12})\b")
_LATIN_BRACKET_RE = re.compile(
    r"(?P<run>[\u4e00-\u9fff·]{2,10})\s*[（(](?P<alias>[A-Za-z]{2,12})[\s-]+[A-Za-z][A-Za-z-]{1,15}[）)]"
)
# "某某在社区干了二十多年，居民们都叫他“老某”": a sentence opening on the name, then
# what people call them.
_CALLED_LATER_RE = re.compile(
    r"(?:^|(?<=[。！？]))(?P<run>[\u4e00-\u9fff·]{2,10})[^。！？“”「」]{0,40}?"
    r"(?:叫|喊|称|称呼|唤)(?:他|她)(?:为|做|作)?[“「](?P<alias>[^”」]{2,4})[”」]"
)


# What each of those patterns needs somewhere in the line; a line without it is not
# tried, as each tries a run of names at every character.
_CALLING_RE = re.compile("[叫称喊唤]|绰号|外号")
_LATIN_RE = re.compile("[A-Za-z]")


def _nicknames(builder: Builder, lines: list[Line]) -> None:
    """Give the file's people the nicknames it says they go by, so "莲姐又指，……" is
    theirs: a bracket after the name, 称为“……”的 before it, 叫他“……” later in a sentence
    opening on it, a Latin given name after it; a Latin name in brackets also goes with
    the surname after it, as Hong Kong papers write it (某卓謙（Ronald Ngan）: Ronald某)."""
    names = builder.directory.names
    for line in lines:
        if line.kind not in (LineKind.BODY, LineKind.TURN):
            continue
        text = line.folded
        called, latin = _CALLING_RE.search(text), _LATIN_RE.search(text)
        for pattern, at_end, gate in (
            (_CALLED_AFTER_RE, True, called),
            (_CALLED_BEFORE_RE, False, called),
            (_CALLED_LATER_RE, False, called),
            (_LATIN_GIVEN_RE, True, latin),
            (_LATIN_BRACKET_RE, True, latin),
        ):
            if gate is None:
                continue  # most lines: the pattern's word is nowhere in it
            for match in pattern.finditer(text):
                run = match["run"]
                cuts = (run[-n:] for n in (4, 3, 2)) if at_end else (run[:n] for n in (4, 3, 2))
                name = next((c for c in cuts if c in names), None)
                if name is None:
                    continue
                given = match["alias"]
                forms = [given]
                if pattern is _LATIN_BRACKET_RE:
                    forms.append(given + surname_of(name))
                # As the page writes it (Alan坦言) and as a question may (alan说了啥).
                for alias in {*forms, *(f.lower() for f in forms)}:
                    if alias not in names:
                        builder.directory.add(alias, names[name])
