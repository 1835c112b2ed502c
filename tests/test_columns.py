"""Book.check_columns: a batch given column by column answers exactly as can_bill does."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from credkit import (
    EIN,
    NPI,
    SSN,
    Affiliation,
    Book,
    CheckedColumns,
    Claim,
    Code,
    Contract,
    Credential,
    CredkitError,
    Group,
    InvalidData,
    License,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Practice,
    Provider,
    Verdict,
    can_bill,
)
from tests import strategies as cs


def reference(book: Book, claim: Claim) -> Verdict:
    """can_bill over the book's full lists; for an id the book does not hold, book.can_bill."""
    provider, payer, practice = (
        book.provider(claim.provider),
        book.payer(claim.payer),
        book.practice(claim.practice),
    )
    if provider is None or payer is None or practice is None:
        return book.can_bill(claim)
    return can_bill(
        provider,
        payer,
        practice,
        on=claim.on,
        credentials=book.credentials,
        contracts=book.contracts,
        service=claim.service,
        state=claim.state,
        opt_outs=book.opt_outs,
    )


def tin_text(tin: EIN | SSN) -> str:
    """A tax id written as a claims file writes it: hyphenated, an SSN in full."""
    return tin.formatted() if isinstance(tin, SSN) else str(tin)


def as_columns(claims: list[Claim], iso: list[bool] | None = None) -> dict[str, list[Any]]:
    """Claims as columns of plain text, the way a file gives them; dates as ISO where asked."""
    iso = iso or [False] * len(claims)
    return {
        "provider": [str(claim.provider) for claim in claims],
        "payer": [claim.payer for claim in claims],
        "practice": [tin_text(claim.practice) for claim in claims],
        "on": [
            claim.on.isoformat() if text else claim.on
            for claim, text in zip(claims, iso, strict=True)
        ],
        "service": [claim.service for claim in claims],
        "state": [claim.state.value if claim.state else None for claim in claims],
    }


def row(checked: CheckedColumns, index: int) -> tuple[Any, ...]:
    return (
        checked.allowed[index],
        checked.codes[index],
        checked.billing_npi[index],
        checked.tax_id[index],
        checked.rendering_npi[index],
        checked.rate[index],
    )


def expected_row(verdict: Verdict) -> tuple[Any, ...]:
    billing = verdict.billing
    if billing is None:
        return (verdict.allowed, verdict.codes, None, None, None, verdict.rate)
    return (True, (), billing.billing_npi, billing.tax_id, billing.rendering_npi, verdict.rate)


# A book where every edge is a day apart from the next: a roster place, a license, a
# credential from 2024-03-01 and a group contract from 2024-03-01 with Medicare's
# 30-day retro window, and the membership ending 2024-12-31.
EDGE_NPI = "1234567893"
EDGE_TIN = "12-3456789"
EDGE_BOOK = Book(
    providers=[
        Provider(
            npi=EDGE_NPI,
            name="Ana Ruiz",
            licenses=[
                License(
                    state="NY",
                    profession="clinical_social_worker",
                    number="1",
                    effective=Period("2024-01-01"),
                )
            ],
        )
    ],
    practices=[
        Practice(
            name="Harbor",
            tin=EDGE_TIN,
            npi="1558598797",
            states=["NY"],
            roster=[Affiliation(provider=EDGE_NPI, effective=Period("2024-01-01"))],
        )
    ],
    payers=[Payer(id="medicare", name="Medicare", rules=PayerRules(retro_days=30))],
    credentials=[
        Credential(
            provider=EDGE_NPI, payer="medicare", status="approved", effective=Period("2024-03-01")
        )
    ],
    contracts=[
        Contract(
            id="grp",
            payer="medicare",
            holder=Group(practice=EDGE_TIN),
            status="executed",
            signed="2024-02-01",
            effective=Period("2024-03-01"),
            members=[Affiliation(provider=EDGE_NPI, effective=Period("2024-03-01", "2024-12-31"))],
            pay_to=[PayTo(tin=EDGE_TIN, npi="1558598797", effective=Period("2024-03-01"))],
            rates={"90837": "150.00"},
        )
    ],
)


def edge_claims(*days: str) -> list[Claim]:
    return [
        Claim(provider=EDGE_NPI, payer="medicare", practice=EDGE_TIN, on=day, service="90837")
        for day in days
    ]


