"""Model objects to JSON-ready values and back, driven by the dataclass type hints."""
from __future__ import annotations

import collections.abc
import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(to_plain(obj), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` (dataclass, tuple, Optional, Mapping, scalar)."""
    return _converter(tp)(value)


def _same(value: Any) -> Any:
    return value


@cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """One function per type that rebuilds its values: the type hints are read once, not per value."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        cls = tp
        fields = {k: _converter(h) for k, h in _hints(cls).items()}
        plain = {k for k, f in fields.items() if f is _same}

        def build(value: Any) -> Any:
            if value is None:
                return None
            return cls(**{k: (v if k in plain else fields[k](v)) for k, v in value.items() if k in fields})
        return build
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            if item is _same:
                return lambda value: None if value is None else tuple(value)
            return lambda value: None if value is None else tuple(item(v) for v in value)
        if args:
            items = [_converter(a) for a in args]
            return lambda value: None if value is None else tuple(f(v) for f, v in zip(items, value, strict=False))
        return lambda value: None if value is None else tuple(value)
    if origin in (dict, collections.abc.Mapping) or tp is dict:
        return lambda value: None if value is None else dict(value)
    return _same


def loads(tp: type[T], text: str) -> T:
    return typing.cast(T, from_plain(tp, json.loads(text)))
