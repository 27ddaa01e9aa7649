"""jieba.posseg's tagging model, kept in one marshal file in the cache folder.

``import jieba.posseg`` runs four generated modules that build its hidden
Markov model (a 4 MB dict literal for the emissions alone): ~30 ms, a tenth of
a one-shot ``fangtan ask``, on every start, since every question is tagged.
The same dicts unmarshalled from one file take half as long. The file is
made from jieba's own modules on first need, keyed by jieba's version and
those modules' size and time, and replaced when they change; a file that is
damaged, of another key or missing is simply made again. posseg then finds
the model's modules already imported and uses the dicts as they are.
"""

from __future__ import annotations

import marshal
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fangtan.retrieval.search.jieba_loader import jieba
from fangtan.retrieval.unwritable import write_cache

NAME = "jieba-posseg-model.marshal"
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
    return "\0".join(parts)


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
            saved = marshal.dumps((key, made))
            write_cache(path, lambda temporary: temporary.write_bytes(saved), folder)
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
    """The tables in ``path`` if it holds all of them under ``key``."""
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == key):
        return None
    tables = found[1]
    if not (isinstance(tables, dict) and set(tables) == set(MODULES)):
        return None
    if not all(isinstance(table, dict) and table for table in tables.values()):
        return None
    return tables
