"""Where Reader keeps what it writes, and where the bundled data lives.

Everything the program writes lives under one *home* directory:

* ``--home DIR`` on the command line, else
* ``$READER_HOME``, else
* the platform's user data directory (``platformdirs``).

Inside it: ``config.yaml`` (written by the user), ``bookmarks.yaml``,
``sources.yaml`` (folders added with ``reader index PATH``),
``history.txt`` (the search history), ``searches.yaml`` (saved searches), ``themes/``
(user themes), ``feeds.yaml`` (subscriptions), ``feeds/`` (fetched entries and
the fetch state) and ``index/`` (the Whoosh index, derived data).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "reader"
_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Paths:
    """The files and folders of one Reader home."""

    home: Path

    @property
    def config(self) -> Path:
        return self.home / "config.yaml"

    @property
    def bookmarks(self) -> Path:
        return self.home / "bookmarks.yaml"

    @property
    def sources(self) -> Path:
        return self.home / "sources.yaml"

    @property
    def history(self) -> Path:
        return self.home / "history.txt"

    @property
    def searches(self) -> Path:
        return self.home / "searches.yaml"

    @property
    def themes(self) -> Path:
        return self.home / "themes"

    @property
    def index(self) -> Path:
        return self.home / "index"

    @property
    def read_state(self) -> Path:
        """Which articles were read, and when (``read.sqlite``)."""
        return self.home / "read.sqlite"

    @property
    def feeds(self) -> Path:
        """The subscriptions (``feeds.yaml``, written by the user or ``reader feeds``)."""
        return self.home / "feeds.yaml"

    @property
    def feed_data(self) -> Path:
        """Fetched entries (``entries/<feed>/``) and the fetch state (``state.json``)."""
        return self.home / "feeds"

    @property
    def feed_entries(self) -> Path:
        return self.feed_data / "entries"

    def as_dict(self) -> dict[str, str]:
        return {
            "home": str(self.home),
            "config": str(self.config),
            "bookmarks": str(self.bookmarks),
            "sources": str(self.sources),
            "history": str(self.history),
            "searches": str(self.searches),
            "themes": str(self.themes),
            "index": str(self.index),
            "read_state": str(self.read_state),
            "feeds": str(self.feeds),
            "feed_entries": str(self.feed_entries),
            "bundled_seeds": str(bundled_seeds()),
            "bundled_themes": str(bundled_themes()),
        }


_HOME_HINT = "choose another folder with --home DIR or the READER_HOME variable"


def ensure_home(paths: Paths) -> None:
    """Create the home folder if it is missing.

    Raises :class:`~reader.errors.ReaderError` with a one-line message
    naming the folder and the reason when it cannot be created or written.
    """
    from reader.errors import ReaderError

    home = paths.home
    if home.is_dir():
        if not os.access(home, os.W_OK | os.X_OK):
            raise ReaderError(f"the reader home {home} is not writable (permission denied); {_HOME_HINT}")
        return
    if home.exists() or home.is_symlink():
        raise ReaderError(f"the reader home {home} is not a folder; {_HOME_HINT}")
    try:
        home.mkdir(parents=True, exist_ok=True)
    except NotADirectoryError:
        blocker = next((p for p in home.parents if p.exists()), home)
        raise ReaderError(f"cannot create the reader home {home}: {blocker} is a file, not a folder; {_HOME_HINT}") from None
    except OSError as error:
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename and str(error.filename) != str(home) else ""
        raise ReaderError(f"cannot create the reader home {home}: {reason}{where}; {_HOME_HINT}") from None


def default_home() -> Path:
    env = os.environ.get("READER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def get_paths(home: str | os.PathLike[str] | None = None) -> Paths:
    """The paths for ``home`` (``--home``), falling back to :func:`default_home`."""
    return Paths(Path(home).expanduser() if home else default_home())


def _bundled(name: str) -> Path:
    # Installed (wheel): shipped inside the package as reader/bundled/<name>.
    # Source checkout or editable install: the top-level folder of the repo.
    inside = _PACKAGE_DIR / "bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def bundled_seeds() -> Path:
    """The bundled seed corpus: the default library."""
    return _bundled("seeds")


def bundled_themes() -> Path:
    """The themes shipped with the app."""
    return _bundled("themes")
