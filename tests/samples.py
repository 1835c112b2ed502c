"""Sample books shared by more than one test module."""

import attrs

from credkit import Book, Credential, OptOut, Period
from credkit.catalog import MEDICARE


def with_medicare(book: Book, *, enrolled: str, opted_out: str) -> Book:
    """``book`` with Medicare: ``enrolled`` approved from 2025-01-01, ``opted_out`` opted out from 2025-03-03."""
    return attrs.evolve(
        book,
        payers=(*book.payers, MEDICARE),
        credentials=(
            *book.credentials,
            Credential(
                provider=enrolled,
                payer="medicare",
                status="approved",
                effective=Period("2025-01-01"),
            ),
        ),
        opt_outs=[
            OptOut(provider=opted_out, payer="medicare", signed="2025-03-03", start="2025-03-03")
        ],
    )
