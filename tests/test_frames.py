"""credkit.frames: a DataFrame of claims in, the same frame with verdict columns out."""

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

from credkit import Book, Claim, CredkitError, InvalidData
from tests import strategies as cs
from tests.test_columns import EDGE_BOOK, as_columns, edge_claims, reference

pandas = pytest.importorskip("pandas")
frames = pytest.importorskip("credkit.frames")


def expected_columns(book: Book, claims: list[Claim]) -> dict[str, list[Any]]:
    """The verdict columns check_frame should add, from can_bill's verdicts."""
    verdicts = [reference(book, claim) for claim in claims]
    billing = [verdict.billing for verdict in verdicts]
    return {
        "allowed": [verdict.allowed for verdict in verdicts],
        "codes": [";".join(code.value for code in verdict.codes) for verdict in verdicts],
        "billing_npi": [str(b.billing_npi) if b else None for b in billing],
        "tax_id": [str(b.tax_id) if b else None for b in billing],
        "rendering_npi": [str(b.rendering_npi) if b and b.rendering_npi else None for b in billing],
        "rate": [verdict.rate for verdict in verdicts],
    }


def plain(series: Any) -> list[Any]:
    """A column's values, missing ones as None."""
    return [None if pandas.isna(value) else value for value in series.tolist()]


class TestCheckFrame:
    """check_frame adds, row by row, what can_bill says of the claim the row describes."""

    @given(cs.batches())
    def test_equals_can_bill(self, batch: tuple[Book, list[Claim]]) -> None:
        """Every verdict column of every row is what can_bill's verdict holds."""
        book, claims = batch
        frame = pandas.DataFrame(as_columns(claims))
        checked = frames.check_frame(book, frame)
        expected = expected_columns(book, claims)
        assert expected == {name: plain(checked[name]) for name in expected}
        assert list(frame.columns) == list(checked.columns)[: len(frame.columns)]

    def test_dtypes_and_masked_ssn(self) -> None:
        """allowed is boolean, identifiers strings, rates Decimals; an SSN is masked."""
        claims = edge_claims("2024-01-30", "2024-05-01")
        checked = frames.check_frame(EDGE_BOOK, pandas.DataFrame(as_columns(claims)))
        assert "bool" == str(checked["allowed"].dtype)
        assert isinstance(checked["billing_npi"].dtype, pandas.StringDtype)
        assert [None, Decimal("150.00")] == plain(checked["rate"])
        assert ["not_credentialed;not_contracted", ""] == plain(checked["codes"])

    def test_renamed_columns_dates_and_missing_service(self) -> None:
        """Columns named otherwise are mapped; datetime64 dates and NaN services are read."""
        claims = edge_claims("2024-01-30", "2024-05-01")
        columns = as_columns(claims)
        frame = pandas.DataFrame(
            {
                "npi": columns["provider"],
                "payer": columns["payer"],
                "tin": columns["practice"],
                "dos": pandas.to_datetime([claim.on for claim in claims]),
                "cpt": [None, float("nan")],
            },
            index=[10, 20],
        )
        checked = frames.check_frame(
            EDGE_BOOK,
            frame,
            columns={"provider": "npi", "practice": "tin", "on": "dos", "service": "cpt"},
        )
        expected = expected_columns(
            EDGE_BOOK,
            [
                Claim(provider=c.provider, payer=c.payer, practice=c.practice, on=c.on)
                for c in claims
            ],
        )
        assert expected == {name: plain(checked[name]) for name in expected}
        assert [10, 20] == list(checked.index)

    def test_missing_required_value_is_reported_by_position(self) -> None:
        """A missing provider is refused as $.provider[row], the row's position."""
        frame = pandas.DataFrame(as_columns(edge_claims("2024-05-01", "2024-05-02")))
        frame.loc[1, "provider"] = None
        with pytest.raises(InvalidData, match=r"\$\.provider\[1\]: .*got null"):
            frames.check_frame(EDGE_BOOK, frame)

    def test_refuses_what_it_cannot_read(self) -> None:
        """A missing column, a clash with a verdict column, a bad mapping or a non-frame."""
        frame = pandas.DataFrame(as_columns(edge_claims("2024-05-01")))
        with pytest.raises(CredkitError, match="no column 'dos'"):
            frames.check_frame(EDGE_BOOK, frame, columns={"on": "dos"})
        with pytest.raises(CredkitError, match="already has allowed"):
            frames.check_frame(EDGE_BOOK, frame.assign(allowed=True))
        with pytest.raises(CredkitError, match="when: not a claim field"):
            frames.check_frame(EDGE_BOOK, frame, columns={"when": "on"})
        with pytest.raises(CredkitError, match=r"argument\.columns"):
            frames.check_frame(EDGE_BOOK, frame, columns=["on"])  # type: ignore[arg-type]
        with pytest.raises(CredkitError, match="expected a pandas DataFrame"):
            frames.check_frame(EDGE_BOOK, as_columns(edge_claims("2024-05-01")))
        with pytest.raises(CredkitError, match="expected a Book"):
            frames.check_frame(None, frame)  # type: ignore[arg-type]

    def test_empty_frame(self) -> None:
        """A frame with no rows gets the verdict columns, empty."""
        frame = pandas.DataFrame(as_columns([]))
        checked = frames.check_frame(EDGE_BOOK, frame)
        assert 0 == len(checked)
        assert set(frames.VERDICT_COLUMNS) <= set(checked.columns)

    def test_import_credkit_leaves_pandas_alone(self) -> None:
        """import credkit never imports pandas or numpy."""
        import subprocess
        import sys

        code = "import sys, credkit; print('pandas' in sys.modules, 'numpy' in sys.modules)"
        found = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False False" == found.stdout.strip()

    def test_without_pandas_names_the_extra(self) -> None:
        """Without pandas, importing credkit.frames raises a CredkitError naming the extra."""
        import subprocess
        import sys

        code = (
            "import sys; sys.modules['pandas'] = None\n"
            "from credkit import CredkitError\n"
            "try:\n    import credkit.frames\n"
            "except CredkitError as error:\n    print(error)"
        )
        found = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "credkit.frames needs pandas: pip install 'credkit[frames]'" == found.stdout.strip()
