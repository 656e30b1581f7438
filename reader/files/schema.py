"""Checking a user-editable YAML file against its model, every problem at once.

Each file format (``config.yaml``, a theme, ``bookmarks.yaml``) is declared
once, as a msgspec ``Struct`` with ``forbid_unknown_fields=True``: field
names, types, defaults and constraints (``Annotated[int, Meta(ge=1)]``).
:class:`Checker` walks that declaration (through ``msgspec.inspect``) over
the parsed YAML and collects a :class:`~reader.files.yaml.Problem` for
everything wrong (file, line, key path, what is wrong, the fix, a "did
you mean" for a misspelt key or choice), in file order, instead of stopping
at the first one as ``msgspec.convert`` would.

The wording a type cannot give is declared with the field, in
``Meta(extra={...})``:

``expected``
    what the value should be, for "expected X, got Y" (``"a colour"``);
``fix``
    the fix shown when the value is wrong;
``nothing``
    the fix shown when the value is missing (YAML ``null``);
``missing``
    ``(problem, fix)`` reported at the enclosing mapping when a required
    field is absent; without it the field itself is reported as "missing"
    with the fix ``missing_fix``;
``order``
    the order to list the choices of a ``Literal`` in (see :func:`one_of`);
``shorthand``
    a field name: a bare string ``x`` stands for ``{field: x}``;
``check``
    ``check(value) -> value`` run once the type is right; it may normalise
    the value and raises :class:`Invalid` when it is wrong.

A model may also define ``checked(self, report) -> Self`` for rules across
fields (a default list that must be one of the lists); ``report(key,
problem, fix)`` takes a key path relative to the model.

YAML ``null`` for a mapping or list means an empty one (``keys:`` with
nothing under it), then checked like any other value.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol, TypeVar, overload

import msgspec
import msgspec.inspect as mi

from reader.files.yaml import KeyPath, Problem, describe_value, key_lines

__all__ = ["Checker", "Invalid", "Report", "key_name", "suggest"]

T = TypeVar("T")

Extra = dict[str, Any]
"""A field's ``Meta(extra={...})``: the wording and checks described above."""


class Report(Protocol):
    """What a model's ``checked(report)`` is given: ``report(key, problem, fix)``, the key relative to the model."""

    def __call__(self, key: KeyPath, problem: str, fix: str = "fix the value") -> None: ...


class Invalid(Exception):
    """Raised by a field's ``check``: ``problem`` and ``fix`` of the message."""

    def __init__(self, problem: str, fix: str = "fix the value") -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


_BAD = object()
"""A value that failed its checks (already reported)."""


@cache
def _info(model: Any) -> mi.Type:
    return mi.type_info(model)


def key_name(key: KeyPath) -> str:
    """``("bookmarks", "lists", 0, "name")`` -> ``bookmarks.lists[0].name``."""
    return ".".join(f"[{part}]" if isinstance(part, int) else str(part) for part in key).replace(".[", "[")


