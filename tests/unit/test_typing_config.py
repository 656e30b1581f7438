"""Every module of the headless core (all of reader/ but reader/tui/) is in
mypy's strict list in pyproject.toml and none is exempt from checking, so a
new module cannot slip out of ``make check``'s strict typing."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _headless_modules() -> set[str]:
    modules = set()
    for file in (ROOT / "reader").rglob("*.py"):
        parts = file.relative_to(ROOT).with_suffix("").parts
        if "__pycache__" in parts or parts[:2] == ("reader", "tui"):
            continue
        modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def _matches(module: str, pattern: str) -> bool:
    """mypy's override patterns: ``x`` is that module; ``x.*`` is x and every module under it."""
    if pattern.endswith(".*"):
        base = pattern[:-2]
        return module == base or module.startswith(base + ".")
    return module == pattern


def _overrides() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mypy"]["overrides"])


def test_every_headless_module_is_checked_strictly():
    strict = [o for o in _overrides() if o.get("disallow_untyped_defs") is True]
    assert len(strict) == 1
    patterns = strict[0]["module"]
    assert isinstance(patterns, list)
    modules = _headless_modules()
    assert "reader.files.yaml" in modules and "reader.cli" in modules  # the walk found the tree
    assert {m for m in modules if not any(_matches(m, p) for p in patterns)} == set()
    assert not any(p == "reader.tui" or p.startswith("reader.tui.") for p in patterns)


def test_no_headless_module_is_exempt_from_checking():
    exempt = [p for o in _overrides() if o.get("ignore_errors") is True for p in o["module"]]
    assert {m for m in _headless_modules() if any(_matches(m, p) for p in exempt)} == set()
