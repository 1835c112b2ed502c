"""Past one machine: a Dask DataFrame of claims checked partition by partition on a cluster.

Needs the ``dask`` extra (``pip install 'credkit[dask]'``: dask's DataFrames and
the ``distributed`` scheduler). :func:`check_dataframe` sends the
:class:`~credkit.Book` to each worker once, as a worker plugin, before any
partition is checked; every partition's task then names the book by a short key
instead of carrying it, so a frame of a thousand partitions costs one copy of the
book per worker, not a thousand. Each partition is checked by
:func:`credkit.frames.check_frame`, so the answers are exactly the in-process ones.
"""

from collections.abc import Mapping
from typing import Any

from credkit.book import Book
from credkit.errors import CredkitError, InvalidValue
from credkit.frames import check_frame

try:
    import dask.base
    import dask.dataframe
    import distributed
except ImportError:  # pragma: no cover - CI installs every extra
    raise CredkitError(
        "credkit.dask needs dask and distributed: pip install 'credkit[dask]'"
    ) from None

__all__ = ["BookPlugin", "check_dataframe"]

# The books this worker process holds, by key; and how many times each arrived.
_BOOKS: dict[str, Book] = {}
_RECEIVED: dict[str, int] = {}


class BookPlugin(distributed.WorkerPlugin):
    """A worker plugin carrying one Book to every worker of a cluster, once.

    Registered with a client, it is sent to each worker (and to workers that join
    later) and keeps the book there under ``key`` until it is unregistered.
    """

    def __init__(self, book: Book, key: str) -> None:
        self.book = book
        self.key = key

    def setup(self, worker: Any) -> None:
        """Keep the book on this worker."""
        _BOOKS[self.key] = self.book
        _RECEIVED[self.key] = _RECEIVED.get(self.key, 0) + 1

    def teardown(self, worker: Any) -> None:
        """Let the book go."""
        _BOOKS.pop(self.key, None)


def book_key(book: Book) -> str:
    """The key a book is held under on the workers: the same for equal books."""
    return f"credkit-book-{dask.base.tokenize(book.__reduce__()[1])}"


def received(key: str) -> int:
    """How many times this worker process was sent the book held under ``key``."""
    return _RECEIVED.get(key, 0)


def _check_partition(partition: Any, key: str, columns: Mapping[str, str] | None) -> Any:
    book = _BOOKS.get(key)
    if book is None:
        raise CredkitError(
            f"this worker holds no book {key}: check_dataframe sends it before the partitions"
        )
    return check_frame(book, partition, columns=columns)


def check_dataframe(
    book: Book,
    ddf: Any,
    *,
    client: Any = None,
    columns: Mapping[str, str] | None = None,
) -> Any:
    """Check a Dask DataFrame of claims on a cluster: a lazy frame with the verdict columns added.

    The book goes to each of the client's workers once, as a :class:`BookPlugin`;
    the partitions are checked where they are with
    :func:`credkit.frames.check_frame` (``columns`` as there), so each row's answer
    is the in-process one. ``client`` is a ``distributed.Client`` (the current one
    when ``None``). The result is lazy: ``.compute()`` it, or write it out with
    ``to_parquet``/``to_csv``.

    >>> import pandas, dask.dataframe
    >>> from distributed import Client, LocalCluster
    >>> from credkit import Book, Payer, Practice, Provider
    >>> book = Book(providers=[Provider(npi="1234567893", name="Ana Ruiz")],
    ...             practices=[Practice(name="Harbor", tin="12-3456789", states=["NY"])],
    ...             payers=[Payer(id="aetna", name="Aetna")])
    >>> claims = dask.dataframe.from_pandas(pandas.DataFrame({"provider": ["1234567893"] * 4,
    ...     "payer": ["aetna", "cigna"] * 2, "practice": ["12-3456789"] * 4,
    ...     "on": ["2025-01-06"] * 4}), npartitions=2)
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=":0")
    >>> client = Client(cluster)
    >>> checked = check_dataframe(book, claims, client=client).compute()
    >>> client.close(); cluster.close()
    >>> checked["codes"].str.split(";").str[0].tolist()
    ['not_on_roster', 'unknown_payer', 'not_on_roster', 'unknown_payer']
    """
    if not isinstance(book, Book):
        raise InvalidValue(
            f"expected a Book, got {type(book).__name__}", owner="argument", attribute="book"
        )
    if not isinstance(ddf, dask.dataframe.DataFrame):
        raise InvalidValue(
            f"expected a Dask DataFrame, got {type(ddf).__name__}",
            owner="argument",
            attribute="ddf",
        )
    if client is None:
        try:
            client = distributed.default_client()  # type: ignore[no-untyped-call]
        except ValueError:
            raise InvalidValue(
                "no Dask client: connect one (distributed.Client(address)) or pass client=",
                owner="argument",
                attribute="client",
            ) from None
    elif not isinstance(client, distributed.Client):
        raise InvalidValue(
            f"expected a distributed.Client, got {type(client).__name__}",
            owner="argument",
            attribute="client",
        )
    meta = dask.dataframe.utils.make_meta(ddf)  # type: ignore[attr-defined,no-untyped-call]
    # The shape of the answer, worked out on no rows (and so with no book needed).
    answer = check_frame(Book(), meta, columns=columns)
    key = book_key(book)
    client.register_plugin(BookPlugin(book, key), name=key)
    return ddf.map_partitions(_check_partition, key, columns, meta=answer)  # type: ignore[no-untyped-call]