class TestCheckColumns:
    """check_columns gives, row by row, exactly what can_bill gives for that claim."""

    @given(cs.batches(), st.data())
    # The retro window's edge (30 days before 2024-03-01 is 2024-01-31), the start,
    # and the membership's end: the day before, on, and after each.
    @example((EDGE_BOOK, edge_claims("2024-01-30", "2024-01-31", "2024-02-01")), None)
    @example((EDGE_BOOK, edge_claims("2024-02-29", "2024-03-01", "2024-03-02")), None)
    @example((EDGE_BOOK, edge_claims("2024-12-30", "2024-12-31", "2025-01-01")), None)
    def test_equals_can_bill(
        self, batch: tuple[Book, list[Claim]], data: st.DataObject | None
    ) -> None:
        """Every column of every row is what can_bill's verdict for that claim holds."""
        book, claims = batch
        iso = (
            data.draw(st.lists(st.booleans(), min_size=len(claims), max_size=len(claims)))
            if data is not None
            else None
        )
        checked = book.check_columns(**as_columns(claims, iso), verdicts=True)
        expected = [reference(book, claim) for claim in claims]
        assert len(claims) == len(checked)
        assert expected == list(checked.verdicts or ())
        assert [expected_row(verdict) for verdict in expected] == [
            row(checked, index) for index in range(len(claims))
        ]

    @given(cs.batches())
    def test_same_as_check_on_a_fresh_book(self, batch: tuple[Book, list[Claim]]) -> None:
        """On a fresh book and on one that has answered before, the columns agree with check()."""
        book, claims = batch
        fresh = Book(
            providers=book.providers,
            practices=book.practices,
            payers=book.payers,
            credentials=book.credentials,
            contracts=book.contracts,
            opt_outs=book.opt_outs,
        )
        first = fresh.check_columns(**as_columns(claims), verdicts=True)
        assert list(book.check(claims)) == list(first.verdicts or ())
        assert first == fresh.check_columns(**as_columns(claims), verdicts=True)

    def test_edges_allow_from_the_retro_window(self) -> None:
        """The day before the retro window is refused; from its first day the claim is allowed."""
        claims = edge_claims("2024-01-30", "2024-01-31", "2024-03-01", "2024-12-31", "2025-01-01")
        checked = EDGE_BOOK.check_columns(**as_columns(claims))
        assert (False, True, True, True, False) == checked.allowed
        # Before the retro window nothing was on file yet: not credentialed by then.
        assert (Code.NOT_CREDENTIALED,) == checked.codes[0][:1]
        assert (Code.NOT_ON_GROUP_CONTRACT,) == checked.codes[4]
        assert (None, *[Decimal("150.00")] * 3, None) == checked.rate
        assert (None, *[NPI("1558598797")] * 3, None) == checked.billing_npi
        assert (None, *[EIN(EDGE_TIN)] * 3, None) == checked.tax_id
        assert (None, *[NPI(EDGE_NPI)] * 3, None) == checked.rendering_npi

    def test_verdicts_are_shared_between_rows(self) -> None:
        """Rows answered alike share one Verdict object; without verdicts=True there are none."""
        claims = edge_claims("2024-05-01", "2024-06-01", "2024-01-01")
        checked = EDGE_BOOK.check_columns(**as_columns(claims), verdicts=True)
        assert checked.verdicts is not None
        assert checked.verdicts[0] is checked.verdicts[1]
        assert EDGE_BOOK.check_columns(**as_columns(claims)).verdicts is None

    def test_takes_identifier_objects_and_leaves_out_service_and_state(self) -> None:
        """NPI and EIN objects are taken as their text is; a column left out is all None."""
        checked = EDGE_BOOK.check_columns(
            provider=(NPI(EDGE_NPI),),
            payer=("medicare",),
            practice=(EIN(EDGE_TIN),),
            on=(date(2024, 5, 1),),
        )
        claim = Claim(provider=EDGE_NPI, payer="medicare", practice=EDGE_TIN, on="2024-05-01")
        assert [expected_row(EDGE_BOOK.can_bill(claim))] == [row(checked, 0)]
        assert (None,) == checked.rate

    def test_masks_an_ssn_tax_id(self) -> None:
        """A tax id column holding an SSN shows it masked."""
        checked = CheckedColumns(
            allowed=[True],
            codes=[[]],
            billing_npi=["1558598797"],
            tax_id=["123-45-6789"],
            rendering_npi=[None],
            rate=[None],
        )
        assert "6789" in repr(checked.tax_id)
        assert "123-45" not in repr(checked.tax_id)
        assert "123-45" not in repr(checked)

    def test_no_rows(self) -> None:
        """An empty batch gives empty columns."""
        checked = EDGE_BOOK.check_columns(provider=[], payer=[], practice=[], on=[])
        assert 0 == len(checked)
        assert ((), (), ()) == (checked.allowed, checked.codes, checked.rate)


