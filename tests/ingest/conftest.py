from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "munich-2016"


@pytest.fixture
def data() -> Path:
    return DATA
