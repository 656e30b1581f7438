"""The search relevance harness (benchmarks/eval_search.py) and its judgements.

Metrics are checked on small cases worked out by hand; the judgement file
for shape; and, when ../shared is present, every judged id against the BBC
files.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from benchmarks.corpus import BBC, bbc_available
from benchmarks.eval_search import (
    JUDGEMENTS,
    SLICES,
    Aggregate,
    Fts5,
    JudgementError,
    Run,
    check,
    dcg,
    fts5_expression,
    load_judgements,
    ndcg,
    reader_ids,
    reciprocal_rank,
    unjudged,
)

LOG2_3 = math.log2(3)  # the discount at rank 2


# -- metrics -------------------------------------------------------------------


def test_reciprocal_rank_first_relevant_result() -> None:
    grades = {"a": 0, "b": 1, "c": 2}
    assert reciprocal_rank(["x", "a", "b", "c"], grades) == pytest.approx(1 / 3)  # a is judged 0
    assert reciprocal_rank(["c"], grades) == 1.0


def test_reciprocal_rank_zero_past_the_cutoff_or_without_relevant_documents() -> None:
    assert reciprocal_rank([f"x{i}" for i in range(10)] + ["b"], {"b": 2}) == 0.0  # rank 11
    assert reciprocal_rank(["a", "b"], {"a": 0}) == 0.0
    assert reciprocal_rank([], {"a": 2}) == 0.0


def test_reciprocal_rank_counts_a_repeated_id_once() -> None:
    assert reciprocal_rank(["x", "x", "b"], {"b": 1}) == 0.5


def test_dcg_gain_and_discount() -> None:
    # (2^2 - 1)/log2(2) + (2^1 - 1)/log2(3) + 0
    assert dcg([2, 1, 0]) == pytest.approx(3 + 1 / LOG2_3)


def test_ndcg_worked_example() -> None:
    grades = {"a": 2, "b": 1, "c": 0}
    ideal = 3 + 1 / LOG2_3  # a then b
    assert ndcg(["b", "a"], grades) == pytest.approx((1 + 3 / LOG2_3) / ideal)  # 0.7967
    assert ndcg(["a", "b", "c"], grades) == pytest.approx(1.0)


def test_ndcg_with_fewer_than_ten_results() -> None:
    grades = {"a": 2, "b": 1}
    assert ndcg(["a"], grades) == pytest.approx(3 / (3 + 1 / LOG2_3))  # 0.8262
    assert ndcg([], grades) == 0.0


def test_ndcg_ideal_uses_every_judged_grade_not_only_retrieved_ones() -> None:
    grades = {f"d{i}": 2 for i in range(12)}  # 12 relevant: the ideal fills all 10 ranks
    ranked = ["d0", "x", "x2"]
    ideal = sum(3 / math.log2(r + 1) for r in range(1, 11))
    assert ndcg(ranked, grades) == pytest.approx(3 / ideal)


def test_ndcg_ties_and_repeats() -> None:
    grades = {"a": 2, "b": 2}
    assert ndcg(["a", "b"], grades) == ndcg(["b", "a"], grades) == pytest.approx(1.0)
    # A repeated id earns its gain once: [a, a, b] ranks like [a, b].
    assert ndcg(["a", "a", "b"], grades) == pytest.approx(1.0)
    assert ndcg(["a", "a"], grades) == pytest.approx(3 / (3 + 3 / LOG2_3))


def test_ndcg_without_relevant_documents_is_zero() -> None:
    assert ndcg(["a", "b"], {"a": 0, "b": 0}) == 0.0
    assert ndcg(["a"], {}) == 0.0


def test_unjudged_counts_ids_nobody_judged() -> None:
    assert unjudged(["a", "x", "b", "y", "y"], {"a": 2, "b": 0}) == 2


# -- the systems ---------------------------------------------------------------


def test_fts5_expression_quotes_each_word() -> None:
    assert fts5_expression("Why did O'Neill quit?", " OR ") == '"why" OR "did" OR "o" OR "neill" OR "quit"'
    assert fts5_expression("oil oil prices", " ") == '"oil" "prices"'
    assert fts5_expression(' "" ?! ', " OR ") is None


def test_fts5_or_and_and_title_weight() -> None:
    docs = [
        ("b/1", "Oil prices rise", "Crude climbed."),
        ("b/2", "Markets", "Oil and more oil, said traders; prices too."),
        ("b/3", "Football", "A match report."),
    ]
    fts = Fts5(docs, title_weight=2.5)
    assert fts.search("oil prices", " OR ") == ["b/1", "b/2"]  # the title match first
    assert Fts5(docs, title_weight=0.0).search("oil prices", " OR ") == ["b/2", "b/1"]  # titles ignored
    assert fts.search("oil football", " ") == []  # no article has both
    assert fts.search("football OR", " OR ") == ["b/3"]  # OR is a word here, and no article has it


def test_reader_ids_strip_the_source_folder() -> None:
    results = [SimpleNamespace(id=f"{BBC.name}/sport/001"), SimpleNamespace(id="seeds/000_x")]
    assert reader_ids(SimpleNamespace(results=results)) == ["sport/001", "seeds/000_x"]


def test_check_margin_applies_to_questions_only() -> None:
    run = Run()
    for name, (mrr, nd) in {"known-item": (0.5, 0.5), "questions": (0.6, 0.62)}.items():
        run.table[name] = {
            "held-out": {
                "Reader": Aggregate(32, mrr, nd),
                "FTS5 OR": Aggregate(32, 0.5, 0.5),
                "FTS5 AND": Aggregate(32, 0, 0),
            }
        }
    assert check(run) == []  # 0.62 >= 0.50 + 0.03
    run.table["questions"]["held-out"]["Reader"] = Aggregate(32, 0.6, 0.52)
    assert check(run) == ["questions, held-out: Reader nDCG@10 0.520 < FTS5 OR 0.500 + 0.03 = 0.530"]
    run.table["known-item"]["held-out"]["Reader"] = Aggregate(32, 0.49, 0.5)
    assert check(run)[0] == "known-item, held-out: Reader MRR@10 0.490 < FTS5 OR 0.500"


# -- the judgement file --------------------------------------------------------


@pytest.fixture(scope="module")
def judgements():
    return load_judgements()


def test_judgements_have_enough_queries_split_in_equal_alternating_halves(judgements) -> None:
    ids = [q.id for name in SLICES for q in judgements[name]]
    assert len(ids) == len(set(ids))
    for name in SLICES:
        queries = judgements[name]
        assert len(queries) >= 60, name
        splits = [q.split for q in queries]
        assert splits.count("tuned") == splits.count("held-out"), name
        assert all(a != b for a, b in zip(splits, splits[1:])), f"{name}: splits must alternate"


def test_every_query_has_a_relevant_document_and_valid_grades(judgements) -> None:
    for name in SLICES:
        for q in judgements[name]:
            assert q.text.strip(), q.id
            assert set(q.grades.values()) <= {0, 1, 2}, q.id
            assert any(g >= 1 for g in q.grades.values()), f"{q.id}: nothing relevant"
            assert all(doc.count("/") == 1 and not doc.endswith(".txt") for doc in q.grades), q.id


def test_known_items_are_one_article_and_its_copy(judgements) -> None:
    for q in judgements["known-item"]:
        assert set(q.grades.values()) == {2}, q.id
        assert 1 <= len(q.grades) <= 2, q.id
        assert {doc.split("/")[0] for doc in q.grades} == {q.category}, q.id


def test_loader_rejects_repeated_and_bad_judgements(tmp_path) -> None:
    path = tmp_path / "j.yaml"
    head = "questions: []\nknown-item:\n  - {id: k1, split: tuned, query: x, "
    path.write_text(head + "relevant: {a/1: 2, a/1: 1}}\n", "utf-8")
    with pytest.raises(JudgementError, match=r"j\.yaml: line 3: .*a/1 given twice"):
        load_judgements(path)
    path.write_text(head + "relevant: {a/1: 2}, not_relevant: [a/1]}\n", "utf-8")
    with pytest.raises(JudgementError, match=r"k1\): a/1 is judged twice"):
        load_judgements(path)
    path.write_text(head + "relevant: {a/1: 3}}\n", "utf-8")
    with pytest.raises(JudgementError, match=r"k1\): bad judgement 'a/1': 3"):
        load_judgements(path)


@pytest.mark.shared
def test_every_judged_id_is_a_bbc_article(judgements) -> None:
    if not bbc_available():
        pytest.skip(f"the BBC corpus is not at {BBC}")
    missing = sorted(
        {f"{q.id}: {doc}" for name in SLICES for q in judgements[name] for doc in q.grades if not (BBC / f"{doc}.txt").is_file()}
    )
    assert not missing
    for q in judgements["known-item"]:  # a known item's second article is a byte-identical copy
        copies = {(BBC / f"{doc}.txt").read_bytes() for doc in q.grades}
        assert len(copies) == 1, q.id


def test_judgement_file_loads_with_safe_load() -> None:
    import yaml

    data = yaml.safe_load(JUDGEMENTS.read_text("utf-8"))
    assert {"known-item", "questions", "date", "method"} <= set(data)
