"""Provider: a clinician, with the documents payers verify when they credential one.

Payers check five things before they credential a provider: education and
licensure, training and certifications, work history, liability insurance, and
background checks. A :class:`Provider` carries each of them.
"""

import re
from datetime import date
from decimal import Decimal

import attrs

from credkit._convert import (
    an_argument,
    locate_errors,
    not_blank,
    strict_bool,
    to_date,
    to_enum,
    to_money,
    to_optional_date,
    tuple_of,
)
from credkit._enum import CredkitEnum
from credkit._fields import to_npi, to_period, to_state
from credkit.errors import InvalidValue
from credkit.identifiers import NPI, State
from credkit.periods import Period

__all__ = [
    "BackgroundCheck",
    "Certification",
    "Education",
    "Employment",
    "LiabilityPolicy",
    "License",
    "LicenseStatus",
    "Profession",
    "Provider",
]

_CAQH_ID = re.compile(r"[0-9]{1,12}")


class Profession(CredkitEnum):
    """The licensed behavioral-health professions payers distinguish.

    >>> Profession("clinical_social_worker")
    <Profession.CLINICAL_SOCIAL_WORKER: 'clinical_social_worker'>
    """

    PSYCHIATRIST = "psychiatrist"
    PSYCHOLOGIST = "psychologist"
    CLINICAL_SOCIAL_WORKER = "clinical_social_worker"
    PROFESSIONAL_COUNSELOR = "professional_counselor"
    MARRIAGE_FAMILY_THERAPIST = "marriage_family_therapist"
    PSYCHIATRIC_NURSE_PRACTITIONER = "psychiatric_nurse_practitioner"
    ADDICTION_COUNSELOR = "addiction_counselor"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The profession in words.

        >>> Profession.MARRIAGE_FAMILY_THERAPIST.label
        'marriage family therapist'
        """
        return self.value.replace("_", " ")


class LicenseStatus(CredkitEnum):
    """What the licensing board says of a license; only ``active`` lets a provider practice.

    >>> LicenseStatus("suspended")
    <LicenseStatus.SUSPENDED: 'suspended'>
    """

    ACTIVE = "active"
    INACTIVE = "inactive"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


def _to_profession(value: object) -> Profession:
    return to_enum(Profession, value)


def _to_license_status(value: object) -> LicenseStatus:
    return to_enum(LicenseStatus, value)


@locate_errors
@attrs.frozen(kw_only=True)
class License:
    """A state license to practice a profession, valid over ``effective``.

    >>> lic = License(state="ny", profession="psychologist", number="PSY-001",
    ...               effective=Period("2024-01-01", "2026-12-31"))
    >>> lic.state, lic.is_active(date(2025, 6, 1)), lic.is_active(date(2027, 1, 1))
    (<State.NY: 'NY'>, True, False)
    """

    state: State = attrs.field(converter=to_state)
    profession: Profession = attrs.field(converter=_to_profession)
    number: str = attrs.field(validator=not_blank)
    effective: Period = attrs.field(converter=to_period)
    status: LicenseStatus = attrs.field(default=LicenseStatus.ACTIVE, converter=_to_license_status)

    def is_active(self, on: date | str) -> bool:
        """Tell whether the license is active and within its period on ``on``."""
        day = on if type(on) is date else an_argument(to_date, on, "on")
        return self.status is LicenseStatus.ACTIVE and day in self.effective


@locate_errors
@attrs.frozen(kw_only=True)
class Education:
    """A completed degree.

    >>> Education(degree="MSW", institution="Hunter College", completed="2015-05-20").completed
    datetime.date(2015, 5, 20)
    """

    degree: str = attrs.field(validator=not_blank)
    institution: str = attrs.field(validator=not_blank)
    completed: date = attrs.field(converter=to_date)


@locate_errors
@attrs.frozen(kw_only=True)
class Certification:
    """A board certification or training credential, valid over ``effective``.

    >>> Certification(name="EMDR", issuer="EMDRIA", effective=Period("2020-01-01")).name
    'EMDR'
    """

    name: str = attrs.field(validator=not_blank)
    issuer: str = attrs.field(validator=not_blank)
    effective: Period = attrs.field(converter=to_period)


@locate_errors
@attrs.frozen(kw_only=True)
class Employment:
    """A stretch of work history.

    >>> Employment(employer="Eastside Clinic", effective=Period("2016-01-04", "2020-08-31"))
    Employment(employer='Eastside Clinic', effective=Period(start=datetime.date(2016, 1, 4), end=datetime.date(2020, 8, 31)))
    """

    employer: str = attrs.field(validator=not_blank)
    effective: Period = attrs.field(converter=to_period)


@locate_errors
@attrs.frozen(kw_only=True)
class LiabilityPolicy:
    """Professional liability (malpractice) insurance: limits per claim and in aggregate.

    Amounts are ``Decimal``; strings such as ``"1000000"`` are accepted, floats are not.

    >>> policy = LiabilityPolicy(carrier="CPH", per_claim="1000000", aggregate="3000000",
    ...                          effective=Period("2025-01-01", "2025-12-31"))
    >>> policy.per_claim
    Decimal('1000000')
    """

    carrier: str = attrs.field(validator=not_blank)
    per_claim: Decimal = attrs.field(converter=to_money)
    aggregate: Decimal = attrs.field(converter=to_money)
    effective: Period = attrs.field(converter=to_period)

    def __attrs_post_init__(self) -> None:
        if self.aggregate < self.per_claim:
            raise InvalidValue(
                f"the aggregate limit {self.aggregate} is below the per-claim limit "
                f"{self.per_claim}",
                owner="LiabilityPolicy",
                attribute="aggregate",
            )


@locate_errors
@attrs.frozen(kw_only=True)
class BackgroundCheck:
    """A background check: when it was completed and whether it passed.

    >>> BackgroundCheck(completed="2024-02-01", passed=True).passed
    True
    """

    completed: date = attrs.field(converter=to_date)
    passed: bool = attrs.field(validator=strict_bool)


def _to_caqh_id(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _CAQH_ID.fullmatch(value):
        raise InvalidValue("a CAQH ProView id is a string of up to 12 digits")
    return value


def _to_licenses(value: object) -> tuple[License, ...]:
    return tuple_of(License, value)


def _to_education(value: object) -> tuple[Education, ...]:
    return tuple_of(Education, value)


def _to_certifications(value: object) -> tuple[Certification, ...]:
    return tuple_of(Certification, value)


def _to_work_history(value: object) -> tuple[Employment, ...]:
    return tuple_of(Employment, value)


def _to_liability(value: object) -> tuple[LiabilityPolicy, ...]:
    return tuple_of(LiabilityPolicy, value)


def _to_background_checks(value: object) -> tuple[BackgroundCheck, ...]:
    return tuple_of(BackgroundCheck, value)


@locate_errors
@attrs.frozen(kw_only=True)
class Provider:
    """A clinician, identified by an individual (type 1) NPI.

    Lists may be given as any iterable; they are stored as tuples.

    >>> ana = Provider(npi="1234567893", name="Ana Ruiz, LCSW")
    >>> ana.npi, ana.licenses
    (NPI('1234567893'), ())
    >>> str(ana)
    'Ana Ruiz, LCSW (NPI 1234567893)'
    """

    npi: NPI = attrs.field(converter=to_npi)
    name: str = attrs.field(validator=not_blank)
    licenses: tuple[License, ...] = attrs.field(default=(), converter=_to_licenses)
    education: tuple[Education, ...] = attrs.field(default=(), converter=_to_education)
    certifications: tuple[Certification, ...] = attrs.field(
        default=(), converter=_to_certifications
    )
    work_history: tuple[Employment, ...] = attrs.field(default=(), converter=_to_work_history)
    liability: tuple[LiabilityPolicy, ...] = attrs.field(default=(), converter=_to_liability)
    background_checks: tuple[BackgroundCheck, ...] = attrs.field(
        default=(), converter=_to_background_checks
    )
    caqh_id: str | None = attrs.field(default=None, converter=_to_caqh_id)
    caqh_attested: date | None = attrs.field(default=None, converter=to_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.caqh_attested is not None and self.caqh_id is None:
            raise InvalidValue(
                "a CAQH attestation needs the CAQH ProView id (caqh_id) it was made in",
                owner="Provider",
                attribute="caqh_attested",
            )

    def __str__(self) -> str:
        return f"{self.name} (NPI {self.npi})"

    def active_licenses(self, on: date | str) -> tuple[License, ...]:
        """Return the licenses active on ``on``.

        >>> lic = License(state="NY", profession="psychologist", number="1",
        ...               effective=Period("2024-01-01"))
        >>> len(Provider(npi="1234567893", name="A", licenses=[lic]).active_licenses(date(2024, 1, 1)))
        1
        """
        day = on if type(on) is date else an_argument(to_date, on, "on")
        return tuple(license for license in self.licenses if license.is_active(day))
