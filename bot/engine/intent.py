"""Reading what kind of question was asked.

Only the shape of the question is read here — who-question, follow-up, list,
profile — and which interviewees it names. The words the question is about
are left to retrieval.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Protocol

from fangtan.bot.engine.answer import Intent
from fangtan.retrieval.reading.affiliations import POST_IN_TEXT_RE, POSTS
from fangtan.retrieval.reading.mentions import NAME_DOTS, WORK_TITLE, name_parts, short_forms
from fangtan.retrieval.reading.names import plausible_name, surname_of
from fangtan.retrieval.reading.roles import BARE_ROLES, ROLE_RE, role_body
from fangtan.retrieval.reading.titles import (
    ADDRESSED_PROFESSIONS,
    HONORIFICS,
    KINDS,
    NOT_AFTER_OLD,
    NOT_BEFORE_OLD,
    OLD,
    PROFESSIONS,
    RELATIVES,
    SHORT_FORMS,
)
from fangtan.retrieval.search.normalize import normalize, normalize_all

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
# "有没有代表说过……": asking whether anyone did.
_ANYONE = r"有没有(?:人|代表|委员|专家|嘉宾)"
WHO_RE = re.compile(
    r"谁|哪位|哪几位|哪一位|什么人|有人|" + _ANYONE + r"|大家|(?:代表|委员|专家|嘉宾)们|"
    r"哪(?:些|个|几个|几位)[\u4e00-\u9fff]{0,6}?"
    r"(?:人|代表|委员|立委|议员|受访者|嘉宾|企业家|负责人|领导|干部|专家)"
)
LIST_RE = re.compile(
    r"受访|采访|访谈了|名单|所有(?:人|代表|委员)|全部|列出|列表|一共|总共|几个人|几位"
)
# Verbs of saying or caring about something: what follows them is a topic.
MENTION_RE = re.compile(
    r"提到|提及|提了|提过|提出|谈到|谈及|谈了|谈过|说到|说过|讲到|聊到|说起|谈起|关注|关心|"
    r"在意|呼吁|建议"
)
# "有谁…", "哪些人…": a list only when nothing else is asked; with a topic, a who-question.
PEOPLE_RE = re.compile(r"都有谁|有谁|有哪些人|哪些人|都是谁")
# "……都有谁发言了", "……有哪些代表上去了": asks who spoke at all, at the occasion the
# question's other words name; a verb of speaking ending it leaves no topic.
SPOKE_RE = re.compile(
    r"(?:发言|说话|讲话|发过言|讲过话|说过话|出镜|露面|上台|登台|亮相|受访|接受了?采访|出来说话"
    r"|上去|出席|到场|出场)(?:了|过)?(?:吗|呢|啊)?$"
)
# "部长通道上都有谁", "这期节目里有哪些嘉宾": who was there, at the place named before.
PEOPLE_AT_RE = re.compile(
    r"(?:上|里|中)(?:都|一共|总共)?(?:有谁|有哪些人|是谁|有哪几位|有哪些[\u4e00-\u9fff]{1,3})"
    r"(?:呢|啊|呀)?$"
)
# "这期访谈请了哪几位嘉宾", "那次视察一共采访了几个人": who was asked to speak there.
GUESTS_RE = re.compile(
    r"(?:(?:请了|邀请了|请来了?|请到了?|采访了|访问了)(?:哪|几)(?:些|位|几位|个|名)"
    r"(?:嘉宾|人|专家|代表|委员)?|嘉宾(?:都)?(?:有谁|是谁|有哪些|有哪几位)"
    r"|(?:一共|总共)(?:采访了?|请了)(?:几|多少)(?:个|位|名)人?)(?:呢|啊|呀)?$"
)
# "关于冷链运输有谁发言了": a topic named outright; who spoke to it, not where.
TOPIC_LEAD_RE = re.compile(r"关于|对于|针对|围绕|就.{1,12}(?:问题|话题|事)")
PROFILE_RE = re.compile(
    r"是谁|是什么人|什么身份|身份|哪家|哪个单位|什么单位|哪个公司|什么公司|在哪|职务|职位|头衔|"
    r"做什么的|干什么的|是做什么|干啥的|干嘛的|做啥的|搞什么的|的背景|简介|介绍一下|介绍下|"
    r"是哪里的|来自哪|公司叫什么|单位叫什么|公司叫啥|单位叫啥|什么来头|啥来头|"
    r"党派|哪一行|哪行|什么行业|哪个行业|什么工作|做什么工作|"
    # "是什么背景", "的履历", "哪个学校毕业的": where they come from.
    r"(?:什么|啥)背景|履历|学历|毕业于哪|哪(?:个|所)?(?:学校|大学)?毕业|"
    r"(?:具体)?(?:管啥|管什么|负责啥|负责什么|分管什么|分管啥)$|"
    # "是哪个学校的", "哪个团体的", "在哪所大学": where someone works or belongs.
    r"(?:哪|什么)(?:个|家|所|一个|一家|一所)?(?:学校|大学|学院|医院|部门|团体|机构|组织|协会|"
    r"企业|集团|工厂|厂子|村|社区|街道|媒体|报社|电视台|党|派|律所|事务所|研究所|研究院|中心|"
    r"银行|公司|单位|科室|科|司|局|处|厅|部|委|院|所|队|球队|俱乐部)(?:的|工作|上班|任职)|"
    # "是打什么位置的", "是研究啥的": what they do, though not in those words; not when
    # or why they said something (是什么时候说的).
    r"是[^，,。？?！!说讲谈提]{0,2}(?:什么|啥)(?!时候|时间|场合|意思|原因)[^，,。？?！!说讲谈提]{0,3}的$"
)
ASKS_WHO_IS = re.compile(
    r"^(?:谁|哪位|哪一位|哪些人|哪个人|什么人)是|是(?:谁|哪位|哪些人)"
    + _END
    # "受访的人里面哪些是企业老总": which of them are something.
    + r"|(?:哪些人?|哪几位|哪一位)是"
    # "哪位委员是做冷链的": which of them does a kind of work.
    + r"|^(?:哪|那)(?:位|个|些|一位)(?:代表|委员|嘉宾|专家|人)是(?:做|搞|干|来自|从事|负责|管)"
)
ASKS_WHO_FIRST = re.compile(r"^(?:谁|哪位|哪一位|哪些人|有谁|什么人)")
# "哪些委员…", "哪位代表…", "有几位委员…", "代表们…": a role named without its level.
BARE_ROLE_RE = re.compile(
    r"(?:(?:哪|那)(?:些|位|个|几位|一位|几个)|几(?:位|个|名)|多少(?:位|个|名)?)(代表|委员)"
    r"|(代表|委员)(?=们)"  # "委员们说了什么"
    r"|^(代表|委员)(?=说|讲|谈|提|聊|都|有什么|有哪些|怎么)"  # "委员说了啥"
)
# Posts that are also roles; they name a body, not an office.
ROLE_WORDS = frozenset(BARE_ROLES)
# Asking what someone said, thinks or proposes: what follows a person in such a question.
# Where someone said it, before the verb: "在会上", "在法庭上", "在采访中", "在调研时".
WHERE_SAID_RE = re.compile(r"在[\u4e00-\u9fff]{1,10}?(?:的时候|期间|上|中|里|时)")
SAYS_RE = re.compile(
    # Where they said it may come first: "县长在会上讲了啥".
    rf"(?:{WHERE_SAID_RE.pattern})?"
    r"(?:还|都|又|最|平时|主要|到底|究竟|有没有|是否)?"
    r"(?:说|讲|谈|提|聊|关注|关心|建议|主张|认为|呼吁|强调|表示|对|就|有什么|有哪些|有何|有啥|怎么|是怎么|"
    r"咋|是咋|如何|怎样|觉得|"
    r"的(?:建议|观点|看法|提案|发言|主张))"
)
# Words that name a person by what they are; a description ends with one.
PERSON_NOUNS = (
    "委员",
    "代表",
    "立委",
    "议员",
    "书记",
    "董事长",
    "总经理",
    "经理",
    "主任",
    "院长",
    "院士",
    "校长",
    "老师",
    "专家",
    "负责人",
    "局长",
    "厂长",
    "总",
    "人",
    "那位",
    "这位",
    # Chief officers by their Latin letters (questions are lower-cased).
    "ceo",
    "cfo",
    "cto",
    "coo",
    # A young person, as people call one: "回村搞直播的那个小伙子".
    "小伙子",
    "小伙",
    "姑娘",
    "小哥",
)
# A description may end with any post too ("托育协会那位会长"), or be a post alone
# ("院士对储能怎么看"), though not 代表 or 委员: many hold those.
_DESCRIBED_ENDS = {*PERSON_NOUNS, *POSTS}
# After words that say more ("那个退休钳工大爷", "那个大学生志愿者"), a profession or an
# honorific ends a description too.
_DESCRIBED_END = (
    "|".join(sorted({*_DESCRIBED_ENDS, *PROFESSIONS, *HONORIFICS}, key=len, reverse=True))
    # "那个年轻的修复师": after 的, any line of work ending 师 or 员, as pages write it;
    # not a kind of people (官员, 人员), which a question asks about as such.
    + rf"|(?<=的)(?!官员|人员|成员){WORK_TITLE}"
)
_BARE_POST = "|".join(
    sorted(_DESCRIBED_ENDS - {*ROLE_WORDS, "人", "那位", "这位", "总"}, key=len, reverse=True)
)
DESCRIPTION_RE = re.compile(
    "^(?P<who>.{2,24}?(?:" + _DESCRIBED_END + ")|(?:常务)?副?(?:" + _BARE_POST + "))"
    # "……的那位委员，他对……": the pronoun after the description is the same person.
    r"(?:他|她)?(?P<rest>" + SAYS_RE.pattern + ".*)$"
)
# What a described person's profile is asked by: "……的那位董事长叫啥", "……是哪个公司的".
NAME_ASKED_RE = re.compile(r"叫(?:啥|什么)|(?:" + PROFILE_RE.pattern + ")")
DESCRIBED_PROFILE_RE = re.compile(
    "^(?P<who>.{2,24}?(?:" + _DESCRIBED_END + "))"
    r"(?P<rest>(?:平时|平常|现在|主要|具体)?(?:是|在|叫)?(?:" + NAME_ASKED_RE.pattern + r").{0,6})$"
)
# A Latin name opening a question about someone: "alex说了什么", "david zhang是谁".
LATIN_NAMED_RE = re.compile(
    r"^(?P<latin>[a-z][a-z.'\-]{1,20}(?: [a-z][a-z.'\-]{1,20})?)\s*"
    r"(?P<rest>(?:" + SAYS_RE.pattern + r"|是(?:谁|什么人|做什么的|干什么的)).*)$"
)
# A name-like subject of such a question: surname and one or two characters.
STRANGER_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4}?)(?=" + SAYS_RE.pattern + "|是谁)")
QUESTION_WORD_RE = re.compile(r"谁|哪|什么人|有人|" + _ANYONE)
# "谁说过……", "是谁讲的……这句话": words recalled, long enough or with a pause in them.
SAID_THIS_RE = re.compile(
    r"^(?:是|有)?谁(?:说|讲)(?:过|了|的)?[：:，,]?\s*[“「\"]?(?P<said>.+?)[”」\"]?"
    r"(?:这句话|这话|这样的话)?$"
)
SAID_MIN = 12
# A chairman is 某董 as a manager is 某总: cut short, it is a title only people are called.
SHORT_TITLES = ("董",)
# Every post is also a title people are addressed by, longest first.
TITLES = tuple(
    sorted(
        {p for p in (*POSTS, *ADDRESSED_PROFESSIONS, *SHORT_TITLES) if p not in ROLE_WORDS},
        key=len,
        reverse=True,
    )
)
# Titles a question may give anyone of the surname whether or not the page uses them:
# people call a company's head 某总 and a professor 某老师 loosely. (代表 and 委员 are
# held against the person's roles instead.)
LOOSE_TITLES = (
    "代表",
    "委员",
    "立委",
    "议员",
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
# Each title once (several loose titles are posts too), loose ones first: title_of takes
# the first one a word ends with, and the reader pairs every surname with each. An
# honorific (某师傅, 某大爷, 某女士) fits anyone of the surname, as a loose title does.
ADDRESS_TITLES = tuple(dict.fromkeys((*LOOSE_TITLES, *TITLES, *HONORIFICS)))
# Titles that may follow a full name in a question, longest first; 代表 and 委员 are
# read as roles instead.
_AFTER_NAME_TITLE_RE = re.compile(
    "|".join(
        sorted(
            (re.escape(t) for t in {*ADDRESS_TITLES, *HONORIFICS} if t not in ROLE_WORDS),
            key=len,
            reverse=True,
        )
    )
)


# How a familiar name starts (老訾, 小昝): not with the person's surname.
_FAMILIAR_STARTS = (OLD, "小")


@dataclass(frozen=True)
class Reading:
    """How a question reads; ``names`` are interviewees it points at."""

    intent: Intent
    names: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    pronoun: bool = False
    mentions: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()  # offices named ("院长"), not roles like 代表
    kinds: tuple[str, ...] = ()  # kinds of people named ("企业家", "专家"): by their titles
    listy: bool = False  # worded like a request for a list ("有哪些受访者")
    spoke: bool = False  # asks who spoke at an occasion ("这次座谈会都有谁发言了")
    people: bool = False  # asks for people ("有谁", "哪些人"), a list if it names no topic
    # A form of address several people fit ("李代表"), with everyone it may mean.
    ambiguous: tuple[str, tuple[str, ...]] | None = None
    # What looks like a person's name that nobody in the corpus has ("马林").
    stranger: str = ""
    # A description standing for a person ("做冷链的那位委员"), and what is asked of them.
    description: str = ""
    rest: str = ""
    # Words recalled as someone's ("谁说预算不是问题，问题是人从哪来"): who said them so.
    said: str = ""
    # A Latin name someone goes by beside their own ("Alex" for 某某（Alex Cen）).
    latin: str = ""
    # Someone's relative asked for in their stead ("某某她老公怎么看"): the words naming them.
    relative: str = ""

    @property
    def held(self) -> tuple[str, ...]:
        """The roles and kinds the question keeps to: its words for people, no topic."""
        return (*self.roles, *self.kinds)


class Someone(Protocol):
    """Someone a question may name: by name, or by surname and a title they hold.

    ``roles`` and ``facts`` are read only when a question needs them, so they
    may be looked up lazily.
    """

    @property
    def name(self) -> str: ...

    @property
    def roles(self) -> tuple[str, ...]: ...

    @property
    def facts(self) -> tuple[str, ...]: ...


class Reader:
    """Knows the interviewees' names, so it can spot them in questions.

    Names are known at once; who a form of address ("张委员") fits is worked
    out the first time a question uses it. Tens of thousands of people share a
    few hundred surnames, and a question uses a handful of forms of address.
    """

    def __init__(
        self,
        people: Sequence[Someone],
        names: Sequence[str] | None = None,
        is_word: Callable[[str], bool] = lambda _: False,
    ) -> None:
        """``names``, when given, are the people's names in order: read from them,
        none of the people is looked at until a question needs them. ``is_word`` says
        whether two characters are a dictionary word (照顾), which no surname and
        title ending on it start (顾老)."""
        self._people = people
        self._is_word = is_word
        # Corpus order, in which choices between people are offered.
        self._order = [p.name for p in people] if names is None else list(names)
        named = [n for n in self._order if n]
        self._by_normal = dict(zip(normalize_all(named), named, strict=True))
        for alias, name in list(_dotted_aliases(self._by_normal)):
            self._by_normal.setdefault(alias, name)
        self._name_lengths = sorted({len(n) for n in self._by_normal}, reverse=True)
        # Everyone by surname, as positions in ``people``; a dotted name has none.
        self._bearers: dict[str, list[int]] = {}
        for i, name in enumerate(self._order):
            # 老 of a familiar 老訾 is no surname: 老先生 and 老总 are no form of their name.
            if len(name_parts(name)) == 1 and surname_of(name) not in _FAMILIAR_STARTS:
                self._bearers.setdefault(surname_of(name), []).append(i)
        # Every surname with every title is a form of address, looked up by the normal form
        # questions use: a surname's normal form then a title's, split where they meet
        # (tens of thousands of people make ~90,000 forms, 8 MiB kept as one table). The
        # few whose normal form is not their parts' (OpenCC reads 沈船长 as 沉船长) are kept
        # aside, found by their own normal form and never by their parts'.
        self._surnames_by_normal: dict[str, list[str]] = {}
        for surname, normal in zip(self._bearers, normalize_all(list(self._bearers)), strict=True):
            self._surnames_by_normal.setdefault(normal, []).append(surname)
        self._surname_lengths = sorted({len(n) for n in self._surnames_by_normal}, reverse=True)
        self._odd: dict[str, list[tuple[str, str]]] = {}
        self._odd_forms: set[str] = set()
        lengths = {len(n) + len(t) for n in self._surnames_by_normal for t in _titles_by_normal()}
        made = [
            f
            for normal, names in self._surnames_by_normal.items()
            for f in _forms_of(names, normal)
        ]
        wholes = normalize_all([form for form, _, _ in made])
        for (form, pair, parts), whole in zip(made, wholes, strict=True):
            if whole != parts:
                self._odd.setdefault(whole, []).append(pair)
                self._odd_forms.add(form)
                lengths.add(len(whole))
        self._title_lengths = sorted(lengths, reverse=True)
        # Filled as questions come: who each form of address fits, who of them
        # holds its title, and each person's roles and facts as one text.
        self._fits: dict[str, set[str]] = {}
        self._held: dict[str, set[str]] = {}
        self._texts: dict[int, str] = {}
        self._surnames: list[str] | None = None  # every surname in normal form, when needed

    def _by_title(self, word: str) -> set[str] | None:
        """Everyone ``word``, a form of address in normal form, may mean; None for nobody.

        A surname with an honorific fits everyone of that surname, with 代表 or
        委员 only those whose role is one, with any other title only those whose
        roles or facts name it (庞院士).
        """
        pairs = self._pairs(word)
        if pairs is None:
            # Most words looked up are any stretch of a question: remembering them
            # would only grow with every question asked.
            return None
        fits = self._fits.get(word)
        if fits is None:
            fits = set()
            people = self._people
            for surname, title in pairs:
                bearers = self._bearers[surname]
                if title in ROLE_WORDS:
                    fits.update(
                        people[i].name
                        for i in bearers
                        if any(_addressed_as(r, title) for r in people[i].roles)
                    )
                elif title in LOOSE_TITLES or title in HONORIFICS or title == OLD:
                    fits.update(people[i].name for i in bearers)
                else:
                    fits.update(people[i].name for i in bearers if title in self._text(i))
            self._fits[word] = fits
        return fits or None

    def _pairs(self, word: str) -> list[tuple[str, str]] | None:
        """The (surname, title) pairs form of address ``word`` (normal form) may be; None
        for none."""
        found = list(self._odd.get(word, ()))
        for length in self._surname_lengths:
            surnames = self._surnames_by_normal.get(word[:length])
            titles = _titles_by_normal().get(word[length:]) if surnames else None
            if surnames and titles:
                found += [
                    (s, t)
                    for t in titles
                    for s in surnames
                    if (t != OLD or _elder(s)) and s + t not in self._odd_forms
                ]
        old = _old()
        if word.startswith(old):
            found += [
                (s, OLD)
                for s in self._surnames_by_normal.get(word[len(old) :], ())
                if _called_old(s) and OLD + s not in self._odd_forms
            ]
        return found or None

    def _holding(self, word: str, fits: set[str]) -> set[str]:
        """Of the people a form of address fits, those who hold its title, if any do."""
        held = self._held.get(word)
        if held is None:
            # Everyone a name fits bears its surname: only they need to be looked at.
            title = title_of(word)
            people = self._people
            held = self._held[word] = {
                people[i].name
                for surname in dict.fromkeys(s for s, _ in self._pairs(word) or ())
                for i in self._bearers[surname]
                if title and title in self._text(i)
            }
        return (fits & held) or fits

    def _text(self, i: int) -> str:
        """A person's roles and facts in normal form (as titles are looked up: 議員 is
        议员), joined by a character no title holds, so that "title in text" is "title in
        some role or fact"."""
        text = self._texts.get(i)
        if text is None:
            person = self._people[i]
            text = self._texts[i] = "\0".join(normalize_all([*person.roles, *person.facts]))
        return text

    def addressed(self, text: str) -> tuple[str, tuple[str, ...]] | None:
        """A surname and title in ``text`` that fits several people, and who they are.

        Where only some of them hold the title ("李董事长" with one 李 a
        董事长), the form of address is not ambiguous and is not returned.
        """
        for length in self._title_lengths:
            for i in range(len(text) - length + 1):
                word = text[i : i + length]
                fits = self._by_title(word)
                if fits and len(fits) > 1:
                    holders = self._holding(word, fits)
                    if len(holders) != 1:
                        ordered = [n for n in self._order if n in holders]
                        return word, tuple(dict.fromkeys(ordered))
        return None

    def by_given_name(self, word: str) -> tuple[str, ...]:
        """Everyone whose given name ``word`` (normal form) is: "晓明" for 王晓明, as people
        call someone they know. One lookup per surname, only when a question names
        someone nobody is called."""
        if len(word) < 2:
            return ()
        if self._surnames is None:
            self._surnames = sorted(set(normalize_all(list(self._bearers))))
        found = (self._by_normal.get(surname + word) for surname in self._surnames)
        return tuple(dict.fromkeys(name for name in found if name))

    def names_in(self, text: str) -> tuple[list[str], list[str]]:
        """Interviewees named in ``text`` (full name, or surname and title).

        Scans once, longest match first at each position, so the cost does not
        grow with the number of interviewees. Returns (names, the words that
        named them).
        """
        found: list[str] = []
        mentions: list[str] = []
        tables: tuple[tuple[Callable[[str], str | set[str] | None], list[int], bool], ...] = (
            (self._by_normal.get, self._name_lengths, False),
            (self._by_title, self._title_lengths, True),
        )
        for look_up, lengths, unique in tables:
            i = 0
            while i < len(text):
                for length in lengths:
                    word = text[i : i + length]
                    hit = look_up(word) if len(word) == length else None
                    if hit and unique and i and self._is_word(text[i - 1 : i + 1]):
                        hit = None  # "照顾老年人": no 顾老 in a word that ends on the surname
                    if unique and isinstance(hit, set) and len(hit) > 1:
                        hit = self._holding(word, hit)
                    name = _only(hit) if unique else hit
                    if isinstance(name, str) and name not in found:
                        if not unique:
                            # "费雷拉教练赛后说了啥": the title after a name names them too.
                            title = _AFTER_NAME_TITLE_RE.match(text, i + length)
                            if title is not None:
                                word, length = word + title.group(0), length + len(title.group(0))
                        found.append(name)
                        mentions.append(word)
                        text = text[:i] + " " * length + text[i + length :]
                        i += length - 1
                        break
                i += 1
        return found, mentions

    def read(self, text: str) -> Reading:
        """How ``text``, a question already in normal form, reads: the first recogniser's say."""
        facts = self.facts(text)
        for recognise in RECOGNISERS:
            reading = recognise(facts)
            if reading is not None:
                return reading
        return topic(facts)

    def facts(self, text: str) -> Facts:
        """Everything the recognisers look at, worked out once for the question."""
        bare = re.sub(r"[\s?？!！。.,，~～…]+", "", text)
        roles = tuple(m.group(0) for m in ROLE_RE.finditer(text))
        if not roles:
            roles = tuple(next(g for g in m.groups() if g) for m in BARE_ROLE_RE.finditer(text))
            if roles and "代表委员" in text:
                # "哪些代表委员": deputies and members alike.
                roles = BARE_ROLES
        found, mentions = self.names_in(text)
        addressed = self.addressed(bare)
        if not found and addressed is None and (called := STRANGER_RE.match(bare)):
            # "晓明关心什么": someone called by their given name alone; several who
            # bear it are asked back, as a form of address several people fit is.
            word = called.group("name")
            given = self.by_given_name(normalize(word))
            if len(given) == 1:
                found, mentions = [given[0]], [word]
            elif given:
                addressed = (word, given)
        return Facts(
            text=text,
            bare=bare,
            roles=roles,
            pronoun=PRONOUN_RE.match(bare),
            names=tuple(found),
            mentions=tuple(mentions),
            asks_who=bool(QUESTION_WORD_RE.search(bare)),
            addressed=addressed,
            posts=_held_posts(text),
            kinds=_held_kinds(text),
            listy=bool(LIST_RE.search(text)),
            people=bool(PEOPLE_RE.search(text)),
            spoke=bool(SPOKE_RE.search(bare) or PEOPLE_AT_RE.search(bare) or GUESTS_RE.search(bare))
            and not TOPIC_LEAD_RE.search(bare),
        )


