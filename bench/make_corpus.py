"""Write a reproducible synthetic corpus in the interview-page format.

Words are drawn from jieba's own dictionary in proportion to their frequency,
so term statistics resemble real Chinese text; every interview has a made-up
headline, a ``——访`` line with a role and a name, and paragraphs broken
mid-sentence the way print layout breaks them. The same seed always writes
the same files.

    python bench/make_corpus.py OUT_DIR [--paragraphs 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from pathlib import Path

import jieba

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞波斌宇浩凯健俊帆帅旭"
    "宁龙林欣怡佳琪晨阳昊天思雨晓东海峰建国新文"
)
ROLES = ("市人大代表", "市政协委员", "省人大代表", "省政协委员", "全国人大代表", "区政协委员")
POSTS = ("董事长", "总经理", "主任", "书记", "院长", "教授", "经理")
PARAGRAPHS_PER_INTERVIEW = (2, 5)
WORDS_PER_SENTENCE = (6, 18)
SENTENCES_PER_PARAGRAPH = (2, 5)
INTERVIEWS_PER_FILE = 200


def load_vocabulary() -> tuple[list[str], list[int]]:
    path = Path(jieba.__file__).parent / "dict.txt"
    words, cumulative = [], []
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        total += int(freq)
        words.append(word)
        cumulative.append(total)
    return words, cumulative


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words, self.cumulative = load_vocabulary()

    def word(self) -> str:
        point = self.rng.randrange(self.cumulative[-1])
        return self.words[bisect.bisect_right(self.cumulative, point)]

    def sentence(self) -> str:
        count = self.rng.randint(*WORDS_PER_SENTENCE)
        parts = [self.word() for _ in range(count)]
        for i in range(3, len(parts) - 1, 5):
            parts[i] += "，"
        return "".join(parts) + self.rng.choice("。。。！？")

    def name(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.randint(1, 2)))
        return self.rng.choice(SURNAMES) + given

    def interview(self, paragraphs: int) -> str:
        name, role = self.name(), self.rng.choice(ROLES)
        org = self.word() + self.word() + "有限公司"
        post = self.rng.choice(POSTS)
        headline = f"{self.word()}{self.word()} {self.word()}{self.word()}{self.word()}"
        lines = [headline, "", f"——访{role}{name}", ""]
        for n in range(paragraphs):
            body = "".join(
                self.sentence() for _ in range(self.rng.randint(*SENTENCES_PER_PARAGRAPH))
            )
            if n == 0:
                body = f"{role}、{org}{post}{name}说，{body}"
            # Break about a third of the paragraphs mid-sentence, as print layout does.
            if self.rng.random() < 0.33 and len(body) > 20:
                cut = self.rng.randrange(5, len(body) - 5)
                while body[cut - 1] in "。！？":
                    cut += 1
                lines += [body[:cut], "", body[cut:], ""]
            else:
                lines += [body, ""]
        return "\n".join(lines) + "\n\n"


def write_corpus(out: Path, paragraphs: int, seed: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    written = 0
    for file_number in itertools.count(1):
        chunks = []
        for _ in range(INTERVIEWS_PER_FILE):
            if written >= paragraphs:
                break
            count = min(writer.rng.randint(*PARAGRAPHS_PER_INTERVIEW), paragraphs - written)
            chunks.append(writer.interview(count))
            written += count
        if not chunks:
            break
        (out / f"page-{file_number:04d}.txt").write_text("".join(chunks), encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    count = write_corpus(args.out, args.paragraphs, args.seed)
    print(f"wrote {count} paragraphs to {args.out}")


if __name__ == "__main__":
    main()
