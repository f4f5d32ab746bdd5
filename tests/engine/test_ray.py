"""The Ray engine's actor wrapper, without Ray: what it sets before the worker loads."""

from __future__ import annotations

import os
from typing import Any

import pytest

from newsfuse.engine.ray import THREAD_VARS, Actor


class Probe:
    """Records the environment its models would see when they load."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.env = {k: os.environ.get(k) for k in (*THREAD_VARS, "TOKENIZERS_PARALLELISM")}

    def run(self, batch: Any) -> list[Any]:
        return [self.tag, *batch]


def test_the_actor_sets_one_thread_everywhere_before_the_worker_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for var in (*THREAD_VARS, "TOKENIZERS_PARALLELISM"):
        monkeypatch.setenv(var, "8")  # undone after the test, whatever the actor sets
    actor = Actor(Probe, ("p",))
    assert isinstance(actor.worker, Probe)
    assert actor.worker.env == {
        **dict.fromkeys(THREAD_VARS, "1"),
        "TOKENIZERS_PARALLELISM": "false",
    }
    assert actor.run([1, 2]) == ["p", 1, 2]