def suggest(name: str, known: Iterable[str], fallback: str = "fix the value") -> str:
    """``did you mean 'x'?`` for a close match among ``known``, else ``fallback``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else fallback


def _expected(kind: mi.Type, extra: Extra) -> str:
    if "expected" in extra:
        expected: str = extra["expected"]
        return expected
    if isinstance(kind, mi.Metadata):
        return _expected(kind.type, {**(kind.extra or {}), **extra})
    if isinstance(kind, mi.StructType):
        names = [field.encode_name for field in kind.fields]
        return "a mapping of " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])
    if isinstance(kind, mi.UnionType):
        return " or ".join(_expected(member, {}) for member in kind.types if not isinstance(member, mi.NoneType))
    return {
        mi.DictType: "a mapping",
        mi.ListType: "a list",
        mi.VarTupleType: "a list",
        mi.StrType: "text",
        mi.IntType: "a whole number",
        mi.BoolType: "true or false",
        mi.CustomType: "a path",
    }.get(type(kind), "a value")


class Checker:
    """Collects the problems of one file while values are checked against its model."""

    def __init__(self, path: Path | str, text: str | None = None, *, duplicates: bool = False) -> None:
        """``text`` gives the lines (none without it); ``duplicates`` reports keys given twice."""
        self.path = Path(path)
        self.text = text
        self.problems: list[Problem] = []
        self._lines: dict[KeyPath, int] | None = None
        if duplicates and text is not None:
            lines, twice = key_lines(text)
            self._lines = lines
            for key, line, first in twice:
                self.problems.append(
                    Problem(
                        str(self.path),
                        line,
                        key_name(key),
                        f"given twice (first on line {first}); only this one would count",
                        "keep one of them",
                    )
                )

    # -- reporting ---------------------------------------------------------

    def line(self, key: KeyPath) -> int | None:
        """The line of ``key``, else of the nearest enclosing key, else 1 (``None`` without text)."""
        if self.text is None:
            return None
        if self._lines is None:
            self._lines = key_lines(self.text)[0]
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return 1

    def report(self, key: KeyPath, problem: str, fix: str = "fix the value", *, warning: bool = False) -> None:
        self.problems.append(Problem(str(self.path), self.line(key), key_name(key), problem, fix, warning))

    def sorted_problems(self) -> list[Problem]:
        """Every problem, in file order (problems of the whole file first)."""
        return sorted(self.problems, key=lambda problem: problem.line or 0)

    def first_problem(self, after: str = "", show: Callable[[str], str] = str) -> tuple[int | None, str, str]:
        """The first problem in file order, for a one-line message: its
        line, ``key: problem`` (the key through ``show``) and its fix, then
        ``after``, then how many more problems there are."""
        problems = self.sorted_problems()
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        message = f"{show(first.key)}: {first.problem}" if first.key else first.problem
        return first.line, message, f"{first.fix}{after}{more}"

    # -- checking ----------------------------------------------------------

    @overload
    def check(self, model: type[T], value: Any, key: KeyPath = ()) -> T | None: ...
    @overload
    def check(self, model: object, value: Any, key: KeyPath = ()) -> Any: ...
    def check(self, model: object, value: Any, key: KeyPath = ()) -> Any:
        """``value`` converted to ``model``; ``None`` (and problems reported) when it does not fit."""
        result = self._value(_info(model), value, key, {})
        return None if result is _BAD else result

    def _value(self, kind: mi.Type, value: Any, key: KeyPath, extra: Extra) -> Any:
        if isinstance(kind, mi.Metadata):
            extra = {**extra, **(kind.extra or {})}
            kind = kind.type
        if isinstance(kind, mi.UnionType):
            if value is None and any(isinstance(member, mi.NoneType) for member in kind.types):
                return None
            members = [member for member in kind.types if not isinstance(member, mi.NoneType)]
            kind = members[0]
            if isinstance(kind, mi.Metadata):
                extra = {**(kind.extra or {}), **extra}
                kind = kind.type
        if value is None and isinstance(kind, (mi.StructType, mi.DictType, mi.ListType, mi.VarTupleType)):
            value = [] if isinstance(kind, (mi.ListType, mi.VarTupleType)) else {}
        if "shorthand" in extra and isinstance(value, str):
            value = {extra["shorthand"]: value}
        result = self._typed(kind, value, key, extra)
        if result is _BAD or "check" not in extra:
            return result
        try:
            return extra["check"](result)
        except Invalid as invalid:
            self.report(key, invalid.problem, invalid.fix)
            return _BAD

    def _wrong(self, kind: mi.Type, value: Any, key: KeyPath, extra: Extra) -> Any:
        fix = extra.get("nothing") if value is None and "nothing" in extra else extra.get("fix")
        if fix is None:
            fix = "write 'key: value' lines" if isinstance(kind, (mi.StructType, mi.DictType)) else "fix the value"
        self.report(key, f"expected {_expected(kind, extra)}, got {describe_value(value)}", fix)
        return _BAD

    def _typed(self, kind: mi.Type, value: Any, key: KeyPath, extra: Extra) -> Any:
        if isinstance(kind, mi.StructType):
            return self._struct(kind, value, key, extra)
        if isinstance(kind, mi.DictType):
            if not isinstance(value, dict):
                return self._wrong(kind, value, key, extra)
            result = {}
            for name, item in value.items():
                where = key + (str(name),)
                name = self._value(kind.key_type, name, where, {})
                item = self._value(kind.value_type, item, where, {})
                if name is _BAD or item is _BAD:
                    result = _BAD
                elif result is not _BAD:
                    result[name] = item
            return result
        if isinstance(kind, (mi.ListType, mi.VarTupleType)):
            if not isinstance(value, list) or (kind.min_length and len(value) < kind.min_length):
                return self._wrong(kind, value, key, extra)
            items = [self._value(kind.item_type, item, key + (i,), {}) for i, item in enumerate(value)]
            if any(item is _BAD for item in items):
                return _BAD
            return tuple(items) if isinstance(kind, mi.VarTupleType) else items
        if isinstance(kind, mi.StrType):
            if not isinstance(value, str):
                return self._wrong(kind, value, key, extra)
            if kind.min_length and not value.strip():
                self.report(key, "must not be empty", extra.get("fix", "fix the value"))
                return _BAD
            return value
        if isinstance(kind, mi.BoolType):
            return value if isinstance(value, bool) else self._wrong(kind, value, key, extra)
        if isinstance(kind, mi.IntType):
            if isinstance(value, bool) or not isinstance(value, int):
                return self._wrong(kind, value, key, extra)
            if kind.ge is not None and value < kind.ge:
                self.report(key, f"{value} is too small", f"use a number of {kind.ge} or more")
                return _BAD
            return value
        if isinstance(kind, mi.LiteralType):
            if isinstance(value, str) and value in kind.values:
                return value
            choices = ", ".join(extra.get("order", kind.values))
            names = [choice for choice in kind.values if isinstance(choice, str)]
            fix = suggest(value, names) if isinstance(value, str) else "fix the value"
            self.report(key, f"{describe_value(value)} is not one of {choices}", fix)
            return _BAD
        if isinstance(kind, mi.CustomType) and issubclass(kind.cls, Path):
            if not isinstance(value, str) or not value.strip():
                return self._wrong(kind, value, key, extra)
            path = Path(value).expanduser()
            return path if path.is_absolute() else self.path.parent / path
        return value  # Any: the field's check does the work

    def _struct(self, kind: mi.StructType, value: Any, key: KeyPath, extra: Extra) -> Any:
        if not isinstance(value, dict):
            return self._wrong(kind, value, key, extra)
        fields = {field.encode_name: field for field in kind.fields}
        ok = True
        for name in value:
            if not isinstance(name, str) or name not in fields:
                fix = suggest(str(name), fields, f"remove it (known keys: {', '.join(fields)})")
                self.report(key + (str(name),), "unknown key", fix)
                ok = False
        arguments = {}
        for name, field in fields.items():
            if name in value:
                item = self._value(field.type, value[name], key + (name,), {})
                if item is _BAD:
                    ok = False
                else:
                    arguments[field.name] = item
            elif field.required:
                ok = False
                wording = field.type.extra or {} if isinstance(field.type, mi.Metadata) else {}
                if "missing" in wording:
                    self.report(key, *wording["missing"])
                else:
                    self.report(key + (name,), "missing", wording.get("missing_fix", f"add '{name}: ...'"))
        if not ok:
            return _BAD
        result = kind.cls(**arguments)
        checked: Callable[[Report], object] | None = getattr(result, "checked", None)
        if checked is None:
            return result
        before = len(self.problems)
        final = checked(lambda where, problem, fix="fix the value": self.report(key + where, problem, fix))
        return _BAD if len(self.problems) > before else final


def one_of(names: Iterable[str]) -> object:
    """The type of a value that is one of ``names`` (messages list them in this order)."""
    names = tuple(names)
    return Annotated[Literal[names], msgspec.Meta(extra={"order": names})]


def set_fields(value: msgspec.Struct) -> dict[str, Any]:
    """The fields of ``value`` that are set (not ``UNSET``), by their name in the file."""
    return {
        field.encode_name: getattr(value, field.name)
        for field in msgspec.structs.fields(value)
        if getattr(value, field.name) is not msgspec.UNSET
    }
