"""Start-up time of the command line: median of 5 runs of each command, wall clock.

    python benchmarks/startup.py            # newsfuse --help, newsfuse stories (empty store)

Each run is a fresh process (the installed ``newsfuse`` script next to this Python), so the
figure includes interpreter start-up and every import, as a user sees it. ``stories`` reads an
empty store in a temporary folder. The target is under 0.5 s for both.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
TARGET = 0.5


def _time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, timeout=60)
    return time.perf_counter() - start


def main() -> None:
    exe = str(Path(sys.executable).with_name("newsfuse"))
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "empty.db")
        from newsfuse.store import open_store

        open_store(db).close()
        commands = {
            "newsfuse --help": [exe, "--help"],
            "newsfuse stories": [exe, "stories", "--db", db],
        }
        print(f"{'command':<20}{'median s':>10}{'min s':>8}{'max s':>8}  target < {TARGET} s")
        failed = False
        for label, args in commands.items():
            _time(args)  # one unmeasured run: the OS file cache, .pyc files
            times = [_time(args) for _ in range(RUNS)]
            median = statistics.median(times)
            failed |= median >= TARGET
            verdict = "ok" if median < TARGET else "SLOW"
            print(f"{label:<20}{median:>10.3f}{min(times):>8.3f}{max(times):>8.3f}  {verdict}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
