"""Reading what kind of question was asked.

Only the shape of the question is read here — who-question, follow-up, list,
profile — and which interviewees it names. The words the question is about
are left to retrieval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer import Intent
from retrieval.names import COMPOUND_SURNAMES
from retrieval.normalize import normalize
from retrieval.roles import ROLE_RE, role_body

_END = r"[\s?？!！。.~～…]*$"
FOLLOW_OTHERS_RE = re.compile(
    rf"^(?:那|那么)?还有(?:谁|哪些人|哪位|别人|其他人|其他|别的人)(?:呢|吗|啊)?{_END}"
)
FOLLOW_MORE_RE = re.compile(
    rf"^(?:更多|再来点?|再多一些|继续|接着说|下一页|还有吗|还有呢|还有没有|多说点|详细点|more|next){_END}"
)
PRONOUN_RE = re.compile(r"^(?:那|那么)?(?:他|她|ta|此人|这位|这个人|该代表|该委员)(?:们)?")
FOLLOW_SAID_RE = re.compile(
    r"^(?:还|又)?(?:说|讲|谈|提|聊)(?:了|过|到)?(?:些|点)?(?:什么|啥|别的|其他)"
    r"|^还有(?:什么|啥|哪些|别的|其他)"
)
WHO_RE = re.compile(
    r"谁|哪位|哪几位|哪一位|什么人|哪(?:些|个|几个|几位)[\u4e00-\u9fff]{0,6}?"
    r"(?:人|代表|委员|受访者|嘉宾|企业家|负责人|领导|干部|专家)"
)
LIST_RE = re.compile(
    r"受访|采访了|采访过|访谈了|名单|都有谁|有谁|有哪些人|哪些人|所有(?:人|代表|委员)|全部|列出|列表"
)
PROFILE_RE = re.compile(
    r"是谁|是什么人|什么身份|身份|哪家|哪个单位|什么单位|哪个公司|什么公司|在哪|职务|职位|头衔|"
    r"做什么的|干什么的|是做什么|干啥的|的背景|简介|介绍一下|介绍下|是哪里的|来自哪"
)
ASKS_WHO_IS = re.compile(r"^谁是|是谁" + _END)
HONORIFICS = (
    "代表",
    "委员",
    "董事长",
    "总经理",
    "书记",
    "经理",
    "主任",
    "院长",
    "校长",
    "总",
    "老师",
)


@dataclass(frozen=True)
class Reading:
    """How a question reads; ``names`` are interviewees it points at."""

    intent: Intent
    names: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    pronoun: bool = False
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...]


class Reader:
    """Knows the interviewees' names, so it can spot them in questions."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        by_normal = {normalize(p.name): p.name for p in people}
        self._names = sorted(by_normal.items(), key=lambda kv: -len(kv[0]))

    def names_in(self, text: str) -> tuple[list[str], list[str]]:
        """Interviewees named in ``text`` (full name, or surname and title).

        Returns (names, the words that named them).
        """
        found: list[str] = []
        mentions: list[str] = []
        rest = text
        for normal, name in self._names:
            if normal and normal in rest:
                found.append(name)
                mentions.append(normal)
                rest = rest.replace(normal, " ")
        for person in self.people:
            if person.name in found:
                continue
            surname = person.name[:2] if person.name[:2] in COMPOUND_SURNAMES else person.name[:1]
            for title in HONORIFICS:
                if surname + title in rest and self._unique_surname(surname, title):
                    found.append(person.name)
                    mentions.append(surname + title)
                    break
        return found, mentions

    def _unique_surname(self, surname: str, title: str) -> bool:
        same = [p for p in self.people if p.name.startswith(surname)]
        if title in ("代表", "委员"):
            same = [p for p in same if any(role_body(r).endswith(title) for r in p.roles)]
        return len({p.name for p in same}) == 1

    def read(self, question: str) -> Reading:
        text = normalize(question)
        bare = re.sub(r"[\s?？!！。.,，~～…]+", "", text)
        if FOLLOW_OTHERS_RE.match(bare):
            return Reading(Intent.OTHERS)
        if FOLLOW_MORE_RE.match(bare):
            return Reading(Intent.MORE)
        roles = tuple(m.group(0) for m in ROLE_RE.finditer(text))
        pronoun = PRONOUN_RE.match(bare)
        found, mentions = self.names_in(text)
        names = tuple(found)
        if pronoun and not names:
            rest = bare[pronoun.end() :]
            if FOLLOW_SAID_RE.match(rest) or not rest:
                return Reading(Intent.MORE, pronoun=True)
            return Reading(Intent.SPEAKER, roles=roles, pronoun=True)
        if names:
            if PROFILE_RE.search(text) and not WHO_RE.search(text.replace("是谁", "")):
                return Reading(Intent.PROFILE, names, roles, mentions=tuple(mentions))
            return Reading(Intent.SPEAKER, names, roles, mentions=tuple(mentions))
        if ASKS_WHO_IS.search(bare):
            return Reading(Intent.PROFILE, roles=roles)
        if WHO_RE.search(text):
            return Reading(Intent.WHO, roles=roles)
        return Reading(Intent.TOPIC, roles=roles)

    @staticmethod
    def looks_like_list(question: str) -> bool:
        return bool(LIST_RE.search(normalize(question)))
