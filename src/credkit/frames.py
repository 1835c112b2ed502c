"""pandas in and out: a DataFrame of claims checked, the same frame with verdict columns out.

Needs the ``frames`` extra (``pip install 'credkit[frames]'``: pandas and numpy).
:func:`check_frame` reads the claim columns of a frame, answers them with
:meth:`credkit.Book.check_columns` (no :class:`~credkit.Claim` per row), and gives
back a copy of the frame with these columns added:

``allowed``
    booleans;
``codes``
    the blocking reason codes, ``;``-separated (empty when allowed);
``billing_npi``, ``tax_id``, ``rendering_npi``
    strings, or missing when refused (``rendering_npi`` also when it is the
    billing NPI); a tax id that is an SSN is masked (``***-**-1234``);
``rate``
    the contracted rate as a ``Decimal``, or missing.

Missing values (``NaN``, ``None``, ``pd.NA``) in the ``service`` and ``state``
columns mean none was given; in the others they are refused, as a
:class:`~credkit.Claim` refuses them, each reported as ``$.column[row]`` with the
row's position in the frame.
"""

from collections.abc import Mapping
from typing import Any

from credkit.answers import CheckedColumns
from credkit.book import Book
from credkit.errors import CredkitError, InvalidValue

try:
    import pandas
except ImportError:  # pragma: no cover - CI installs every extra
    raise CredkitError("credkit.frames needs pandas: pip install 'credkit[frames]'") from None

__all__ = ["VERDICT_COLUMNS", "check_frame"]

# The claim fields a frame's columns are read as, and the columns added to it.
CLAIM_FIELDS = ("provider", "payer", "practice", "on", "service", "state")
VERDICT_COLUMNS = ("allowed", "codes", "billing_npi", "tax_id", "rendering_npi", "rate")
"""The columns check_frame adds to a frame, one per field of the verdict, in this order."""
_OPTIONAL = ("service", "state")


def _names(frame: Any, columns: Mapping[str, str] | None) -> dict[str, str]:
    """Which column of the frame holds each claim field."""
    if columns is None:
        columns = {}
    if not isinstance(columns, Mapping):
        raise InvalidValue(
            "expected a mapping of claim field to column name, such as "
            "{'provider': 'rendering_npi_given'}",
            owner="argument",
            attribute="columns",
        )
    unknown = sorted(str(name) for name in columns if name not in CLAIM_FIELDS)
    if unknown:
        raise InvalidValue(
            f"{', '.join(unknown)}: not a claim field (the fields are {', '.join(CLAIM_FIELDS)})",
            owner="argument",
            attribute="columns",
        )
    names = {field: columns.get(field, field) for field in CLAIM_FIELDS}
    for field, name in names.items():
        if name not in frame.columns and (field not in _OPTIONAL or field in columns):
            raise InvalidValue(
                f"the frame has no column {name!r} for the claims' {field}",
                owner="argument",
                attribute="df",
            )
    taken = sorted(set(VERDICT_COLUMNS) & {str(name) for name in frame.columns})
    if taken:
        raise InvalidValue(
            f"the frame already has {', '.join(taken)}: rename them, the verdict goes there",
            owner="argument",
            attribute="df",
        )
    return {field: name for field, name in names.items() if name in frame.columns}


def _values(series: Any) -> Any:
    """A frame's column as check_columns takes it: dates as datetime64, missing as None."""
    if series.dtype.kind == "M":
        return series.to_numpy()
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def check_frame(book: Book, df: Any, *, columns: Mapping[str, str] | None = None) -> Any:
    """Check every row of a DataFrame of claims; a copy of it with the verdict columns added.

    ``columns`` maps a claim field (``provider``, ``payer``, ``practice``, ``on``,
    ``service``, ``state``) to the frame's column holding it, for those not named
    so; ``service`` and ``state`` may be absent. Row by row the answers are those
    of ``book.can_bill`` for the claim the row describes.

    >>> import pandas
    >>> from credkit import Book, Payer, Practice, Provider
    >>> book = Book(providers=[Provider(npi="1234567893", name="Ana Ruiz")],
    ...             practices=[Practice(name="Harbor", tin="12-3456789", states=["NY"])],
    ...             payers=[Payer(id="aetna", name="Aetna")])
    >>> claims = pandas.DataFrame({"npi": ["1234567893"], "payer": ["cigna"],
    ...     "practice": ["12-3456789"], "on": ["2025-01-06"]})
    >>> checked = check_frame(book, claims, columns={"provider": "npi"})
    >>> checked[["npi", "allowed", "codes"]]
              npi  allowed          codes
    0  1234567893    False  unknown_payer
    """
    if not isinstance(book, Book):
        raise InvalidValue(
            f"expected a Book, got {type(book).__name__}", owner="argument", attribute="book"
        )
    if not isinstance(df, pandas.DataFrame):
        raise InvalidValue(
            f"expected a pandas DataFrame, got {type(df).__name__}",
            owner="argument",
            attribute="df",
        )
    names = _names(df, columns)
    given = {field: _values(df[name]) for field, name in names.items()}
    checked = book.check_columns(**given)
    return _with_verdicts(df, checked)


def _with_verdicts(df: Any, checked: CheckedColumns) -> Any:
    """A copy of ``df`` with the verdict columns of ``checked``."""
    text = pandas.StringDtype()
    added = pandas.DataFrame(
        {
            "allowed": pandas.Series(checked.allowed, dtype=bool, index=df.index),
            "codes": pandas.Series(
                [";".join(code.value for code in codes) for codes in checked.codes],
                dtype=text,
                index=df.index,
            ),
            "billing_npi": _texts(checked.billing_npi, df.index),
            "tax_id": _texts(checked.tax_id, df.index),
            "rendering_npi": _texts(checked.rendering_npi, df.index),
            "rate": pandas.Series(checked.rate, dtype=object, index=df.index),
        },
        index=df.index,
    )
    return pandas.concat([df, added], axis=1)


def _texts(values: tuple[object, ...], index: Any) -> Any:
    """Identifiers as strings (an SSN masked, as its str is), missing where there is none."""
    shown = {value: str(value) for value in set(values) if value is not None}
    return pandas.Series(
        [shown.get(value) for value in values], dtype=pandas.StringDtype(), index=index
    )
