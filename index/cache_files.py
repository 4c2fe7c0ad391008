"""Writing folders of the user cache safely: one writer at a time, whole folders renamed into place.

The converted model (`index.model`) and its ONNX export (`index.onnx_encoder`) are both folders
under `$HEALTHQA_CACHE` that several processes (tests, an app, a CLI) may want to create at the
same moment. Both follow the same steps, kept here once:

1. `folder_lock(target)` — an exclusive lock file beside the folder (`.<name>.lock`);
2. `scratch_folder(target)` — a temporary directory beside it, on the same file system, removed
   at the end whatever happens (a killed build leaves no half-written folder in place);
3. `replace_folder(new, target)` — the finished folder renamed into place, an old one moved
   aside first and deleted after.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def folder_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive inter-process lock on `target` (the folder need not exist yet)."""
    import fcntl

    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def scratch_folder(target: Path) -> Iterator[Path]:
    """A temporary directory beside `target` (same file system, so a rename moves it), removed after."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def replace_folder(new: Path, target: Path) -> None:
    """Move `new` into place as `target`; an old `target` is renamed away first and deleted after."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / target.name)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
