"""Synthetic 837P (005010X222A1) files: a small writer of valid batches, for tests and benchmarks.

A batch is described as data (:class:`Envelope` holding :class:`BillingLoop` s
holding :class:`ClaimSpec` s holding :class:`LineSpec` s) and :func:`write_837p`
writes it as X12 text with the separators asked for. The files it writes pass
pyx12's 837P validator (``tests/test_x12.py`` checks every fixture), so they can
stand in for what a billing system sends.
"""

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal

import attrs

__all__ = [
    "BillingLoop",
    "ClaimSpec",
    "Envelope",
    "LineSpec",
    "Separators",
    "write_837p",
]


@attrs.frozen(kw_only=True)
class Separators:
    """The ISA's separators, and whether each segment ends a line."""

    element: str = "*"
    component: str = ":"
    repetition: str = "^"
    segment: str = "~"
    newlines: bool = True


@attrs.frozen(kw_only=True)
class LineSpec:
    """One service line (loop 2400)."""

    service: str = "90837"
    modifiers: tuple[str, ...] = ()
    charge: Decimal = Decimal("150.00")
    start: date = date(2025, 3, 4)
    end: date | None = None  # a range (RD8) when given
    place: str | None = None  # SV105, when it differs from the claim's
    rendering_npi: str | None = None  # loop 2420A
    rendering_name: tuple[str, str] = ("SMITH", "PAT")


@attrs.frozen(kw_only=True)
class ClaimSpec:
    """One claim (loop 2300) with its subscriber and payer (loops 2000B, 2010BA, 2010BB)."""

    id: str
    payer_id: str = "62308"
    payer_name: str = "CIGNA"
    rendering_npi: str | None = None  # loop 2310B
    rendering_name: tuple[str, str] = ("RUIZ", "ANA")
    facility_state: str | None = None  # loop 2310C's N4-02
    place: str = "11"
    lines: tuple[LineSpec, ...] = (LineSpec(),)
    member_id: str = "W123456789"


@attrs.frozen(kw_only=True)
class BillingLoop:
    """A billing provider (loops 2000A, 2010AA, 2010AB) and the claims billed under it."""

    npi: str
    name: str = "HARBOR THERAPY"
    person: tuple[str, str] | None = None  # (last, first) for a type-1 billing provider
    tax_qualifier: str = "EI"  # EI (EIN) or SY (SSN)
    tax_id: str = "123456789"
    state: str = "NY"
    pay_to_state: str | None = None  # loop 2010AB, when given
    claims: tuple[ClaimSpec, ...] = ()


@attrs.frozen(kw_only=True)
class Envelope:
    """One interchange (ISA/IEA) holding one functional group with one transaction set."""

    control: int = 1
    billing: tuple[BillingLoop, ...] = ()
    created: date = date(2025, 3, 10)
    version: str = "005010X222A1"
    interchange_version: str = "00501"  # ISA12; a 4010 file has 00401 with version 004010X098A1


def _segments(envelope: Envelope, sep: Separators) -> Iterator[list[str]]:
    """The segments of one interchange, each as its elements."""
    control = f"{envelope.control:09d}"
    day = envelope.created.strftime("%Y%m%d")
    yield [
        "ISA",
        "00",
        " " * 10,
        "00",
        " " * 10,
        "ZZ",
        "SUBMITTER".ljust(15),
        "ZZ",
        "RECEIVER".ljust(15),
        day[2:],
        "1200",
        sep.repetition if envelope.interchange_version == "00501" else "U",
        envelope.interchange_version,
        control,
        "0",
        "T",
        sep.component,
    ]
    yield [
        "GS",
        "HC",
        "SUBMITTER",
        "RECEIVER",
        day,
        "1200",
        str(envelope.control),
        "X",
        envelope.version,
    ]
    yield from _transaction(envelope, sep)
    yield ["GE", "1", str(envelope.control)]
    yield ["IEA", "1", control]


