"""Test fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_FILE = REPO / "seeds" / "000_51a9c244470b2f12.txt"


@pytest.fixture(autouse=True)
def reader_home(tmp_path_factory, monkeypatch) -> Path:
    """Point READER_HOME at a fresh temporary directory for every test.

    Tests never read or write the user's real config, bookmarks or index.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_DEBUG", raising=False)
    return home


@pytest.fixture(autouse=True)
def expansion_without_deadline(request, monkeypatch) -> None:
    """Expanding ``footbal~2`` or ``econ*`` stops at a wall-clock limit
    (EXPANSION_SECONDS), which a busy machine can reach: what a word matches
    would depend on the machine's load. Tests run without that limit, but for
    those marked ``expansion_deadline`` (the query fuzzers, which hold every
    query to its time bound)."""
    if request.node.get_closest_marker("expansion_deadline") is None:
        import reader.index.search

        monkeypatch.setattr(reader.index.search, "EXPANSION_SECONDS", 3600.0)


@pytest.fixture
def shared() -> Path:
    """The ../shared folder with real corpora; skips the test when absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip("../shared/corpora is not present")
    return SHARED


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's ``snap_compare``, settled before each screenshot.

    After ``run_before`` and ``press``, notifications are cleared and cursors
    stop blinking (``tests.tui_helpers.settle_for_snapshot``): both depend on
    the wall clock, so a screenshot holding them passes or fails with the
    machine's speed.
    """
    import inspect

    from tests.tui_helpers import settle_for_snapshot

    def compare(app, press=(), terminal_size=(80, 24), run_before=None):
        async def settled(pilot) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            if press:
                await pilot.press(*press)
            await settle_for_snapshot(pilot)

        return snap_compare(app, terminal_size=terminal_size, run_before=settled)

    return compare


# Profiles of the whole-app fuzzer (tests/tui/test_app_fuzz.py), applied to that
# test only: "app-fuzz" runs in `make test`, "app-fuzz-full" in `make fuzz`
# (READER_FUZZ=full). Derandomized without a database: every run tries the
# same sequences.
from hypothesis import HealthCheck, settings  # noqa: E402

_APP_FUZZ = dict(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
settings.register_profile("app-fuzz", max_examples=7, stateful_step_count=20, **_APP_FUZZ)
settings.register_profile("app-fuzz-full", max_examples=300, stateful_step_count=40, **_APP_FUZZ)


# -- engines ---------------------------------------------------------------------
# The contract suite: a test module with ``pytestmark = pytest.mark.usefixtures("engine")``
# runs every test once per search engine (reader/index/engines.py). Its
# module-scoped fixtures that build a library take ``engine`` too, so that
# each engine builds its own. Tantivy's run skips when the extra
# (reader-tui[tantivy]) is not installed.


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def engine(request):
    from reader.index.engines import ENVIRONMENT, EngineUnavailable, check_engine

    try:
        check_engine(request.param)
    except EngineUnavailable as error:
        pytest.skip(str(error))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENVIRONMENT, request.param)
        yield request.param


@pytest.fixture(autouse=True)
def _skip_whoosh_only(request):
    marker = request.node.get_closest_marker("whoosh_only")
    if marker is not None and "engine" in request.fixturenames and request.getfixturevalue("engine") != "whoosh":
        pytest.skip(f"Whoosh engine only: {marker.kwargs.get('reason', '')}")


def pytest_collection_modifyitems(items):
    """The ``engine`` fixture first: a module's libraries are built once the
    engine is chosen."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names and "engine" in names and names[0] != "engine":
            names.remove("engine")
            names.insert(0, "engine")
