"""jieba.posseg's tagging model, kept as one cache entry in the cache folder.

``import jieba.posseg`` runs four generated modules that build its hidden
Markov model (a 4 MB dict literal for the emissions alone): ~30 ms, a tenth of
a one-shot ``fangtan ask``, on every start, since every question is tagged.
The same dicts unmarshalled from one cache entry (``fangtan.retrieval.entries``)
take half as long. The entry is made from jieba's own modules on first need,
under a header of jieba's version and those modules' size and time, and
replaced when they change; one that is damaged, of another header or missing
is simply made again. posseg then finds the model's modules already imported
and uses the dicts as they are.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fangtan.retrieval.entries import read_entry, write_entry
from fangtan.retrieval.search.jieba_loader import jieba

NAME = "jieba-posseg-model.entry"
# posseg's model modules, each holding its table as ``P``.
MODULES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")
PACKAGE = "jieba.posseg"


def model_key() -> str | None:
    """jieba's version and its model modules' size and time; None if they are not files."""
    where = Path(jieba.__file__).parent / "posseg"
    parts = [jieba.__version__]
    for module in MODULES:
        try:
            stat = os.stat(where / f"{module}.py")
        except OSError:
            return None
        parts.append(f"{module}:{stat.st_size}:{stat.st_mtime_ns}")
    return "jieba-posseg-model\0" + "\0".join(parts)


def import_posseg(folder: Path, importing: Callable[[], types.ModuleType]) -> types.ModuleType:
    """``importing()`` (which imports jieba.posseg), with its model read from ``folder``.

    Without a usable file the model is built by posseg's own modules, and the
    file is written for the next start (if ``folder`` takes it).
    """
    key = model_key()
    path = folder / NAME
    tables = _read(path, key) if key is not None else None
    if tables is None:
        posseg = importing()
        if key is not None:
            made = {module: sys.modules[f"{PACKAGE}.{module}"].P for module in MODULES}
            write_entry(path, key, made, folder)
        return posseg
    installed = []
    for module, table in tables.items():
        name = f"{PACKAGE}.{module}"
        if name not in sys.modules:
            stand_in = types.ModuleType(name)
            stand_in.P = table  # type: ignore[attr-defined]
            sys.modules[name] = stand_in
            installed.append(name)
    try:
        return importing()
    except BaseException:
        for name in installed:
            sys.modules.pop(name, None)
        raise


def _read(path: Path, key: str) -> dict[str, dict[Any, Any]] | None:
    """The tables in entry ``path`` if it holds all of them under ``key``."""
    tables = read_entry(path, key)
    if not (isinstance(tables, dict) and set(tables) == set(MODULES)):
        return None
    if not all(isinstance(table, dict) and table for table in tables.values()):
        return None
    return tables