def _held_posts(text: str) -> tuple[str, ...]:
    """Offices the question asks someone to hold ("哪些院长…", "谁是…主任"); after a
    verb of saying the office is a topic instead ("谁提到了党员"), and searching every
    title for it would be the wrong answer and a table the size of everyone's titles."""
    held = MENTION_RE.split(text, maxsplit=1)[0]
    return tuple(p for p in POST_IN_TEXT_RE.findall(held) if p not in ROLE_WORDS)


def _held_kinds(text: str) -> tuple[str, ...]:
    """Kinds of people the question asks about, as the people it means ("哪位企业家…",
    "专家们怎么看", "企业家说了什么", "谁是企业家"); elsewhere a kind is a topic
    ("谁说乡村老师的补贴太少", "谁提到了企业家")."""
    return tuple(dict.fromkeys(next(g for g in m.groups() if g) for m in _KIND_RE.finditer(text)))


_KINDS = "|".join(sorted(KINDS, key=len, reverse=True))
_KIND_RE = re.compile(
    rf"(?:(?:哪|那|这|几)(?:位|些|个|几位|一位|名)|是[\u4e00-\u9fff]{{0,4}}?|有没有|的)"
    rf"(?P<kind>{_KINDS})"
    rf"|(?P<kind2>{_KINDS})(?=们)"
    rf"|(?:^|(?<=[，,\s]))(?P<kind3>{_KINDS})(?=" + SAYS_RE.pattern + ")"
)


