"""An article's lines made into passages, each sentence given to its speaker or to
the reporter: whose turn it is, which question an answer replies to, whom a
signature or a quotation over several paragraphs belongs to."""

from __future__ import annotations

import itertools
import re

from fangtan.retrieval.reading import furniture
from fangtan.retrieval.reading.attribution import (
    Directory,
    Frame,
    State,
    attribute,
    opens_with_another,
    refs,
    reports_on,
)
from fangtan.retrieval.reading.drafts import (
    ArticleDraft,
    FileReading,
    PassageDraft,
    PersonDraft,
    key_of,
)
from fangtan.retrieval.reading.file_people import Builder, person
from fangtan.retrieval.reading.header import (
    PARAGRAPH_MAX,
    ends_sentence,
)
from fangtan.retrieval.reading.lines import (
    BOX_TAGS,
    NUMBERED_RE,
    Line,
    LineKind,
    asks,
    hands_to_narrator,
    headline_subject,
    headline_visit,
    names_guest,
)
from fangtan.retrieval.reading.mentions import (
    VISITED_RE,
    introductions,
    is_name,
    talked_with,
    visited_bare,
)
from fangtan.retrieval.reading.model import Kind, Sentence
from fangtan.retrieval.reading.names import (
    COMPOUND_SURNAMES,
    SINGLE_SURNAMES,
    surname_of,
)
from fangtan.retrieval.reading.sentences import speaks_as_i
from fangtan.retrieval.reading.sign_offs import all_quoted
from fangtan.retrieval.reading.speech import SELF
from fangtan.retrieval.reading.titles import (
    title_at_end,
)
from fangtan.retrieval.search.normalize import fold


