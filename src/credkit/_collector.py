"""Python's cyclic garbage collector, held off while a batch allocates what lives on."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off for the length of the block.

    Reading a book, working out a batch's verdicts and checking a claims file
    allocate hundreds of thousands of small objects (records, lanes, verdicts,
    cells) that live on or are dropped by reference counting, and make no
    reference cycles to collect; yet every so many allocations the collector would
    walk them all, and every full collection the whole heap, for nothing. Its
    counts go on, so it runs as usual at the caller's next allocation. Nothing is
    changed when it is already off.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