@dataclass(frozen=True)
class Facts:
    """What a question shows, shared by every recogniser so none works it out again."""

    text: str  # the question in normal form
    bare: str  # the same without spaces and punctuation
    roles: tuple[str, ...]
    pronoun: re.Match[str] | None  # "他", "那位" at the start
    names: tuple[str, ...]  # interviewees named outright, or by surname and a title only one holds
    mentions: tuple[str, ...]  # the words that named them
    asks_who: bool  # has a question word ("谁", "哪"): it asks about people, not of one
    addressed: tuple[str, tuple[str, ...]] | None  # a form of address several people fit
    posts: tuple[str, ...]
    kinds: tuple[str, ...]
    listy: bool
    people: bool
    spoke: bool


# -- recognisers: each reads one shape of question, or passes with None ---------------------


def follow_others(f: Facts) -> Reading | None:
    """Asks for the others who spoke to the last topic ("还有谁？")."""
    return Reading(Intent.OTHERS) if FOLLOW_OTHERS_RE.match(f.bare) else None


def follow_more(f: Facts) -> Reading | None:
    """Asks for the rest of the last answer ("更多", "下一页")."""
    return Reading(Intent.MORE) if FOLLOW_MORE_RE.match(f.bare) else None


def pronoun_follow_up(f: Facts) -> Reading | None:
    """Points back at the last person: more of them ("他还说了什么？"), or them on a topic."""
    if not f.pronoun or f.names:
        return None
    rest = f.bare[f.pronoun.end() :]
    if FOLLOW_SAID_RE.match(rest) or not rest:
        return Reading(Intent.MORE, pronoun=True)
    if NAME_ASKED_RE.match(rest.removeprefix("是")):
        return Reading(Intent.PROFILE, roles=f.roles, pronoun=True)  # "他是做什么的"
    return Reading(Intent.SPEAKER, roles=f.roles, pronoun=True)