def read_body(builder: Builder, article_no: int, article: ArticleDraft, lines: list[Line]) -> None:
    reading = builder.reading
    directory = builder.directory.within("\n".join(line.folded for line in lines))
    # In a Q&A the reporter speaks until the first question: the lead is theirs. After
    # a question, untagged paragraphs are the interviewee's answer, up to the next one.
    asked = _questions_asked(lines)
    if article.interviewee is None and asked:
        article.interviewee = _lead_interviewee(lines, reading.people, article.headline)
    asking = bool(article.interviewee) and asked
    # A profile ("——记") is the reporter's telling: only what the person is shown
    # saying is theirs. An interview ("——访") reports the interviewee throughout.
    default = Frame(
        None if asking or article.told else article.interviewee,
        Kind.REPORTED,
        writer=article.signed,
    )
    answer = Frame(article.interviewee, Kind.ANSWER, whole=True) if asking else default
    frame = default
    state = State()
    if article.interviewee:
        state.touch(article.interviewee)
        if article.signed:
            # The writer of a first-person column is 我 in it, never 他 or 她.
            state.pronoun_of[article.interviewee] = SELF
    heading = ""
    fresh_section = False
    last_question: int | None = None
    current: list[Line] = []
    current_frame = frame
    signed = -1  # the last passage a signature gave its speaker
    asked_of: str | None = None  # whom the last question named, to answer it
    cards = False  # under a list of the guests ("【本期嘉宾】")
    turned = False  # the frame is a tagged turn's, which a report may follow
    labelled = False  # a label line ("【冼某某委员】") was the last line: its paragraph is next

    def flush() -> None:
        nonlocal current, last_question, signed, labelled
        if not current:
            return
        first = current[0]
        text = "".join(line.text for line in current)
        reading.repaired += len(current) - 1
        folded = fold(text)
        local = current_frame
        sentences = attribute_passage(text, folded, first.offset, local, state, directory)
        number = len(article.passages) + 1
        draft = PassageDraft(text, number, article_no, sentences, heading)
        # An answer replies to the question before it: every paragraph of a tagged
        # answer, and the first paragraph after a question that is not tagged.
        follows = last_question == len(reading.passages) - 1
        # Who answers: the frame's speaker, or whoever the paragraph gives words to first
        # ("小编问他：……？" then "亓某某想了想，笑着说：……").
        answering = local.speaker or next((s.speaker for s in sentences if s.speaker), None)
        if answering and last_question is not None and (local.whole or follows):
            draft.prompt = last_question
        reading.passages.append(draft)
        index = len(reading.passages) - 1
        article.passages.append(index)
        if labelled:
            # The label's own paragraph: a signature further down never takes it.
            signed, labelled = max(signed, index), False
        last_question = index if local.question else (last_question if local.whole else None)
        for key in {s.speaker for s in sentences if s.speaker}:
            person = reading.people[key]
            if article_no not in person.articles:
                person.articles.append(article_no)
        current = []

    for line in lines:
        kind = line.kind
        card = _card(line) if cards else None
        if card is not None:
            # "简某某：某大学副教授，……" or "仉某某　全国人大代表，某医院院长" under
            # 【本期嘉宾】: who a guest is, never their words, one line each.
            flush()
            current, current_frame = [line], Frame(None, Kind.REPORTED)
            name, held = card
            if held:
                person(builder, name, held, article_no, len(article.passages) + 1)
            continue
        if kind in (LineKind.BODY, LineKind.ROLE) and current and _joins(current, line):
            current.append(line)
            continue
        flush()
        cards = kind is LineKind.HEADING and _guests(line)
        if kind is LineKind.TURN:
            if line.question:
                asked_of = _asked_of(line, reading, directory)
            elif line.answer and asked_of:
                # "问：韦教授，……" then "答：……": the guest the question names answers.
                frame = Frame(asked_of, Kind.ANSWER, whole=True)
                current, current_frame = [line], frame
                continue
            frame = _turn_frame(line, reading, directory, article.interviewee) or default
            turned = frame.whole and frame.speaker is not None and not line.question
            current, current_frame = [line], frame
            # A new turn, the voice-over's too: whoever spoke before has finished.
            state.current = None
        elif kind is LineKind.LABEL and line.question:
            # Every paragraph under an asker's tag is the question, up to the next speaker.
            frame = Frame(None, Kind.QUESTION, whole=True, question=True)
            heading = ""
        elif kind is LineKind.LABEL:
            frame = Frame(key_of(line.name), Kind.ANSWER, whole=True)
            turned = line.post  # a post, as a turn: the report may go on after it
            labelled = True
            fresh_section = True
            heading = ""
        elif kind is LineKind.SECTION:
            frame = Frame(key_of(line.name), Kind.REPORTED, own_voice=line.card)
            state.touch(key_of(line.name))
            state.current = None  # whoever spoke in the section before has finished
            fresh_section = True
            heading = ""
        elif kind is LineKind.SIGNATURE:
            who = key_of(line.name)
            signed = _sign(reading, article_no, article, who, signed, (state, directory))
        elif kind is LineKind.ROLE and fresh_section:
            continue
        elif kind is LineKind.HEADING and frame.question and frame.whole and asks(line):
            current, current_frame = [line], frame  # an asker's question, asked on
        elif (
            (kind is LineKind.HEADING and article.interviewee and asks(line))
            or (kind is LineKind.BODY and asking and _untagged_question(line))
            or (kind in (LineKind.BODY, LineKind.HEADING) and _reporter_asks(line))
        ):
            # In an interview, a short line asking something is the reporter's
            # question, printed without a tag (in bold, on the page).
            frame = Frame(None, Kind.QUESTION, question=True)
            current, current_frame = [line], frame
        elif kind is LineKind.HEADING and _box(line):
            frame, heading, fresh_section = Frame(None, Kind.REPORTED), line.text, False
            state.current = None  # "记者手记": the reporter's own, to the next heading
        elif kind is LineKind.HEADING and line.field.startswith(_MESSAGE_FIELDS):
            continue  # "留言时间：……" between a poster and their message: theirs still
        elif kind is LineKind.HEADING and line.field:
            # "回复单位：……": the message above has ended, and its writer with it.
            frame, fresh_section = default, False
            state.current = None
        elif kind is LineKind.HEADING:
            if not fresh_section:
                frame = default
            if hands_to_narrator(line):
                state.current = None
            heading = line.text
            fresh_section = False
        else:
            fresh_section = False
            if frame.question and not frame.whole:
                frame = answer
            elif (
                turned
                and frame.speaker
                and kind is LineKind.BODY
                and (
                    reports_on(line.folded, directory, frame.speaker)
                    or opens_with_another(line.folded, directory, frame.speaker)
                )
            ):
                frame, turned = default, False  # the report goes on between the turns
            elif (
                frame is answer
                and kind is LineKind.BODY
                and last_question is not None
                and last_question != len(reading.passages) - 1
                and frame.speaker
                and reports_on(line.folded, directory, frame.speaker, by_pronoun=False)
            ):
                # A later paragraph of an untagged answer that tells of someone else with
                # no 我 ("另一头，修复师某某正在调浆糊……"): the profile's bridge to the next
                # question, not the interviewee going on.
                frame = default
            current, current_frame = [line], frame
            if _EDITORS_NOTE_RE.match(line.folded):
                # "【编者按】……" over a signed column: the paper's words, not the writer's.
                current_frame = Frame(None, Kind.REPORTED)
    flush()
    _quoted_on(reading, article)
    _said_by_next(reading, article, directory)


