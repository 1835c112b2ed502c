"""A read-only, hashable mapping, so that values holding one stay hashable."""

from collections.abc import Iterator, Mapping, ValuesView
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(Mapping[K, V], Generic[K, V]):
    """A mapping that cannot change after it is built; equal to any mapping with the same items.

    >>> rates = FrozenDict({"90837": 150})
    >>> rates["90837"], len(rates), rates == {"90837": 150}
    (150, 1, True)
    >>> hash(rates) == hash(FrozenDict({"90837": 150}))
    True
    """

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        self._items: dict[K, V] = dict(items or {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    # Mapping's get and `in` go through __getitem__ and an exception; the rules ask
    # a contract's rates and a payer's profession periods once per batch stretch.
    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]
        return self._items.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    # Mapping's values view iterates through __iter__ and __getitem__, in Python.
    def values(self) -> ValuesView[V]:
        return self._items.values()

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._items)