def _transaction(envelope: Envelope, sep: Separators) -> Iterator[list[str]]:
    segments: list[list[str]] = []
    add = segments.append
    add(["ST", "837", "0001", envelope.version])
    add(
        [
            "BHT",
            "0019",
            "00",
            f"B{envelope.control}",
            envelope.created.strftime("%Y%m%d"),
            "1200",
            "CH",
        ]
    )
    add(["NM1", "41", "2", "HARBOR BILLING", "", "", "", "", "46", "SUB001"])
    add(["PER", "IC", "BILLING OFFICE", "TE", "2125550100"])
    add(["NM1", "40", "2", "CLEARINGHOUSE", "", "", "", "", "46", "REC001"])
    hl = 0
    for billing in envelope.billing:
        hl += 1
        parent = hl
        add(["HL", str(hl), "", "20", "1"])
        if billing.person is None:
            add(["NM1", "85", "2", billing.name, "", "", "", "", "XX", billing.npi])
        else:
            last, first = billing.person
            add(["NM1", "85", "1", last, first, "", "", "", "XX", billing.npi])
        add(["N3", "1 MAIN ST"])
        add(["N4", "ALBANY", billing.state, "122070001"])
        add(["REF", billing.tax_qualifier, billing.tax_id])
        if billing.pay_to_state is not None:
            add(["NM1", "87", "2"])
            add(["N3", "PO BOX 100"])
            add(["N4", "ALBANY", billing.pay_to_state, "122070100"])
        for claim in billing.claims:
            hl += 1
            add(["HL", str(hl), str(parent), "22", "0"])
            add(["SBR", "P", "18", "", "", "", "", "", "", "CI"])
            add(["NM1", "IL", "1", "DOE", "JANE", "", "", "", "MI", claim.member_id])
            add(["N3", "2 ELM ST"])
            add(["N4", "ALBANY", "NY", "12207"])
            add(["DMG", "D8", "19800101", "F"])
            add(["NM1", "PR", "2", claim.payer_name, "", "", "", "", "PI", claim.payer_id])
            total = sum((line.charge for line in claim.lines), Decimal(0))
            add(
                [
                    "CLM",
                    claim.id,
                    _money(total),
                    "",
                    "",
                    sep.component.join([claim.place, "B", "1"]),
                    "Y",
                    "A",
                    "Y",
                    "Y",
                ]
            )
            add(["HI", sep.component.join(["ABK", "F411"])])
            if claim.rendering_npi is not None:
                last, first = claim.rendering_name
                add(["NM1", "82", "1", last, first, "", "", "", "XX", claim.rendering_npi])
                add(["PRV", "PE", "PXC", "1041C0700X"])
            if claim.facility_state is not None:
                add(["NM1", "77", "2", "SATELLITE OFFICE", "", "", "", "", "XX", "1245319599"])
                add(["N3", "9 RIVER RD"])
                add(["N4", "HOBOKEN", claim.facility_state, "07030"])
            for number, line in enumerate(claim.lines, start=1):
                add(["LX", str(number)])
                procedure = sep.component.join(["HC", line.service, *line.modifiers])
                add(
                    [
                        "SV1",
                        procedure,
                        _money(line.charge),
                        "UN",
                        "1",
                        line.place or "",
                        "",
                        "1",
                    ]
                )
                if line.end is None:
                    add(["DTP", "472", "D8", line.start.strftime("%Y%m%d")])
                else:
                    dates = f"{line.start:%Y%m%d}-{line.end:%Y%m%d}"
                    add(["DTP", "472", "RD8", dates])
                if line.rendering_npi is not None:
                    last, first = line.rendering_name
                    add(["NM1", "82", "1", last, first, "", "", "", "XX", line.rendering_npi])
    add(["SE", str(len(segments) + 1), "0001"])
    yield from segments


def _money(amount: Decimal) -> str:
    """An X12 amount: no trailing zeros after the point, no point for a whole amount."""
    return format(amount.normalize(), "f")


def _join(elements: list[str], sep: Separators) -> str:
    # X12 drops trailing empty elements.
    while elements and elements[-1] == "":
        elements = elements[:-1]
    return sep.element.join(elements)


def write_837p(envelopes: Iterable[Envelope], separators: Separators | None = None) -> str:
    """Write the interchanges as one file's text."""
    sep = separators or Separators()
    ending = sep.segment + ("\n" if sep.newlines else "")
    parts = []
    for envelope in envelopes:
        for elements in _segments(envelope, sep):
            # The ISA is fixed width: its trailing separator element is never dropped.
            text = sep.element.join(elements) if elements[0] == "ISA" else _join(elements, sep)
            parts.append(text + ending)
    return "".join(parts)