def _quoted_on(reading: FileReading, article: ArticleDraft) -> None:
    """Give a quotation that runs over several paragraphs to whom its last one names.

    Chinese papers open each paragraph of a long quotation with “ and close it only
    in the last ("……。”老某说。"): the paragraphs left open are the same person's
    words, whoever spoke before them.
    """
    still_open: list[int] = []
    for index in article.passages:
        draft = reading.passages[index]
        text = fold(draft.text).strip()
        if not text.startswith(_OPENING_MARKS):
            still_open = []
            continue
        if text.count("“") + text.count("「") > text.count("”") + text.count("」"):
            still_open.append(index)
            continue
        first = draft.sentences[0] if draft.sentences else None
        who = first.speaker if first is not None and first.kind is Kind.QUOTE else None
        for earlier in still_open if who else ():
            opened = reading.passages[earlier]
            opened.sentences = tuple(
                Sentence(s.start, s.end, Kind.QUOTE, who) for s in opened.sentences
            )
        still_open = []


_OPENING_MARKS = ("“", "「")
_EDITORS_NOTE_RE = re.compile(r"^\s*[【\[［]?\s*编者(?:按|的话)")
# "说这话的是村民某某": the paragraph before was their words.
_SAID_THIS_RE = re.compile(r"^(?:说|讲)(?:这话|这番话|这句话|这些话)的[，,]?(?:正)?是")


def _said_by_next(reading: FileReading, article: ArticleDraft, directory: Directory) -> None:
    """Give a paragraph that is a quotation and nobody's to whom the next one names
    as having said it ("“……”" then "说这话的是村民某某，……")."""
    for before, index in itertools.pairwise(article.passages):
        draft = reading.passages[index]
        text = fold(draft.text).strip()
        said = _SAID_THIS_RE.match(text)
        if said is None:
            continue
        named = [r for r in refs(text[said.end() :], directory) if r.key][:1]
        quoted = reading.passages[before]
        if not named or any(s.speaker for s in quoted.sentences):
            continue
        if not fold(quoted.text).strip().startswith(_OPENING_MARKS):
            continue
        who = named[0].key
        quoted.sentences = tuple(
            Sentence(s.start, s.end, Kind.QUOTE, who) for s in quoted.sentences
        )


# Fields of the message itself, not of the reply to it.
_MESSAGE_FIELDS = ("留言", "来信")


QUESTION_MAX = 60


NUMBERED_QUESTION_MAX = 90


def _card(line: Line) -> tuple[str, tuple[str, ...]] | None:
    """A guest list's line: the guest's name and what it says they hold, or None."""
    if line.kind is LineKind.TURN and line.name and not line.question:
        name, words = line.name, line.text[line.offset :].strip()
    elif line.kind is LineKind.BODY and len(parts := line.text.strip().split(None, 1)) == 2:
        name, words = parts
        if not is_name(fold(name)):
            return None
    else:
        return None
    held = tuple(part for part in _HELD_PARTS_RE.split(words) if part and title_at_end(fold(part)))
    return name, held


def _guests(line: Line) -> bool:
    """Is ``line`` the heading of a list of guests ("【本期嘉宾】", "嘉宾介绍")?"""
    text = furniture.heading_text(line.folded)
    return len(text) <= GUEST_HEADING_MAX and "嘉宾" in text


# A guest list's heading is a few words: 本期嘉宾, 对话嘉宾, 嘉宾介绍.
GUEST_HEADING_MAX = 6


# What a guest card says they hold, piece by piece: "全国人大代表，某医院院长、主任医师".
_HELD_PARTS_RE = re.compile(r"[，,、；;。]")


def _box(line: Line) -> bool:
    """Is ``line`` the heading of a box the reporter adds ("【记者手记】")?"""
    return furniture.heading_text(line.folded) in BOX_TAGS


