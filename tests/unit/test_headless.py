"""The headless core never imports Textual; `reader --help` stays light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader

CORE_MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(reader.__path__, "reader.")
    if not name.startswith(("reader.tui", "reader.bundled")) and name != "reader.__main__"
)


def _imported_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_core_modules_are_listed():
    assert "reader.library" in CORE_MODULES and "reader.index.search" in CORE_MODULES
    assert "reader.themes" in CORE_MODULES and "reader.annotate" in CORE_MODULES
    assert not any(name.startswith("reader.tui") for name in CORE_MODULES)


def test_headless_core_does_not_import_textual():
    imports = "\n".join(f"import {name}" for name in CORE_MODULES)
    modules = _imported_after(imports)
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


def test_help_imports_neither_textual_nor_whoosh():
    modules = _imported_after("from reader.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert "reader.cli" in modules
    assert not any(m.split(".")[0] in {"textual", "whoosh"} for m in modules)
