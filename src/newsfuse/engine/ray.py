"""The Ray engine: a pool of actors, each holding one ``Worker`` (models loaded once), fed
batches through a bounded window so the driver's memory stays flat however large the input.
``pool`` runs any such worker class: the batch commands' ``Worker`` here, and the per-article
work of ``newsfuse ingest --engine ray`` (``engine.articles``).

Results come back in input order. A worker process that dies is restarted by Ray and its
batch retried (``max_restarts`` / ``max_task_retries``). Ray is imported only here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from newsfuse.engine.io import RAY_HINT, RawRecord
from newsfuse.engine.records import Outcome, Worker
from newsfuse.errors import NewsfuseError
from newsfuse.settings import Settings

T = TypeVar("T")

RETRIES = 3
"""Restarts of a dead actor, and retries of the batch it was running."""
DEPTH = 2
"""Batches queued per actor, so an actor never waits for the driver."""
THREAD_VARS = (
    "NEWSFUSE_EMBED_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "RAYON_NUM_THREADS",
)
"""Thread counts read by the embedder, torch, BLAS and the tokenizers (Rust, rayon) when they
load: one each in an actor."""


def ray_module() -> Any:
    """Ray, imported; without it, an error saying in one line how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise NewsfuseError(f"--engine ray needs Ray; install it with {RAY_HINT}") from exc
    return ray


def _env() -> dict[str, str]:
    # Workers on other machines see none of the driver's environment; pass ours along.
    return {k: v for k, v in os.environ.items() if k.startswith("NEWSFUSE_")}


def connect(address: str | None, workers: int | None) -> tuple[Any, bool]:
    """Ray, initialised (joining ``address`` or starting a local instance); and whether this
    call started it (so the caller shuts down only what it started)."""
    ray = ray_module()
    if ray.is_initialized():
        return ray, False
    kwargs: dict[str, Any] = {
        "runtime_env": {"env_vars": _env()},
        "include_dashboard": False,
        "log_to_driver": False,
        "configure_logging": False,
    }
    if address:
        kwargs["address"] = address
    elif workers:
        kwargs["num_cpus"] = workers
    try:
        ray.init(**kwargs)
    except ConnectionError as exc:
        raise NewsfuseError(
            f"cannot reach the Ray cluster at {address}: {exc}; start it with `ray start --head`"
        ) from exc
    return ray, True


def run(
    task: str,
    settings: Settings,
    batches: Iterable[Sequence[RawRecord]],
    workers: int | None = None,
    address: str | None = None,
) -> Iterator[list[Outcome]]:
    yield from pool(Worker, (task, settings), batches, workers, address)


def pool(
    worker: type,
    args: tuple[Any, ...],
    batches: Iterable[Sequence[Any]],
    workers: int | None = None,
    address: str | None = None,
) -> Iterator[list[Any]]:
    """``worker(*args).run(batch)`` of every batch, on a pool of actors (one ``worker`` each,
    ``workers`` of them, default one per CPU), in input order."""
    ray, started = connect(address, workers)
    actors: list[Any] = []
    try:
        n = workers or max(int(ray.cluster_resources().get("CPU", 1)), 1)
        # No runtime_env of the actor's own: one would make Ray spawn a fresh process for each
        # actor instead of taking one it has already started (about a second per run).
        # Named after the worker: ``ray::Worker`` in ps and top, not ``ray::Actor``.
        named = type(worker.__name__, (Actor,), {"__qualname__": worker.__name__})
        remote = ray.remote(num_cpus=1, max_restarts=RETRIES, max_task_retries=RETRIES)(named)
        actors = [remote.remote(worker, args) for _ in range(n)]
        yield from _ordered(ray, actors, batches)
    finally:
        # At once, not when Ray collects them: on a shared cluster the next job gets their CPUs
        # and memory back as this one ends.
        for actor in actors:
            ray.kill(actor)
        if started:
            ray.shutdown()


class Actor:
    """One ``worker(*args)`` in a Ray actor process that owns one CPU. The thread counts that
    the embedder, onnxruntime, torch and the tokenizers read when they load are set to one
    first, so actors share the machine's cores instead of each one taking them all (and a lone
    actor does not borrow an idle core, which would flatter its rate). BLAS is loaded with numpy
    before this runs; Ray starts its workers with ``OMP_NUM_THREADS=1`` for that."""

    def __init__(self, worker: type, args: tuple[Any, ...]) -> None:
        for var in THREAD_VARS:
            os.environ[var] = "1"
        os.environ["TOKENIZERS_PARALLELISM"] = "false"
        self.worker = worker(*args)

    def run(self, batch: Sequence[Any]) -> list[Any]:
        result: list[Any] = self.worker.run(batch)
        return result


def _ordered(ray: Any, actors: list[Any], batches: Iterable[Sequence[Any]]) -> Iterator[list[T]]:
    window = DEPTH * len(actors)
    slots = [a for _ in range(DEPTH) for a in actors]
    inflight: dict[Any, tuple[int, Any]] = {}
    done: dict[int, list[T]] = {}
    todo = enumerate(batches)
    head = 0
    more = True
    while True:
        # Finished-but-unwritten batches count against the window too: memory stays bounded
        # even when one slow batch holds back the output order.
        while more and slots and len(inflight) + len(done) < window:
            item = next(todo, None)
            if item is None:
                more = False
                break
            actor = slots.pop()
            inflight[actor.run.remote(item[1])] = (item[0], actor)
        if not inflight and not done:
            return
        if inflight:
            ready, _ = ray.wait(list(inflight), num_returns=1)
            for ref in ready:
                seq, actor = inflight.pop(ref)
                try:
                    done[seq] = ray.get(ref)
                except ray.exceptions.RayError as exc:
                    raise NewsfuseError(
                        f"a Ray worker failed {RETRIES} times on one batch ({exc}); "
                        "check the workers' memory and logs"
                    ) from exc
                slots.append(actor)
        while head in done:
            yield done.pop(head)
            head += 1
