"""Passes over a batch's rows in C, and the rows such a pass left to Python."""

from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from operator import is_

__all__ = ["missing"]


def missing(found: Sequence[object]) -> Iterator[int]:
    """The rows of ``found`` that a lookup left ``None``, in order: those to fill in Python.

    A pass such as ``list(map(table.get, keys))`` answers most rows in C; only the
    rows it could not answer take a step in Python, and finding them is a pass in C
    as well.

    >>> list(missing(["a", None, "b", None]))
    [1, 3]
    """
    if None not in found:
        return iter(())
    return compress(range(len(found)), map(is_, found, repeat(None)))