def who_about_named(f: Facts) -> Reading | None:
    """Asks who said something about a named person ("谁说某院长…"), not what they said."""
    if f.names and ASKS_WHO_FIRST.match(f.bare) and not ASKS_WHO_IS.search(f.bare):
        return Reading(Intent.WHO, roles=f.roles)
    if f.names and f.kinds and f.text.find(f.kinds[0]) < f.text.find(f.mentions[0]):
        # "村民是怎么评价雷老师的": what people of a kind said of someone.
        return Reading(Intent.WHO, roles=f.roles, kinds=f.kinds)
    return None


def named(f: Facts) -> Reading | None:
    """A question naming interviewees: who they are, or what they said. Or what a
    relative of theirs said ("某某她老公对合作社怎么看"): nobody the page quotes as such,
    and never the named person's own words."""
    if not f.names:
        return None
    if len(f.names) == 1 and (kin := _relative(f)):
        return Reading(Intent.SPEAKER, f.names, f.roles, mentions=f.mentions, relative=kin)
    if _asks_profile(f) and not WHO_RE.search(re.sub("是(?:谁|什么人)", "", f.text)):
        return Reading(Intent.PROFILE, f.names, f.roles, mentions=f.mentions)
    return Reading(Intent.SPEAKER, f.names, f.roles, mentions=f.mentions)


