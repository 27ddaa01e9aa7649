"""Plain-text answers for the console."""

from __future__ import annotations

from fangtan.bot.engine.answer import Answer, Intent, Interviewee, Quote
from fangtan.bot.texts import console as console_texts
from fangtan.bot.texts import wording


def render(answer: Answer, conversation: bool = True) -> str:
    """The answer as text; ``conversation=False`` for a one-shot answer, which
    leaves out hints that only a conversation can follow (「更多」, /speakers)."""
    if not answer.answered:
        return wording.miss_text(answer, conversation=conversation)
    lines = [line for line in (wording.heading(answer), wording.partial_note(answer)) if line]
    if answer.intent is Intent.LIST:
        lines.extend(_list_item(n, p) for n, p in enumerate(answer.people, start=1))
    else:
        if answer.intent is Intent.PROFILE:
            lines.extend(_profile(person) for person in answer.people)
        for quote in answer.quotes:
            lines.append("")
            lines.append(_quote(quote))
        if answer.has_more and conversation:
            lines.append("")
            lines.append(console_texts.HAS_MORE)
    matched = wording.matched_line(answer)
    if matched:
        lines.append("")
        lines.append(matched)
    return "\n".join(lines)


def _quote(quote: Quote) -> str:
    who = wording.speaker_name(quote.speaker)
    about = wording.credentials(quote.role, quote.affiliation)
    head = f"【{who}】{about}" if about else f"【{who}】"
    return f"{head}\n「{quote.text}」\n{wording.citation(quote)}"


def _profile(person: Interviewee) -> str:
    details = wording.person_details(person)
    return f"{wording.person_line(person)}\n{details}" if details else wording.person_line(person)


def _list_item(n: int, person: Interviewee) -> str:
    return console_texts.LIST_ITEM.format(
        n=n,
        name=wording.speaker_name(person.name),
        role=person.role,
        affiliation=("、" + person.affiliation)
        if person.affiliation and person.role
        else person.affiliation,
        headline=person.headline,
    )