# The reporter putting a question in the telling: "小编问他：……？", "记者追问道：……？".
_REPORTER_ASKS_RE = re.compile(
    r"^(?:有|一位|一名)?(?:记者|小编|笔者|本报记者)(?:又|再|还)?(?:追问|提问|问)(?:他|她|道|起)?[：:，,]"
)


def _reporter_asks(line: Line) -> bool:
    """Is ``line`` the reporter telling the question they put, and nothing else?"""
    text = line.folded.strip()
    return bool(_REPORTER_ASKS_RE.match(text)) and text.endswith(("？", "?")) and "。" not in text


def _untagged_question(line: Line) -> bool:
    """Is ``line`` a question standing alone: short, asking, and no sentence of
    another kind in it ("海洋牧场投入大、回报慢，社会资本愿意进来吗？")?"""
    text = line.folded.strip()
    if not asks(line) or text.startswith(("“", "「", '"')):
        return False
    if NUMBERED_RE.match(text):
        # "2. 很多人认为，把管道加粗就能解决问题。您怎么看？": numbered, it may lead in.
        return len(text) <= NUMBERED_QUESTION_MAX
    return len(text) <= QUESTION_MAX and not re.search(r"[。！!；;]", text)


def _lead_interviewee(
    lines: list[Line], people: dict[str, PersonDraft], headline: str = ""
) -> str | None:
    """Whom a Q&A without a ——访 header interviews: the one person its headline names
    after 对话 or 专访 ("对话某公司CTO某某：……"), or its lead introduces after 专访 or
    采访了 ("本报记者专访了某大学教授某某"), before the first question."""
    named = [k for k in _visited(fold(headline)) if k in people][:1]
    if named:
        return named[0]
    lead: list[str] = []
    guests: list[str] = []
    speaking: list[str] = []  # "新闻发言人、某厅副主任 某某" among those attending
    for line in lines:
        if names_guest(line):
            guests.append(key_of(line.name))  # "【访谈嘉宾】某厅副厅长 某某" over the lead
            continue
        if line.kind is LineKind.SECTION and any(_SPOKESPERSON in s for s in line.segments):
            speaking.append(key_of(line.name))
        if line.question or asks(line) or line.kind in (LineKind.TURN, LineKind.LABEL):
            break
        lead.append(line.folded)
    known = list(dict.fromkeys(k for k in _visited("".join(lead)) if k in people))
    known = known or [k for k in dict.fromkeys(guests) if k in people]
    if not known and (subject := headline_subject(headline)) is not None:
        # "某某：一家老厂的……" over questions asked: the Q&A's guest is whom it names.
        known = [k for k in (key_of(subject),) if k in people]
    # A press conference's untagged 答： is its spokesperson's, where one is listed.
    known = known or [k for k in dict.fromkeys(speaking) if k in people]
    return known[0] if len(known) == 1 else None


def _visited(folded: str) -> list[str]:
    """The people introduced after 专访, 对话 or 采访了 in ``folded``, as keys."""
    if (guest := headline_visit(folded)) is not None:
        return [key_of(guest)]
    bare = [key_of(name) for name in visited_bare(folded, folded)]
    visited = VISITED_RE.search(folded) or _INVITED_RE.search(folded)
    # Whom the reporter visited is named in the same sentence ("记者采访了某大学教授某某");
    # one who speaks later in the lead ("记者采访了相关领域的科研人员。……研究员某某介绍") is
    # one of several, not the Q&A's guest.
    after = _SENTENCE_END_RE.split(folded[visited.end() :], 1)[0] if visited else ""
    found = [key_of(after[i.name_start : i.name_end]) for i in introductions(after, after)]
    if not bare and not found:
        found = [key_of(name) for name in talked_with(folded, folded)]
    return bare + found


_SENTENCE_END_RE = re.compile(r"[。！？!?]")
_SPOKESPERSON = "发言人"
# "邀请某律师逐一解答": a Q&A column's lead inviting the one who answers.
_INVITED_RE = re.compile(r"邀请了?|邀请到|请到了?|请来了?")


def _questions_asked(lines: list[Line]) -> bool:
    """Is the article a Q&A: a tagged question or a heading that asks, or questions
    standing alone as paragraphs more than once?"""
    if any(line.question or (line.kind is LineKind.HEADING and asks(line)) for line in lines):
        return True
    return sum(line.kind is LineKind.BODY and _untagged_question(line) for line in lines) >= 2


