"""``credkit add-provider BOOK --practice TIN --provider PROVIDER --on DATE``: a hire's plans."""

import argparse
from typing import TextIO

from credkit.book import Book
from credkit.cli._common import NO, OK, Refused, as_data, emit_json, indented, load
from credkit.errors import CredkitError
from credkit.identifiers import parse_tax_id
from credkit.provider import Provider

__all__ = ["command"]


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit add-provider``: exit 0 when every payer can take the provider."""
    book = load(arguments.book, Book, "book")
    provider = load(arguments.provider, Provider, "provider")
    try:
        tin = parse_tax_id(arguments.practice)
    except CredkitError as error:
        raise Refused(f"--practice: {error}") from None
    plans = book.adding_provider(tin, provider, on=arguments.on)
    if arguments.json:
        emit_json(
            {"provider": provider.name, "plans": {k: as_data(p) for k, p in plans.items()}},
            out,
        )
    else:
        lines = [f"Adding {provider} on {arguments.on.isoformat()}"]
        for plan in plans.values():
            lines += indented(plan)
        out.write("\n".join(lines) + "\n")
    return OK if plans and all(plans.values()) else NO
