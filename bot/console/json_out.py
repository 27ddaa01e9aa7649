"""The one-line JSON form of an answer, for ``fangtan ask --json`` and graders."""

from __future__ import annotations

import json
from typing import Any

from fangtan.bot.engine.answer import Answer


def answer_dict(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "intent": answer.intent.value,
        "answered": answer.answered,
        "speakers": list(answer.speakers) if answer.answered else [],
        "quotes": [
            {
                "speaker": q.speaker,
                "role": q.role,
                "affiliation": q.affiliation,
                "title": q.title,
                "source": q.source,
                "paragraph": q.paragraph,
                "text": q.text,
                "kind": q.kind,
                "score": q.score,
            }
            for q in answer.quotes
        ],
        "people": [
            {
                "name": p.name,
                "role": p.role,
                "affiliation": p.affiliation,
                "organisation": p.organisation,
                "post": p.post,
                "title": p.headline,
                "source": p.source,
                "facts": list(p.facts),
                "speaks": p.speaks,
            }
            for p in answer.people
        ],
        "miss": answer.miss.value if answer.miss is not None else None,
        "partial": answer.partial,
        "missing": list(answer.missing),
        "matched": [{"term": m.term, "asked": m.asked, "via": m.via.value} for m in answer.matched],
        "choices": [
            {
                "name": c.name,
                "question": c.question,
                "role": c.role,
                "affiliation": c.affiliation,
            }
            for c in answer.choices
        ],
    }


def answer_json(answer: Answer) -> str:
    return json.dumps(answer_dict(answer), ensure_ascii=False, separators=(",", ":"))
