"""Who said each sentence of an article.

A sentence is someone's when it says so ("{name}表示，…", "“……”{name}说。",
"{name}：“……”"), when it continues what that person was reported saying, when
it sits in a quotation the closing line gives to someone, or when the frame
it stands in belongs to one person (a Q&A answer, a label's or a section's
words, an interviewee's article). Everything else is the reporter's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fangtan.retrieval.reading.mentions import TITLES_AFTER, introduces_someone
from fangtan.retrieval.reading.model import Kind, Sentence
from fangtan.retrieval.reading.names import plausible_name
from fangtan.retrieval.reading.sentences import quotations, sentences_of, speaks_as_i, trimmed
from fangtan.retrieval.reading.speech import (
    ACTS_THEN_SAYS_RE,
    ANAPHOR_HEADS,
    ANY_GENDER,
    ASKED_RE,
    CONTINUATION_RE,
    DATELINE_PREFIX_RE,
    LEADS_QUOTE_RE,
    NARRATION_RE,
    PRONOUNS,
    REPORTER_RE,
    SOURCE_VERBS,
    SPEECH_AFTER_RE,
    VERB_RE,
)
from fangtan.retrieval.reading.titles import title_at_end

_PRONOUN_RE = re.compile(rf"(?<![其])(?:{'|'.join(PRONOUNS)})(?![们人哋])")
_VERB_AFTER_ACCORDING_RE = re.compile(rf"^(?:{VERB_RE})")
# Someone the page does not name, then a verb of saying: "一位不愿具名的企业负责人说".
_SOMEONE_SAYS_RE = re.compile(
    rf"^(?:一位|一名|一个|有位|有的|有人|不少|多位|某位|另一位)[^，。；：:“”「」]{{0,16}}?(?:{VERB_RE})"
)
# Someone giving their own name: "我叫某某", "我是某某".
_SELF_RE = re.compile(r"^(?:大家好[，,！!]?)?我(?:叫|是|姓)")
_SELF_MAX = 8
# A reporter putting a question in quotation marks: "新华社记者提问：“……”".
_ASKS_QUOTED_RE = re.compile(
    r"(?:记者|主持人|网友)(?:又|再|还)?(?:提问|问道|追问|问)[：:]\s*[“「]$"
)
# A label naming the kind of words that follow, not whose: 获奖感言：“……”, 寄语：“……”.
_SAYING_LABEL_RE = re.compile(r"^(?:获奖感言|感言|寄语|心声|原话|自述)[：:]\s*[“「『]")
_HASHTAGS_RE = re.compile(r"(?:#[^#\s]{1,30}#\s*)+")
_CLAUSE_MARK_RE = re.compile(r"[，。；：:“”「」,;]")
_WHEN_CLAUSE_RE = re.compile(r"^[^，。；：“”]{0,24}时[，,]")
# "亓某某想了想，笑着说：“……”": a short clause, then what they did as they spoke; not
# where the second clause has a subject of its own ("对于某某说的停车难，他说：").
_PAUSE_THEN_SAYS_RE = re.compile(
    rf"^(?!的)[^，。；！？：:“”「」]{{1,10}}[，,](?![他她我你])"
    rf"[^，。；！？：:“”「」]{{0,10}}?(?:{VERB_RE})[：:]\s*[“「『]"
)
# "某某以自身经验分享，……", "用一组数字说明": how they said it, then the verb.
# Or what they held up or pointed at as they spoke: "他拿出自家的水费单说，……".
_MANNER_THEN_SAYS_RE = re.compile(
    rf"^(?:以|用|通过|借助|结合|根据|拿|拿出|拿着|指着|翻开|举起|举着|掏出|打开|捧着|递过)"
    rf"[^，。；：:“”「」]{{1,14}}?(?:{VERB_RE})(?![明服法书稿])"
)
# "她提交的《关于……的提案》直言：", "他在《……》中建议": their own paper says it.
_PAPER_SAYS_RE = re.compile(
    rf"^(?:今年|此次|这次)?(?:提交|提出|撰写|带来|递交|在)(?:了)?的?[^，。；“”《]{{0,8}}"
    rf"《[^》]{{1,80}}》(?:中|里)?[^，。；：“”]{{0,4}}?(?:{VERB_RE})"
)

# Any of the three, tried as one pattern: most names are followed by none of them.
_SAYS_LATER_RE = re.compile(
    "|".join(
        f"(?:{p.pattern})" for p in (_PAPER_SAYS_RE, _PAUSE_THEN_SAYS_RE, _MANNER_THEN_SAYS_RE)
    )
)


@dataclass(frozen=True)
class Frame:
    """Whose words a passage holds unless its sentences say otherwise."""

    speaker: str | None = None
    kind: Kind = Kind.REPORTED
    whole: bool = False  # every sentence is the speaker's (answers, label lines)
    question: bool = False  # the reporter's or host's turn
    # A section under someone's name card: a sentence is theirs by default only where it
    # speaks as 我 — a page's closing lines after the last card are the reporter's.
    own_voice: bool = False
    # The page's signed writer (a deputy's column): 我 is theirs even after the page
    # tells of someone else.
    writer: bool = False


_ANAPHOR_NOUNS = (
    "代表 委员 专家 院士 负责人 老人 教授 书记 主任 局长 医生 老师 企业家 董事长 总经理 "
    "村民 居民 律师 干部 校长 院长 厂长 所长 会长 研究员 工程师 党员 老兵 师傅"
).split()
_ANAPHOR_NOUN = "|".join(sorted(_ANAPHOR_NOUNS, key=len, reverse=True))
# "该代表", "这位教授"; or with what the reader was told of them: "这位来自城东街道的代表".
_ANAPHOR_RE = re.compile(
    rf"(?:(?:{'|'.join(ANAPHOR_HEADS)})|(?:这位|这名|此位|该名)[^，。；：:“”「」\s]{{1,14}}?的)"
    rf"(?:{_ANAPHOR_NOUN})(?![们团会组])"
)


@dataclass
class Directory:
    """The people a file names: folded names and forms of address → person keys."""

    names: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)
    # Forms by their first and second characters, made once for all of a file's articles.
    _starts: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    # ``forms()``, sorted once: every sentence of an article asks for them.
    _forms: list[str] | None = field(default=None, repr=False, compare=False)

    def add(self, form: str, key: str) -> None:
        if len(form) < 2:
            return
        self._starts = self._forms = None
        known = self.names.get(form)
        if known is None and form not in self.ambiguous:
            self.names[form] = key
        elif known is not None and known != key:
            del self.names[form]
            self.ambiguous[form] = (known, key)
        elif form in self.ambiguous and key not in self.ambiguous[form]:
            self.ambiguous[form] = (*self.ambiguous[form], key)

    def within(self, text: str) -> Directory:
        """Only the forms ``text`` uses: scanning one article never pays for the whole file.

        A form (two characters at least) is searched for only where the text holds
        its first two characters side by side: nearly all of a file's forms fail
        that test, which costs a set lookup where a search costs a pass over the text.
        """
        starts = self._starts
        if starts is None:
            starts = {}
            for form in (*self.names, *self.ambiguous):
                starts.setdefault(form[:2], []).append(form)
            self._starts = starts
        # Every two characters side by side: those at even offsets and those at odd ones.
        pairs = {*_PAIRS_RE.findall(text), *_PAIRS_RE.findall(text, 1)}
        used = sorted(
            form
            for pair in pairs.intersection(starts)
            for form in starts[pair]
            if len(form) == 2 or form in text
        )
        return Directory(
            {f: self.names[f] for f in used if f in self.names},
            {f: self.ambiguous[f] for f in used if f in self.ambiguous},
            self.titles,
        )

    def forms(self) -> list[str]:
        """Every form, longest first, so 王某某代表 is found before 王某某. Not to be
        changed: the list is kept for the next call."""
        if self._forms is None:
            self._forms = sorted((*self.names, *self.ambiguous), key=lambda f: (-len(f), f))
        return self._forms


# Two characters, line breaks too: found one after another, as a set's pass in Python
# over every position would find them, at a quarter of the cost.
_PAIRS_RE = re.compile("..", re.DOTALL)


@dataclass(frozen=True)
class Ref:
    start: int
    end: int
    key: str | None  # None: a pronoun or an anaphor not yet resolved
    form: str


# A title after a name, before the verb: 某某教授指出, 某某院士表示.
_TITLE_AFTER_RE = re.compile(
    "^(?:" + "|".join((*TITLES_AFTER, "副教授", "博士", "先生", "女士", "同志")) + r")(?=\S)"
)
_BRACKET_RE = re.compile(r"^[（(][^（）()]{1,60}[）)]")
# Someone a sentence introduced whom the file does not know by name.
STRANGER = ""


@dataclass
class State:
    """What carries over from sentence to sentence within one article."""

    current: str | None = None  # whose reported speech is running on
    closed: bool = False  # the current speaker's quote was closed ("……”某某说。")
    blocked: bool = False  # this paragraph has turned to narration
    # The one person the sentence just read was about, opening a clause ("他走遍了全村"):
    # a quotation standing alone next is theirs.
    subject: str | None = None
    # The one person this paragraph is about so far ("她则更关注供给端。据介绍，……"): a
    # quotation standing alone later in it is theirs, if nobody else came up between.
    about: str | None = None
    # Whose words a turn reads out in a quotation still open ("市民某某写道：“……").
    relayed: str | None = None
    recent: list[str] = field(default_factory=list)  # people referred to, latest last
    # Who has been called 他 and who 她: 他 never points back at someone called 她.
    pronoun_of: dict[str, str] = field(default_factory=dict)

    def touch(self, key: str) -> None:
        if key in self.recent:
            self.recent.remove(key)
        self.recent.append(key)


def refs(folded: str, directory: Directory) -> list[Ref]:
    """Every mention of a person in ``folded``: names, forms of address, 他/她, 该代表."""
    found: list[Ref] = []

    def free(start: int, end: int) -> bool:
        return not any(r.start < end and start < r.end for r in found)

    for form in directory.forms():
        at = folded.find(form)
        while at >= 0:
            if free(at, at + len(form)):
                found.append(Ref(at, at + len(form), directory.names.get(form), form))
            at = folded.find(form, at + 1)
    for pattern in (_ANAPHOR_RE, _PRONOUN_RE):
        for match in pattern.finditer(folded):
            if free(match.start(), match.end()):
                found.append(Ref(match.start(), match.end(), None, match.group(0)))
    return sorted(found, key=lambda r: r.start)


def resolve(ref: Ref, state: State, directory: Directory, default: str | None) -> str | None:
    if ref.key is not None:
        return ref.key
    candidates = directory.ambiguous.get(ref.form)
    recent = list(reversed(state.recent))
    if candidates:
        return next((k for k in recent if k in candidates), None)
    if ref.form in PRONOUNS:
        if not recent:
            return default
        for key in recent:
            if key == STRANGER:
                return None
            if ref.form == ANY_GENDER:
                return key
            if state.pronoun_of.setdefault(key, ref.form) == ref.form:
                return key
        return None
    title = ref.form[-2:]
    for key in recent:
        if any(title in t for t in directory.titles.get(key, ())):
            return key
    return (recent[0] or None) if recent else default


def attribute(
    text: str, folded: str, frame: Frame, state: State, directory: Directory
) -> tuple[Sentence, ...]:
    """Sentences of one passage, each with its kind and speaker."""
    state.blocked = False
    state.about = None
    opening = DATELINE_PREFIX_RE.match(folded)
    skip = opening.end() if opening and opening.end() < len(text) else 0
    spans = [trimmed(text, a + skip, b + skip) for a, b in sentences_of(text[skip:])]
    spans = [(a, b) for a, b in spans if a < b]
    quotes = quotations(text)
    out: list[Sentence] = [Sentence(*trimmed(text, 0, skip), Kind.NARRATION)] if skip else []
    in_paragraph = False
    for start, end in spans:
        kind, speaker = _one(
            text, folded, start, end, quotes, frame, state, directory, in_paragraph
        )
        if speaker is not None:
            in_paragraph = True
        out.append(Sentence(start, end, kind, speaker))
    return tuple(out)


def _one(
    text: str,
    folded: str,
    start: int,
    end: int,
    quotes: list[tuple[int, int]],
    frame: Frame,
    state: State,
    directory: Directory,
    in_paragraph: bool,
) -> tuple[Kind, str | None]:
    subject, state.subject = state.subject, None
    if frame.question:
        return Kind.QUESTION, None
    if _HASHTAGS_RE.fullmatch(folded[start:end]):
        return Kind.NARRATION, None  # a post's "#话题#": the poster's, never the speaker's
    if frame.whole and frame.speaker and _about_them(folded[start:end], frame.speaker, directory):
        # "采访结束时……某某起身把记者送到电梯口": the page tells of them by name, and
        # the rest of the paragraph is the reporter's too.
        state.blocked = True
    inside = [(a, b) for a, b in quotes if a < end and b > start]
    if frame.whole and frame.speaker and not state.blocked:
        if not (inside and inside[0][0] < start):
            # "市民某某写道：“……”" read out in a host's turn: the words are theirs, to the
            # quotation's end.
            state.relayed = _relayed(folded, start, inside, frame.speaker, directory)
        if state.relayed:
            state.touch(state.relayed)
            return Kind.QUOTE, state.relayed
        if not REPORTER_RE.match(folded[start:end]):
            state.current, state.closed = frame.speaker, False
            state.touch(frame.speaker)
            return frame.kind, frame.speaker
    sentence = folded[start:end]
    outside = [
        r for r in refs(sentence, directory) if not any(a <= start + r.start < b for a, b in inside)
    ]
    # The sentence opens a quotation, or sits inside one that opened earlier.
    quoted = bool(inside) and inside[0][0] <= start + 1
    # 1. The sentence names its speaker: {name}表示，… / “……”{name}说。 / 据{name}介绍
    named: str | None = None  # whom the sentence named before, as its subject
    unknown = False  # 他 or 她 speaks, and is nobody the file can tell
    for n, ref in enumerate(outside):
        after = _after_name(sentence, ref)
        said = _says(sentence, ref, after) or _acts_then_says(after, ref, outside)
        if said and n and _listed_after(sentence, outside[n - 1], ref):
            said = False  # "甲、副司长乙、丙介绍有关情况": all of them, none alone
        if not said or _WHEN_CLAUSE_RE.match(after) or _act_only(after):
            if (
                ref.key is not None
                and ref.form not in PRONOUNS
                and not after.startswith("的")
                and not _SAID_THING_RE.match(after)
            ):
                named = ref.key
            continue  # "他提出发展旅游时，……": when they said it, not what
        if ref.form in PRONOUNS and named is not None:
            key: str | None = named  # "立委某某则聚焦……，他说，……": 他 is whom it named
        else:
            key = resolve(ref, state, directory, frame.speaker)
        if key is None:
            unknown = unknown or ref.form in PRONOUNS
            continue
        if not LEADS_QUOTE_RE.match(after):
            # "甲回忆，当时乙只说了一句：“……”": the quotation is the one's whose words
            # lead straight into it, not the one remembering.
            for later in outside[n + 1 :]:
                led = _after_name(sentence, later)
                if (
                    later.key not in (None, key)
                    and later.form not in PRONOUNS
                    and LEADS_QUOTE_RE.match(led)
                ):
                    ref, after, key = later, led, later.key
                    break
        closing = quoted and any(a <= start + 1 and start + ref.start >= b - 1 for a, b in inside)
        # "正如某某所说，“……”": a citation, closed with the sentence; what follows
        # unquoted is the writer's again.
        closing = closing or (
            bool(inside)
            and after.startswith("所")
            and inside[-1][0] > start + ref.end
            and sentence.rstrip("。！？!? ").endswith(("”", "」", "』"))
        )
        # "她说：“……”": all their words are inside the quotation that ends the sentence;
        # an unmarked sentence after it is the writer's, or the frame's speaker's.
        all_quoted = (
            bool(inside)
            and bool(LEADS_QUOTE_RE.match(after))
            and inside[-1][0] > start + ref.end
            and sentence.rstrip("。！？!? ").endswith(("”", "」", "』"))
        )
        if key != state.about:
            state.about = None  # someone else has spoken: a later quotation is not theirs
        state.current, state.closed = key, closing or all_quoted
        state.blocked = state.blocked or closing
        state.touch(key)
        return (Kind.QUOTE if quoted else Kind.REPORTED), key
    if unknown and not frame.whole:
        # "她一边理着竹篓一边说：“……”" of someone the file cannot tell: never the
        # frame's speaker's words, nor the last speaker's.
        state.current, state.blocked = None, True
        return Kind.NARRATION, None
    # 1b. "获奖感言：“……”": a label for someone's words, under what is told of them.
    if inside and _SAYING_LABEL_RE.match(sentence):
        key = state.about or next(iter(reversed(state.recent)), None)
        if key:  # STRANGER ("") is no one to give them to
            state.current, state.closed = key, True
            state.touch(key)
            return Kind.QUOTE, key
    # 2. Inside a quotation whose closing line names the speaker.
    if inside and quoted:
        key = _quotation_speaker(text, folded, inside[0], state, directory, frame.speaker)
        if key:
            state.current, state.closed = key, True
            state.touch(key)
            return Kind.QUOTE, key
        if key == STRANGER or _unknown_says(folded, inside[0][1]):
            # “……”邵某某说: someone the file cannot name, never the speaker before.
            state.current, state.closed, state.blocked = None, True, True
            state.touch(STRANGER)
            return Kind.NARRATION, None
    if ASKED_RE.match(sentence) and not inside:
        state.current = None  # whoever answers is named next, or is the frame's
        return Kind.QUESTION, None
    if inside and _ASKS_QUOTED_RE.search(sentence[: inside[0][0] - start + 1]):
        # "答记者问环节，新华社记者提问：“……？……？”": the reporter's words, to the
        # quotation's end, though it runs over several sentences.
        state.current, state.blocked = None, True
        return Kind.QUESTION, None
    if _SOMEONE_SAYS_RE.match(sentence):
        # "一位校长对我说：“……”": someone the page does not name, never the voice around.
        state.current, state.blocked = None, True
        state.touch(STRANGER)
        return Kind.NARRATION, None
    # 3. The reporter's own openings, and sentences about someone that report no speech.
    # Where someone is speaking on in the paragraph, only the reporter's own openings end
    # it: "截至去年底，……" and "数据显示，……" carry on their words, as in a whole answer.
    speaking_on = bool(state.current) and not state.closed and in_paragraph
    if (REPORTER_RE if speaking_on else NARRATION_RE).match(sentence):
        state.current, state.blocked = None, True
        return Kind.NARRATION, None
    subjects = _subjects(sentence, outside, state, directory)
    if subjects and outside[0].start <= _SELF_MAX and _SELF_RE.match(sentence):
        # "我叫某某，今年52岁……": someone introducing themselves speaks.
        state.current, state.closed = subjects[0], False
        state.touch(subjects[0])
        return Kind.REPORTED, subjects[0]
    if subjects:
        for key in subjects:
            state.touch(key)
        state.current, state.blocked = None, True
        # The sentence's subject: a name opening a clause, or the first name after nothing
        # but what the person is ("青禾社区党委书记某某，是食堂的“大管家”。").
        opening = [
            r
            for r in outside
            if r.start == 0
            or sentence[r.start - 1] in "，；："
            or (r is outside[0] and not _CLAUSE_MARK_RE.search(sentence[: r.start]))
            or (r is outside[0] and _described_opening(sentence[: r.start]))
        ]
        if len(set(subjects)) == 1 and opening:
            state.subject = subjects[0]
        state.about = state.subject
        return Kind.NARRATION, None
    # 4. A quotation nobody is named for: the speaker of the moment, or the frame's,
    # or whom the sentence before was about ("他走遍了全村。“我就带着一个本子……”").
    if quoted:
        key = state.current or (None if state.blocked else frame.speaker)
        if subject is None and start <= inside[0][0] <= start + 1:
            subject = state.about  # a quotation opening here, not one running on
        if (
            key is None
            and subject is not None
            and inside[0][0] <= start + 1
            and not _runs_on(folded, end)
            and not _speaks_of(folded[inside[0][0] : inside[0][1]], state.pronoun_of.get(subject))
        ):
            key = state.current = subject
            state.closed = False
        return (Kind.QUOTE, key) if key else (Kind.NARRATION, None)
    # 5. Reported speech running on, unless another source is given its say
    # ("政府工作报告提出，……", "有关专家指出，……").
    if state.current and not state.closed and (in_paragraph or CONTINUATION_RE.match(sentence)):
        if _another_source(sentence):
            state.current, state.blocked = None, True
            return Kind.NARRATION, None
        if frame.speaker not in (None, state.current) and not frame.whole and speaks_as_i(sentence):
            # In an interview, "他说：“……”我想，……": the interviewee again, after the
            # words they told of someone else saying.
            state.current = frame.speaker
            state.touch(frame.speaker)
            return frame.kind, frame.speaker
        return Kind.REPORTED, state.current
    # 6. The frame's speaker, until the paragraph turns to narration.
    mine = speaks_as_i(sentence)
    if (
        frame.speaker
        and (not state.blocked or (frame.writer and mine))
        and (not frame.own_voice or mine)
    ):
        state.current, state.closed = frame.speaker, False
        state.touch(frame.speaker)
        return frame.kind, frame.speaker
    if introduces_someone(sentence):
        state.touch(STRANGER)  # 他 next may be this someone: never the one before
    return Kind.NARRATION, None


def _subjects(sentence: str, outside: list[Ref], state: State, directory: Directory) -> list[str]:
    """Whom the sentence's mentions are of. 他 or 她 opening a clause after a name in the
    same sentence is that person, if the pronoun fits them ("家长某某的儿子上四年级，她更
    看重……"), whoever spoke before; not one the sentence does something with (某某和她).
    """
    found: list[str] = []
    for ref in outside:
        named = next((k for k in reversed(found) if k != STRANGER), None)
        if (
            ref.form in PRONOUNS
            and named is not None
            and sentence[ref.start - 1 : ref.start] in ("，", "；", ",")
            and (ref.form == ANY_GENDER or state.pronoun_of.setdefault(named, ref.form) == ref.form)
        ):
            found.append(named)
        elif key := resolve(ref, state, directory, None):
            found.append(key)
    return found


def _relayed(
    folded: str, start: int, inside: list[tuple[int, int]], speaker: str, directory: Directory
) -> str | None:
    """Someone named, not the turn's speaker, whose words lead straight into a quotation
    the sentence opens ("市民某某写道：“……”"), as a host reads out a written question."""
    if not inside or inside[0][0] < start:
        return None
    lead = folded[start : inside[0][0] + 1]
    for ref in refs(lead, directory):
        if ref.key is None or ref.key == speaker or ref.form in PRONOUNS:
            continue
        if LEADS_QUOTE_RE.match(lead[ref.end :]):
            return ref.key
    return None


def _runs_on(folded: str, end: int) -> bool:
    """Does the sentence ending at ``end`` on "？”" or "！”" run on into the next without a
    break ("“……凭什么限制我？”某某找到乙"): the quotation is the next one's subject's."""
    return (
        folded[end - 2 : end - 1] in ("？", "！", "?", "!")
        and folded[end - 1 : end] in ("”", "」", "』")
        and "\u4e00" <= folded[end : end + 1] <= "\u9fff"
    )


def _speaks_of(quotation: str, pronoun: str | None) -> bool:
    """Does a quotation speak of the one the sentence before was about, by the pronoun the
    page calls them by, and never as 我 ("我们骑摩托上去找她")? Then it is not theirs."""
    return (
        pronoun is not None
        and bool(re.search(f"{pronoun}(?!们)", quotation))
        and not re.search("我(?!们)", quotation)
    )


def _listed_after(sentence: str, before: Ref, ref: Ref) -> bool:
    """Is ``ref`` the next in a list of people after ``before`` ("甲、副司长乙"): a 、
    between them and no clause's end?"""
    between = sentence[before.end : ref.start]
    return before.key is not None and "、" in between and not _CLAUSE_MARK_RE.search(between)


def _after_name(sentence: str, ref: Ref) -> str:
    """What follows a reference, with a bracket ("王某某（市人大代表）说") or a title
    ("倪某某教授曾撰文指出") between name and verb left out."""
    after = sentence[ref.end :]
    if ref.start and sentence[ref.start - 1] in "（(" and after[:1] in ("）", ")"):
        after = after[1:]  # "Daniel Whitcombe（某某·某某）在接受采访时表示": a name in brackets
    after = _BRACKET_RE.sub("", after, count=1)
    return _TITLE_AFTER_RE.sub("", after, count=1)


# "用某某的话说", "美联社援引某某的话说": their words follow, whoever passes them on
# (and a wire may say who they are between: 援引理事会主席某某的话说).
_THEIR_WORDS_AFTER = ("用", "按", "照")
_CITING_RE = re.compile(r"(?:援引|引述|引用)[^，。；：:“”「」]{0,24}$")


def _says(sentence: str, ref: Ref, after: str) -> bool:
    """Does ``sentence`` give the person ``ref`` names their say: {name}表示，…,
    {name}：“……”, 在{name}看来, 用{name}的话说, 据{name}介绍?"""
    before = sentence[: ref.start]
    return bool(
        SPEECH_AFTER_RE.match(after)
        or LEADS_QUOTE_RE.match(after)
        or (after.startswith("看来") and _opens_view(before))
        # "美联社援引某某的话说": a wire quoting them, their words all the same.
        or (
            (before.endswith(_THEIR_WORDS_AFTER) or bool(_CITING_RE.search(before)))
            and after.startswith("的话")
        )
        or (before.endswith("据") and _VERB_AFTER_ACCORDING_RE.match(after))
        or _SAYS_LATER_RE.match(after)
    )


def _acts_then_says(after: str, ref: Ref, outside: list[Ref]) -> bool:
    """ "某某蹲在地头说，……": a short act of theirs, then 说; not where someone else is
    named in between ("某公司总经理某某说": the one named last speaks)."""
    act = ACTS_THEN_SAYS_RE.match(after)
    return act is not None and not any(
        ref.end <= other.start < ref.end + act.end() for other in outside
    )


def _opens_view(before: str) -> bool:
    """Does ``before`` open "在{name}看来", perhaps with what they are between ("在某大学
    副教授某某看来")?"""
    at = before.rfind("在")
    if at < 0:
        return False
    between = before[at + 1 :]
    return not between or (
        len(between) <= VIEW_TITLE_MAX
        and not _CLAUSE_MARK_RE.search(between)
        and bool(title_at_end(between))
    )


# How long what someone is may run between 在 and their name in "在……某某看来".
VIEW_TITLE_MAX = 40


def _described_opening(before: str) -> bool:
    """Is ``before`` (what precedes a name) a setting, then nothing but what the person
    is ("在桃坪乡，某合作社理事长" before 丁某某): their clause opens on them?"""
    clause = _CLAUSE_MARK_RE.split(before)[-1]
    return bool(clause) and bool(title_at_end(clause)) and not _DOINGS_RE.search(clause)


# A verb in what precedes a name makes them its object: 记者采访了理事长某某.
# "对于某某说的停车难，他说": what they said, made a noun, is no subject of the sentence.
_SAID_THING_RE = re.compile(rf"^(?:{VERB_RE})的")
_DOINGS_RE = re.compile(rf"了|过|着|(?:{VERB_RE})")


# What a verb of saying did, with nothing said: "……首先介绍了调价的理由。", "发表了意见。"
_ACT_ONLY_RE = re.compile(r"了[^，。；：:“”「」,;!?！？]{1,24}[。！!]?")


def _act_only(after: str) -> bool:
    """Do the words after a name tell only that they spoke, ending the sentence, or what
    they once asked someone to do ("某某曾要求医院提供病历")?"""
    if _PAST_DEMAND_RE.match(after):
        return True
    verb = SPEECH_AFTER_RE.match(after)
    return verb is not None and _ACT_ONLY_RE.fullmatch(after[verb.end() :].rstrip()) is not None


# A demand made before the report, told as a deed: not words said here.
_PAST_DEMAND_RE = re.compile(r"^(?:也|还)?曾经?(?:多次|一再)?要求")


def reports_on(folded: str, directory: Directory, speaker: str, *, by_pronoun: bool = True) -> bool:
    """Does an untagged paragraph after ``speaker``'s tagged turn report, rather than
    carry on their answer? So it does when it opens as the reporter does (据了解), or
    names someone else or (``by_pronoun``) 他/她 outside quotation marks with no 我
    there: a press conference's report goes on between the turns it quotes."""
    if NARRATION_RE.match(folded) or _SOMEONE_SAYS_RE.match(folded):
        return True
    outside = folded
    for start, end in reversed(quotations(folded)):
        outside = outside[:start] + "\n" + outside[end:]
    if speaks_as_i(outside):
        return False
    return any(
        (ref.key is not None and ref.key != speaker) or (by_pronoun and ref.form in PRONOUNS)
        for ref in refs(outside, directory)
    )


def opens_with_another(folded: str, directory: Directory, speaker: str) -> bool:
    """Does an untagged paragraph after ``speaker``'s turn open on someone else taking
    the floor ("现场评议员、市人大代表某某点评：……")? Their words follow, not the turn's."""
    first = re.split(r"[。！？!?]", folded, maxsplit=1)[0]
    return any(
        ref.key is not None
        and ref.key != speaker
        and ref.form not in PRONOUNS
        and SPEECH_AFTER_RE.match(first[ref.end :]) is not None
        for ref in refs(first, directory)
    )


def _about_them(sentence: str, key: str, directory: Directory) -> bool:
    """Does ``sentence`` name ``key`` (not 他/她) without giving them a say? Nobody
    names themselves so in their own answer."""
    # Most sentences of an answer name nobody: only those naming them are looked into.
    if not any(k == key and form in sentence for form, k in directory.names.items()):
        return False
    for ref in refs(sentence, directory):
        if ref.key == key and ref.form not in PRONOUNS:
            if _SELF_NAMED_RE.search(sentence[: ref.start]):
                continue  # "我是……代表某某": introducing themselves
            after = _BRACKET_RE.sub("", sentence[ref.end :], count=1)
            if not (SPEECH_AFTER_RE.match(after) or LEADS_QUOTE_RE.match(after)):
                return True
    return False


# "我是来自某地的全国人大代表" before one's own name: a speaker introducing themselves.
_SELF_NAMED_RE = re.compile(r"(?:我是|我叫|本人是)[^，。；！？]{0,30}$")


_SOURCE_VERB_RE = re.compile("|".join(SOURCE_VERBS))
_SOURCE_SUBJECT_MAX = 14


# Words that join a sentence to the one before as a clause of their own: "不过，……".
_CONNECTIVES = frozenset("不过 但是 但 然而 同时 此外 另外 当然 其实 对此 而且 与此同时".split())


def _another_source(sentence: str) -> bool:
    """Does ``sentence`` open with a clause of a subject (no one the file knows: refs
    are looked at before) and a verb of giving a source's say, the verb ending the
    clause ("有关专家指出，")? Not adverbs alone ("同时表示"), not a pronoun's."""
    if SPEECH_AFTER_RE.match(sentence):
        return False
    clauses = re.split(r"[，。；：“”]", sentence, maxsplit=2)
    head = clauses[0]
    if head in _CONNECTIVES and len(clauses) > 1:
        head = clauses[1]  # "不过，也有居民提出，……"
    verb = _SOURCE_VERB_RE.search(head, len(head) - 2) if len(head) > 2 else None
    if verb is None or verb.end() != len(head):
        return False
    subject = head[: verb.start()]
    if CONTINUATION_RE.match(subject) or subject.endswith(_MODALS):
        return False  # "首先要明确，……": the speaker's own next point, no one else's
    return 2 <= len(subject) <= _SOURCE_SUBJECT_MAX and not _PRONOUN_RE.search(subject)


# A modal verb before the verb makes it the speaker's own point (要明确, 应当指出).
_MODALS = ("要", "应", "需", "须", "得", "会", "能", "可以", "应该", "应当", "必须")


def _unknown_says(folded: str, end: int) -> bool:
    """Do the words after a closing quotation mark (at ``end``) name a speaker, though
    nobody the file knows: a name-like word and a verb of saying ("邵某某说",
    "家住山里的邵某某说")?"""
    after = folded[end : end + 40].lstrip("，, ")
    if _SOMEONE_SAYS_RE.match(after):
        return True  # "一位不愿具名的企业负责人说"
    of = after.find("的", 0, 16)
    for start in (0, of + 1) if of >= 0 else (0,):
        for n in (3, 2, 4):
            word = after[start : start + n]
            if plausible_name(word) and SPEECH_AFTER_RE.match(after[start + n :]):
                return True
    return False


def _quotation_speaker(
    text: str,
    folded: str,
    span: tuple[int, int],
    state: State,
    directory: Directory,
    default: str | None,
) -> str | None:
    """Whom the words right after a closing quotation mark name, if anyone; STRANGER
    when they say someone said it (他说) who is none of the file's people."""
    after = folded[span[1] : span[1] + _AFTER_QUOTATION].lstrip("，, ")
    for ref in refs(after, directory):
        between = after[: ref.start]
        rest = after[ref.end :]
        if ref.start and not (SPEECH_AFTER_RE.match(rest) or rest[:1] in ("。", "")):
            # "“……”某某找到乙": 乙, after a verb not of saying, is whom it was done to.
            break
        if _opens_own(folded, span, rest):
            break  # "“……。”某负责人则坦言：“……”": their own words follow, not these
        if ref.start == 0 or not re.search(r"[，。；！？]", between):
            key = resolve(ref, state, directory, default)
            if key is None and SPEECH_AFTER_RE.match(after[ref.end :]):
                return STRANGER
            return key
        # "“……”回忆起当年，老某说": one short clause of when or how, then who says it,
        # perhaps with what they are ("“……”6月17日，某院检察官某某在介绍案情时说").
        lead, _, held = between.rpartition("，")
        if (
            len(lead) <= LEAD_CLAUSE_MAX
            and between.count("，") == 1
            and not re.search(r"[。；！？]", between)
            and (len(between) <= LEAD_CLAUSE_MAX or bool(title_at_end(held)))
            and SPEECH_AFTER_RE.match(after[ref.end :])
        ):
            return resolve(ref, state, directory, default)
        break
    return None


def _opens_own(folded: str, span: tuple[int, int], rest: str) -> bool:
    """Does the name after a finished quotation ("……。”") open a quotation of its own
    ("则坦言：“……”")? Then the finished one was someone else's."""
    finished = folded[span[1] - 2 : span[1] - 1] in ("。", "！", "？", "!", "?")
    verb = SPEECH_AFTER_RE.match(rest)
    return finished and verb is not None and LEADS_QUOTE_RE.match(rest) is not None


# The clause a speaker may follow after a quotation: 回忆起当年，谈到这里，
LEAD_CLAUSE_MAX = 12
# How far after a quotation its speaker is looked for: a date, a long title and a name.
_AFTER_QUOTATION = 60
