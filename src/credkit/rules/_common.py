"""Pieces the rules share: reading the arguments, licensing, credential standing, wording."""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple, TypeVar

from credkit._convert import describe, to_date
from credkit._fields import to_optional_state
from credkit.answers import Code, Reason
from credkit.contract import Contract, ContractStatus
from credkit.credential import Credential, CredentialStatus
from credkit.errors import InvalidValue
from credkit.identifiers import State
from credkit.opt_out import OptOut
from credkit.payer import Payer
from credkit.periods import Period
from credkit.practice import Practice
from credkit.provider import License, LicenseStatus, Provider

T = TypeVar("T")


def reason(code: Code, message: str) -> Reason:
    """A finding, built as the rules build every answer (see :func:`credkit.answers.checked`).

    Its two fields are set one by one, as ``checked`` sets them: a batch builds
    one for every stretch that is refused.
    """
    found = object.__new__(Reason)
    object.__setattr__(found, "code", code)
    object.__setattr__(found, "message", message)
    return found


def argument(kind: type[T], value: object, name: str) -> T:
    """Check that a question's argument is what it should be, naming it if not."""
    if not isinstance(value, kind):
        raise InvalidValue(
            f"expected a {kind.__name__}, got {describe(value)}", owner="argument", attribute=name
        )
    return value


def items(kind: type[T], values: object, name: str) -> tuple[T, ...]:
    """Check that a question's collection argument holds only ``kind``."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValue(
            f"expected a list of {kind.__name__}, got {describe(values)}",
            owner="argument",
            attribute=name,
        )
    checked = tuple(values)
    for index, value in enumerate(checked):
        if not isinstance(value, kind):
            raise InvalidValue(
                f"item {index} must be a {kind.__name__}, got {describe(value)}",
                owner="argument",
                attribute=name,
            )
    return checked


def whole_number(value: object, name: str, unit: str, maximum: int | None = None) -> int:
    """A question's count argument: a whole number, not negative (``unit`` names what it counts).

    ``maximum``, when given, bounds it, for a count that ends up in an answer.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(
            f"expected a whole number of {unit}, got {describe(value)}",
            owner="argument",
            attribute=name,
        )
    if value < 0:
        raise InvalidValue("must not be negative", owner="argument", attribute=name)
    if maximum is not None and value > maximum:
        raise InvalidValue(f"must be at most {maximum:,}", owner="argument", attribute=name)
    return value


def day(value: object) -> date:
    """The date a question is asked on: a ``date`` or an ISO string."""
    try:
        return to_date(value)
    except InvalidValue as error:
        raise error.located("argument", "on") from None


def state_of_service(value: object) -> State | None:
    """The optional state of service."""
    try:
        return to_optional_state(value)
    except InvalidValue as error:
        raise error.located("argument", "state") from None


def state_list(states: Iterable[State]) -> str:
    """Name states for a message: ``NY`` or ``NJ or NY``."""
    return " or ".join(sorted(state.value for state in states))


class Licensing(NamedTuple):
    """What a provider's licenses allow, in some states, for one payer, on one date."""

    active: tuple[License, ...]
    accepted: tuple[License, ...]

    @property
    def reasons(self) -> tuple[Code, ...]:
        """``not_licensed`` or ``profession_not_accepted``, or nothing."""
        if not self.active:
            return (Code.NOT_LICENSED,)
        if not self.accepted:
            return (Code.PROFESSION_NOT_ACCEPTED,)
        return ()


def licensing(provider: Provider, payer: Payer, states: Iterable[State], on: date) -> Licensing:
    """Find the provider's active licenses in ``states`` on ``on``, and those the payer accepts."""
    wanted = states if isinstance(states, frozenset) else frozenset(states)
    # License.is_active and PayerRules.accepts, for values already checked, in loops
    # rather than comprehensions: this runs for each stretch of a batch, over a
    # provider's license or two.
    found = []
    for license in provider.licenses:
        if license.state in wanted and license.status is LicenseStatus.ACTIVE:
            period = license.effective
            end = period.end
            if period.start <= on and (end is None or on <= end):
                found.append(license)
    active = tuple(found)
    if not active:
        return Licensing(active, active)
    rules = payer.rules
    professions, periods = rules.professions, rules.profession_periods
    found = []
    for license in active:
        profession = license.profession
        if professions is not None and profession not in professions:
            continue
        accepted_in = periods.get(profession)
        if accepted_in is None or on in accepted_in:
            found.append(license)
    return Licensing(active, tuple(found))


def not_accepted_message(payer: Payer, provider: Provider, licenses: Iterable[License]) -> str:
    """Why none of these licenses' professions is accepted; from when, when it is dated."""
    professions = sorted({license.profession for license in licenses}, key=lambda p: p.label)
    dated = [
        f"{profession.label} only for services {period}"
        for profession in professions
        if (period := payer.rules.accepted_in(profession)) is not None
        and payer.rules.accepts(profession)
    ]
    labels = ", ".join(profession.label for profession in professions)
    if dated:
        return (
            f"{payer.name} does not accept the profession of {provider.name}'s license there "
            f"on that date ({labels}): it accepts {'; '.join(dated)}"
        )
    return (
        f"{payer.name} does not credential the profession of {provider.name}'s "
        f"license there ({labels})"
    )


