"""Reading what kind of question was asked.

Only the shape of the question is read here — who-question, follow-up, list,
profile — and which interviewees it names. The words the question is about
are left to retrieval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer import Intent
from retrieval.affiliations import POST_IN_TEXT_RE
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
    r"谁|哪位|哪几位|哪一位|什么人|有人|有没有人|哪(?:些|个|几个|几位)[\u4e00-\u9fff]{0,6}?"
    r"(?:人|代表|委员|受访者|嘉宾|企业家|负责人|领导|干部|专家)"
)
LIST_RE = re.compile(
    r"受访|采访|访谈了|名单|所有(?:人|代表|委员)|全部|列出|列表|一共|总共|几个人|几位"
)
# "有谁…", "哪些人…": a list only when nothing else is asked; with a topic, a who-question.
PEOPLE_RE = re.compile(r"都有谁|有谁|有哪些人|哪些人|都是谁")
PROFILE_RE = re.compile(
    r"是谁|是什么人|什么身份|身份|哪家|哪个单位|什么单位|哪个公司|什么公司|在哪|职务|职位|头衔|"
    r"做什么的|干什么的|是做什么|干啥的|的背景|简介|介绍一下|介绍下|是哪里的|来自哪"
)
ASKS_WHO_IS = re.compile(r"^(?:谁|哪位|哪一位|哪些人|哪个人|什么人)是|是(?:谁|哪位|哪些人)" + _END)
ASKS_WHO_FIRST = re.compile(r"^(?:谁|哪位|哪一位|哪些人|有谁|什么人)")
# "哪些委员…", "哪位代表…": a role named without its level.
BARE_ROLE_RE = re.compile(r"(?:哪|那)(?:些|位|个|几位|一位|几个)(代表|委员)")
# Posts that are also roles; they name a body, not an office.
ROLE_WORDS = frozenset({"代表", "委员"})
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
    posts: tuple[str, ...] = ()  # offices named ("院长"), not roles like 代表
    listy: bool = False  # worded like a request for a list ("有哪些受访者")
    people: bool = False  # asks for people ("有谁", "哪些人"), a list if it names no topic


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...]


class Reader:
    """Knows the interviewees' names, so it can spot them in questions."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self._by_normal = {normalize(p.name): p.name for p in people if p.name}
        self._name_lengths = sorted({len(n) for n in self._by_normal}, reverse=True)
        # "张委员" → everyone it could mean; only an unambiguous one is taken.
        self._by_title: dict[str, set[str]] = {}
        for person in people:
            surname = person.name[:2] if person.name[:2] in COMPOUND_SURNAMES else person.name[:1]
            for title in HONORIFICS:
                if title in ("代表", "委员") and not any(
                    role_body(r).endswith(title) for r in person.roles
                ):
                    continue
                self._by_title.setdefault(normalize(surname + title), set()).add(person.name)
        self._title_lengths = sorted({len(k) for k in self._by_title}, reverse=True)

    def names_in(self, text: str) -> tuple[list[str], list[str]]:
        """Interviewees named in ``text`` (full name, or surname and title).

        Scans once, longest match first at each position, so the cost does not
        grow with the number of interviewees. Returns (names, the words that
        named them).
        """
        found: list[str] = []
        mentions: list[str] = []
        for table, lengths, unique in (
            (self._by_normal, self._name_lengths, False),
            (self._by_title, self._title_lengths, True),
        ):
            i = 0
            while i < len(text):
                for length in lengths:
                    word = text[i : i + length]
                    hit = table.get(word) if len(word) == length else None
                    name = _only(hit) if unique else hit
                    if isinstance(name, str) and name not in found:
                        found.append(name)
                        mentions.append(word)
                        text = text[:i] + " " * length + text[i + length :]
                        i += length - 1
                        break
                i += 1
        return found, mentions

    def read(self, question: str) -> Reading:
        text = normalize(question)
        bare = re.sub(r"[\s?？!！。.,，~～…]+", "", text)
        if FOLLOW_OTHERS_RE.match(bare):
            return Reading(Intent.OTHERS)
        if FOLLOW_MORE_RE.match(bare):
            return Reading(Intent.MORE)
        roles = tuple(m.group(0) for m in ROLE_RE.finditer(text))
        if not roles:
            roles = tuple(m.group(1) for m in BARE_ROLE_RE.finditer(text))
        pronoun = PRONOUN_RE.match(bare)
        found, mentions = self.names_in(text)
        names = tuple(found)
        if pronoun and not names:
            rest = bare[pronoun.end() :]
            if FOLLOW_SAID_RE.match(rest) or not rest:
                return Reading(Intent.MORE, pronoun=True)
            return Reading(Intent.SPEAKER, roles=roles, pronoun=True)
        if names and ASKS_WHO_FIRST.match(bare) and not ASKS_WHO_IS.search(bare):
            # "谁说王院长…": asks who said something about a person, not what they said.
            return Reading(Intent.WHO, roles=roles)
        if names:
            if PROFILE_RE.search(text) and not WHO_RE.search(text.replace("是谁", "")):
                return Reading(Intent.PROFILE, names, roles, mentions=tuple(mentions))
            return Reading(Intent.SPEAKER, names, roles, mentions=tuple(mentions))
        posts = tuple(p for p in POST_IN_TEXT_RE.findall(text) if p not in ROLE_WORDS)
        listy = bool(LIST_RE.search(text))
        people = bool(PEOPLE_RE.search(text))
        if ASKS_WHO_IS.search(bare):
            return Reading(Intent.PROFILE, roles=roles, posts=posts, listy=listy, people=people)
        if WHO_RE.search(text):
            return Reading(Intent.WHO, roles=roles, posts=posts, listy=listy, people=people)
        return Reading(Intent.TOPIC, roles=roles, posts=posts, listy=listy, people=people)


def _only(names: object) -> str | None:
    """The single name in a set, or None when it is empty or ambiguous."""
    if isinstance(names, set) and len(names) == 1:
        return str(next(iter(names)))
    return None
