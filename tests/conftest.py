"""Shared fixtures: the bundled corpus and small corpora written by tests."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from fangtan.bot.engine.answering import Engine
from fangtan.retrieval.reading.corpus import default_corpus_dir, load_corpus
from fangtan.retrieval.records import Corpus
from fangtan.retrieval.search.index import BM25Index

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Index caches written by tests (and by the commands they start) go to a
# throw-away folder, never into the user's own cache, and the folder goes when
# the run ends so repeated runs do not fill the disk.
if "FANGTAN_CACHE_DIR" not in os.environ:
    _THROWAWAY = tempfile.mkdtemp(prefix="fangtan-test-cache-")
    os.environ["FANGTAN_CACHE_DIR"] = _THROWAWAY

    def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
        shutil.rmtree(_THROWAWAY, ignore_errors=True)


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    return load_corpus(default_corpus_dir())


@pytest.fixture(scope="session")
def seed_index(seed_corpus: Corpus) -> BM25Index:
    return BM25Index(seed_corpus)


@pytest.fixture(scope="session")
def seed_engine(seed_index: BM25Index) -> Engine:
    return Engine(seed_index)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# A made-up page in the same genre, with names, roles and topics the bundled
# corpus does not have, so tests prove mechanisms rather than memorise data.
OTHER_PAGE = """\
聚力发展 共谱新篇

让冰雪经济热起来

——访全国人大代表、北国冰雪旅游集团董事长欧阳晓峰

“冰雪资源就是金山银山。”全国人大代表、北国冰雪旅游集团董事长欧阳晓峰说。今年他带来了关于冰雪旅游的建议。

欧阳晓峰建议，加快建设滑雪场配套设施，完善冰雪旅游线路，推动冰雪运动进校
园，让更多青少年爱上冰雪运动。

守护一江清水

——访省政协委员刘芳

“水质监测要做到全天候。”省政协委员、江城环保科技有限公司总工程师刘芳表示。

刘芳认为，要建立流域生态补偿机制，加强湿地保护，推进污水处理设施提标改造，守住一江清水。

她还建议，鼓励企业参与河道治理，探索“河长+企业”共治模式。

托起老年人的幸福晚年

——访市人大代表孙建国

市人大代表、阳光社区居委会主任孙建国说，社区养老服务中心要办到老人家门口，让老年人在家门口享受助餐、助浴、助医服务。

孙建国表示，要培养专业的养老护理人才，提高护理人员待遇。
"""
# A second file naming someone else: with OTHER_PAGE, a corpus of two files.
SECOND_PAGE = "另一篇\n\n——访市政协委员赵明远\n\n赵明远说，要把湿地公园的步道修好。\n"


def two_pages(folder: Path) -> Path:
    """``folder`` holding OTHER_PAGE as page.txt and SECOND_PAGE as second.txt."""
    write(folder, "page.txt", OTHER_PAGE)
    write(folder, "second.txt", SECOND_PAGE)
    return folder


@pytest.fixture(scope="session")
def other_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("other")
    write(folder, "page.txt", OTHER_PAGE)
    return folder


@pytest.fixture(scope="session")
def other_engine(other_corpus_dir: Path) -> Engine:
    return Engine(BM25Index(load_corpus(other_corpus_dir)))