# Between a name and what asks who they are, only a few words, none asking their view:
# "代某是哪个公司的" asks a profile, "代某觉得小企业卡在哪" asks their words.
PROFILE_GAP_MAX = 6
_VIEW_RE = re.compile(r"觉得|认为|看法|怎么看|说|讲|谈|提|建议|关心|关注")


# A relative right after a name: 的儿子, 她老公, 家媳妇.
_RELATIVE_RE = re.compile(
    "(?:的|她|他|家)?(?:" + "|".join(sorted(RELATIVES, key=len, reverse=True)) + ")"
)


def _relative(f: Facts) -> str:
    """The words naming a relative of the person the question names, where the rest asks
    what that relative says ("…的儿子说了什么") and no 他 or 她 turns back to the person
    ("…的儿子上学的事她怎么说")."""
    mention = f.mentions[0]
    at = f.bare.find(mention)
    if at < 0:
        return ""
    kin = _RELATIVE_RE.match(f.bare, at + len(mention))
    if kin is None:
        return ""
    rest = f.bare[kin.end() :]
    if not _VIEW_RE.search(rest) or re.search("[他她]", rest):
        return ""
    return f.bare[at : kin.end()]


def _asks_profile(f: Facts) -> bool:
    found = PROFILE_RE.search(f.text)
    if found is None:
        return False
    ends = [f.text.find(m) + len(m) for m in f.mentions if m in f.text]
    if not ends:
        return True
    before = [e for e in ends if e <= found.start()]
    if not before:
        return True  # "哪家公司的代某……"
    # "某某是代表还是委员？她在哪工作": a new clause about them starts afresh.
    gap = re.split(r"[？?。！!，,；;]", f.text[max(before) : found.start()])[-1].lstrip("他她")
    return len(gap) <= PROFILE_GAP_MAX and not _VIEW_RE.search(gap)


