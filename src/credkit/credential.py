"""Credential: a payer's verification of one provider. Approval alone does not let anyone bill."""

from datetime import date

import attrs

from credkit._convert import locate_errors, to_enum, to_optional_date, to_payer_id
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_optional_period
from credkit.errors import InvalidValue
from credkit.identifiers import NPI
from credkit.periods import Period

__all__ = ["Credential", "CredentialStatus"]


class CredentialStatus(CredkitEnum):
    """Where a provider's credentialing with a payer stands.

    >>> CredentialStatus("approved")
    <CredentialStatus.APPROVED: 'approved'>
    """

    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"


def _to_status(value: object) -> CredentialStatus:
    return to_enum(CredentialStatus, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Credential:
    """One provider's credentialing with one payer.

    An approved credential holds over ``effective``, which it must have. A
    terminated one held over ``effective`` too, which must have an end: the last
    day it held. On the days of its period it holds as an approved one does, and
    on no day after.

    >>> Credential(provider="1234567893", payer="cigna", status="approved",
    ...            effective=Period("2024-03-01")).status
    <CredentialStatus.APPROVED: 'approved'>
    >>> Credential(provider="1234567893", payer="cigna", status="approved")
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: Credential.effective: an approved credential needs an effective period
    >>> Credential(provider="1234567893", payer="cigna", status="terminated",
    ...            effective=Period("2024-03-01"))
    Traceback (most recent call last):
    ...
    credkit.errors.InvalidValue: Credential.effective: a terminated credential needs an effective period with an end: add effective.end, the last day it held
    """

    provider: NPI = attrs.field(converter=to_npi)
    payer: str = attrs.field(converter=to_payer_id)
    status: CredentialStatus = attrs.field(converter=_to_status)
    submitted: date | None = attrs.field(default=None, converter=to_optional_date)
    effective: Period | None = attrs.field(default=None, converter=to_optional_period)

    def __attrs_post_init__(self) -> None:
        if self.status is CredentialStatus.APPROVED and self.effective is None:
            raise InvalidValue(
                "an approved credential needs an effective period",
                owner="Credential",
                attribute="effective",
            )
        if self.status is CredentialStatus.TERMINATED and (
            self.effective is None or self.effective.end is None
        ):
            raise InvalidValue(
                "a terminated credential needs an effective period with an end: "
                "add effective.end, the last day it held",
                owner="Credential",
                attribute="effective",
            )