class TestCheckColumnsArrays:
    """numpy arrays and Arrow arrays are taken as the lists they hold."""

    def test_numpy_arrays(self) -> None:
        """String arrays and datetime64 arrays of any unit give the list's answers."""
        numpy = pytest.importorskip("numpy")
        claims = edge_claims("2024-01-30", "2024-03-01", "2025-01-01")
        columns = as_columns(claims)
        expected = EDGE_BOOK.check_columns(**columns, verdicts=True)
        for unit in ("D", "s", "ns"):
            arrays = {name: numpy.array(values) for name, values in columns.items()}
            arrays["on"] = numpy.array([claim.on.isoformat() for claim in claims], f"M8[{unit}]")
            assert expected == EDGE_BOOK.check_columns(**arrays, verdicts=True)

    def test_a_numpy_scalar_is_not_a_column(self) -> None:
        """A 0-dimensional array is refused as a column, naming the argument."""
        numpy = pytest.importorskip("numpy")
        columns: dict[str, Any] = as_columns(edge_claims("2024-05-01"))
        columns["payer"] = numpy.array("medicare")
        with pytest.raises(CredkitError, match=r"argument\.payer: expected a column"):
            EDGE_BOOK.check_columns(**columns)

    def test_arrow_arrays(self) -> None:
        """Arrow string and date32 arrays give the list's answers."""
        arrow = pytest.importorskip("pyarrow")
        claims = edge_claims("2024-01-30", "2024-03-01", "2025-01-01")
        columns = as_columns(claims)
        expected = EDGE_BOOK.check_columns(**columns)
        arrays = {name: arrow.array(values) for name, values in columns.items()}
        assert expected == EDGE_BOOK.check_columns(**arrays)


class TestCheckColumnsRefuses:
    """Bad columns and bad items are CredkitErrors naming where they are."""

    def test_every_bad_item_is_reported_with_its_row(self) -> None:
        """Each item a Claim would refuse is listed as $.column[row], all at once."""
        columns = as_columns(edge_claims("2024-05-01", "2024-05-02", "2024-05-03"))
        columns["provider"][1] = "1234567890"
        columns["on"][2] = "2024-02-30"
        columns["state"][0] = "ZZ"
        with pytest.raises(InvalidData) as caught:
            EDGE_BOOK.check_columns(**columns)
        assert [
            "$.provider[1]: NPI 1234567890 fails its check digit (Luhn with prefix 80840); "
            "check for a typo",
            "$.state[0]: 'ZZ' is not a USPS state or territory code (such as 'NY' or 'PR')",
            "$.on[2]: '2024-02-30' is not a real calendar date",
        ] == list(caught.value.errors)

    def test_a_datetime_is_not_a_date(self) -> None:
        """A datetime in the date column is refused, as a Claim refuses it."""
        columns = as_columns(edge_claims("2024-05-01"))
        columns["on"] = [date(2024, 5, 1) + timedelta(0)]
        EDGE_BOOK.check_columns(**columns)
        from datetime import datetime

        columns["on"] = [datetime(2024, 5, 1, 9, 0)]
        with pytest.raises(InvalidData, match=r"\$\.on\[0\]: expected a date, got a datetime"):
            EDGE_BOOK.check_columns(**columns)

    def test_columns_of_different_lengths(self) -> None:
        """A column shorter than the provider column is named."""
        columns = as_columns(edge_claims("2024-05-01", "2024-05-02"))
        columns["payer"] = ["medicare"]
        with pytest.raises(CredkitError, match=r"argument\.payer: has 1 items, but provider has 2"):
            EDGE_BOOK.check_columns(**columns)

    @pytest.mark.parametrize("value", [None, "1234567893", 5, {"a": 1}, object()])
    def test_not_a_column(self, value: Any) -> None:
        """Something that is not a column of items is refused, naming the argument."""
        columns: dict[str, Any] = as_columns(edge_claims("2024-05-01"))
        columns["provider"] = value
        with pytest.raises(CredkitError, match=r"argument\.provider: expected a column"):
            EDGE_BOOK.check_columns(**columns)

    def test_verdicts_flag_is_a_boolean(self) -> None:
        """verdicts= takes True or False only."""
        with pytest.raises(CredkitError, match=r"argument\.verdicts"):
            EDGE_BOOK.check_columns(provider=[], payer=[], practice=[], on=[], verdicts=1)  # type: ignore[arg-type]


class TestCollector:
    """A batch leaves Python's garbage collector as it found it, on or off."""

    @pytest.mark.parametrize("enabled", [True, False])
    def test_collector_state_kept(self, enabled: bool) -> None:
        """After check() and check_columns(), the collector is on exactly when it was before."""
        import gc

        claims = edge_claims("2024-01-30", "2024-05-01")
        expected = [reference(EDGE_BOOK, claim) for claim in claims]
        was = gc.isenabled()
        try:
            if not enabled:
                gc.disable()
            fresh = Book(
                providers=EDGE_BOOK.providers,
                practices=EDGE_BOOK.practices,
                payers=EDGE_BOOK.payers,
                credentials=EDGE_BOOK.credentials,
                contracts=EDGE_BOOK.contracts,
            )
            assert expected == list(fresh.check(claims))
            assert enabled == gc.isenabled()
            checked = fresh.check_columns(**as_columns(claims), verdicts=True)
            assert expected == list(checked.verdicts or ())
            assert enabled == gc.isenabled()
        finally:
            if was:
                gc.enable()
