"""User-facing errors and the CLI wrapper that prints them.

Every exception meant for the user derives from ``UserError`` and carries a
one-line message (Vietnamese or English).  ``run_cli`` turns it into that line
on stderr and exit code 2 — never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Callable, NoReturn


class UserError(Exception):
    """A problem the user can fix; ``str(error)`` is one line."""


def fail(message: str, code: int = 2) -> int:
    print(message.strip().splitlines()[0] if message.strip() else "Lỗi", file=sys.stderr)
    return code


def run_cli(action: Callable[[], int]) -> int:
    try:
        return action()
    except KeyboardInterrupt:
        return fail("Đã dừng (Ctrl-C).", 130)
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly, as other command-line tools do, and
        # point stdout at /dev/null so the final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # killed by SIGPIPE, by convention
    except UserError as error:
        return fail(str(error))
    except Exception as error:  # noqa: BLE001 - last resort: still one line, still non-zero
        return fail(f"Lỗi không mong đợi: {type(error).__name__}: {error}")


def exit_now(status: int) -> NoReturn:
    """End a finished CLI process at once: flush the output, skip interpreter teardown.

    After a command that loaded the embedding model, Python's shutdown tears down the module
    graphs of torch, transformers, scikit-learn and scipy: 1.5–1.9 s without the gc.freeze() of
    HybridSearcher.load, ≈ 0.25 s with it (eval/RESULTS.md). Nothing is left to do by then —
    every file a command writes is closed (indexes are renamed into place) before it returns — so
    only the buffered output matters. atexit handlers do not run (a coverage run of the CLIs in
    subprocesses would lose its data).
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed or broken pipe: nothing more can be delivered
            status = status or 1
    os._exit(status)