def licensing_reason(
    provider: Provider, payer: Payer, states: Iterable[State], found: Licensing
) -> Reason | None:
    """Explain a licensing gap, or ``None`` when the provider is licensed and accepted."""
    if not found.active:
        return reason(
            Code.NOT_LICENSED,
            f"{provider.name} holds no active license in {state_list(states)}",
        )
    if not found.accepted:
        return reason(
            Code.PROFESSION_NOT_ACCEPTED, not_accepted_message(payer, provider, found.active)
        )
    return None


def holds(credential: Credential) -> bool:
    """Whether a credential holds on the days of its period: approved, or terminated.

    A terminated credential held until the last day of its period, and no longer.
    """
    return credential.effective is not None and credential.status in GRANTED


def signed(contract: Contract) -> bool:
    """Whether a contract covers the days of its term: executed, or terminated.

    A terminated contract covered its term, to its last day, and no longer.
    """
    return contract.effective is not None and contract.status in _SIGNED


GRANTED = frozenset({CredentialStatus.APPROVED, CredentialStatus.TERMINATED})
_SIGNED = frozenset({ContractStatus.EXECUTED, ContractStatus.TERMINATED})


def term_start(contract: Contract) -> date:
    """The first day of an executed or terminated contract's term."""
    assert contract.effective is not None  # signed contracts have their term
    return contract.effective.start


def credential_start(credential: Credential) -> date:
    """When a credential began, for telling which is the most recent."""
    if credential.effective is not None:
        return credential.effective.start
    return credential.submitted or date.min


def on_file(first: date | None, effective: Period | None, on: date) -> bool:
    """Whether a record was on file by ``on``: submitted or signed, or in effect, by then.

    A record that gives neither date may have been there all along. Only what was
    on file by a date speaks for it: an application made later does not explain
    why an earlier claim was refused.
    """
    if first is None and effective is None:
        return True
    return (first is not None and first <= on) or (effective is not None and effective.start <= on)


def most_recent(credentials: Iterable[Credential], on: date) -> Credential | None:
    """The credential on file by ``on`` that started (or was submitted) last.

    The later one listed wins a tie.
    """
    latest: Credential | None = None
    for credential in credentials:
        if not on_file(credential.submitted, credential.effective, on):
            continue
        if latest is None or credential_start(credential) >= credential_start(latest):
            latest = credential
    return latest


def credential_reason(
    provider: Provider, payer: Payer, credential: Credential | None, *, later: bool = False
) -> Reason:
    """Explain why no credential is in effect, from the most recent one on file (or none).

    ``later`` says that credentials exist, none of them on file by the date.
    """
    who = f"{provider.name} with {payer.name}"
    if credential is None:
        if later:
            return reason(
                Code.NOT_CREDENTIALED,
                f"{who}: no credentialing was on file by that date; it came later",
            )
        return reason(Code.NOT_CREDENTIALED, f"{who}: no credentialing on file")
    status = credential.status
    if status is CredentialStatus.PENDING:
        since = f", submitted {credential.submitted.isoformat()}" if credential.submitted else ""
        return reason(Code.CREDENTIALING_PENDING, f"{who}: credentialing is pending{since}")
    if status is CredentialStatus.DENIED:
        return reason(Code.CREDENTIALING_DENIED, f"{who}: credentialing was denied")
    if status is CredentialStatus.WITHDRAWN:
        return reason(
            Code.NOT_CREDENTIALED,
            f"{who}: the credentialing application was withdrawn",
        )
    if status is CredentialStatus.TERMINATED:
        return reason(
            Code.CREDENTIAL_NOT_IN_EFFECT,
            f"{who}: the credential was terminated; it held {credential.effective}, "
            "not on that date",
        )
    return reason(
        Code.CREDENTIAL_NOT_IN_EFFECT,
        f"{who}: the credential is in effect {credential.effective}, not on that date",
    )


def practice_states(practice: Practice, state: State | None) -> frozenset[State]:
    """The states a question is about: the state of service, or the practice's states."""
    return frozenset({state}) if state is not None else practice.states


def opt_out_reason(
    provider: Provider, payer: Payer, opt_outs: Iterable[OptOut], on: date
) -> Reason | None:
    """``opted_out`` when one of the provider's opt-outs of the payer is in force on ``on``.

    The message names the end of the two-year period in progress, never ``on``
    itself, so that it serves every day of that period.
    """
    for opt_out in opt_outs:
        if opt_out.provider != provider.npi or opt_out.payer != payer.id:
            continue
        period = opt_out.period_containing(on)
        if period is None:
            continue
        assert period.end is not None  # an opt-out period always has its two years
        if opt_out.last_day == period.end:
            after = "and the opt-out ends with it"
        else:
            after = "and it renews by itself for two more years unless cancelled in time"
        return reason(
            Code.OPTED_OUT,
            (
                f"{provider.name} has opted out of {payer.name} (affidavit signed "
                f"{opt_out.signed.isoformat()}): {payer.name} pays nothing for their services, "
                "directly or through a group, while the opt-out is in force; the current "
                f"two-year period ends {period.end.isoformat()}, {after}"
            ),
        )
    return None
