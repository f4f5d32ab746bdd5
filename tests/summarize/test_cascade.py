"""The cheap path: ranking by sketch, embedding only what decisions need, screened citations."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from newsfuse.embed import HashingEmbedder, Vectors
from newsfuse.pipeline import Prepared, prepare
from newsfuse.settings import DEFAULT, Settings
from newsfuse.summarize import SUMMARIZERS
from newsfuse.summarize.base import GAIN_DECIMALS, candidates, cite, screen, select
from newsfuse.summarize.fusion import FusionObjective
from newsfuse.text.tokens import word_count

from .storybuilder import build_story

BANK = [
    "The storm knocked out power to forty thousand homes across the county overnight.",
    "Power was knocked out to forty thousand homes in the county by the overnight storm.",
    "Crews expect to restore electricity to most customers by Friday evening.",
    "Most customers should have electricity again by Friday evening, crews said.",
    "Two people were injured when a tree fell on their car near the river.",
    "The mayor declared a state of emergency and opened three shelters downtown.",
    "Three shelters opened downtown after the mayor declared an emergency.",
    "Schools across the district will remain closed on Thursday and Friday.",
    "Forecasters warned that another band of heavy rain could arrive on Saturday.",
    "The storm was the strongest to hit the region in more than a decade.",
    "Insurance companies have set up mobile offices to help residents file claims.",
    "Volunteers handed out water and blankets at the community center all day.",
    "The airport cancelled dozens of flights because of high winds on Wednesday.",
    "Officials urged residents to stay off the roads while crews cleared debris.",
]


class NoisySketch:
    """A sketch that ranks roughly like the model but not exactly (seeded noise)."""

    name = "noisy-sketch"
    dim = 256

    def embed(self, texts: Sequence[str]) -> Vectors:
        v = HashingEmbedder().embed(texts)
        noise = np.random.default_rng(len(texts)).normal(0.0, 0.03, v.shape)
        out = (v + noise).astype(np.float32)
        result: Vectors = out / np.linalg.norm(out, axis=1, keepdims=True)
        return result


def random_story(seed: int, articles: int = 4) -> object:
    rng = random.Random(seed)
    return build_story(*(tuple(rng.sample(BANK, 6)) for _ in range(articles)))


def stepwise(prepared: Prepared, settings: Settings) -> list[int]:
    """The textbook greedy: check redundancy against the chosen sentences at every step."""
    objective = FusionObjective(prepared)
    pool = candidates(prepared, settings)
    costs = {i: word_count(prepared.sentences[i].text) for i in pool}
    vectors = prepared.vectors
    chosen: list[int] = []
    used = 0
    while pool:
        pool = [i for i in pool if costs[i] <= settings.words - used]
        if not pool:
            break
        best = max(pool, key=lambda i: (round(objective.gain(i, costs[i]), GAIN_DECIMALS), -i))
        pool.remove(best)
        if chosen and max(float(vectors[c] @ vectors[best]) for c in chosen) >= (
            settings.redundancy_threshold
        ):
            continue
        if objective.gain(best, costs[best]) <= 0 and chosen:
            break
        chosen.append(best)
        objective.add(best)
        used += costs[best]
    return chosen


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("words", [30, 60, 120])
def test_checking_after_the_greedy_chooses_what_checking_every_step_does(
    seed: int, words: int
) -> None:
    p = prepare(random_story(seed), HashingEmbedder(), sketcher=NoisySketch())  # type: ignore[arg-type]
    settings = DEFAULT.with_(words=words, redundancy_threshold=0.5)
    assert select(p, FusionObjective(p).fresh, settings) == stepwise(p, settings)


def test_a_summary_embeds_only_what_its_decisions_need(recording_embedder) -> None:  # type: ignore[no-untyped-def]
    model = recording_embedder
    story = build_story(*(tuple(BANK[k : k + 7]) for k in range(0, 7 * 3, 3) if k + 7 <= 14))
    p = prepare(story, model, sketcher=NoisySketch())
    summary = SUMMARIZERS["newsfuse"](p, DEFAULT.with_(words=40))
    assert summary.sentences
    assert 0 < len(model.seen) < len(p.sentences)


@pytest.mark.parametrize("seed", range(8))
def test_screened_citations_are_real_and_a_subset_of_exhaustive_ones(seed: int) -> None:
    p = prepare(random_story(seed), HashingEmbedder(), sketcher=NoisySketch())  # type: ignore[arg-type]
    exhaustive = DEFAULT.with_(citation_screen=0)
    for row in range(len(p.sentences)):
        fast = {c.article_id: c for c in cite(p, row, DEFAULT)}
        full = {c.article_id: c for c in cite(p, row, exhaustive)}
        assert fast.keys() <= full.keys()
        for aid, c in fast.items():
            cited = p.embed([p.position(aid, c.sentence_index)])[0]
            similarity = float(cited @ p.embed([row])[0])
            assert similarity == pytest.approx(c.similarity, abs=1e-4)
            assert similarity >= DEFAULT.support_threshold or aid == p.sentences[row].article_id
            assert c.similarity <= full[aid].similarity + 1e-6
        # Exhaustive: every article whose best sentence reaches the threshold is cited.
        for aid, rows in p.by_article.items():
            if aid == p.sentences[row].article_id:
                continue
            best = float(np.max(p.embed(rows) @ p.embed([row])[0]))
            assert (aid in full) == (best >= DEFAULT.support_threshold)


def test_screen_keeps_the_top_rows_above_the_floor() -> None:
    p = prepare(random_story(3), HashingEmbedder(), sketcher=NoisySketch())  # type: ignore[arg-type]
    row = 0
    sims = p.sketch @ p.sketch[row]
    for k, floor in [(1, -1.0), (2, -1.0), (2, 0.3), (0, 0.99)]:
        out = screen(p, row, DEFAULT.with_(citation_screen=k, screen_floor=floor))
        assert p.sentences[row].article_id not in out
        for aid, rows in out.items():
            if k == 0:
                assert rows == p.by_article[aid], "0 means every sentence, floor ignored"
                continue
            assert 1 <= len(rows) <= k
            assert all(sims[r] >= floor for r in rows)
            rest = [r for r in p.by_article[aid] if r not in rows]
            assert all(sims[r] <= min(sims[x] for x in rows) for r in rest)