def ambiguous_address(f: Facts) -> Reading | None:
    """Names someone by a form of address several people fit ("李代表"): ask back who."""
    if f.asks_who or f.addressed is None:
        return None
    return Reading(Intent.SPEAKER, roles=f.roles, ambiguous=f.addressed)


def described(f: Facts) -> Reading | None:
    """Describes a person instead of naming them ("做冷链的那位委员说了什么")."""
    profile = DESCRIBED_PROFILE_RE.match(f.bare)
    if profile and not QUESTION_WORD_RE.search(profile.group("who")):
        # Who they are ("……的那位委员是哪个公司的": its 哪 asks of them, not who).
        who, rest = profile.group("who", "rest")
        return Reading(Intent.PROFILE, roles=f.roles, description=who, rest=rest)
    match = None if f.asks_who else DESCRIPTION_RE.match(f.bare)
    if match is None:
        return None
    return Reading(
        Intent.SPEAKER, roles=f.roles, description=match.group("who"), rest=match.group("rest")
    )


def stranger(f: Facts) -> Reading | None:
    """Names someone nobody in the corpus is called ("马林说了什么")."""
    match = None if f.asks_who else STRANGER_RE.match(f.bare)
    if match is None:
        return None
    name = match.group("name")
    if not plausible_name(name) or title_of(name) or "们" in name:
        return None  # 代表们 is many people, not a name
    if name in KINDS or name in PROFESSIONS:
        return None  # 司机 is a kind of person (司 is a surname too), asked as such
    return Reading(Intent.SPEAKER, roles=f.roles, stranger=name)


