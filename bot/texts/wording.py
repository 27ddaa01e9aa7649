"""Putting an answer's shared words together: headings, misses, citations, choices.

Every front end words an answer the same way from ``common``; these return plain
strings only, and each renderer escapes or decorates them for its medium.
"""

from __future__ import annotations

from fangtan.bot.engine.answer import Answer, Choice, Intent, Interviewee, Match, Miss, Quote, Via
from fangtan.bot.texts import common as common_texts
from fangtan.bot.texts import serving as serving_texts
from fangtan.retrieval.records import LoadIssue

_SUGGEST_AFTER = {Miss.UNKNOWN_WORDS, Miss.WEAK, Miss.SPEAKER_SILENT, Miss.EMPTY, Miss.NO_MATCH}
# Misses about who was meant: the way on is a person, not a topic.
_ABOUT_WHOM = {Miss.AMBIGUOUS, Miss.UNKNOWN_NAME, Miss.RELATIVE}


def speaker_name(name: str | None) -> str:
    return name or common_texts.UNKNOWN_SPEAKER


def credentials(role: str, affiliation: str) -> str:
    """ "市政协委员、某公司董事长" — role and affiliation as the press writes them."""
    return "、".join(part for part in (role, affiliation) if part)


def person_line(person: Interviewee) -> str:
    return common_texts.PERSON_LINE.format(
        name=speaker_name(person.name),
        role=person.role,
        affiliation=("、" + person.affiliation)
        if person.affiliation and person.role
        else person.affiliation,
    )


def person_details(person: Interviewee) -> str:
    """The lines under a person's name: headline, other facts, whether they speak."""
    shown = {person.role, person.affiliation, *person.role.split("、")}
    others = [f for f in person.facts if f not in shown]
    lines = (
        [common_texts.PERSON_HEADLINE.format(headline=person.headline)] if person.headline else []
    )
    if others:
        lines.append(common_texts.PERSON_FACTS.format(facts="；".join(others)))
    if not person.speaks:
        lines.append(common_texts.PERSON_MENTIONED)
    return "\n".join(lines)


def citation(quote: Quote) -> str:
    return common_texts.CITATION.format(title=quote.title, paragraph=quote.paragraph)


def heading(answer: Answer) -> str:
    """The line above the quotes; empty when the quotes speak for themselves."""
    if answer.intent is Intent.WHO and answer.topic:
        return common_texts.WHO_HEADING.format(topic=answer.topic)
    if answer.intent is Intent.TOPIC and answer.topic:
        return common_texts.TOPIC_HEADING.format(topic=answer.topic)
    if answer.intent is Intent.SPEAKER and answer.speakers:
        names = common_texts.NAME_JOINER.join(answer.speakers)
        if answer.topic:
            return common_texts.SPEAKER_TOPIC_HEADING.format(name=names, topic=answer.topic)
        return common_texts.SPEAKER_HEADING.format(name=names)
    if answer.intent is Intent.PROFILE:
        return common_texts.PROFILE_HEADING
    if answer.intent is Intent.LIST:
        return common_texts.LIST_HEADING.format(count=len(answer.people))
    if answer.intent is Intent.MORE:
        return common_texts.MORE_HEADING
    if answer.intent is Intent.OTHERS:
        return common_texts.OTHERS_HEADING
    return ""


def miss_text(answer: Answer, hint: bool = True, conversation: bool = True) -> str:
    """Why there is no answer, and what could be asked instead.

    ``hint=False`` leaves out the questions to ask a choice of person, for
    front ends that offer them as buttons instead. ``conversation=False``
    suggests only what a one-shot question can ask (no /speakers command).
    """
    assert answer.miss is not None
    topic = answer.topic or "、".join(answer.unknown) or answer.question
    names = common_texts.NAME_JOINER.join(answer.asked)
    if answer.miss in _ABOUT_WHOM:
        return _whom_text(answer, names or topic, hint, conversation)
    message = common_texts.MISSES[answer.miss].format(topic=topic, names=names)
    if answer.miss is Miss.WEAK and answer.unknown:
        message += common_texts.ABSENT_WORDS.format(words="、".join(answer.unknown))
    if answer.miss in _SUGGEST_AFTER:
        if answer.suggestions:
            examples = "、".join(
                common_texts.SUGGEST_EXAMPLE.format(term=t) for t in answer.suggestions
            )
            suggest = common_texts.SUGGEST if conversation else common_texts.SUGGEST_ONE_SHOT
            message += "\n" + suggest.format(examples=examples)
        else:
            message += "\n" + _suggest_plain(conversation)
    return message


def _suggest_plain(conversation: bool) -> str:
    return common_texts.SUGGEST_PLAIN if conversation else common_texts.SUGGEST_PLAIN_ONE_SHOT


def _whom_text(answer: Answer, asked: str, hint: bool, conversation: bool) -> str:
    """The people a name or form of address may mean; topics would be beside the point."""
    assert answer.miss is not None
    if not answer.choices:
        no_choice = common_texts.MISSES_NO_CHOICE[answer.miss].format(asked=asked)
        return no_choice + "\n" + _suggest_plain(conversation)
    choices = "、".join(choice_label(c) for c in answer.choices)
    message = common_texts.MISSES[answer.miss].format(asked=asked, choices=choices)
    if hint:
        message += "\n" + choice_hint(answer.choices)
    return message


def choice_label(choice: Choice) -> str:
    """A person offered as a choice, with what tells them apart when the corpus says it."""
    about = credentials(choice.role, choice.affiliation)
    if about:
        return common_texts.CHOICE_ITEM.format(name=choice.name, about=about)
    return common_texts.CHOICE_PLAIN.format(name=choice.name)


def choice_hint(choices: tuple[Choice, ...]) -> str:
    """The questions to type next, where there are no buttons to press."""
    questions = "、".join(common_texts.CHOICE_QUESTION.format(question=c.question) for c in choices)
    return common_texts.CHOICE_HINT.format(questions=questions)


def partial_note(answer: Answer) -> str:
    """Says the answer only covers part of the question; empty when it covers all of it.

    Without the missing words the note could not say what is missing, so it
    is left out rather than shown with a blank.
    """
    if not (answer.partial and answer.missing):
        return ""
    return common_texts.PARTIAL.format(missing="、".join(answer.missing))


def matched_line(answer: Answer) -> str:
    """Which corpus words the answer rests on, so a synonym match is not mistaken for
    the question's own word; empty when the engine reports none."""
    words = dict.fromkeys(_match_word(m) for m in answer.matched)
    return common_texts.MATCHED.format(words="、".join(words)) if words else ""


def _match_word(match: Match) -> str:
    if match.via is Via.FORM:
        return common_texts.MATCHED_FORM.format(term=match.term, asked=match.asked)
    if match.via is Via.RELATED:
        return common_texts.MATCHED_RELATED.format(term=match.term, asked=match.asked)
    return match.term


def issue_text(issue: LoadIssue) -> str:
    return serving_texts.ISSUES[issue.kind].format(path=issue.path, detail=issue.detail)
