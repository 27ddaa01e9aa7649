"""Words for BM25: jieba, taught the corpus's own names and terms.

Speakers' names, organisations and quoted terms (“数字……”) are added to jieba
so they stay whole. Each such whole word also yields the words jieba would
have cut it into, so a question that spells only part of a term still meets
it, and question and passage are always cut by the same function.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fangtan.retrieval.search import pos_tags
from fangtan.retrieval.search.added_words import PARTS_SEP, AddedWord, AddedWords
from fangtan.retrieval.search.expand import Alternative
from fangtan.retrieval.search.forms import abbreviation
from fangtan.retrieval.search.jieba_dictionary import Dictionary, cache_folder
from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.search.jieba_routes import Cutter
from fangtan.retrieval.search.normalize import normalize, normalize_all, normalize_all_squeezed
from fangtan.retrieval.workers import spread_each

jieba.setLogLevel(logging.WARNING)

QUOTED_RE = re.compile(r"[“‘「『《\"]([^“”‘’「」『』《》\"]{2,16})[”’」』》\"]")
_PUNCT_RE = re.compile(r"^[\W_]+$")
# Word classes (jieba's tags) that never carry a question's topic: adverbs,
# pronouns, conjunctions, prepositions, particles, modal particles, interjections.
FUNCTION_TAGS = ("d", "r", "c", "p", "u", "y", "e", "o", "f")
SPAN_WINDOW = 4
# A question word, or what ends one ("哪些代表"), before the question's predicate.
WHO_WORD_RE = re.compile(r"(?:谁|哪位|哪些|哪个|哪几位|什么人|有人)$")
WHO_ROLES = frozenset({"代表", "委员", "人", "受访者", "嘉宾", "专家", "领导"})
# Word classes that modify a predicate: adverbs, distinguishing and plain adjectives.
MODIFIER_TAGS = ("d", "b", "a")
# Verbs of running an errand, which jieba glues to its object (办手续, 交社保, 找工作).
LIGHT_VERBS = frozenset("办开交找搞做弄跑领补换")
# Adverbs of degree before an adjective ("太慢", "比较繁琐").
DEGREE_WORDS = frozenset("太 很 挺 特别 非常 比较 有点 有些 过于 十分 越来越".split())
# A verb of saying and its aspect after the question word ("谁说过…", "有人提到…"): jieba
# may glue the aspect to the topic's first character (说 过冷 链 for 说过 冷链).
ASKING_VERB_RE = re.compile(
    "(?:" + WHO_WORD_RE.pattern.removesuffix("$") + "|" + "|".join(sorted(WHO_ROLES)) + ")"
    r"(?:都|还|也|曾|曾经|有)?(?:说|提|谈|讲|聊)(?:过|到|及|起|了)(?=[\u4e00-\u9fff])"
)
# The occasion anywhere in a question ("马代表这次两会提了什么建议"): this year's, this
# session's; not 两会精神, which is what someone may have spoken of.
OCCASION_RE = re.compile(
    r"(?:这次|本次|此次|今年|今年的|这次的|本届)(?:全国|省|市|区|县)?(?:两会|会议|大会|会上|发布会)"
    r"(?:上|期间|中)?"
)
# The particle ending a question ("还愿意继续干吗", "收徒弟了没"): jieba would glue it
# to the verb before it (干吗, "why"), and the verb is what the question is about.
FINAL_PARTICLE_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:[吗嘛呢]|(?<=了)没有?)[？?！!。.\s]*$")
# Asking what someone makes of something ("怎么评价", "如何评论"): the verb frames it.
JUDGING_RE = re.compile(r"(?P<how>怎么|怎样|如何|咋)(?:评价|评论|点评)")
# Colloquial verbs of saying that jieba cuts into characters (吐槽: 吐, 槽; 力挺: 力, 挺).
SAYING_SLANG_RE = re.compile("吐槽|力挺|痛批|怒怼|开怼")
# Where the words were said, opening a question ("发布会上谁…", "在这次座谈会中，哪位…"):
# the occasion, not the topic, and the page may name it only in its headline.
SETTING_RE = re.compile(
    # It may follow what the question is about: "宅基地的事发布会上谁说的" asks of 宅基地.
    r"^(?:[^，,。？?！!谁哪]{1,16}?(?:的事儿?|的问题)[，,、\s]*)?"
    r"(?P<setting>(?:在|于)?(?:(?:(?!的事|的问题)[^，,。？?！!谁哪]){0,10}?"
    r"(?:会议|大会|发布会|座谈会|论坛|两会|会|节目|采访|访谈|报道|文章|直播)"
    r"(?:上|中|里|期间)[，,、\s]*(?=\S)"
    # Any place the words were said, right before the question word: "代表通道上谁……".
    r"|(?:(?!的事|的问题)[^，,。？?！!谁哪]){2,10}?(?:上|里|期间)(?=谁|哪|有没有|有人|有谁)))"
)

# Words that frame a question rather than say what it is about (问题, 事情, 提案:
# "物流方面的事情" asks about 物流), spoken ones too ("都说了些啥", "谁是搞物流的",
# "有哪些代表来着"). Kept short on purpose: words such as 安全 or 表示 carry meaning
# in this genre.
FRAME_WORDS = frozenset(
    """
    谁 哪 哪位 哪些 哪个 哪家 哪里 哪儿 哪些人 什么 啥 么 吗 呢 吧 啊 呀 嘛 哦 哈
    请问 请 一下 告诉 我 你 您 他 她 它 他们 她们 我们 你们 谁是 是谁 是 有 有没有
    没有 过 了 着 的 地 得 之 所 和 与 及 以及 或 或者 还 也 都 就 又 对 对于 关于
    把 被 在 从 给 向 为 为了 让 等 等等 里 中 上 方面 这 那 这个 那个 这些 那些 提
    提到 提了 提及 提出 提过 谈 谈到 谈及 谈了 说 说过 说到 说了 讲 讲到 讲了 聊
    聊到 关注 关心 关切 主张 建议 认为 呼吁 观点 看法 想法 怎么 怎么样 怎样 如何
    为何 为什么 多少 几 哪方 人 代表 委员 受访者 受访人 受访 采访 被访者 嘉宾 内容
    话题 相关 问 答 一些 有关 涉及 是否 曾 曾经 看 看待 说法 意见 见解
    一 本 该 此 版 本版 这版 这一版 本期 这一期 报道 文中 文章
    发表 表达 谈谈 说说 讲讲 发声 高见 有何 何 见解 提议 倡议 针对 围绕 分别 各自
    要 想 应 应该 会 能
    有人 有没有人 有谁 谁人 接受 接受了 访问 专访
    问题 事情 事儿 故事 提案 议案 发言
    些 那些个 啥子 咋 咋样 呗 啦 嘞 呐 来着 来 事 搞 做 干 那位 这位 到
    点 点儿 叫 还有 这个人 那个人 几位 几个 几个人 多少位 多少人 多少个
    几条 几点 多少条 哪几条 哪几点 几项 哪几项 们 大家 大伙 大伙儿 各位 诸位
    原话 原文 全文 话 看看 瞧瞧 发给 帮 帮我 麻烦 想知道 知道 了解 查 查查 找 找找 搜
    吵 争 争论 争吵 吵架 辩论 觉得 感觉 以为 接下来 打算 反映 一会儿 一会
    哪几个 哪几位 哪几个人 哪几家 哪一位 哪一个 最 平时 平常 具体 到底 究竟
    愿不愿意 愿不愿 愿意 能不能 会不会 是不是 要不要 可不可以 可不可
    好不好 行不行 对不对 算不算 够不够 不能 不会
    怎么办 咋办 怎么做 咋做 怎么弄 咋弄 咋整 该
    弄 弄完 弄好 搞完 搞好 搞定 干完 整完 多久 多长时间
    当年 当时 那时 那时候 那次 上次 这两次 两次 几次 每次
    时候 啥时候 啥时 何时 几时 多会儿 哪天 几号 哪年 哪一年 几月 几月份 为啥
    赛后 赛前 会后 会前 会上 节目里 节目上
    who what whom anyone someone anybody said say says talk talked talks about mention
    mentioned mentions did does do is are was the a an of on in to lol pls please
    """.split()
)


def _function_tag(flag: str) -> bool:
    """Is ``flag`` a function word's tag? Not "eng", a Latin word (AI, 5G), though it
    starts as "e", an interjection's, does."""
    return flag.startswith(FUNCTION_TAGS) and flag != "eng"