def latin_named(f: Facts) -> Reading | None:
    """Names someone by a Latin name ("Alex说了什么", "alex是谁"), as pages give one in
    brackets beside a Chinese name; the engine looks the page up for whose it is."""
    if f.names:
        return None
    match = LATIN_NAMED_RE.match(f.text)
    if match is None:
        return None
    latin, rest = match.group("latin").strip(), match.group("rest")
    intent = Intent.PROFILE if PROFILE_RE.search(rest) else Intent.SPEAKER
    return Reading(intent, roles=f.roles, latin=latin, rest=rest)


def who_is(f: Facts) -> Reading | None:
    """Asks who holds a post or role ("谁是院长？")."""
    return _about_people(f, Intent.PROFILE) if ASKS_WHO_IS.search(f.bare) else None


def who(f: Facts) -> Reading | None:
    """Asks who spoke to a topic ("谁提到了某个话题？"), or who said some words."""
    if not WHO_RE.search(f.text):
        return None
    reading = _about_people(f, Intent.WHO)
    recalled = SAID_THIS_RE.match(f.text.rstrip("？?！!。 "))
    if recalled and (len(recalled["said"]) >= SAID_MIN or re.search("[，,]", recalled["said"])):
        return replace(reading, said=recalled["said"])
    return reading


