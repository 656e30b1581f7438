"""Score the annotator against the hand-checked gold sets.

    python -m benchmarks.annotate_eval            # tuned set in full, held-out totals
    python -m benchmarks.annotate_eval --heldout  # held-out set, article by article
    python -m benchmarks.annotate_eval --tuned    # tuned set only
    (add -v to list misses and false alarms)

Two gold sets: the tuned set (``tests/data/annotations``), which the
annotator was developed against, and the held-out set
(``tests/data/annotations/heldout``), marked before the annotator was run
on it and never used for tuning: its numbers are the honest estimate.

For every article and each kind (quote, figure): gold spans, predicted
spans, matched, precision and recall. A predicted span matches a gold span
of the same kind when they overlap. Also reported: how often a matched
figure has the gold subtype and a matched quote the gold speaker (loosely
compared, column ``label``), and the speaker accuracy (column ``spk``): of
the matched gold quotes that name a speaker, the fraction whose predicted
speaker matches it strictly -- equal, ignoring case and a leading article
or title, or containing the gold speaker's surname as a word.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "annotations"
HELDOUT_DIR = GOLD_DIR / "heldout"
KINDS = ("quote", "figure")


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0  # gold spans overlapped by some prediction (recall)
    matched_predicted: int = 0  # predictions overlapping some gold span (precision)
    same_label: int = 0  # matched gold spans whose subtype/speaker agrees
    labelled: int = 0  # matched gold spans that have a label to compare
    speakers: int = 0  # matched gold quotes that name a speaker
    speakers_right: int = 0  # ... whose predicted speaker matches (speaker_matches)
    exact_gold: int = 0  # gold spans predicted with exactly their boundaries
    exact_predicted: int = 0  # predictions with exactly a gold span's boundaries
    subtypes_right: int = 0  # figures predicted exactly with the gold subtype
    named: int = 0  # gold speakers named in the quote's own sentence
    named_right: int = 0
    implied: int = 0  # gold speakers implied by a neighbouring quote or sentence
    implied_right: int = 0
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speakers_right / self.speakers if self.speakers else None

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "predicted",
            "matched_gold",
            "matched_predicted",
            "same_label",
            "labelled",
            "speakers",
            "speakers_right",
            "exact_gold",
            "exact_predicted",
            "subtypes_right",
            "named",
            "named_right",
            "implied",
            "implied_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


_SENTENCE_EDGE = re.compile(r"[.!?…][\"'”’»]*\s+|\n")


def named_in_sentence(body: str, quote: dict) -> bool:
    """Whether the gold speaker of ``quote`` is named (by their last word) in
    the sentence around the quote, outside the quote itself; else the
    speaker is implied by a neighbouring quote or sentence."""
    names = speaker_names(quote["speaker"])
    if len(names) > 1:
        return any(named_in_sentence(body, {**quote, "speaker": name}) for name in names)
    surname = (quote["speaker"] or "").split()[-1].lower().strip(".'’")
    before = [m.end() for m in _SENTENCE_EDGE.finditer(body, max(0, quote["start"] - 400), quote["start"])]
    lo = before[-1] if before else max(0, quote["start"] - 400)
    after = _SENTENCE_EDGE.search(body, quote["end"], quote["end"] + 400)
    hi = after.start() if after else min(len(body), quote["end"] + 400)
    around = (body[lo : quote["start"]] + " " + body[quote["end"] : hi]).lower()
    return bool(surname) and re.search(rf"\b{re.escape(surname)}\b", around) is not None


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _norm_speaker(name: str | None) -> str:
    name = (name or "").lower().replace("’", "'")
    for lead in ("the ", "le ", "la ", "ein ", "eine ", "une ", "un ", "mr ", "ms ", "mrs ", "dr "):
        if name.startswith(lead):
            name = name[len(lead) :]
    return name.strip()


def speaker_names(gold: str | None) -> list[str]:
    """The ways a gold speaker may be named: an article that names one in two
    ways (a full name and its abbreviation) has both, split by `` | ``."""
    return [name.strip() for name in (gold or "").split(" | ") if name.strip()]


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Loose agreement: equal, one inside the other, or the same last word."""
    names = speaker_names(gold)
    if len(names) > 1:
        return any(same_speaker(name, predicted) for name in names)
    g, p = _norm_speaker(gold), _norm_speaker(predicted)
    if not g or not p:
        return g == p
    return g == p or g in p or p in g or g.split()[-1] == p.split()[-1]


