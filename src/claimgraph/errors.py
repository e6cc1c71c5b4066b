"""Errors a user can cause, each with a code and a message that names the input.

    ClaimgraphError
    ├── InputError           an input could not be read or understood (bad path, encoding, line)
    │   ├── FetchError       a URL could not be fetched (unreachable, refused, too large)
    │   ├── ManifestError    a --manifest file (or one entry of it) is malformed
    │   └── LimitError       an input is over a documented limit (size, nesting, digits)
    ├── InputWarning         an input was read, but something about it needs a look (mixed encodings)
    ├── ModelError           the spaCy pipeline could not be loaded
    └── StoreError           the database could not be opened or written
"""
from __future__ import annotations


class ClaimgraphError(Exception):
    code = "E000"

    def __init__(self, message: str, *, input: str | None = None) -> None:
        self.input = input
        super().__init__(f"{input}: {message}" if input else message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(ClaimgraphError):
    code = "E100"


class FetchError(InputError):
    code = "E110"


class ManifestError(InputError):
    code = "E120"


class LimitError(InputError):
    code = "E130"


class InputWarning(ClaimgraphError):
    """Not an error: the input went in. The run still exits 0 when only warnings remain."""

    code = "W100"


class ModelError(ClaimgraphError):
    code = "E200"


class StoreError(ClaimgraphError):
    code = "E300"