def topic(f: Facts) -> Reading:
    """Anything else is a topic: the paragraphs most about it."""
    return _about_people(f, Intent.TOPIC)


def _about_people(f: Facts, intent: Intent) -> Reading:
    return Reading(
        intent,
        roles=f.roles,
        posts=f.posts,
        kinds=f.kinds,
        listy=f.listy,
        people=f.people,
        spoke=f.spoke and (f.people or f.listy or bool(f.roles or f.kinds or f.posts)),
    )


# Tried in order, the first reading wins; what none of them reads is a topic. A new kind
# of question is one recogniser here, one handler in ``fangtan.bot.engine.kinds`` and its texts.
RECOGNISERS: tuple[Callable[[Facts], Reading | None], ...] = (
    follow_others,
    follow_more,
    pronoun_follow_up,
    who_about_named,
    named,
    ambiguous_address,
    described,
    stranger,
    latin_named,
    who_is,
    who,
)


def _dotted_aliases(by_normal: dict[str, str]) -> Iterator[tuple[str, str]]:
    """How else a question may write a dotted name (阿依古丽·买买提): with any dot,
    with none, or by its first or last part alone (安德烈·费雷拉 is 费雷拉 in a
    report) where no one else's has that part."""
    parts_of = {name: name_parts(normal) for normal, name in by_normal.items()}
    dotted = {name: parts for name, parts in parts_of.items() if len(parts) > 1}
    alone = {name: short_forms(normal) for normal, name in by_normal.items() if name in dotted}
    ends = Counter(part for parts in alone.values() for part in parts)
    for name, parts in dotted.items():
        for dot in (*NAME_DOTS, ".", ""):
            yield dot.join(parts), name
        for part in alone[name]:
            if ends[part] == 1 and part not in by_normal:
                yield part, name


def _addressed_as(role: str, title: str) -> bool:
    """Is a holder of ``role`` addressed as ``title``? 立委 as 委员, as 人大代表 as 代表."""
    body = role_body(role)
    return body.endswith(title) or title in SHORT_FORMS.get(body, ())


@cache
def _titles_by_normal() -> dict[str, list[str]]:
    """Every title a surname is addressed with (老 of 宫老 too), by its normal form."""
    titles = (*ADDRESS_TITLES, OLD)
    found: dict[str, list[str]] = {}
    for title, normal in zip(titles, normalize_all(titles), strict=True):
        found.setdefault(normal, []).append(title)
    return found


@cache
def _old() -> str:
    """老's normal form."""
    return normalize(OLD)


def _called_old(surname: str) -> bool:
    """May someone of ``surname`` be called 老 before it (老乜)?"""
    return len(surname) == 1 and surname not in NOT_AFTER_OLD


def _elder(surname: str) -> bool:
    """May an elder of ``surname`` be called by it and 老 (宫老), the two making no word?"""
    return len(surname) == 1 and surname not in NOT_BEFORE_OLD


def _forms_of(surnames: list[str], normal: str) -> Iterator[tuple[str, tuple[str, str], str]]:
    """Each form of address of ``surnames`` (sharing ``normal`` as their normal form): the
    form, its (surname, title), and the normal form its parts' would make."""
    for title_normal, titles in _titles_by_normal().items():
        for title in titles:
            for surname in surnames:
                if title != OLD or _elder(surname):
                    yield surname + title, (surname, title), normal + title_normal
    old = _old()
    for surname in surnames:
        if _called_old(surname):
            yield OLD + surname, (surname, OLD), old + normal


def title_of(word: str) -> str:
    """The title a form of address ends with ("院士" of "庞院士"), or ""."""
    return next((t for t in ADDRESS_TITLES if word.endswith(t)), "")


def _only(names: object) -> str | None:
    """The single name in a set, or None when it is empty or ambiguous."""
    if isinstance(names, set) and len(names) == 1:
        return str(next(iter(names)))
    return None
