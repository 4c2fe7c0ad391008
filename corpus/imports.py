"""Importing a library without the optional modules it would pull in for features we never use.

Several libraries import every optional backend they support at import time, catching
ImportError for the ones that are missing: underthesea imports its translation pipeline
(transformers and torch), bm25s imports numba and scipy although its default numpy backend —
ours — needs neither. `import_without` imports such a library with those modules marked absent
(`sys.modules[name] = None` makes `import name` raise ImportError, the case the library
handles), then unmarks them: an explicit import of any of them later works as usual, and
nothing else in the process changes. On this 2-core machine that is the difference between a
query process with and without torch (≈ 5 s of imports).
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def import_without(name: str, absent: tuple[str, ...]) -> ModuleType:
    """Module `name`, imported (once) while the modules in `absent` that are not yet imported
    look uninstalled to it."""
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    with _LOCK:
        if sys.modules.get(name) is not None:
            return sys.modules[name]
        blocked = [module for module in absent if module not in sys.modules]
        for module in blocked:
            sys.modules[module] = None  # type: ignore[assignment]
        try:
            return importlib.import_module(name)
        finally:
            for module in blocked:
                if module in sys.modules and sys.modules[module] is None:
                    del sys.modules[module]
