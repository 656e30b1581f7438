"""The one exception type the front ends turn into a one-line message."""

from __future__ import annotations


class ReaderError(Exception):
    """A failure the user can act on.

    ``str(error)`` is a complete one-line message: what went wrong, where
    (file and line when there is one) and what to do about it.
    """

    exit_code = 1
