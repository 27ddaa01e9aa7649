"""Cutting quotes out of paragraphs.

A quote is one or more whole sentences, copied character for character from
the paragraph, chosen where the question's words are. Only a sentence too
long to show whole is cut further, at clause boundaries, so a quote never
starts or ends mid-phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fangtan.retrieval.reading.sentences import pieces, sentences_of
from fangtan.retrieval.reading.speech import ASKED_RE, SPEECH_AFTER_RE
from fangtan.retrieval.search.normalize import fold

CLAUSE_RE = re.compile(r"[^，、：,:]*(?:[，、：,:]|$)")

TARGET = 120  # aim for quotes about this long
SHORT = 40  # a sentence shorter than this gets a neighbour for context
LONG = 160  # a single sentence longer than this is cut to its best clauses


_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))


def tidy(quote: str) -> str:
    """Drop a quotation mark whose partner lies outside the cut.

    Only trims ends, so the result is still a verbatim substring.
    """
    quote = quote.strip()
    for opening, closing in _PAIRS:
        if quote.endswith(closing) and quote.count(closing) > quote.count(opening):
            quote = quote[:-1]
        if quote.startswith(opening) and quote.count(opening) > quote.count(closing):
            quote = quote[1:]
    return quote.strip()


# Scores of many stretches of text at once: a scorer normalises them together (one
# call into OpenCC for a paragraph's sentences, not one each).
Scorer = Callable[[list[str]], list[float]]


# A question asking what to do ("……咋办", "有委员提建议吗"): the answer is the speaker's
# suggestion, which often follows the sentence naming the problem ("……她建议……").
ASKS_REMEDY_RE = re.compile(
    "建议|办法|咋办|怎么办|如何解决|怎么解决|咋解决|怎样解决|对策|措施|出路|怎么管|咋管|该怎么"
)
_SUGGESTS_RE = re.compile("建议|呼吁|提议|提出|应当|应该|希望|必须")
# How far a quote may run on to take in the suggestion after the problem, in targets.
REMEDY_REACH = 2


def best_quote(text: str, score: Scorer, target: int = TARGET, remedy: bool = False) -> str:
    """The best-scoring stretch of ``text`` that stays around ``target`` characters; for
    a question asking what to do (``remedy``), running on to the suggestion after it."""
    sentences = sentences_of(text)
    if not sentences:
        return text.strip()
    scores = score([text[a:b] for a, b in sentences])
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    start, end = sentences[best]
    if end - start > LONG:
        return _best_clauses(text[start:end], score, target)
    lo = hi = best
    while end - start < SHORT:
        after = hi + 1 < len(sentences) and sentences[hi + 1][1] - start <= target
        before = lo > 0 and end - sentences[lo - 1][0] <= target
        if after and (not before or scores[hi + 1] >= scores[lo - 1]):
            hi += 1
            end = sentences[hi][1]
        elif before:
            lo -= 1
            start = sentences[lo][0]
        else:
            break
    if remedy and not any(_SUGGESTS_RE.search(text[a:b]) for a, b in sentences[lo : hi + 1]):
        for a, b in sentences[hi + 1 : hi + 3]:
            if b - start > REMEDY_REACH * target:
                break
            if _SUGGESTS_RE.search(text[a:b]):
                end = b
                break
    return tidy(text[start:end])


def lead_quote(text: str, target: int = TARGET) -> str:
    """The paragraph's opening sentences: news writing puts the point first."""
    sentences = sentences_of(text)
    if not sentences:
        return text.strip()
    start, end = sentences[0]
    if end - start > LONG:
        return _best_clauses(text[start:end], lambda texts: [0.0] * len(texts), target)
    for _, sentence_end in sentences[1:]:
        if sentence_end - start > target:
            break
        end = sentence_end
    return tidy(text[start:end])


def _best_clauses(sentence: str, score: Scorer, target: int) -> str:
    clauses = pieces(sentence, CLAUSE_RE)
    if not clauses:
        return sentence[:target]
    scores = score([sentence[a:b] for a, b in clauses])
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    lo = hi = best
    while True:
        width = clauses[hi][1] - clauses[lo][0]
        grow_after = hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= target
        grow_before = lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= target
        if width >= target or not (grow_after or grow_before):
            break
        if grow_after and (not grow_before or scores[hi + 1] >= scores[lo - 1]):
            hi += 1
        else:
            lo -= 1
    return tidy(sentence[clauses[lo][0] : clauses[hi][1]].strip().rstrip("，、：,:"))


# Where a quote's opening clause may end, and the marks of a quotation before it.
_COLON_QUOTATION_RE = re.compile(r"[：:]\s*(?=[“「『])")
_CLAUSE_END_RE = re.compile(r"[，,；;]")
_QUOTATION_MARK_RE = re.compile(r"[“”「」『』‘’]")
# Someone asked, the asker unnamed ("被问到……，某某称"); speech.ASKED_RE has the reporter
# asking ("记者问及……，某某表示现阶段……"). What follows the verb then is the answer,
# with or without a pause after it.
_PUT_TO_RE = re.compile(r"^(?:当|在)?(?:再)?被(?:记者|媒体)?(?:问及|问到|追问|询问)")
# An aside in brackets right after a name.
_ASIDE_RE = re.compile(r"^[（(][^）)]{1,40}[）)]")
# How far into a quote its speaker's frame is looked for: a lead-in is one clause or two.
LEAD_IN_MAX = 40
# Fewer characters than this after "某某说，" are no words of theirs: "……，某某说。"
SAID_MIN = 6


