"""Text that arrived as bytes which were not valid UTF-8.

Python hands such bytes over as lone surrogates (argv always, stdin once it
is read with ``surrogateescape``), and they break everything downstream that
encodes the text again. Each undecodable byte becomes U+FFFD instead, so the
rest of the question can still be answered.
"""

from __future__ import annotations

import re
import sys

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def replace_undecodable(text: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """``text`` with every undecodable byte as U+FFFD, and whether there was one."""
    if not _SURROGATE_RE.search(text):
        return text, False
    try:
        raw = text.encode(encoding, "surrogateescape")
    except (UnicodeEncodeError, LookupError):
        # Surrogates that never were bytes (or an odd codec): replace them one by one.
        return _SURROGATE_RE.sub("\ufffd", text), True
    return raw.decode(encoding, "replace"), True


def tolerate_undecodable_stdin() -> None:
    """Read undecodable stdin bytes as surrogates instead of failing the whole read.

    A strict decoder raises on the first bad byte, losing that line and every
    line after it; with ``surrogateescape`` each line is repaired on its own.
    Output that cannot be encoded is replaced rather than raising.
    """
    for stream, errors in ((sys.stdin, "surrogateescape"), (sys.stdout, "replace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def stdin_encoding() -> str:
    return getattr(sys.stdin, "encoding", None) or "utf-8"
