"""``import_without``: a library imported without an optional extra, which stays importable."""

from __future__ import annotations

import sys

from newsfuse._imports import import_without


def test_the_extra_is_skipped_by_the_library_and_importable_afterwards(tmp_path, monkeypatch):
    (tmp_path / "nf_extra.py").write_text("VALUE = 42\n")
    (tmp_path / "nf_lib.py").write_text(
        "try:\n    import nf_extra\n    HAS_EXTRA = True\n"
        "except ImportError:\n    HAS_EXTRA = False\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        lib = import_without("nf_lib", "nf_extra")
        assert lib.HAS_EXTRA is False
        assert "nf_extra" not in sys.modules
        import nf_extra  # importable again once the library is loaded

        assert nf_extra.VALUE == 42
        # already imported: returned as it is, nothing blocked
        assert import_without("nf_lib", "nf_extra") is lib
    finally:
        for name in ("nf_lib", "nf_extra"):
            sys.modules.pop(name, None)


def test_spacy_loads_without_torch_and_the_pipeline_still_parses() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from newsfuse.text.nlp import load_nlp\n"
        "doc = load_nlp()('Angela Merkel spoke in Berlin on Monday.')\n"
        "assert [e.label_ for e in doc.ents][:2] == ['PERSON', 'GPE'], doc.ents\n"
        "assert 'torch' not in sys.modules\n"
        "from newsfuse.text.tokens import stem\n"
        "assert stem('running') == 'run' and 'scipy.stats' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
