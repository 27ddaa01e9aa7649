"""jieba, imported without pkg_resources.

jieba looks for ``pkg_resources`` to open its dictionary and falls back to a
plain ``open`` beside its own files when it is missing. Importing
pkg_resources scans every installed distribution (~40 ms, a tenth of a
one-shot ``fangtan ask``) for nothing: jieba's files are always beside it.
So it is hidden while jieba is imported, unless something imported it
already.
"""

from __future__ import annotations

import sys

_HIDDEN = "pkg_resources" not in sys.modules
if _HIDDEN:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
try:
    import jieba
finally:
    if _HIDDEN:
        del sys.modules["pkg_resources"]

__all__ = ["jieba"]
