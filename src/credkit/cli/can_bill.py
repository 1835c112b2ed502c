"""``credkit can-bill BOOK --provider NPI --payer ID --practice TIN --on DATE``: one claim."""

import argparse
from typing import TextIO

from credkit.claim import Claim
from credkit.cli._common import NO, OK, Refused, as_data, emit_json, load_book, verdict_data
from credkit.errors import CredkitError

__all__ = ["command"]


def command(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Run ``credkit can-bill``: exit 0 when the claim can be billed, 1 when not."""
    book = load_book(arguments.book)
    try:
        claim = Claim(
            provider=arguments.provider,
            payer=arguments.payer,
            practice=arguments.practice,
            on=arguments.on,
            service=arguments.service,
            state=arguments.state,
        )
    except CredkitError as error:
        # "Claim.provider: ..." names the option it came from.
        raise Refused(str(error).replace("Claim.", "--", 1)) from None
    verdict = book.can_bill(claim)
    if arguments.json:
        emit_json({"claim": as_data(claim), "verdict": verdict_data(verdict)}, out)
    else:
        out.write(str(verdict) + "\n")
    return OK if verdict else NO
