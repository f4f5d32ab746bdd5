"""Importing a library without the optional extras it would load and newsfuse never uses.

thinc (under spaCy) imports torch only to offer it as a backend, and nltk imports scipy.stats
only for a Fisher test in its collocation scores; together they are over 3 s of a three-article
brief. Both libraries import the extra inside ``try: ... except ImportError``, so a ``None`` in
``sys.modules`` makes that import fail fast and the library falls back. The entry is removed
afterwards: the extra stays importable by anything that does need it.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def import_without(name: str, *extras: str) -> ModuleType:
    """``importlib.import_module(name)``, with ``extras`` unimportable while it runs (unless one
    is already loaded, or ``name`` is: then nothing changes)."""
    with _LOCK:
        if name in sys.modules:
            return sys.modules[name]
        blocked = [e for e in extras if e not in sys.modules]
        for extra in blocked:
            sys.modules[extra] = None  # type: ignore[assignment]
        try:
            return importlib.import_module(name)
        finally:
            for extra in blocked:
                del sys.modules[extra]