def _turn_frame(
    line: Line, reading: FileReading, directory: Directory, interviewee: str | None
) -> Frame | None:
    """Whose words a turn holds; None for the article's default (an untagged answer
    in an article without an interviewee)."""
    if line.question:
        return Frame(None, Kind.QUESTION, question=True)
    if line.narrator:
        return Frame(None, Kind.REPORTED)
    if line.name:
        return Frame(key_of(line.name), Kind.ANSWER, whole=True)
    if line.address:
        who = _addressed(reading, line.address, directory, interviewee)
        # Someone the article does not name (邝主任) is not the interviewee.
        return Frame(who, Kind.ANSWER, whole=True) if who else Frame(None, Kind.REPORTED)
    return Frame(interviewee, Kind.ANSWER, whole=True) if interviewee else None


# Whom a question opens by naming: "韦教授，……", "缑总，您……".
_ASKED_OF_RE = re.compile(r"^\s*(?P<who>[\u4e00-\u9fff]{2,8}?)[，,]")


def _asked_of(line: Line, reading: FileReading, directory: Directory) -> str | None:
    """The person of the file a question turn names before its first comma, if any."""
    opening = _ASKED_OF_RE.match(line.folded[line.offset :])
    if opening is None:
        return None
    who = opening.group("who")
    found = directory.names.get(who)
    if found is None and key_of(who) in reading.people:
        found = key_of(who)
    return found


def _addressed(
    reading: FileReading, form: str, directory: Directory, interviewee: str | None
) -> str | None:
    """The person a form of address (阙代表) tags: whom the file knows by it, else the
    interviewee if the surname is theirs."""
    key = directory.names.get(form)
    if key is not None:
        return key
    if interviewee is not None and fold(reading.people[interviewee].name)[:1] == form[:1]:
        return interviewee
    if form in COMPOUND_SURNAMES or form in SINGLE_SURNAMES:
        # "韦：" in a dialogue of two guests: the one person of the file with that surname.
        bearers = [k for k, d in reading.people.items() if surname_of(fold(d.name)) == form]
        if len(bearers) == 1:
            return bearers[0]
    return None


def _sign(
    reading: FileReading,
    article_no: int,
    article: ArticleDraft,
    who: str,
    signed: int,
    attributing: tuple[State, Directory],
) -> int:
    """Give the paragraphs just above a signature to the person it names: quotations,
    and paragraphs in the first person that nobody was found to say. Back to the last
    paragraph that is neither or was signed already (``signed``, a passage's index);
    the last passage's index after it is signed."""
    for index in reversed(article.passages):
        draft = reading.passages[index]
        folded = fold(draft.text)
        quoted = all_quoted(folded)
        unsaid = speaks_as_i(folded) and not any(s.speaker for s in draft.sentences)
        if index <= signed or not (quoted or unsaid):
            break
        frame = Frame(who, Kind.QUOTE if quoted else Kind.ANSWER, whole=True)
        draft.sentences = attribute_passage(draft.text, folded, 0, frame, *attributing)
    person = reading.people[who]
    if article_no not in person.articles:
        person.articles.append(article_no)
    return article.passages[-1] if article.passages else signed


def _joins(current: list[Line], line: Line) -> bool:
    """Does ``line`` carry on the paragraph ``current`` broke off? Never a quotation
    a signature follows: the signature makes it a paragraph of its own."""
    return not line.signed and not line.after_cut and _continues(current, line)


def _continues(current: list[Line], line: Line) -> bool:
    text = "".join(line.text for line in current)
    if len(text) >= PARAGRAPH_MAX:
        return False
    return not ends_sentence(text) or _listed(current, line)


def _listed(current: list[Line], line: Line) -> bool:
    """Is ``line`` the next item of a list its paragraph leads into ("某某提醒，出现以下
    情况要及时就医：" over "1. ……；" "2. ……；"): the items are the lead's."""
    lead, *items = current
    return (
        lead.folded.rstrip().endswith(("：", ":"))
        and bool(items)
        and all(NUMBERED_RE.match(item.folded) for item in items)
        and bool(NUMBERED_RE.match(line.folded))
    )


def attribute_passage(
    text: str, folded: str, offset: int, frame: Frame, state: State, directory: Directory
) -> tuple[Sentence, ...]:
    """Attribute the passage's words; a turn's tag ("记者：", "[某某]") is nobody's."""
    sentences = attribute(text[offset:], folded[offset:], frame, state, directory)
    return tuple(Sentence(s.start + offset, s.end + offset, s.kind, s.speaker) for s in sentences)
