"""credkit.dask: a Dask DataFrame checked on a cluster answers exactly as in-process."""

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from credkit import Book, Claim, CredkitError
from tests import strategies as cs
from tests.test_columns import EDGE_BOOK, as_columns, edge_claims
from tests.test_frames import expected_columns, plain

pandas = pytest.importorskip("pandas")
dataframe = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
credkit_dask = pytest.importorskip("credkit.dask")
frames = pytest.importorskip("credkit.frames")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a local cluster of two worker processes, one thread each."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def answers(frame: Any) -> dict[str, list[Any]]:
    """A checked frame's verdict columns and index, as plain values.

    Dask may store the claim columns it was given otherwise (text as Arrow
    strings), which is its business; the answers are what must not change.
    """
    found = {name: plain(frame[name]) for name in frames.VERDICT_COLUMNS}
    found["index"] = list(frame.index)
    return found


class TestCheckDataframe:
    """check_dataframe on two worker processes gives exactly the in-process answers."""

    # Each example is a round trip to the cluster: fewer of them, each still a
    # generated book and batch.
    @settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(cs.batches())
    def test_equals_can_bill(self, client: Any, batch: tuple[Book, list[Claim]]) -> None:
        """Every verdict column of every row equals can_bill's, and check_frame's in-process."""
        book, claims = batch
        frame = pandas.DataFrame(as_columns(claims))
        parts = dataframe.from_pandas(frame, npartitions=min(3, len(claims)))
        checked = credkit_dask.check_dataframe(book, parts, client=client).compute()
        expected = expected_columns(book, claims)
        assert expected == {name: plain(checked[name]) for name in expected}
        in_process = frames.check_frame(book, frame)
        assert answers(in_process) == answers(checked)

    def test_book_sent_once_per_worker(self, client: Any) -> None:
        """With more partitions than workers, each worker receives the book exactly once."""
        claims = edge_claims(*[f"2024-0{month}-01" for month in range(1, 10)])
        frame = pandas.DataFrame(as_columns(claims * 4))
        parts = dataframe.from_pandas(frame, npartitions=9)
        checked = credkit_dask.check_dataframe(EDGE_BOOK, parts, client=client)
        assert answers(frames.check_frame(EDGE_BOOK, frame)) == answers(checked.compute())
        key = credkit_dask.book_key(EDGE_BOOK)
        counts = client.run(credkit_dask.received, key)
        assert [1, 1] == sorted(counts.values())

    def test_renamed_columns(self, client: Any) -> None:
        """columns= maps claim fields to the frame's names, as check_frame does."""
        frame = pandas.DataFrame(as_columns(edge_claims("2024-01-30", "2024-05-01"))).rename(
            columns={"provider": "npi"}
        )
        parts = dataframe.from_pandas(frame, npartitions=2)
        checked = credkit_dask.check_dataframe(
            EDGE_BOOK, parts, client=client, columns={"provider": "npi"}
        ).compute()
        in_process = frames.check_frame(EDGE_BOOK, frame, columns={"provider": "npi"})
        assert answers(in_process) == answers(checked)

    def test_refuses_what_it_cannot_use(self, client: Any) -> None:
        """A non-Book, a pandas frame instead of a Dask one, or a non-client is refused."""
        frame = pandas.DataFrame(as_columns(edge_claims("2024-05-01")))
        parts = dataframe.from_pandas(frame, npartitions=1)
        with pytest.raises(CredkitError, match="expected a Book"):
            credkit_dask.check_dataframe(None, parts, client=client)
        with pytest.raises(CredkitError, match="expected a Dask DataFrame"):
            credkit_dask.check_dataframe(EDGE_BOOK, frame, client=client)
        with pytest.raises(CredkitError, match=r"expected a distributed\.Client"):
            credkit_dask.check_dataframe(EDGE_BOOK, parts, client="tcp://127.0.0.1:8786")
        with pytest.raises(CredkitError, match="no column 'dos'"):
            credkit_dask.check_dataframe(EDGE_BOOK, parts, client=client, columns={"on": "dos"})