_LEADING = ("the ", "a ", "an ", "le ", "la ", "les ", "l'", "der ", "die ", "das ", "ein ", "eine ", "une ", "un ")
_TITLES = ("mr ", "ms ", "mrs ", "dr ")


def _strict_norm(name: str) -> str:
    name = " ".join((name or "").lower().replace("’", "'").split())
    changed = True
    while changed:
        changed = False
        for lead in _LEADING + _TITLES:
            if name.startswith(lead):
                name, changed = name[len(lead) :], True
    return name.strip(" .,'")


def speaker_matches(gold: str, predicted: str | None) -> bool:
    """Strict agreement for speaker accuracy: equal after dropping case and a
    leading article or title, or the prediction contains the gold surname
    (the gold speaker's last word) as a word."""
    names = speaker_names(gold)
    if len(names) > 1:
        return any(speaker_matches(name, predicted) for name in names)
    g, p = _strict_norm(gold), _strict_norm(predicted or "")
    if not g or not p:
        return False
    return g == p or g.split()[-1] in p.split()


def gold_articles(folder: Path = GOLD_DIR) -> list[tuple[str, Path, list[dict]]]:
    out = []
    for gold_path in sorted(folder.glob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if text_path.exists():
            spans = json.loads(gold_path.read_text(encoding="utf-8"))["spans"]
            out.append((gold_path.stem, text_path, spans))
    return out


def load_body(name: str, path: Path) -> str:
    from reader.corpus import read_article

    return read_article(path, id=f"annotations/{name}", source="annotations").body


def score_article(body: str, gold: list[dict], predicted: list[dict]) -> dict[str, Score]:
    scores = {}
    for kind in KINDS:
        g = [s for s in gold if s["kind"] == kind]
        p = [s for s in predicted if s["kind"] == kind]
        score = Score(gold=len(g), predicted=len(p))
        exact = {(ps["start"], ps["end"]): ps for ps in p}
        gold_edges = {(gs["start"], gs["end"]) for gs in g}
        score.exact_predicted = sum(1 for edge in exact if edge in gold_edges)
        for gs in g:
            twin = exact.get((gs["start"], gs["end"]))
            if twin is not None:
                score.exact_gold += 1
                if kind == "figure":
                    score.subtypes_right += twin["subtype"] == gs["subtype"]
            hits = [ps for ps in p if _overlaps(gs, ps)]
            if not hits:
                score.misses.append(gs["text"])
                continue
            score.matched_gold += 1
            score.labelled += 1
            best = max(hits, key=lambda ps: min(gs["end"], ps["end"]) - max(gs["start"], ps["start"]))
            if kind == "figure":
                score.same_label += best["subtype"] == gs["subtype"]
            else:
                score.same_label += same_speaker(gs["speaker"], best["speaker"])
                if gs["speaker"]:
                    score.speakers += 1
                    right = speaker_matches(gs["speaker"], best["speaker"])
                    score.speakers_right += right
                    if named_in_sentence(body, gs):
                        score.named += 1
                        score.named_right += right
                    else:
                        score.implied += 1
                        score.implied_right += right
        for ps in p:
            if any(_overlaps(ps, gs) for gs in g):
                score.matched_predicted += 1
            else:
                score.false_alarms.append(ps["text"])
        scores[kind] = score
    return scores


def evaluate(folder: Path = GOLD_DIR) -> tuple[dict[str, dict[str, Score]], dict[str, Score]]:
    """Scores per article and kind, and the micro-averaged totals per kind,
    over the gold set in ``folder`` (the tuned set unless told otherwise)."""
    from reader.annotate import annotate

    per_article: dict[str, dict[str, Score]] = {}
    totals = {kind: Score() for kind in KINDS}
    for name, path, gold in gold_articles(folder):
        body = load_body(name, path)
        for span in gold:
            assert body[span["start"] : span["end"]] == span["text"], (name, span)
        predicted = [span.to_dict() for span in annotate(body)]
        per_article[name] = score_article(body, gold, predicted)
        for kind in KINDS:
            totals[kind].add(per_article[name][kind])
    return per_article, totals


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row(name: str, kind: str, s: Score) -> str:
    label = f"{s.same_label / s.labelled:.2f}" if s.labelled else "-"
    spk = f"{s.speaker_accuracy:.2f}" if s.speaker_accuracy is not None else "-"
    return (
        f"{name:<24} {kind:<6} {s.gold:>5} {s.predicted:>5} {s.matched_gold:>5} "
        f"{s.precision:>6.2f} {s.recall:>6.2f} {label:>6} {spk:>5}"
    )


_HEADER = f"{'article':<24} {'kind':<6} {'gold':>5} {'pred':>5} {'match':>5} {'prec':>6} {'recall':>6} {'label':>6} {'spk':>5}"


def report(title: str, folder: Path, per_article_rows: bool, verbose: bool) -> None:
    per_article, totals = evaluate(folder)
    print(f"{title} ({len(per_article)} articles, {folder.relative_to(GOLD_DIR.parent.parent.parent)})")
    print(_HEADER)
    print("-" * len(_HEADER))
    if per_article_rows:
        for name, scores in per_article.items():
            for kind in KINDS:
                print(_row(name, kind, scores[kind]))
                if verbose:
                    for text in scores[kind].misses:
                        print(f"{'':<24}   missed: {_short(text)}")
                    for text in scores[kind].false_alarms:
                        print(f"{'':<24}   extra:  {_short(text)}")
        print("-" * len(_HEADER))
    for kind in KINDS:
        print(_row("TOTAL (micro)", kind, totals[kind]))
    q = totals["quote"]
    if q.speakers:
        print(f"speaker accuracy: {q.speakers_right}/{q.speakers} = {q.speaker_accuracy:.3f}", end="")
        print(f"; named in the sentence {_ratio(q.named_right, q.named)}; implied {_ratio(q.implied_right, q.implied)}")
    for kind in KINDS:
        t = totals[kind]
        p = t.exact_predicted / t.predicted if t.predicted else 1.0
        r = t.exact_gold / t.gold if t.gold else 1.0
        line = f"exact boundaries, {kind}s: precision {p:.2f}, recall {r:.2f}"
        if kind == "figure":
            line += f"; subtype of the exact ones {_ratio(t.subtypes_right, t.exact_gold)}"
        print(line)
    print()


def _ratio(right: int, total: int) -> str:
    return f"{right}/{total} = {right / total:.3f}" if total else "-"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    verbose = "-v" in args
    if "--heldout" in args:
        report("HELD-OUT SET", HELDOUT_DIR, True, verbose)
    elif "--tuned" in args:
        report("TUNED SET", GOLD_DIR, True, verbose)
    else:
        report("TUNED SET", GOLD_DIR, True, verbose)
        report("HELD-OUT SET, totals only (--heldout for the articles)", HELDOUT_DIR, False, False)
    print("match = gold spans overlapped by a prediction of the same kind; precision counts")
    print("predictions overlapping a gold span. label = matched figures with the gold subtype,")
    print("matched quotes with the gold speaker (loose comparison). spk = speaker accuracy:")
    print("matched gold quotes naming a speaker whose predicted speaker matches strictly.")
    print("Use -v to list misses.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
