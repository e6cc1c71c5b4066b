"""JSON in, with limits: nesting depth and integer digits, each refused with a clear error."""
from __future__ import annotations

import json
from typing import Any

from ..errors import InputError, LimitError

MAX_JSON_DEPTH = 64  # arrays and objects inside each other; an article row needs 3
MAX_INT_DIGITS = 1000  # longer integer literals are refused (Python's own limit is 4300)


class _TooManyDigits(ValueError):
    pass


def _parse_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooManyDigits(literal)
    return int(literal)


def load_json(text: str | bytes, *, name: str) -> Any:
    """Parse ``text``; raise InputError (LimitError for a limit) naming ``name``."""
    try:
        value = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", input=name) from exc
    except _TooManyDigits as exc:
        raise LimitError(f"an integer of {len(str(exc).lstrip('-'))} digits is over the limit of "
                         f"{MAX_INT_DIGITS}", input=name) from exc
    except RecursionError as exc:
        raise LimitError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep (the limit)", input=name) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid JSON: not UTF-8 ({exc.reason})", input=name) from exc
    if depth_over(value, MAX_JSON_DEPTH):
        raise LimitError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep (the limit)", input=name)
    return value


def depth_over(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` deep (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
