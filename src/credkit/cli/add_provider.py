"""``credkit add-provider BOOK --practice TIN --provider PROVIDER --on DATE``: a hire's plans.

``--provider`` is a provider file (someone new), or the NPI of a provider the book
already holds (someone on another practice's roster, or coming back).
"""

import argparse
import os
import re
from typing import TextIO

from credkit.book import Book
from credkit.cli._common import (
    NO,
    OK,
    Refused,
    as_data,
    emit_json,
    indented,
    load,
    load_book,
    practice_tin,
    unknown_practice,
)
from credkit.errors import CredkitError
from credkit.identifiers import NPI
from credkit.provider import Provider

__all__ = ["command", "the_provider"]

_NPI_LIKE = re.compile(r"[0-9]{10}")


def the_provider(book: Book, given: str) -> Provider:
    """The provider ``--provider`` names: a provider file, or the NPI of one in the book.

    A file of that name wins over an NPI, so that a file can always be given.
    """
    if os.path.exists(given) or not _NPI_LIKE.fullmatch(given):
        return load(given, Provider, "provider")
    try:
        npi = NPI(given)
    except CredkitError as error:
        raise Refused(f"--provider: {error}") from None
    provider = book.provider(npi)
    if provider is None:
        raise Refused(
            f"--provider: the book holds no provider with NPI {npi}; "
            "for someone new, give a provider file (PROVIDER.json)"
        )
    return provider


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit add-provider``: exit 0 when every payer can take the provider."""
    book = load_book(arguments.book)
    provider = the_provider(book, arguments.provider)
    tin = practice_tin(arguments.practice)
    unknown = unknown_practice(book, tin, arguments.on)
    if unknown is not None:
        # Once, not once per payer: no payer's plan can be made for a practice not in the book.
        if arguments.json:
            emit_json({"provider": provider.name, "plans": {}, "reasons": [as_data(unknown)]}, out)
        else:
            out.write(f"{unknown}\n")
        return NO
    plans = book.adding_provider(tin, provider, on=arguments.on)
    if arguments.json:
        emit_json(
            {
                "provider": provider.name,
                "plans": {k: as_data(p) for k, p in plans.items()},
                "reasons": [],
            },
            out,
        )
    else:
        lines = [f"Adding {provider} on {arguments.on.isoformat()}"]
        for plan in plans.values():
            lines += indented(plan)
        out.write("\n".join(lines) + "\n")
    return OK if plans and all(plans.values()) else NO
