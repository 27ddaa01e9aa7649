"""A question's own judgement and errand words, which the speaker says in words of their own.

"办手续太慢谁吐槽了": the speaker said 用地手续 and 就怕等, never 办手续 or 太慢. The
question's errand verb (办), its judgement (太慢, 比较繁琐) and a colloquial verb of
saying jieba cuts apart (吐槽) are not what it is about; a compound the corpus lacks
with another first character (转基因) still is. Invented people throughout.
"""

from __future__ import annotations

import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.search.normalize import normalize
from tests.engine.test_natural_questions import ask, engine_of, only

PAGE = """\
鹭川县召开营商环境座谈会

2025-05-20　来源：鹭川日报　记者 郗晓棠

5月19日，鹭川县召开营商环境座谈会，企业家和教师代表先后发言。

鹭川恒丰机械有限公司总经理訾远航说，去年想扩建车间，光是用地手续就跑了四个多月。“我们不怕竞争，就怕等。”他建议把能并联办理的审批尽量并联。

鹭川县西岭小学教师厍晴川说，学校的周转房是上世纪九十年代盖的，一到雨天就漏水，年轻老师待不满三年就想走。

鹭川农科所研究员仝景和说，所里今年在做水稻抗病基因的筛选，“种子是农业的芯片”。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory, "judged", PAGE)


@pytest.mark.parametrize(
    "question",
    [
        "办手续太慢谁吐槽了",
        "谁抱怨办手续太慢",
        "谁说用地手续比较繁琐",
        "有人吐槽手续的事吗",
    ],
)
def test_an_errand_and_its_judgement_find_who_spoke_of_it(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    only(answer, "訾远航")
    assert "用地手续" in answer.quotes[0].text
    assert not answer.partial


@pytest.mark.parametrize("question", ["谁说周转房条件太差", "谁觉得周转房很糟糕"])
def test_a_judgement_of_a_thing_the_speaker_describes(engine: Engine, question: str) -> None:
    only(ask(engine, question), "厍晴川")


def test_question_terms_without_the_frame_and_judgement(engine: Engine) -> None:
    known = engine._known
    assert known.query(normalize("办手续太慢谁吐槽了"), ()).terms == ("手续",)
    # Not an errand's verb: 转基因 is its own word, which the page never uses.
    assert "转基因" in known.query(normalize("谁谈到转基因"), ()).terms
    answer = ask(engine, "有人谈到转基因安不安全吗")
    assert not answer.answered or answer.partial
