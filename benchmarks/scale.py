"""Batch summarize on the local engine and on Ray with 1 and 2 workers, one run, one table.

    .venv/bin/python benchmarks/scale.py [--limit 200]

Reads the 200 Multi-News clusters of ``$NEWSFUSE_DATA/summarization`` (default
``../shared/data``), summarizes them with the default settings and real embedder on each engine,
and prints records/s, Ray's start-up overhead, each worker's peak memory (RSS sampled every
0.2 s), the scaling efficiency (2-worker rate / (2 x 1-worker rate)), and what the measured
per-record cost and the coordinator's (driver's) cost per record predict for N machines. The
machine's load average is printed beside the figures: other jobs share its cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data")) / "summarization"
SOURCE = DATA / "multinews_test_longbench200.jsonl"


class WorkerMemory:
    """Peak RSS of each Ray worker process (``ray::Worker``), sampled from /proc."""

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(0.2):
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                    if not cmd.startswith(b"ray::Worker") or not _ours(int(pid)):
                        continue
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            kb = int(line.split()[1])
                            self.peak[int(pid)] = max(self.peak.get(int(pid), 0), kb)
                except OSError:
                    continue


def _ours(pid: int) -> bool:
    """Whether ``pid`` descends from this process (the Ray instance it started), so workers of
    other Ray sessions on the machine are not counted."""
    me = os.getpid()
    while pid > 1:
        if pid == me:
            return True
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


def _cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    from newsfuse.engine import run_batch
    from newsfuse.settings import DEFAULT

    tmp = Path(tempfile.mkdtemp(prefix="nf-scale-"))
    src = tmp / "in.jsonl"
    with SOURCE.open(encoding="utf-8") as fh:
        src.write_text("".join(line for _, line in zip(range(args.limit), fh, strict=False)))
    n = sum(1 for _ in src.open())

    def quiet(_: str) -> None:
        pass

    def timed(engine: str, workers: int | None, out: Path) -> tuple[float, float]:
        t, c = time.perf_counter(), _cpu()
        run_batch("summarize", src, str(out), DEFAULT, quiet, engine=engine, workers=workers)
        return time.perf_counter() - t, _cpu() - c

    # The first use on a machine exports the ONNX model and builds the sketch (~10 s): a few
    # records go through first, untimed, or the local engine (run first) would pay it alone.
    warm = tmp / "warm.jsonl"
    warm.write_text("".join(src.read_text().splitlines(keepends=True)[:3]))
    run_batch("summarize", warm, str(tmp / "warm.out.jsonl"), DEFAULT, quiet, engine="local")
    load0 = os.getloadavg()
    local_s, _ = timed("local", None, tmp / "local.jsonl")
    import ray

    rows, inits = [], []
    for workers in (1, 2):
        # A fresh local Ray per run, as each `--engine ray` command starts its own: the 2-worker
        # run would otherwise wait for a process to replace the one the 1-worker run killed.
        t = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
        inits.append(time.perf_counter() - t)
        with WorkerMemory() as mem:
            wall, driver_cpu = timed("ray", workers, tmp / f"ray{workers}.jsonl")
        ray.shutdown()
        same = (tmp / f"ray{workers}.jsonl").read_bytes() == (tmp / "local.jsonl").read_bytes()
        rows.append((workers, wall, driver_cpu, sorted(mem.peak.values()), same))
    load1 = os.getloadavg()

    print(f"{n} Multi-News clusters, summarize, default settings (load average before "
          f"{load0[0]:.2f}, after {load1[0]:.2f}; 2 cores shared with other jobs)")  # fmt: skip
    print(f"{'engine':<16}{'seconds':>9}{'records/s':>11}  same output  worker peak RSS (MiB)")
    print(f"{'local':<16}{local_s:>9.1f}{n / local_s:>11.2f}  -            -")
    for workers, wall, _, peaks, same in rows:
        mib = ", ".join(f"{kb / 1024:.0f}" for kb in peaks) or "-"
        print(
            f"{f'ray, {workers} worker(s)':<16}{wall:>9.1f}{n / wall:>11.2f}  {same!s:<11}  {mib}"
        )
    r1, r2 = n / rows[0][1], n / rows[1][1]
    print(f"Ray start-up (ray.init, local 2-CPU instance): {sum(inits) / len(inits):.1f} s")
    print(f"scaling efficiency: {r2:.2f} / (2 x {r1:.2f}) = {r2 / (2 * r1):.2f} (target >= 0.8)")
    per_record = rows[0][1] / n  # one worker's seconds per record, start-up included
    coord = rows[1][2] / n  # driver CPU per record: read, parse, ship, write
    print(f"per-record cost (1 worker): {per_record * 1000:.0f} ms; coordinator cost per record: "
          f"{coord * 1000:.1f} ms CPU")  # fmt: skip
    for machines, cores in ((1, 2), (4, 8), (16, 8), (64, 8)):
        workers = machines * cores
        rate = min(workers / per_record, 1 / coord if coord else float("inf"))
        bound = "workers" if workers / per_record < 1 / coord else "coordinator"
        print(f"predicted for {machines} machine(s) x {cores} cores: {rate:.0f} records/s "
              f"(bound: {bound})")  # fmt: skip


if __name__ == "__main__":
    main()
