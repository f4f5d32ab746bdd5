"""``newsfuse.budget``: deadlines, cancellation, and the budget reaching worker threads."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest

from newsfuse.budget import Budget, bind, checkpoint, current
from newsfuse.errors import BudgetExceeded, NewsfuseError, StoppedError, WorkCancelled


def test_checkpoint_without_a_budget_does_nothing():
    assert current() is None
    checkpoint()


def test_a_deadline_in_the_past_raises_an_actionable_error():
    budget = Budget(0.01, what="the request", fix="send fewer articles")

    def work() -> None:
        checkpoint()  # still in time
        time.sleep(0.03)
        checkpoint()

    with pytest.raises(BudgetExceeded) as err:
        budget.run(work)
    assert isinstance(err.value, StoppedError) and isinstance(err.value, NewsfuseError)
    assert err.value.seconds == 0.01
    assert str(err.value) == (
        "the request would take longer than its 0.01 s time limit and was stopped; "
        "send fewer articles"
    )
    assert current() is None  # reset after run


def test_no_deadline_never_expires_but_can_be_cancelled():
    budget = Budget(None)
    assert budget.remaining() == float("inf")
    budget.run(checkpoint)
    budget.cancel("the client disconnected")
    budget.cancel("the server is stopping")  # the first reason is kept
    with pytest.raises(WorkCancelled, match="the client disconnected"):
        budget.run(checkpoint)


def test_a_time_limit_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        Budget(0)


def test_cancel_from_another_thread_stops_a_loop():
    budget = Budget(None)
    started = threading.Event()

    def loop() -> None:
        started.set()
        while True:
            checkpoint()
            time.sleep(0.001)

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(budget.run, loop)
        started.wait(5)
        budget.cancel("stop")
        with pytest.raises(WorkCancelled):
            future.result(timeout=5)


def test_bind_carries_the_budget_into_a_plain_executor():
    budget = Budget(None)
    seen: list[Budget | None] = []

    def outer() -> None:
        with ThreadPoolExecutor(1) as pool:
            seen.append(pool.submit(current).result())  # executors do not copy the context
            seen.append(pool.submit(bind(current)).result())
            budget.cancel("stop")
            with pytest.raises(WorkCancelled):
                pool.submit(bind(checkpoint)).result()

    budget.run(outer)
    assert seen == [None, budget]
    assert bind(checkpoint) is checkpoint  # nothing to bind outside a budget
    with pytest.raises(WorkCancelled):  # run checks before it starts
        budget.run(seen.clear)
    assert seen


def test_anyio_and_asyncio_worker_threads_see_the_callers_budget():
    budget = Budget(60)

    async def main() -> list[Budget | None]:
        return [
            await anyio.to_thread.run_sync(current),
            await asyncio.to_thread(current),
        ]

    assert budget.run(asyncio.run, main()) == [budget, budget]
