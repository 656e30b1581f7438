"""Textual ``Binding`` objects from the headless catalogue :mod:`reader.keymap`."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from reader.keymap import BINDINGS


def bindings(owner: str) -> list[BindingType]:
    """The ``BINDINGS`` of ``owner`` (``"app"``, ``"main"``, ``"article"`` ...), as declared in
    :data:`reader.keymap.BINDINGS`: the keys of that area, but for those bound elsewhere (``Key.on``)."""
    return [
        Binding(key.keys, key.action, key.description, id=key.id, show=key.show, priority=key.priority)
        for key in BINDINGS
        if key.bound_on == owner
    ]
