"""``reader annotate``: JSON shape, human output, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_51a9c244470b2f12.txt"
SEED_ID = "seeds/000_51a9c244470b2f12"


def test_annotate_json_shape(capsys):
    code = main(["annotate", str(SEED), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"id", "body", "spans"}
    assert data["id"] == SEED_ID
    body = data["body"]
    assert body.startswith("Armenian fighters")
    assert data["spans"], "the seed has quotes and figures"
    keys = [(s["start"], s["end"]) for s in data["spans"]]
    assert keys == sorted(keys)
    for span in data["spans"]:
        assert set(span) == {"kind", "subtype", "start", "end", "text", "speaker"}
        assert body[span["start"] : span["end"]] == span["text"]
        if span["kind"] == "figure":
            assert span["subtype"] and span["speaker"] is None
        else:
            assert span["kind"] == "quote" and span["subtype"] is None
    kinds = {s["kind"] for s in data["spans"]}
    assert kinds == {"quote", "figure"}
    speakers = {s["speaker"] for s in data["spans"] if s["kind"] == "quote"}
    assert "Russia" in speakers


def test_annotate_human_output_lists_spans_in_context(capsys):
    code = main(["annotate", str(SEED)])
    out, _ = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(SEED_ID)
    assert any("said by Russia" in line for line in lines)
    assert any("[24-year-old]" in line for line in lines)
    assert any("[50 tonnes]" in line for line in lines)


def test_annotate_unreadable_file_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    code = main(["annotate", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("reader: ") and str(path) in err and len(err.strip().splitlines()) == 1


def test_annotate_by_article_id(capsys):
    pytest.importorskip("reader.library")
    code = main(["annotate", SEED_ID, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["id"] == SEED_ID


def test_annotate_unknown_id_fails_cleanly(capsys):
    pytest.importorskip("reader.library")
    code = main(["annotate", "no/such-article"])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("reader: ")