def _spoken(token: str) -> bool:
    """A word of recalled speech: any word but punctuation."""
    return bool(token.strip()) and not _PUNCT_RE.match(token)


def is_content(token: str) -> bool:
    """A word that may say what a question is about: spoken, and no frame of it."""
    return token not in FRAME_WORDS and _spoken(token)


def quoted_terms(text: str) -> list[str]:
    return [m.group(1).strip() for m in QUOTED_RE.finditer(text) if m.group(1).strip()]


@dataclass(frozen=True)
class Query:
    """What a question asks about.

    ``terms`` are its content tokens; ``spans`` are pieces of runs of adjacent
    content words ("滨江科技城", "碳排放权") with the terms each covers. A
    passage that contains a span verbatim matches all of its terms even where
    jieba cut the passage differently, and shows the words side by side.
    """

    text: str
    terms: tuple[str, ...]
    spans: tuple[tuple[str, frozenset[str]], ...] = ()
    phrases: tuple[str, ...] = ()
    phrase_terms: tuple[frozenset[str], ...] = ()
    # Corpus words that may stand for terms the corpus never uses, by term.
    alternatives: tuple[tuple[str, tuple[Alternative, ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    def alternatives_of(self, term: str) -> tuple[Alternative, ...]:
        for asked, found in self.alternatives:
            if asked == term:
                return found
        return ()


class Tokenizer:
    """A jieba tokenizer of its own, so corpora never share added words."""

    def __init__(
        self,
        vocabulary: Iterable[str] = (),
        cache_dir: Path | None = None,
        added: Sequence[AddedWord] | AddedWords | None = None,
    ) -> None:
        """``cache_dir`` holds jieba's dictionary cache (the system temp dir if None).

        ``added`` is the ``added`` of an earlier tokenizer of the same vocabulary:
        replaying it skips cutting every name and organisation again.
        """
        self._jieba = Cutter()
        self._dictionary = Dictionary(self._jieba, cache_dir)
        self._cache_folder = cache_folder(cache_dir)
        self._pos: Any = None  # jieba.posseg's tagger, made on first need
        # Each added word's parts joined by PARTS_SEP (jieba's words never hold white
        # space), for the words jieba cuts: one string each is quicker to keep.
        self._parts: dict[str, str] = {}
        if added is None:
            words = {normalize(word) for word in vocabulary}
            # Each word is cut, its frequency suggested and the word added: work
            # enough, for a large corpus, to want jieba's own dict.
            self._dictionary.spend(3 * sum(map(len, words)))
            ordered = sorted(w for w in words if len(w) >= 2)
            cut = dict(zip(ordered, self._parts_of_all(ordered), strict=True))
            rows: list[AddedWord] = []
            for word, parts in cut.items():
                # Each word's frequency is suggested with the words before it added.
                freq = max(self._jieba.suggest_freq(word, tune=False), 10)
                self._jieba.add_word(word, freq=freq)
                rows.append((word, freq, parts))
            self._parts = {word: PARTS_SEP.join(parts) for word, parts in cut.items() if parts}
            self._added: list[AddedWord] | AddedWords = rows
            self.vocabulary = frozenset(cut)
        else:
            table = added if isinstance(added, AddedWords) else AddedWords.of(added)
            table.apply(self._jieba)
            latest = dict(zip(table.words, table.parts, strict=True))
            self._parts = {word: parts for word, parts in latest.items() if parts}
            self._added = table
            self.vocabulary = frozenset(table.words)

    def cutting(self, chars: int) -> AbstractContextManager[None]:
        """See ``Cutter.cutting``: for a whole corpus about to be cut by workers."""
        return self._jieba.cutting(chars)

    def added_digest(self) -> str:
        """What keys results that depend on the added words (see ``AddedWords.digest``)."""
        if not isinstance(self._added, AddedWords):
            try:
                self._added = AddedWords.of(self._added)
            except ValueError:
                return hashlib.sha256(
                    repr(self._added).encode("utf-8", "surrogatepass")
                ).hexdigest()
        return self._added.digest()

    @property
    def added(self) -> list[AddedWord]:
        """The words this tokenizer added to jieba, in order: what ``added`` replays."""
        if isinstance(self._added, AddedWords):
            self._added = self._added.rows()
        return self._added

    def in_dictionary(self, word: str) -> bool:
        """Is ``word`` in jieba's dictionary (rather than made up by its guesser)?"""
        return self._dictionary.has(word)

    def _parts_of(self, word: str) -> tuple[str, ...]:
        """What jieba cuts ``word`` into, before it is added (nothing but itself: ())."""
        return tuple(t for t in self._cut(word) if t != word)

    def _parts_of_all(self, words: list[str]) -> Iterator[tuple[str, ...]]:
        """``_parts_of`` each word, by worker processes when there are many: each is cut
        with jieba's dictionary alone, whatever was cut before it."""
        batches = [words[i : i + _WORDS_PER_JOB] for i in range(0, len(words), _WORDS_PER_JOB)]
        for parts in spread_each(
            batches,
            lambda batch: [self._parts_of(word) for word in batch],
            sum(map(len, words)) * _WORD_COST,
        ):
            yield from parts

    def _cut(self, text: str) -> list[str]:
        self._dictionary.spend(len(text))
        return list(filter(str.strip, self._jieba.lcut_for_search(text, HMM=True)))

    def tokens(self, text: str) -> list[str]:
        """All tokens of normalised ``text``, including parts of whole words."""
        return self._normal_tokens(normalize(text))

    def tokens_of_all(
        self, texts: Sequence[str], squeezed: Sequence[str] | None = None
    ) -> Iterator[list[str]]:
        """``tokens`` of each of ``texts``, normalised in one call (``normalize_all``):
        normalising a file's thousands of paragraphs one by one cost about 8% of cutting
        them, much of it each call's own overhead. Given their ``squeezed`` forms, as the
        corpus keeps them, only texts that hold white space are normalised again."""
        if squeezed is None:
            return map(self._normal_tokens, normalize_all(texts))
        return map(self._normal_tokens, normalize_all_squeezed(texts, squeezed))

    def _normal_tokens(self, normal: str) -> list[str]:
        """``tokens`` of text already in normal form, or of a piece cut from it."""
        cut = self._cut(normal)
        if self._parts.keys().isdisjoint(cut):
            return cut  # most texts hold no added word with parts
        out: list[str] = []
        for token in cut:
            out.append(token)
            parts = self._parts.get(token)
            if parts:
                out.extend(parts.split(PARTS_SEP))
        return out

    def content_tokens(self, text: str) -> list[str]:
        """Tokens that say what a question is about, in order, without repeats."""
        return list(dict.fromkeys(t for t in self.tokens(text) if is_content(t)))

    def query(
        self,
        text: str,
        drop: Iterable[str] = (),
        known: Callable[[str], bool] | None = None,
        *,
        normalized: bool = False,
        verbatim: bool = False,
        occasion: bool = False,
    ) -> Query:
        """The question's content terms and spans, without the words in ``drop``.

        ``normalized=True`` says ``text`` is already in normal form (the engine
        normalises a question once, when it takes it in), so it is not done again.

        ``verbatim=True`` reads ``text`` as words someone said, recalled ("预算不是问题，
        问题是人从哪来"): every word of it counts, 不是 and 问题 too, so its spans find
        the paragraph that says it so.

        ``occasion=True`` keeps the words of the occasion or setting ("这次座谈会",
        "这篇访谈里"), dropped otherwise: for "这次座谈会都有谁发言了" they are all there is.

        With ``known`` (is this term in the corpus?), a word that jieba's
        guesser made up and the corpus lacks ("对文旅" in "对文旅融合怎么看")
        is cut again from the dictionary alone, so the words inside it count.
        """
        dropped: set[str] = set()
        for word in drop:
            dropped.add(normalize(word))
            dropped.update(self.tokens(word))
        normal = text if normalized else normalize(text)
        if not verbatim:
            normal = FINAL_PARTICLE_RE.sub("", normal)
        setting = None if occasion else SETTING_RE.match(normal)
        if setting:
            dropped.update(self.tokens(setting.group("setting")))
        for held in () if occasion else OCCASION_RE.finditer(normal):
            dropped.update(self.tokens(held.group(0)))

        # Cut apart where the question's verb ends, so the topic keeps its first character.
        apart = ASKING_VERB_RE.sub(r"\g<0> ", normal)
        # "怎么评价冉家坳": asking for a view, and the view's verb is no topic.
        apart = JUDGING_RE.sub(r"\g<how> ", apart)
        if not verbatim:
            # "谁吐槽了办手续": a verb of saying jieba cuts apart (吐, 槽) frames, whole.
            apart = SAYING_SLANG_RE.sub(" ", apart)
        keep = _spoken if verbatim else is_content
        words = [w.strip() for w in self._jieba.lcut(apart, HMM=True) if w.strip()]
        if not verbatim:
            # A frame word's pieces frame too: 接下 and 下来 of 接下来.
            for word in words:
                if word in FRAME_WORDS and len(word) > 2:
                    dropped.update(t for t in self._normal_tokens(word) if t != word)
        content = (t for t in self._normal_tokens(apart) if keep(t))
        terms = [t for t in dict.fromkeys(content) if t not in dropped]
        if known is not None:
            words = self._recut_unknown(words, terms, dropped, known)
            unknown = [w for w in words if is_content(w) and w not in dropped and not known(w)]
            by_class, by_place, attached = (
                self._function_words(apart) if terms and not verbatim else (set(), set(), set())
            )
            for word in by_class | (by_place & set(unknown)):
                if word in attached and known(word):
                    continue  # 共同 of 共同配送: the corpus may say it just so
                if is_content(word) and word not in dropped:
                    # A function word never says what a question is about; one the
                    # corpus never uses would even weigh the most of all its words.
                    dropped.add(word)
                    terms = [t for t in terms if t != word]
            terms = _without_pieces(list(dict.fromkeys(terms)), known, self.abbreviated(known))
        spans: list[tuple[str, frozenset[str]]] = []
        phrases: list[str] = []
        run: list[str] = []
        for word in [*words, ""]:
            if word and keep(word) and word not in dropped:
                run.append(word)
                continue
            if run:
                phrases.append("".join(run))
            spans.extend(self._span_pieces(run, terms))
            run = []
        phrases = list(dict.fromkeys(phrases))
        return Query(
            text=normal,
            terms=tuple(terms),
            spans=tuple(dict.fromkeys(spans)),
            phrases=tuple(phrases),
            phrase_terms=tuple(
                frozenset(t for t in self._normal_tokens(p) if t in terms) for p in phrases
            ),
        )

    def _recut_unknown(
        self,
        words: list[str],
        terms: list[str],
        dropped: set[str],
        known: Callable[[str], bool],
    ) -> list[str]:
        """Replace made-up words the corpus lacks by their dictionary-only cut.

        Updates ``terms`` in place; returns the new word sequence.
        """
        out: list[str] = []
        for word in words:
            glued = self._normal_tokens(word)
            if len(word) < 2 or not is_content(word) or word in dropped or any(map(known, glued)):
                out.append(word)
                continue
            pieces = self._peel(word, known) or [
                p.strip() for p in self._jieba.lcut(word, HMM=False) if p.strip()
            ]
            useful = [p for p in pieces if is_content(p) and p not in dropped]
            # Replace the made-up word when its pieces are known words, or are
            # nothing but question words ("谁主张", "中有").
            if len(pieces) < 2 or (useful and not any(known(p) for p in useful)):
                out.append(word)
                continue
            for token in glued:
                while token in terms:
                    terms.remove(token)
            for piece in useful:
                if known(piece) or len(piece) >= 2:
                    terms.extend(
                        t for t in self._normal_tokens(piece) if is_content(t) and t not in dropped
                    )
            # An unknown single character left over (a name's tail) ends the run.
            out.extend(p if known(p) or len(p) >= 2 or not is_content(p) else " " for p in pieces)
        return out

    def abbreviated(self, known: Callable[[str], bool]) -> Callable[[str], bool]:
        """Does the corpus use ``word``'s abbreviation (食安 for 食品安全)?"""

        def check(word: str) -> bool:
            short = abbreviation(word, self.in_dictionary)
            return short is not None and known(short)

        return check

    def _function_words(self, text: str) -> tuple[set[str], set[str], set[str]]:
        """Words of ``text`` that only frame the question, by their class or place.

        By class: what jieba tags as a function word. By place: the verb
        right after the question word ("谁在意…", "哪位代表看重…") is the
        question's predicate, not its topic, whatever verb it is; so is a
        modifier right before a frame word ("主要讲了什么"). Returns the words
        found by class and those found by place: a predicate the corpus uses
        may still be what a passage says ("最担心的是…"); and the adverbs of two
        characters or more that modify a content word ("共同配送", "集中供暖"):
        the pair may be the topic's name.

        The tagger is made on first need and looks tags up in the table jieba's
        dictionary is kept in (``fangtan.retrieval.search.pos_tags``) rather than
        reading jieba's whole dictionary; only the word cutting is ours, so the
        corpus's own words stay whole.
        """
        if self._pos is None:
            self._pos = pos_tags.tagger(self._jieba, self._cache_folder)
        pairs = [(pair.word, pair.flag) for pair in self._pos.lcut(text) if pair.word.strip()]
        by_class = {word for word, flag in pairs if _function_tag(flag)}
        found: set[str] = set()
        attached: set[str] = set()
        for i, (word, flag) in enumerate(pairs):
            before = pairs[i - 1][0] if i else ""
            after, after_flag = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
            predicate = flag.startswith("v") and bool(
                WHO_WORD_RE.search(before) or before in WHO_ROLES
            )
            modifier = flag.startswith(MODIFIER_TAGS) and after in FRAME_WORDS
            # "流程比较繁琐", "办手续太慢": how the asker judges it, which the speaker
            # may have put in words of their own.
            judged = (flag.startswith("a") and before in DEGREE_WORDS) or (
                len(word) == 2
                and word[0] in DEGREE_WORDS
                and (flag.startswith("a") or not self.in_dictionary(word))
            )
            if predicate or modifier or judged:
                found.add(word)
            elif (
                flag == "d"
                and len(word) >= 2
                and is_content(after)
                and not _function_tag(after_flag)
            ):
                attached.add(word)
        return by_class, found - by_class, attached - found

    @staticmethod
    def _peel(word: str, known: Callable[[str], bool]) -> list[str]:
        """Split off a function character glued to a known word (对文旅 → 对 文旅), or
        one character glued to a known word of two or more (煤机厂 → 煤机 厂)."""
        for cut in (1, -1):
            edge, rest = (word[:cut], word[cut:]) if cut > 0 else (word[cut:], word[:cut])
            if edge in FRAME_WORDS and len(rest) >= 2 and known(rest):
                return [edge, rest] if cut > 0 else [rest, edge]
        # A known word and one character more glued to it ("煤机厂": 煤机 and 厂).
        if len(word) >= 3:
            if known(word[:-1]):
                return [word[:-1], word[-1]]
            if known(word[1:]):
                return [word[0], word[1:]]
        return []

    def _span_pieces(self, run: list[str], terms: list[str]) -> list[tuple[str, frozenset[str]]]:
        """Windows of two to ``SPAN_WINDOW`` adjacent words, and words that are phrases.

        A lone word stands alone; so does a term the corpus itself puts in
        quotation marks or uses as a name ("骑手驿站"), even next to other words.
        """
        if len(run) == 1:
            windows = [run]
        else:
            windows = [
                run[i:j]
                for i in range(len(run))
                for j in range(i + 2, min(len(run), i + SPAN_WINDOW) + 1)
            ]
            windows += [[word] for word in run if word in self.vocabulary]
        pieces = []
        for window in windows:
            text = "".join(window)
            # Terms inside the window's text, however jieba cut the whole question.
            covered = frozenset(t for t in terms if t in text)
            if len(text) >= 2 and covered:
                pieces.append((text, covered))
        return pieces


def _without_pieces(
    terms: list[str], known: Callable[[str], bool], abbreviated: Callable[[str], bool]
) -> list[str]:
    """One term per unknown word: search-mode cutting repeats a word in its pieces.

    A compound the corpus lacks but whose pieces are all terms of the
    question (人才培养: 人才, 培养) is its pieces, unless the corpus uses its
    abbreviation; so is an errand's light verb before such a piece the corpus
    uses (办手续: 手续, what the corpus speaks of as 用地手续; not 转基因); a
    piece the corpus lacks inside a longer word it lacks too (百姓 in 老百姓) is
    that word.
    """
    unknown = [t for t in terms if not known(t)]
    compounds = {
        t
        for t in unknown
        if (
            _tiled(t, [p for p in terms if p != t and p in t])
            or (len(t) >= 3 and t[0] in LIGHT_VERBS and t[1:] in terms and known(t[1:]))
        )
        and not abbreviated(t)
    }
    kept = [t for t in terms if t not in compounds]
    return [
        t for t in kept if known(t) or not any(t != u and t in u and not known(u) for u in kept)
    ]


def _tiled(word: str, pieces: list[str]) -> bool:
    covered = [False] * len(word)
    for piece in pieces:
        start = word.find(piece)
        while start >= 0:
            covered[start : start + len(piece)] = [True] * len(piece)
            start = word.find(piece, start + 1)
    return bool(pieces) and all(covered)


# A word is cut at about four times the cost of a character of text (it is short, and
# mostly a name jieba's model cuts): what it weighs against starting workers.
_WORD_COST = 4
_WORDS_PER_JOB = 2_000
