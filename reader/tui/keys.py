"""Textual ``Binding`` objects from the headless catalogue :mod:`reader.keymap`."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from reader.keymap import in_area


def bindings(area: str) -> list[BindingType]:
    """The ``BINDINGS`` of ``area`` (``"app"``, ``"article"`` ...), as declared in :data:`reader.keymap.BINDINGS`."""
    return [
        Binding(key.keys, key.action, key.description, id=key.id, show=key.show, priority=key.priority) for key in in_area(area)
    ]
