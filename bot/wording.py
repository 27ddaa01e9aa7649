"""Words around an answer that every front end shares: headings, misses, citations.

Plain strings only; each renderer escapes or decorates them for its medium.
"""

from __future__ import annotations

from bot import texts
from bot.answer import Answer, Intent, Miss, Person, Quote
from retrieval.records import LoadIssue

_SUGGEST_AFTER = {Miss.UNKNOWN_WORDS, Miss.WEAK, Miss.SPEAKER_SILENT, Miss.EMPTY, Miss.NO_MATCH}


def speaker_name(name: str | None) -> str:
    return name or texts.UNKNOWN_SPEAKER


def credentials(role: str, affiliation: str) -> str:
    """ "市政协委员、某公司董事长" — role and affiliation as the press writes them."""
    return "、".join(part for part in (role, affiliation) if part)


def person_line(person: Person) -> str:
    return texts.PERSON_LINE.format(
        name=speaker_name(person.name),
        role=person.role,
        affiliation=("、" + person.affiliation)
        if person.affiliation and person.role
        else person.affiliation,
    )


def person_details(person: Person) -> str:
    """The lines under a person's name: headline, other facts, whether they speak."""
    shown = {person.role, person.affiliation, *person.role.split("、")}
    others = [f for f in person.facts if f not in shown]
    lines = [texts.PERSON_HEADLINE.format(headline=person.headline)] if person.headline else []
    if others:
        lines.append(texts.PERSON_FACTS.format(facts="；".join(others)))
    if not person.speaks:
        lines.append(texts.PERSON_MENTIONED)
    return "\n".join(lines)


def citation(quote: Quote) -> str:
    return texts.CITATION.format(title=quote.title, paragraph=quote.paragraph)


def heading(answer: Answer) -> str:
    """The line above the quotes; empty when the quotes speak for themselves."""
    if answer.intent is Intent.WHO and answer.topic:
        return texts.WHO_HEADING.format(topic=answer.topic)
    if answer.intent is Intent.TOPIC and answer.topic:
        return texts.TOPIC_HEADING.format(topic=answer.topic)
    if answer.intent is Intent.SPEAKER and answer.speakers:
        names = texts.NAME_JOINER.join(answer.speakers)
        if answer.topic:
            return texts.SPEAKER_TOPIC_HEADING.format(name=names, topic=answer.topic)
        return texts.SPEAKER_HEADING.format(name=names)
    if answer.intent is Intent.PROFILE:
        return texts.PROFILE_HEADING
    if answer.intent is Intent.LIST:
        return texts.LIST_HEADING.format(count=len(answer.people))
    if answer.intent is Intent.MORE:
        return texts.MORE_HEADING
    if answer.intent is Intent.OTHERS:
        return texts.OTHERS_HEADING
    return ""


def miss_text(answer: Answer) -> str:
    """Why there is no answer, and what could be asked instead."""
    assert answer.miss is not None
    topic = answer.topic or "、".join(answer.unknown) or answer.question
    names = texts.NAME_JOINER.join(answer.asked)
    message = texts.MISSES[answer.miss].format(topic=topic, names=names)
    if answer.miss is Miss.WEAK and answer.unknown:
        message += texts.ABSENT_WORDS.format(words="、".join(answer.unknown))
    if answer.miss in _SUGGEST_AFTER:
        if answer.suggestions:
            examples = "、".join(texts.SUGGEST_EXAMPLE.format(term=t) for t in answer.suggestions)
            message += "\n" + texts.SUGGEST.format(examples=examples)
        else:
            message += "\n" + texts.SUGGEST_PLAIN
    return message


def issue_text(issue: LoadIssue) -> str:
    return texts.ISSUES[issue.kind].format(path=issue.path, detail=issue.detail)
