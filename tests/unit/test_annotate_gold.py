"""Accuracy of the annotator on the hand-checked gold set (tests/data/annotations)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.annotate_eval import GOLD_DIR, HELDOUT_DIR, KINDS, evaluate, gold_articles, load_body  # noqa: E402

THRESHOLDS = {"quote": 0.90, "figure": 0.85}
# Speaker accuracy (strict, see benchmarks/annotate_eval.py). Tuned set:
# 393/445 = 0.883 measured when it grew to 95 articles (blog posts and
# podcast notes from the shared feeds among them, harder than news). Held-out
# set: 74/96 = 0.771 measured when it grew to 14 articles (web pages, French
# and German among them). Each floor is a measure minus a margin, a guard
# against regressions, not a target it was tuned to.
SPEAKER_FLOOR = {"tuned": 0.86, "heldout": 0.72}


@pytest.fixture(scope="module")
def scores():
    return evaluate()


@pytest.fixture(scope="module")
def heldout_scores():
    return evaluate(HELDOUT_DIR)


def test_gold_set_is_big_enough_and_consistent():
    articles = gold_articles()
    assert len(articles) >= 107
    names = {name for name, _, _ in articles}
    assert "seed_karabakh" in names
    heldout = gold_articles(HELDOUT_DIR)
    assert len(heldout) >= 14 and not names & {name for name, _, _ in heldout}
    for name, path, spans in articles + heldout:
        body = load_body(name, path)
        for kind in KINDS:
            same = sorted((s["start"], s["end"]) for s in spans if s["kind"] == kind)
            assert all(a[1] <= b[0] for a, b in zip(same, same[1:])), f"{name}: overlapping gold {kind}s"
        for span in spans:
            assert set(span) == {"kind", "subtype", "start", "end", "text", "speaker"}
            assert body[span["start"] : span["end"]] == span["text"], (name, span)
            if span["kind"] == "figure":
                assert span["subtype"] in {
                    "count",
                    "money",
                    "percent",
                    "quantity",
                    "date",
                    "age",
                    "duration",
                    "score",
                    "other",
                }


def test_seed_gold_matches_its_source():
    gold = json.loads((GOLD_DIR / "seed_karabakh.json").read_text(encoding="utf-8"))
    seed = (REPO / "seeds" / "000_51a9c244470b2f12.txt").read_text(encoding="utf-8")
    assert (GOLD_DIR / "seed_karabakh.txt").read_text(encoding="utf-8") == seed
    assert any(s["text"] == "24-year-old" and s["subtype"] == "age" for s in gold["spans"])


@pytest.mark.parametrize("kind", KINDS)
def test_micro_precision_and_recall(scores, kind):
    _, totals = scores
    score = totals[kind]
    assert score.gold > 40
    assert score.precision >= THRESHOLDS[kind], f"{kind} precision {score.precision:.3f}"
    assert score.recall >= THRESHOLDS[kind], f"{kind} recall {score.recall:.3f}"


def test_no_article_is_badly_wrong(scores):
    per_article, _ = scores
    for name, by_kind in per_article.items():
        for kind, score in by_kind.items():
            if score.gold >= 3:
                assert score.recall >= 0.6, (name, kind, score.misses)
            if score.predicted >= 3:
                assert score.precision >= 0.6, (name, kind, score.false_alarms)


def test_figure_subtypes_mostly_agree(scores):
    _, totals = scores
    figures = totals["figure"]
    assert figures.same_label / figures.labelled >= 0.8


def test_speaker_accuracy(scores):
    _, totals = scores
    assert totals["quote"].speaker_accuracy >= SPEAKER_FLOOR["tuned"]


# --- the held-out set: never used for tuning ---------------------------------
# The same thresholds as the tuned set: after the work on ordinals, names and
# speakers the held-out set measured quotes P 1.00 R 1.00, figures P 0.98
# R 0.98 (it was figures P 0.91 R 0.89 before).


@pytest.mark.parametrize("kind", KINDS)
def test_heldout_precision_and_recall(heldout_scores, kind):
    _, totals = heldout_scores
    score = totals[kind]
    assert score.gold >= 25
    assert score.precision >= THRESHOLDS[kind], f"held-out {kind} precision {score.precision:.3f}"
    assert score.recall >= THRESHOLDS[kind], f"held-out {kind} recall {score.recall:.3f}"


def test_heldout_speaker_accuracy(heldout_scores):
    _, totals = heldout_scores
    assert totals["quote"].speaker_accuracy >= SPEAKER_FLOOR["heldout"]


def test_a_gold_speaker_named_two_ways_matches_either():
    from benchmarks.annotate_eval import named_in_sentence, same_speaker, speaker_matches

    gold = "National Institute of Economic and Social Research | NIESR"
    assert speaker_matches(gold, "NIESR") and speaker_matches(gold, "the National Institute of Economic and Social Research")
    assert not speaker_matches(gold, "the Treasury")
    assert same_speaker(gold, "NIESR") and not same_speaker(gold, "Treasury")
    body = 'NIESR said it was "unlikely" to be met.'
    quote = {"start": body.index('"'), "end": body.rindex('"') + 1, "speaker": gold}
    assert named_in_sentence(body, quote)
