"""Ending the ``fangtan`` process once its work is out, without the interpreter's teardown.

At exit Python frees every object of every module one at a time: numpy's,
jieba's models, the corpus. For a one-shot ``fangtan ask`` that was 25-45 ms
of a ~300 ms run, spent on memory the operating system takes back at once.

What must outlive the run happens first, in the order Python's own exit does
it: other threads are waited for (if any still run, the ordinary exit is
taken instead), the ``atexit`` handlers run (logging's flush among them), then
standard output and error are flushed. A reader that went away before the
last flush ends the run quietly, as a closed pipe does elsewhere in the
command; any other failure to write it is said on standard error and fails
the run, where Python's own exit would print a traceback.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


def leave(status: int, output_lost: str, failed: int) -> NoReturn:
    """Exit with ``status`` after the ``atexit`` handlers and the final flush.

    ``output_lost`` (with ``{reason}``) is said if standard output cannot be
    written out, and the status becomes ``failed`` if it was a success.
    """
    if threading.active_count() > 1:
        sys.exit(status)  # threads still at work: Python's exit waits for them
    atexit._run_exitfuncs()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader left, or the stream was closed: nothing more can be said
    except OSError as exc:
        _to_stderr(output_lost.format(reason=exc.strerror or exc))
        status = status or failed
    _to_stderr()
    os._exit(status)


def _to_stderr(line: str | None = None) -> None:
    """Write ``line`` (if given) to standard error, then flush it; a closed stream is
    passed over, as nothing more can be said."""
    with contextlib.suppress(OSError, ValueError):
        if sys.stderr is not None:
            if line is not None:
                print(line, file=sys.stderr)
            sys.stderr.flush()
