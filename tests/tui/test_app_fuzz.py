"""The whole app under random keys, typing, pastes and resizes.

A hypothesis state machine drives the real :class:`ReaderApp` (over the small
fixed library of ``tests/tui_helpers.make_app``, in pages of
:data:`PAGE` results so that most searches have more than one) with Pilot.
Every step is one of: a key bound somewhere in the app (collected from the
bindings of the app, its screens and its widgets, so new bindings are fuzzed
automatically), a key active where the focus is, a burst of keys pressed
faster than the searches they start can finish, typed text, a paste of up
to a few KB, a trip to the end of the results (the next page loads), or a
terminal resize. After every step the app is let settle (workers finished,
the article mounted) and the invariants below are checked.

Profiles (registered in ``tests/conftest.py``): ``app-fuzz`` (the default,
part of ``make test``: a few short runs) and ``app-fuzz-full`` (``make fuzz``,
selected with ``READER_FUZZ=full``: 300 runs of 40 steps). Both are
derandomized with no example database, so every run tries the same sequences.

Pilot is async and hypothesis' state machines are not: each example owns an
event loop in which one driver task holds ``app.run_test()`` open and runs
the steps it is handed, one at a time (see :class:`AppDriver`).

While the machine runs, nothing may be written outside the example's
temporary folder (an audit hook refuses it with ``PermissionError``): the
export dialog writes wherever the typed path says, and screenshots go to
the downloads folder.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import pkgutil
import re
import shutil
import sys
import tempfile
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import event, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from textual import events
from textual.dom import DOMNode
from textual.widgets import Input, OptionList, Static
from textual.worker import Worker, WorkerState

from reader.bookmarks.store import BookmarkStore
from reader.index.engines import search_as_typed
from tests.helpers import ARTICLES
from tests.tui_helpers import INJECTION, make_app, wait_for

PROFILE = "app-fuzz-full" if os.environ.get("READER_FUZZ") == "full" else "app-fuzz"
SIZES = [(120, 40), (80, 24), (40, 12)]
SETTLE_S = 30.0  # settling never takes near this long; reaching it is a hang
# The usual library, and one article long enough to be annotated in a worker
# and mounted in batches (jumping about while it loads once crashed the app).
LONG_ARTICLE = "The long harbour report\n\n" + "\n\n".join(
    f"Section {k}: \u201cthe fees rose {k % 40}%,\u201d said Ann Lee. \u201cAnd they will rise again.\u201d About {k * 3} ships waited."
    for k in range(700)
)
FUZZ_ARTICLES = {**ARTICLES, "zinject.txt": INJECTION, "zlong.txt": LONG_ARTICLE + "\n"}
STEP_S = 90.0  # a whole step (keys plus settling)
MAX_PASTE = 4096
PAGE = 3  # results per page (config search.limit): the library's 7 articles take three


# --------------------------------------------------------------------------
# The keys


def _tui_classes() -> set[type]:
    """Every DOM class the TUI defines or imports (screens, widgets, the app)."""
    from textual.command import CommandPalette

    import reader.tui

    classes: set[type] = {CommandPalette}
    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, DOMNode):
                classes.add(value)
    return classes


def _bound_keys() -> list[str]:
    """Every key bound anywhere (inherited Textual bindings included), minus
    the keys that only quit: quitting is the last step of every run."""
    from reader.tui.app import ReaderApp

    keys: dict[str, set[str]] = {}
    for cls in _tui_classes():
        for key, bindings in cls._merge_bindings().key_to_bindings.items():
            keys.setdefault(key, set()).update(binding.action for binding in bindings)
    keys.setdefault(ReaderApp.COMMAND_PALETTE_BINDING, set()).add("command_palette")
    for key in ("escape", "enter", "tab", "shift+tab", "up", "down", "left", "right", "space", "backspace"):
        keys.setdefault(key, set())
    return sorted(key for key, actions in keys.items() if not actions or actions != {"quit"})


BOUND_KEYS = _bound_keys()
# The keys that open or close the dialogs and screens come up more often.
SCREEN_KEYS = ["escape", "enter", "B", "x", "e", "ctrl+b", "ctrl+t", "ctrl+p", "question_mark", "f1", "slash", "tab"]
# The search box's history keys and the keys of the remembered-searches popups.
SCREEN_KEYS += ["up", "down", "ctrl+r", "ctrl+s", "d"]

# Every run starts with a history to walk and two saved searches (words of WORDS below).
HISTORY = "karabakh\ninflation london\ntitle:markets\n[bold] injection\n日本\n"
SEARCHES = "searches:\n  caucasus: karabakh -russia\n  money: markets OR inflation\n"

WORDS = [
    "karabakh",
    "inflation",
    "london",
    "chelsea",
    "markets",
    "refugees",
    "budget",
    "parliament",
    "karabak~",
    "infl*",
    '"interest rates"',
    "title:markets",
    "date:2023-09",
    "source:news",
    "OR",
    "NOT",
    "-london",
    "AND",
    "(",
    ")",
    "injection",
    "[bold]",
    "[/]",
    "日本",
    "zzz",
    "é",
]
CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
TYPED = st.one_of(
    st.sampled_from(WORDS).map(lambda word: word + " "),
    st.text(CHARS, min_size=1, max_size=10),
)
PASTE_UNIT = st.one_of(
    st.sampled_from(WORDS).map(lambda word: word + " "),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40),
)
PASTES = st.builds(lambda unit, times: (unit * times)[:MAX_PASTE], PASTE_UNIT, st.integers(1, 400))


def _key_for(char: str) -> str:
    return "space" if char == " " else char


# --------------------------------------------------------------------------
# Nothing written outside the sandbox


_sandbox: list[str] = []  # the allowed folder while a machine runs
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _outside(path) -> bool:
    if not _sandbox or isinstance(path, int):
        return False
    try:
        full = os.path.abspath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    root = _sandbox[0]
    return not (full == root or full.startswith(root + os.sep) or "__pycache__" in full)


def _audit(event: str, args) -> None:
    if not _sandbox:
        return
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing and _outside(path):
            raise PermissionError(f"the app fuzzer refuses writes outside its folder: {path}")
    elif event in ("os.rename", "os.remove", "os.mkdir", "os.rmdir", "os.truncate", "shutil.rmtree", "shutil.move"):
        paths = [a for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
        if any(_outside(p) for p in paths):
            raise PermissionError(f"the app fuzzer refuses changes outside its folder: {paths}")


sys.addaudithook(_audit)


# --------------------------------------------------------------------------
# Running the app from synchronous code


class AppDriver:
    """Runs ``app.run_test()`` in an event loop of its own.

    One driver task enters the Pilot context and then runs the steps put
    in its queue (async callables taking the pilot), one at a time, in the
    app's context. :meth:`run` hands it a step and runs the loop until the
    step is done (or the app dies, or ``timeout`` passes).
    """

    def __init__(self, app, size: tuple[int, int], message_hook) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.queue: asyncio.Queue | None = None
        self.started = self.loop.create_future()
        self.task = self.loop.create_task(self._main(size, message_hook))
        self._wait(self.started, STEP_S)

    async def _main(self, size, message_hook) -> None:
        self.queue = asyncio.Queue()
        async with self.app.run_test(size=size, notifications=True, message_hook=message_hook) as pilot:
            self.started.set_result(pilot)
            while True:
                job = await self.queue.get()
                if job is None:
                    break
                step, future = job
                try:
                    result = await step(pilot)
                except Exception as error:  # noqa: BLE001 - handed to the caller
                    if not future.done():
                        future.set_exception(error)
                else:
                    if not future.done():
                        future.set_result(result)

    def _wait(self, future, timeout: float):
        self.loop.run_until_complete(asyncio.wait({future, self.task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED))
        if future.done():
            return future.result()
        if self.task.done():
            error = self.task.exception()
            raise AssertionError(f"the app stopped: {error!r}") from error
        raise AssertionError(f"the app did not answer within {timeout:.0f} s")

    def run(self, step, timeout: float = STEP_S):
        future = self.loop.create_future()
        self.queue.put_nowait((step, future))
        return self._wait(future, timeout)

    def close(self) -> BaseException | None:
        """Leave the Pilot context, stop the workers' threads, close the loop;
        return the error the app ended with, if any."""
        error = None
        try:
            if not self.task.done() and self.queue is not None and self.started.done():
                self.queue.put_nowait(None)
                self.loop.run_until_complete(asyncio.wait({self.task}, timeout=STEP_S))
            if not self.task.done():
                self.task.cancel()
                self.loop.run_until_complete(asyncio.wait({self.task}, timeout=STEP_S))
            if self.task.done() and not self.task.cancelled():
                error = self.task.exception()
            pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                self.loop.run_until_complete(asyncio.wait(pending, timeout=STEP_S))
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
        finally:
            self.loop.close()
        return error


# --------------------------------------------------------------------------
# The machine


def _plain(widget: Static) -> str:
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


_PLUMBING = ("textual", "asyncio", "concurrent", "threading", "contextlib", "functools", "rich", __name__)


def _raised_by_reader() -> bool:
    """Whether the code that asked for a toast is Reader's (not Textual's)."""
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not module.startswith(_PLUMBING):
            return module.startswith("reader.")
        frame = frame.f_back
    return False


def _stored(path: Path) -> dict:
    """bookmarks.yaml as the project's own loader reads it: list -> entries."""
    store = BookmarkStore(path).load()
    return {name: store.entries(name) for name in store.lists()}


class AppMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.driver: AppDriver | None = None
        self.failed = False
        self.worker_errors: list[str] = []
        self.quit_requests = 0
        self.toasts: list[str] = []

    # -- set-up and tear-down -------------------------------------------------

    @initialize(size=st.sampled_from(SIZES))
    def start(self, size) -> None:
        self.tmp = tempfile.mkdtemp(prefix="reader-fuzz-")
        root = Path(self.tmp)
        self.saved_env = {name: os.environ.get(name) for name in ("HOME", "XDG_DOWNLOAD_DIR", "READER_HOME")}
        self.saved_cwd = os.getcwd()
        (root / "cwd").mkdir()
        os.environ["HOME"] = str(root / "user")
        os.environ["XDG_DOWNLOAD_DIR"] = str(root / "downloads")
        os.environ["READER_HOME"] = str(root / "home")
        os.chdir(root / "cwd")
        from reader.config import Config, SearchConfig

        self.app = app = make_app(root, articles=FUZZ_ARTICLES, config=Config(search=SearchConfig(limit=PAGE)))
        app.paths.history.write_text(HISTORY, encoding="utf-8")
        app.paths.searches.write_text(SEARCHES, encoding="utf-8")
        _sandbox[:] = [os.path.realpath(self.tmp)]

        def quit_requested() -> None:  # stands in for action_quit until the last step
            self.quit_requests += 1

        app.action_quit = quit_requested
        notify = app.notify

        def record_notify(message, *args, **kwargs):  # Reader's own toasts, for the markup check
            if kwargs.get("markup", True) and _raised_by_reader():
                self.toasts.append(message)
            return notify(message, *args, **kwargs)

        app.notify = record_notify
        try:
            self.driver = AppDriver(app, size, self._message_hook)
            self._settle()
        except BaseException:
            self.failed = True
            raise

    def teardown(self) -> None:
        try:
            if self.driver is not None and not self.failed:
                self._quit_for_real()
        finally:
            driver, self.driver = self.driver, None
            error = None
            try:
                if driver is not None:
                    error = driver.close()
            finally:
                _sandbox.clear()
                if hasattr(self, "saved_cwd"):
                    os.chdir(self.saved_cwd)
                    for name, value in self.saved_env.items():
                        if value is None:
                            os.environ.pop(name, None)
                        else:
                            os.environ[name] = value
                    shutil.rmtree(self.tmp, ignore_errors=True)
            if error is not None and not self.failed:
                raise error

    def _quit_for_real(self) -> None:
        """The last step: ctrl+q quits from anywhere, cleanly."""
        del self.app.action_quit

        async def step(pilot):
            await pilot.press("ctrl+q")
            await wait_for(pilot, lambda: self.app.return_code is not None, timeout=SETTLE_S)

        self.driver.run(step)
        assert self.app._exception is None, self.app._exception
        assert self.app.return_code == 0, self.app.return_code

    def _message_hook(self, message) -> None:
        if isinstance(message, Worker.StateChanged) and message.state == WorkerState.ERROR:
            worker = message.worker
            error = worker.error
            import traceback

            text = "".join(traceback.format_exception(error)) if isinstance(error, BaseException) else repr(error)
            self.worker_errors.append(f"worker {worker.name!r} (group {worker.group!r}) failed:\n{text}")

    def _run(self, step) -> None:
        try:
            self.driver.run(step)
            self._settle()
        except BaseException:
            self.failed = True
            raise

    def _settle(self) -> None:
        app = self.app

        async def settle(pilot):
            from reader.tui.widgets.article import ArticleView

            viewer = app.screen_stack[0].query_one(ArticleView)

            def quiet() -> bool:
                busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
                return not busy and viewer.fully_mounted and not viewer._scroll_pending

            await wait_for(pilot, quiet, timeout=SETTLE_S)
            for _ in range(3):
                await pilot.pause()
            await wait_for(pilot, quiet, timeout=SETTLE_S)

        self.driver.run(settle)

    # -- rules -----------------------------------------------------------------

    def _press(self, keys: list[str]) -> None:
        app = self.app

        async def step(pilot):
            for key in keys:
                typing = isinstance(app.focused, Input)
                before = self.quit_requests
                await pilot.press(key)
                if key == "q" and typing:
                    assert self.quit_requests == before, "q typed into a text box quit the app"

        self._run(step)

    @rule(key=st.sampled_from(BOUND_KEYS))
    def press_bound_key(self, key) -> None:
        self._press([key])

    @rule(key=st.sampled_from(SCREEN_KEYS))
    def press_screen_key(self, key) -> None:
        self._press([key])

    @rule(data=st.data())
    def press_active_key(self, data) -> None:
        """A key bound where the focus is now (or on the screen, or app-wide)."""
        active = sorted(key for key, bound in self.app.screen.active_bindings.items() if bound.binding.action != "quit")
        if not active:
            return
        key = data.draw(st.sampled_from(active), label="active key")
        self._press([key])

    @rule(keys=st.lists(st.one_of(st.sampled_from(BOUND_KEYS), CHARS.map(_key_for)), min_size=2, max_size=8))
    def burst(self, keys) -> None:
        """Several keys in a row, without waiting for the searches they start."""
        self._press(keys)

    @rule(text=TYPED)
    def type_text(self, text) -> None:
        self._press([_key_for(c) for c in text])

    @rule(text=PASTES)
    def paste(self, text) -> None:
        app = self.app

        async def step(pilot):
            app.post_message(events.Paste(text))
            await pilot.pause()

        self._run(step)

    # -- remembered searches: the history keys and popups, by the paths people take

    def _on_main(self) -> bool:
        from reader.tui.screens.main import MainScreen

        return self.driver is not None and isinstance(self.app.screen, MainScreen)

    @precondition(lambda self: self._on_main())
    @rule(data=st.data())
    def remembered_searches(self, data) -> None:
        """One of the paths through the remembered searches, from the main screen:
        walk the history with up/down in the search box (each step searches);
        ctrl+r, filter, choose and run (or cancel); ctrl+s and a name (an
        existing name is replaced); the saved searches list (the palette's
        "Saved searches…"): run, remove, move, leave."""
        flow = data.draw(st.sampled_from(["walk", "ctrl+r", "save", "saved"]), label="flow")
        if flow == "walk":
            self._press(["slash", *data.draw(st.lists(st.sampled_from(["up", "down"]), min_size=1, max_size=6), label="keys")])
        elif flow == "ctrl+r":
            typed = data.draw(
                st.one_of(st.sampled_from(["", "kar", "LON", "日", "zzz"]), st.text(CHARS, max_size=3)), label="typed"
            )
            moves = data.draw(st.integers(0, 3), label="moves")
            finish = data.draw(st.sampled_from(["enter", "escape"]), label="finish")
            self._press(["slash", "ctrl+r", *map(_key_for, typed), *["down"] * moves, finish])
        elif flow == "save":
            name = data.draw(st.one_of(st.sampled_from(["", "caucasus", "money", "new one"]), TYPED), label="name")
            self._press(["ctrl+s", *map(_key_for, name), data.draw(st.sampled_from(["enter", "escape"]), label="finish")])
        else:
            keys = data.draw(st.lists(st.sampled_from(["enter", "d", "delete", "j", "k", "escape"]), min_size=1, max_size=4))
            app = self.app

            async def step(pilot):
                app.main.action_saved_searches()
                await pilot.pause()
                for key in keys:
                    await pilot.press(key)

            self._run(step)

    @rule(keys=st.lists(st.sampled_from(["G", "end", "pagedown", "j", "down"]), min_size=1, max_size=4))
    def to_the_end_of_the_results(self, keys) -> None:
        """Back to the results list (escape, as a person would), then keys
        that reach its last result: the next page loads, if there is one."""
        from reader.tui.widgets.results import ResultsList

        app = self.app

        async def step(pilot):
            main = app.screen_stack[0]
            results = main.query_one(ResultsList)
            for _ in range(3):
                if app.screen is not main or app.focused is results:
                    break
                await pilot.press("escape")
            if app.focused is results:
                event("to the end of the results")
                await pilot.press("G", *keys)

        self._run(step)

    @rule(size=st.sampled_from(SIZES))
    def resize(self, size) -> None:
        async def step(pilot):
            await pilot.resize_terminal(*size)

        self._run(step)

    # -- invariants -------------------------------------------------------------

    def _check(self, check) -> None:
        if self.driver is None:
            return
        try:
            check()
        except BaseException:
            self.failed = True
            raise

    @invariant()
    def app_is_alive(self) -> None:
        def check():
            app = self.app
            assert app._exception is None, f"the app crashed: {app._exception!r}"
            assert app.return_code is None, f"the app exited with {app.return_code}"
            assert app.is_running
            assert not self.worker_errors, "\n".join(self.worker_errors)
            # It answers: a query of the current screen works.
            assert len(app.screen.query("*")) > 0
            # Coverage, shown by --hypothesis-show-statistics:
            event(f"screen {type(app.screen).__name__}")
            event(f"focus {type(app.focused).__name__}")

        self._check(check)

    @invariant()
    def status_agrees_with_widgets(self) -> None:
        def check():
            from reader.tui.app import NARROW_WIDTH, SearchInput
            from reader.tui.widgets.article import ArticleView
            from reader.tui.widgets.results import ResultsList

            app = self.app
            main = app.screen_stack[0]
            viewer = main.query_one(ArticleView)
            if viewer.article is not None:
                event("article open")
                if viewer.current is not None:
                    event(f"{viewer.current[0]} selected")
            right = _plain(main.query_one("#status-right", Static))
            at = viewer.position_text(main.position_room())
            assert right == at, f"status {right!r} but the viewer is at {at!r}"

            response = app.response
            assert response is not None, "no search answered"
            results = main.query_one(ResultsList)
            limit = app.config.search.limit
            listed = [r.id for r in results.results]
            assert len(listed) == len(set(listed)) == results.option_count, f"{listed} in {results.option_count} options"
            # The first page (a screenful, then the rest of the page), then
            # the later ones: every result fetched is listed.
            assert len(response.results) <= min(response.total, limit) <= len(app.main.loaded)
            assert [r.id for r in response.results] == listed[: len(response.results)]
            assert [r.id for r in app.main.loaded] == listed
            if len(listed) > limit:
                event("more than one page listed")

            left = _plain(main.query_one("#status-left", Static))
            everything = re.match(r"(\d+) (results?|articles?)\b", left)
            some = re.match(r"showing (\d+) of (\d+)\b", left)
            split = re.match(r"(\d+) match(?:es)? all words · (\d+) match(?:es)? some\b", left)
            if split:  # every result listed, those with all the words and those with some
                every, partial = int(split.group(1)), int(split.group(2))
                assert (every, every + partial) == (response.all_words, response.total) and response.total == len(listed), (
                    f"status {left!r}, {len(listed)} listed"
                )
            elif everything:
                assert int(everything.group(1)) == response.total == len(listed), f"status {left!r}, {len(listed)} listed"
            else:
                assert some, f"status {left!r}"
                assert (int(some.group(1)), int(some.group(2))) == (len(listed), response.total), f"status {left!r}"
                assert len(listed) < response.total

            # The results are those of the query in the search box now (kept
            # to the feed, folder or tag chosen in the sources pane).
            # A word being typed that finds nothing is searched as a prefix.
            value = main.query_one(SearchInput).value
            _, fresh = search_as_typed(
                app.index, value, app.main.scoped, limit=len(listed) or limit, sort=app.main.sort, snippets=0, suggest=False
            )
            assert response.query == fresh.query, f"the results are for {response.query!r}, the box holds {value!r}"
            assert [r.id for r in fresh.results] == listed

            # The layout classes are on the main screen, whatever is on top of it.
            assert main.has_class("-narrow") == (app.size.width < NARROW_WIDTH), "narrow layout out of step with the width"
            assert main.showing_no_results() == (not response.results), "empty-results panel out of step"

        self._check(check)

    @invariant()
    def notifications_show_text_as_data(self) -> None:
        """Reader's toasts show their message as written: article titles,
        typed paths and error messages are data, never markup."""

        def check():
            from textual.content import Content
            from textual.markup import MarkupError

            toasts, self.toasts = self.toasts, []
            for message in toasts:
                try:
                    shown = Content.from_markup(message).plain
                except MarkupError as error:
                    shown = f"<MarkupError: {error}>"
                assert shown == message, f"the toast {message!r} shows {shown!r}"

        self._check(check)

    @invariant()
    def bookmarks_agree_with_the_file(self) -> None:
        def check():
            from reader.tui.screens.bookmarks import BookmarksScreen
            from reader.tui.widgets.results import ResultsList

            app = self.app
            store = app.bookmarks
            on_disk = _stored(app.paths.bookmarks)
            in_memory = {name: store.entries(name) for name in store.lists()}
            assert on_disk == in_memory, f"bookmarks.yaml holds {on_disk}, the app shows {in_memory}"
            ids = {entry.id for entries in on_disk.values() for entry in entries}
            assert app.screen_stack[0].query_one(ResultsList).bookmarked == ids
            for screen in app.screen_stack:
                if isinstance(screen, BookmarksScreen):
                    listed = screen.query_one("#bookmarks-list", OptionList)
                    assert listed.option_count == len(screen.shown)
                    every = [entry for entries in on_disk.values() for entry in entries]
                    assert all(entry in every for entry in screen.shown), "the bookmarks screen lists stale entries"
                    if not screen.query_one("#bookmarks-filter", Input).value.strip():
                        assert screen.shown == every, "the bookmarks screen is out of step with the file"

        self._check(check)

    @invariant()
    def search_memory_agrees_with_the_files(self) -> None:
        """history.txt and searches.yaml hold what the app holds and shows;
        the history is clean; a walk in the search box shows its query."""

        def check():
            import unicodedata

            from reader.searches import HISTORY_CAP, SavedSearches, read_history
            from reader.tui.screens.searches import SavedSearchesScreen
            from reader.tui.widgets.search import SearchInput

            app = self.app
            entries = app.history.entries
            assert len(entries) == len(set(entries)) <= HISTORY_CAP, "the history has repeats or is too long"
            for entry in entries:
                assert entry and entry == " ".join(entry.split()), f"history entry {entry!r} is not one clean line"
                assert not any(unicodedata.category(char) == "Cc" for char in entry), f"control character in {entry!r}"
            assert read_history(app.paths.history) == entries, "history.txt is out of step with the app"
            on_disk = SavedSearches(app.paths.searches).load().all()
            assert app.saved_searches.all() == on_disk, "searches.yaml is out of step with the app"
            for screen in app.screen_stack:
                if isinstance(screen, SavedSearchesScreen):
                    assert screen.shown == on_disk, "the saved searches list is out of step with searches.yaml"
                    assert screen.query_one(OptionList).option_count == len(on_disk)
            search = app.screen_stack[0].query_one(SearchInput)
            if search.walk is not None:
                assert search.value == search.walked[search.walk], "walking the history, the box shows another query"

        self._check(check)


AppMachine.TestCase.settings = settings.get_profile(PROFILE)
TestAppFuzz = AppMachine.TestCase
