"""Reader: a keyboard-driven news reader for the terminal.

The headless core (everything outside :mod:`reader.tui`) never imports Textual;
``tests/test_headless.py`` keeps it that way.
"""

__version__ = "0.1.0"