def without_lead_in(
    quote: str, name: str | None, asked: Callable[[str], frozenset[str]] = lambda _: frozenset()
) -> str:
    """``quote`` without the reporter's scene-setting before its speaker's frame:
    "针对大家提出的问题，科长某某回应说，……" is quoted from "科长某某回应说", and
    "居民某某拉着记者看水龙头：“……”" from the quotation (the chunk is theirs, so the
    quotation after their name is).

    Only where the speaker's words follow the verb: in "这事很重要，某某说。" the clause
    before is theirs. Nor where a quotation opens first, nor where the lead-in holds
    words ``asked`` about that the rest lacks ("关于物流体系，某某建议，……" answers
    "物流"; ``asked`` gives the question's words a text holds).
    """
    if not name:
        return quote
    # Matched in the folded form (a Traditional page's 稱 is 称), cut from the quote as written.
    folded = fold(quote)
    for form in (fold(name), "他", "她"):
        at = folded.find(form, 0, LEAD_IN_MAX)
        if at >= 0:
            break
    else:
        return quote
    opening = _COLON_QUOTATION_RE.search(folded, at, at + LEAD_IN_MAX)
    if opening and not _QUOTATION_MARK_RE.search(folded, 0, opening.start()):
        # "居民某某拉着记者看水龙头：“……”": the quotation is theirs, the scene the reporter's.
        return quote[opening.start() + 1 :]
    cut = max((m.end() for m in _CLAUSE_END_RE.finditer(folded, 0, at)), default=0)
    if not cut or at == 0 or _QUOTATION_MARK_RE.search(folded, 0, at):
        return quote
    # A Latin name in brackets after theirs ("某某（Kenneth Kam）稱") stands between.
    after = _ASIDE_RE.sub("", folded[at + len(form) :], count=1)
    verb = SPEECH_AFTER_RE.match(after)
    if verb is None:
        return quote
    said = after[verb.end() :].lstrip("说道")  # 回应说, 补充道
    asked_first = bool(ASKED_RE.match(folded) or _PUT_TO_RE.match(folded))
    if len(said) < SAID_MIN or not (asked_first or said.startswith(("，", ",", "：", ":"))):
        return quote
    return quote if _answers(quote, cut, asked) else quote[cut:]


def _answers(quote: str, cut: int, asked: Callable[[str], frozenset[str]]) -> bool:
    """Does the part of ``quote`` before ``cut`` hold words asked about that the rest lacks?"""
    return bool(asked(quote[:cut]) - asked(quote[cut:]))


# Someone else's words inside a quotation: "老师对我说：‘……’", "他常说：‘……’".
# In an answer standing without quotation marks, the inner ones are “”: then only a frame
# with 我 in it ("我的导师常说：“……”") quotes someone else, not the speaker themselves.
_NESTED_RE = re.compile(
    r"[^，。；！？“”‘’「」]{0,12}(?:说|道|讲|写道|告诉我)[：:]\s*[‘『]"
    r"|[^，。；！？“”‘’「」]{0,12}我[^，。；！？“”‘’「」]{0,8}(?:说|道|讲|说过|告诉我)[：:]\s*[“「]"
)


def without_nested(
    quote: str, asked: Callable[[str], frozenset[str]] = lambda _: frozenset()
) -> str:
    """``quote`` without words it quotes of someone else: in "那双鞋我还留着。老师对我
    说：‘……’" the teacher's words are not the speaker's. The quote ends before them, or,
    where they open it, starts after them; with nothing of the speaker's own around
    them it is left whole. So it is where whom they quote holds what was ``asked`` and
    the rest does not ("他父亲常说啥": "我父亲常说：“……”" passes the saying on)."""
    if "：" not in quote and ":" not in quote:
        # Either frame ends in a colon; most quotes hold none, and the search tries a
        # dozen characters at every position of the quote.
        return quote
    nested = _NESTED_RE.search(quote)
    if nested is None:
        return quote
    closing = min(
        (quote.find(mark, nested.end()) for mark in "’』”」" if mark in quote[nested.end() :]),
        default=-1,
    )
    frame = quote[nested.start() : nested.end()]
    if asked(frame) - asked(quote[: nested.start()] + quote[nested.end() :]):
        return quote
    before = quote[: nested.start()].rstrip("，,：:")
    if len(before.strip("“「『 ")) >= SAID_MIN:
        return tidy(before)
    # Their words open the quote: what the speaker says after them, if anything.
    after = quote[closing + 1 :] if closing >= 0 else ""
    if len(after.strip("”」』 。")) >= SAID_MIN:
        return tidy(after)
    return quote
