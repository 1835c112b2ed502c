"""deadlines: the practice's calendar, every kind of deadline, its edges, and what supersedes one."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from credkit import (
    Affiliation,
    Book,
    Contract,
    Credential,
    CredkitError,
    Deadline,
    DeadlineKind,
    Group,
    Individual,
    LiabilityPolicy,
    License,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Provider,
    deadlines,
)
from tests import strategies as cs

ON = date(2026, 11, 28)
HORIZON = date(2027, 2, 26)  # 90 days on
D = date.fromisoformat

ANA_NPI = "1234567893"
BEN_NPI = "1558598797"
GROUP_NPI = "1245319599"
PRACTICE_TIN = "12-3456789"
OTHER_TIN = "98-7654321"
SSN_TIN = "536-22-8147"

ANA = Provider(npi=ANA_NPI, name="Ana Ruiz, LCSW")
BEN = Provider(npi=BEN_NPI, name="Ben Okafor, PhD")
CIGNA = Payer(id="cigna", name="Cigna")
OPTUM = Payer(id="optum", name="Optum", rules=PayerRules(recredential_months=24))


def calendar(
    *,
    providers: list[Provider] | None = None,
    credentials: list[Credential] | None = None,
    contracts: list[Contract] | None = None,
    payers: list[Payer] | None = None,
    on: date | str = ON,
    within_days: int = 90,
) -> tuple[Deadline, ...]:
    return deadlines(
        on=on,
        within_days=within_days,
        providers=[ANA, BEN] if providers is None else providers,
        credentials=credentials or [],
        contracts=contracts or [],
        payers=[CIGNA, OPTUM] if payers is None else payers,
    )


def dues(found: tuple[Deadline, ...]) -> list[tuple[str, str, bool]]:
    """Each deadline as (due date, kind, overdue)."""
    return [(item.due.isoformat(), item.kind.value, item.overdue) for item in found]


def license_(
    end: str | None, *, state: str = "NY", start: str = "2024-01-01", status: str = "active"
) -> License:
    return License(
        state=state,
        profession="clinical_social_worker",
        number=f"{state}-{start}",
        effective=Period(start, end),
        status=status,
    )


def policy(start: str, end: str | None) -> LiabilityPolicy:
    return LiabilityPolicy(
        carrier="CPH", per_claim="1000000", aggregate="3000000", effective=Period(start, end)
    )


def approved(
    start: str, end: str | None = None, payer: str = "cigna", npi: str = ANA_NPI
) -> Credential:
    return Credential(provider=npi, payer=payer, status="approved", effective=Period(start, end))


def contract(
    id: str = "cigna-ana",
    *,
    start: str = "2024-01-01",
    end: str | None = None,
    holder: Any = None,
    status: str = "executed",
    pay_to: list[PayTo] | None = None,
    members: list[Affiliation] | None = None,
    payer: str = "cigna",
) -> Contract:
    executed = status != "pending"  # executed or terminated: signed, with a term
    return Contract(
        id=id,
        payer=payer,
        holder=holder or Individual(provider=ANA_NPI),
        status=status,
        signed="2023-12-15" if executed else None,
        effective=Period(start, end) if executed else None,
        pay_to=pay_to or [],
        members=members or [],
    )


class TestLicense:
    """An active license is due on its last day, unless renewed for the same state."""

    @pytest.mark.parametrize(
        ("end", "expected"),
        [
            pytest.param(
                "2026-11-27", [("2026-11-27", "license", True)], id="expired-the-day-before"
            ),
            pytest.param("2026-11-28", [("2026-11-28", "license", False)], id="expires-that-day"),
            pytest.param(
                "2027-02-26", [("2027-02-26", "license", False)], id="last-day-of-the-window"
            ),
            pytest.param("2027-02-27", [], id="a-day-beyond-the-window"),
            pytest.param(None, [], id="open-ended"),
            pytest.param("2019-06-30", [("2019-06-30", "license", True)], id="long-overdue"),
        ],
    )
    def test_expiry(self, end: str | None, expected: list[tuple[str, str, bool]]) -> None:
        """Due on the last day of validity; overdue from the day after; out of the window, left out."""
        assert expected == dues(
            calendar(providers=[attrs.evolve(ANA, licenses=[license_(end, start="2018-01-01")])])
        )

    @pytest.mark.parametrize("status", ["inactive", "expired", "suspended", "revoked"])
    def test_only_active_licenses(self, status: str) -> None:
        """A license the board does not list as active has no renewal deadline."""
        provider = attrs.evolve(ANA, licenses=[license_("2026-12-31", status=status)])
        assert [] == dues(calendar(providers=[provider]))

    def test_renewed_license_supersedes(self) -> None:
        """A renewal for the same state leaves only its own expiry, overdue or not."""
        licenses = [
            license_("2026-10-31", start="2024-11-01"),
            license_("2027-01-31", start="2026-11-01"),
        ]
        provider = attrs.evolve(ANA, licenses=licenses)
        assert [("2027-01-31", "license", False)] == dues(calendar(providers=[provider]))

    def test_renewal_ending_first_does_not_supersede(self) -> None:
        """Another license in the state that ends no later renews nothing."""
        licenses = [license_("2026-12-31"), license_("2026-12-31", start="2025-01-01")]
        provider = attrs.evolve(ANA, licenses=licenses)
        assert [("2026-12-31", "license", False)] * 2 == dues(calendar(providers=[provider]))

    def test_license_in_another_state_does_not_supersede(self) -> None:
        """A license in New Jersey does not renew the one in New York."""
        licenses = [license_("2026-10-31"), license_(None, state="NJ")]
        provider = attrs.evolve(ANA, licenses=licenses)
        assert [("2026-10-31", "license", True)] == dues(calendar(providers=[provider]))

    def test_suspended_renewal_does_not_supersede(self) -> None:
        """A renewal that is not active renews nothing."""
        licenses = [license_("2026-10-31"), license_(None, start="2026-11-01", status="suspended")]
        provider = attrs.evolve(ANA, licenses=licenses)
        assert [("2026-10-31", "license", True)] == dues(calendar(providers=[provider]))

    def test_wording(self) -> None:
        """The deadline names the provider and license, says what to do, and names the provider's NPI."""
        provider = attrs.evolve(ANA, licenses=[license_("2026-12-31")])
        (deadline,) = calendar(providers=[provider])
        assert (
            Deadline(
                due="2026-12-31",
                kind="license",
                subject="Ana Ruiz, LCSW: NY clinical social worker license NY-2024-01-01",
                action="renew the license with the state board, and send each payer the renewal",
                provider=ANA_NPI,
            )
            == deadline
        )


class TestLiability:
    """A liability policy is due on its last day, unless a newer policy runs past it."""

    @pytest.mark.parametrize(
        ("end", "expected"),
        [
            pytest.param(
                "2026-11-27", [("2026-11-27", "liability", True)], id="ended-the-day-before"
            ),
            pytest.param(
                "2026-11-28", [("2026-11-28", "liability", False)], id="the-day-a-policy-ends"
            ),
            pytest.param(
                "2026-11-29", [("2026-11-29", "liability", False)], id="ends-the-day-after"
            ),
            pytest.param(None, [], id="open-ended"),
        ],
    )
    def test_expiry(self, end: str | None, expected: list[tuple[str, str, bool]]) -> None:
        """The day a policy ends is its due date; only after it is the deadline overdue."""
        provider = attrs.evolve(ANA, liability=[policy("2025-12-01", end)])
        assert expected == dues(calendar(providers=[provider]))

    def test_newer_policy_supersedes(self) -> None:
        """A newer policy that runs past the old one's end replaces its deadline with its own."""
        provider = attrs.evolve(
            ANA, liability=[policy("2025-11-01", "2026-10-31"), policy("2026-11-01", "2027-01-31")]
        )
        assert [("2027-01-31", "liability", False)] == dues(calendar(providers=[provider]))

    def test_older_policy_running_past_does_not_supersede(self) -> None:
        """Only a newer policy supersedes: one that started earlier is not a renewal."""
        provider = attrs.evolve(
            ANA, liability=[policy("2020-01-01", None), policy("2026-01-01", "2026-12-31")]
        )
        assert [("2026-12-31", "liability", False)] == dues(calendar(providers=[provider]))

    def test_newer_policy_ending_first_does_not_supersede(self) -> None:
        """A newer policy that ends sooner leaves both deadlines."""
        provider = attrs.evolve(
            ANA, liability=[policy("2026-01-01", "2026-12-31"), policy("2026-06-01", "2026-12-15")]
        )
        assert [("2026-12-15", "liability", False), ("2026-12-31", "liability", False)] == dues(
            calendar(providers=[provider])
        )


class TestRecredentialing:
    """An approved credential is due recredentialing_months after it started, or at its end."""

    @pytest.mark.parametrize(
        ("start", "end", "payer", "due"),
        [
            pytest.param("2023-12-15", None, "cigna", "2026-12-15", id="36-months"),
            pytest.param("2024-02-29", None, "cigna", "2027-02-28", id="clamped-to-month-end"),
            pytest.param("2024-12-31", None, "optum", "2026-12-31", id="payer-24-months"),
            pytest.param("2023-12-15", "2026-12-01", "cigna", "2026-12-01", id="ends-first"),
            pytest.param("2023-12-15", "2026-12-15", "cigna", "2026-12-15", id="ends-the-same-day"),
            pytest.param("2023-12-15", "2027-06-30", "cigna", "2026-12-15", id="ends-later"),
            pytest.param("2023-05-01", None, "cigna", "2026-05-01", id="overdue"),
        ],
    )
    def test_due_date(self, start: str, end: str | None, payer: str, due: str) -> None:
        """Start plus the payer's months (same day of the month, clamped), or the end if sooner."""
        found = calendar(credentials=[approved(start, end, payer)], within_days=120)
        assert [(due, "recredentialing", due < "2026-11-28")] == dues(found)
        assert (ANA_NPI, payer) == (str(found[0].provider), found[0].payer)

    @pytest.mark.parametrize(
        ("months", "due"),
        [
            pytest.param(34, "2026-11-27", id="due-the-day-before"),
            pytest.param(35, "2026-12-27", id="a-month-on"),
        ],
    )
    def test_overdue_edge(self, months: int, due: str) -> None:
        """Due the day before is overdue."""
        payer = Payer(id="cigna", name="Cigna", rules=PayerRules(recredential_months=months))
        found = calendar(credentials=[approved("2024-01-27")], payers=[payer, OPTUM])
        assert [(due, "recredentialing", due < "2026-11-28")] == dues(found)

    def test_newer_approved_credential_supersedes(self) -> None:
        """Recredentialed: the newer credential's cycle replaces the old one's."""
        found = calendar(credentials=[approved("2023-05-01"), approved("2024-02-15")])
        assert [("2027-02-15", "recredentialing", False)] == dues(found)

    def test_newest_credential_whatever_the_order(self) -> None:
        """Only the newest approved credential is due, in whichever order they are listed."""
        for order in (
            [approved("2024-06-01"), approved("2021-01-01")],
            [approved("2021-01-01"), approved("2024-06-01")],
        ):
            assert [("2027-06-01", "recredentialing", False)] == dues(
                calendar(credentials=order, within_days=400)
            )

    def test_other_payers_credential_does_not_supersede(self) -> None:
        """A newer credential with another payer is another cycle."""
        found = calendar(
            credentials=[approved("2023-05-01"), approved("2025-01-01", payer="optum")]
        )
        assert [
            ("2026-05-01", "recredentialing", True),
            ("2027-01-01", "recredentialing", False),
        ] == dues(found)

    @pytest.mark.parametrize("status", ["pending", "denied", "withdrawn"])
    def test_only_approved_credentials(self, status: str) -> None:
        """A pending, denied or withdrawn credential has no recredentialing; nor supersedes."""
        other = Credential(provider=ANA_NPI, payer="cigna", status=status)
        found = calendar(credentials=[approved("2023-05-01"), other])
        assert [("2026-05-01", "recredentialing", True)] == dues(found)

    def test_terminated_credential(self) -> None:
        """A terminated credential is over: no recredentialing falls due, not even at its end."""
        ended = Credential(
            provider=ANA_NPI,
            payer="cigna",
            status="terminated",
            effective=Period("2025-01-01", "2026-12-31"),
        )
        assert () == calendar(credentials=[ended])

    def test_terminated_credential_supersedes(self) -> None:
        """A newer credential, terminated since, took the older approved one's place."""
        ended = Credential(
            provider=ANA_NPI,
            payer="cigna",
            status="terminated",
            effective=Period("2025-01-01", "2026-12-31"),
        )
        assert () == calendar(credentials=[approved("2023-05-01"), ended])

    def test_wording(self) -> None:
        """The deadline names the provider, payer and credential."""
        (deadline,) = calendar(credentials=[approved("2023-12-15")])
        assert "Ana Ruiz, LCSW with Cigna: credential from 2023-12-15" == deadline.subject
        assert (
            "recredential with Cigna: bring the CAQH profile up to date, re-attest it, and "
            "answer the payer's recredentialing request"
        ) == deadline.action


class TestCaqh:
    """A CAQH attestation is due 120 days on, for every provider with one."""

    @pytest.mark.parametrize(
        ("attested", "expected"),
        [
            pytest.param("2026-09-01", [("2026-12-30", "caqh_attestation", False)], id="current"),
            pytest.param(
                "2026-07-31", [("2026-11-28", "caqh_attestation", False)], id="exactly-120-days"
            ),
            pytest.param("2026-07-30", [("2026-11-27", "caqh_attestation", True)], id="121-days"),
            pytest.param("2026-11-28", [], id="beyond-the-window"),
        ],
    )
    def test_due_date(self, attested: str, expected: list[tuple[str, str, bool]]) -> None:
        """Due on the last day the attestation is current: the attestation plus 120 days."""
        provider = attrs.evolve(ANA, caqh_id="12345678", caqh_attested=attested)
        assert expected == dues(calendar(providers=[provider]))

    def test_whatever_the_payers_require(self) -> None:
        """With no payers at all, the attestation still falls due."""
        provider = attrs.evolve(ANA, caqh_id="12345678", caqh_attested="2026-09-01")
        (deadline,) = calendar(providers=[provider], payers=[])
        assert "Ana Ruiz, LCSW: CAQH ProView profile 12345678" == deadline.subject

    def test_never_attested(self) -> None:
        """A profile never attested has no date to count from; readiness reports it."""
        provider = attrs.evolve(ANA, caqh_id="12345678")
        assert () == calendar(providers=[provider])


class TestContractTerm:
    """An executed contract is due on its last day, unless a newer one with the same holder runs past."""

    @pytest.mark.parametrize(
        ("status", "end", "expected"),
        [
            pytest.param(
                "executed", "2026-12-31", [("2026-12-31", "contract_term", False)], id="ending"
            ),
            pytest.param(
                "executed", "2026-11-27", [("2026-11-27", "contract_term", True)], id="ended"
            ),
            pytest.param("executed", None, [], id="open-ended"),
            pytest.param("pending", None, [], id="pending"),
        ],
    )
    def test_term(
        self, status: str, end: str | None, expected: list[tuple[str, str, bool]]
    ) -> None:
        """Only an executed contract has a term that ends."""
        assert expected == dues(calendar(contracts=[contract(end=end, status=status)]))

    def test_pending_contract_with_a_planned_term(self) -> None:
        """A contract not yet executed has no deadlines, even with its term already written in."""
        planned = Contract(
            id="cigna-ana",
            payer="cigna",
            holder=Individual(provider=ANA_NPI),
            status="pending",
            effective=Period("2024-01-01", "2026-12-31"),
        )
        assert () == calendar(contracts=[planned])

    def test_terminated_contract(self) -> None:
        """A terminated contract is over: its last day is not due, nor its pay-to entries'."""
        ended = contract(
            end="2026-12-31",
            status="terminated",
            pay_to=[PayTo(tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2024-01-01", ON))],
        )
        assert () == calendar(contracts=[ended])

    def test_terminated_contract_supersedes(self) -> None:
        """A newer contract, terminated since, took the older one's place: the older end is not due."""
        old = contract("old", start="2024-01-01", end="2026-10-31")
        new = contract("new", start="2026-11-01", end="2026-12-31", status="terminated")
        assert () == calendar(contracts=[old, new])

    def test_newer_contract_supersedes(self) -> None:
        """A newer executed contract with the same payer and holder renews the old one."""
        old = contract("old", start="2024-01-01", end="2026-10-31")
        new = contract("new", start="2026-11-01", end="2027-01-31")
        assert [("2027-01-31", "contract_term", False)] == dues(calendar(contracts=[old, new]))

    def test_other_holder_does_not_supersede(self) -> None:
        """Ben's contract does not renew Ana's, nor a group contract hers."""
        old = contract("old", end="2026-10-31")
        bens = contract("bens", start="2026-11-01", holder=Individual(provider=BEN_NPI))
        group = contract("group", start="2026-11-01", holder=Group(practice=PRACTICE_TIN))
        assert [("2026-10-31", "contract_term", True)] == dues(
            calendar(contracts=[old, bens, group])
        )

    @pytest.mark.parametrize(
        ("member", "payer", "expected"),
        [
            pytest.param(ANA_NPI, "cigna", [], id="her-membership-takes-over"),
            pytest.param(BEN_NPI, "cigna", [("2026-10-31", "contract_term", True)], id="bens"),
            pytest.param(
                ANA_NPI, "optum", [("2026-10-31", "contract_term", True)], id="other-payer"
            ),
        ],
    )
    def test_group_membership_supersedes_own_contract(
        self, member: str, payer: str, expected: list[tuple[str, str, bool]]
    ) -> None:
        """An individual contract that ended when its provider joined the payer's group
        contract is not overdue; another provider's membership, or another payer's, is no help."""
        old = contract("cigna-ana", end="2026-10-31")
        group = contract(
            "group",
            start="2026-11-01",
            holder=Group(practice=PRACTICE_TIN),
            members=[Affiliation(provider=member, effective=Period("2026-11-01"))],
            payer=payer,
        )
        assert expected == dues(calendar(contracts=[old, group]))

    def test_wording(self) -> None:
        """Individual contracts name their provider; group contracts their practice's tax id."""
        mine = contract("cigna-ana", end="2026-12-31")
        group = contract("cigna-harbor", end="2026-12-31", holder=Group(practice=PRACTICE_TIN))
        found = calendar(contracts=[mine, group])
        assert [
            ("Cigna group contract cigna-harbor (tax id 12-3456789)", None, "cigna-harbor"),
            ("Cigna individual contract cigna-ana (Ana Ruiz, LCSW)", ANA_NPI, "cigna-ana"),
        ] == [(d.subject, d.provider and str(d.provider), d.contract) for d in found]


class TestPayTo:
    """A pay-to entry is due on its last day, unless it ends with the contract or a newer one runs past."""

    def test_entry_ending(self) -> None:
        """An entry ending before the contract does is a deadline of its own."""
        entry = PayTo(tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2024-01-01", "2026-12-31"))
        (deadline,) = calendar(contracts=[contract(pay_to=[entry])])
        assert ("2026-12-31", "pay_to", False) == (
            deadline.due.isoformat(),
            deadline.kind.value,
            deadline.overdue,
        )
        assert (
            "Cigna individual contract cigna-ana (Ana Ruiz, LCSW): pay-to tax id 12-3456789, "
            "NPI 1245319599"
        ) == deadline.subject

    def test_ssn_is_masked(self) -> None:
        """A pay-to under an SSN is named with the SSN masked."""
        entry = PayTo(tin=SSN_TIN, npi=ANA_NPI, effective=Period("2024-01-01", "2026-12-31"))
        (deadline,) = calendar(contracts=[contract(pay_to=[entry])])
        assert "8147" in deadline.subject
        assert "536-22" not in str(deadline)
        assert "53622" not in str(deadline).replace("-", "")

    @pytest.mark.parametrize(
        ("entry_end", "term_end", "expected"),
        [
            pytest.param("2026-12-31", "2026-12-31", ["contract_term"], id="ends-with-the-term"),
            pytest.param(
                "2026-12-30", "2026-12-31", ["pay_to", "contract_term"], id="a-day-before-the-term"
            ),
        ],
    )
    def test_ending_with_the_term(self, entry_end: str, term_end: str, expected: list[str]) -> None:
        """An entry that ends with the contract is covered by the contract's own deadline."""
        entry = PayTo(tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2024-01-01", entry_end))
        found = calendar(contracts=[contract(end=term_end, pay_to=[entry])])
        assert expected == [item.kind.value for item in found]

    def test_newer_entry_supersedes(self) -> None:
        """A newer entry (for the same practice or another) means the contract is still paid."""
        old = PayTo(tin=SSN_TIN, npi=ANA_NPI, effective=Period("2024-01-01", "2026-06-30"))
        new = PayTo(tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2026-07-01"))
        assert () == calendar(contracts=[contract(pay_to=[old, new])])

    def test_older_entry_does_not_supersede(self) -> None:
        """An entry for another practice that started earlier does not cover this one's end."""
        other = PayTo(tin=OTHER_TIN, npi=GROUP_NPI, effective=Period("2024-01-01"))
        ending = PayTo(
            tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2025-01-01", "2026-12-31")
        )
        assert [("2026-12-31", "pay_to", False)] == dues(
            calendar(contracts=[contract(pay_to=[other, ending])])
        )

    def test_pending_contract(self) -> None:
        """A contract that is not executed has no calendar."""
        entry = PayTo(tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2024-01-01", "2026-12-31"))
        assert () == calendar(contracts=[contract(status="pending", pay_to=[entry])])


class TestGroupMembership:
    """A membership of a group contract is due on its last day, unless renewed or ending with the term."""

    def group(self, members: list[Affiliation], end: str | None = None) -> Contract:
        return contract(
            "cigna-harbor", end=end, holder=Group(practice=PRACTICE_TIN), members=members
        )

    def test_membership_ending(self) -> None:
        """The deadline names the member and the contract, and the member's NPI."""
        member = Affiliation(provider=BEN_NPI, effective=Period("2024-01-01", "2026-12-31"))
        (deadline,) = calendar(contracts=[self.group([member])])
        assert ("2026-12-31", "group_membership", BEN_NPI, "cigna", "cigna-harbor") == (
            deadline.due.isoformat(),
            deadline.kind.value,
            str(deadline.provider),
            deadline.payer,
            deadline.contract,
        )
        assert (
            "Ben Okafor, PhD on Cigna group contract cigna-harbor (tax id 12-3456789)"
            == deadline.subject
        )

    def test_newer_membership_supersedes(self) -> None:
        """A newer membership of the same provider runs past the old one's end."""
        members = [
            Affiliation(provider=BEN_NPI, effective=Period("2024-01-01", "2026-10-31")),
            Affiliation(provider=BEN_NPI, effective=Period("2026-11-01")),
        ]
        assert () == calendar(contracts=[self.group(members)])

    def test_another_members_membership_does_not_supersede(self) -> None:
        """Ana's membership does not renew Ben's."""
        members = [
            Affiliation(provider=BEN_NPI, effective=Period("2024-01-01", "2026-10-31")),
            Affiliation(provider=ANA_NPI, effective=Period("2026-11-01")),
        ]
        assert [("2026-10-31", "group_membership", True)] == dues(
            calendar(contracts=[self.group(members)])
        )

    def test_ending_with_the_term(self) -> None:
        """A membership that ends with the contract is covered by the contract's deadline."""
        member = Affiliation(provider=BEN_NPI, effective=Period("2024-01-01", "2026-12-31"))
        found = calendar(contracts=[self.group([member], end="2026-12-31")])
        assert ["contract_term"] == [item.kind.value for item in found]


class TestWholeDeadlines:
    """Each kind of deadline, every field of it: when, what, what to do, and whose."""

    def test_liability(self) -> None:
        """A policy's expiry is the provider's, with what to send the payers."""
        provider = attrs.evolve(ANA, liability=[policy("2026-01-01", "2026-12-31")])
        assert (
            Deadline(
                due="2026-12-31",
                kind="liability",
                subject="Ana Ruiz, LCSW: liability policy with CPH",
                action="renew or replace the policy, and send each payer the new certificate of "
                "insurance",
                provider=ANA_NPI,
            ),
        ) == calendar(providers=[provider])

    def test_caqh(self) -> None:
        """A CAQH re-attestation is the provider's, 120 days after the last one."""
        provider = attrs.evolve(ANA, caqh_id="12345678", caqh_attested="2026-09-01")
        assert (
            Deadline(
                due="2026-12-30",
                kind="caqh_attestation",
                subject="Ana Ruiz, LCSW: CAQH ProView profile 12345678",
                action="re-attest the profile (an attestation is current for 120 days), after "
                "checking that its documents are up to date",
                provider=ANA_NPI,
            ),
        ) == calendar(providers=[provider])

    def test_individual_contract_term_and_pay_to(self) -> None:
        """An individual contract's term and its pay-to entries name the provider and the contract."""
        entry = PayTo(tin=PRACTICE_TIN, npi=GROUP_NPI, effective=Period("2024-01-01", "2026-12-15"))
        own = contract(end="2026-12-31", pay_to=[entry])
        name = "Cigna individual contract cigna-ana (Ana Ruiz, LCSW)"
        assert (
            Deadline(
                due="2026-12-15",
                kind="pay_to",
                subject=f"{name}: pay-to tax id 12-3456789, NPI 1245319599",
                action="confirm with Cigna that this pay-to ends as planned, or have it "
                "extended: the contract cannot be billed through it afterwards",
                provider=ANA_NPI,
                payer="cigna",
                contract="cigna-ana",
            ),
            Deadline(
                due="2026-12-31",
                kind="contract_term",
                subject=name,
                action="renew the contract with Cigna, or sign a new one, before its term ends",
                provider=ANA_NPI,
                payer="cigna",
                contract="cigna-ana",
            ),
        ) == calendar(contracts=[own])

    def test_group_membership(self) -> None:
        """A membership names the member, the payer and the group contract."""
        member = Affiliation(provider=BEN_NPI, effective=Period("2024-01-01", "2026-12-31"))
        group = contract("cigna-harbor", holder=Group(practice=PRACTICE_TIN), members=[member])
        assert (
            Deadline(
                due="2026-12-31",
                kind="group_membership",
                subject="Ben Okafor, PhD on Cigna group contract cigna-harbor (tax id 12-3456789)",
                action="confirm with Cigna that Ben Okafor, PhD's membership ends as planned, or "
                "have it extended: a provider who is not a member cannot bill under the group "
                "contract",
                provider=BEN_NPI,
                payer="cigna",
                contract="cigna-harbor",
            ),
        ) == calendar(contracts=[group])

    def test_an_open_license_does_not_hide_the_next(self) -> None:
        """A license that does not expire is passed over, and the licenses after it still count."""
        provider = attrs.evolve(ANA, licenses=[license_(None), license_("2026-12-31", state="NJ")])
        assert [("2026-12-31", "license", False)] == dues(calendar(providers=[provider]))


class TestCalendar:
    """The calendar as a whole: sorted, bounded by the window, every kind together."""

    def test_sorted_by_date_then_kind_then_subject(self) -> None:
        """Deadlines come by due date; on one day, by kind in DeadlineKind order, then by subject."""
        ana = attrs.evolve(
            ANA, licenses=[license_("2026-12-31")], liability=[policy("2026-01-01", "2026-12-31")]
        )
        ben = attrs.evolve(BEN, licenses=[license_("2026-12-31")])
        found = calendar(
            providers=[ben, ana],
            credentials=[approved("2024-12-31", payer="optum")],
            contracts=[contract(end="2026-12-31"), contract(end="2026-12-01", id="x")],
        )
        assert [
            ("2026-12-01", "contract_term", "Cigna individual contract x (Ana Ruiz, LCSW)"),
            (
                "2026-12-31",
                "license",
                "Ana Ruiz, LCSW: NY clinical social worker license NY-2024-01-01",
            ),
            (
                "2026-12-31",
                "license",
                "Ben Okafor, PhD: NY clinical social worker license NY-2024-01-01",
            ),
            ("2026-12-31", "liability", "Ana Ruiz, LCSW: liability policy with CPH"),
            (
                "2026-12-31",
                "recredentialing",
                "Ana Ruiz, LCSW with Optum: credential from 2024-12-31",
            ),
            ("2026-12-31", "contract_term", "Cigna individual contract cigna-ana (Ana Ruiz, LCSW)"),
        ] == [(d.due.isoformat(), d.kind.value, d.subject) for d in found]

    @pytest.mark.parametrize(
        ("within_days", "expected"),
        [
            pytest.param(0, ["2026-11-20", "2026-11-28"], id="zero-days"),
            pytest.param(2, ["2026-11-20", "2026-11-28", "2026-11-30"], id="two-days"),
        ],
    )
    def test_window(self, within_days: int, expected: list[str]) -> None:
        """The window runs from the date to within_days later, both included; overdue is always in."""
        provider = attrs.evolve(
            ANA,
            licenses=[
                license_("2026-11-20", state="NY"),
                license_("2026-11-28", state="NJ"),
                license_("2026-11-30", state="CT"),
                license_("2026-12-01", state="VT"),
            ],
        )
        found = calendar(providers=[provider], within_days=within_days)
        assert expected == [d.due.isoformat() for d in found]

    def test_empty(self) -> None:
        """Nothing on file, nothing due."""
        assert () == deadlines(
            on=ON, within_days=90, providers=[], credentials=[], contracts=[], payers=[]
        )

    def test_iso_date(self) -> None:
        """The date may be an ISO string."""
        provider = attrs.evolve(ANA, licenses=[license_("2026-12-31")])
        assert calendar(providers=[provider]) == calendar(providers=[provider], on="2026-11-28")

    def test_calendar_end_does_not_overflow(self) -> None:
        """A window reaching past the end of the calendar is cut at its last day."""
        provider = attrs.evolve(ANA, licenses=[license_("9999-12-31", start="9999-01-01")])
        assert [("9999-12-31", "license", False)] == dues(
            calendar(providers=[provider], on=date(9999, 12, 1), within_days=10**6)
        )


class TestArguments:
    """Bad arguments are refused, naming them; records must name known providers and payers."""

    @pytest.mark.parametrize(
        ("within_days", "message"),
        [
            pytest.param(-1, "argument.within_days: must not be negative", id="negative"),
            pytest.param(
                True,
                "argument.within_days: expected a whole number of days, got a boolean",
                id="bool",
            ),
            pytest.param(
                90.0,
                "argument.within_days: expected a whole number of days, got a decimal number",
                id="float",
            ),
            pytest.param(
                "90",
                "argument.within_days: expected a whole number of days, got a string",
                id="string",
            ),
        ],
    )
    def test_within_days(self, within_days: Any, message: str) -> None:
        """within_days is a whole number of days, not negative."""
        with pytest.raises(CredkitError) as raised:
            calendar(within_days=within_days)
        assert message == str(raised.value)

    @pytest.mark.parametrize(
        ("records", "message"),
        [
            pytest.param(
                {"credentials": [approved("2024-01-01", payer="united")]},
                "argument.credentials: item 0 names payer 'united', which is not among the providers and payers given",
                id="credential-payer",
            ),
            pytest.param(
                {"credentials": [approved("2024-01-01", npi="1245319599")]},
                "argument.credentials: item 0 names the provider with NPI 1245319599, which is not among the providers and payers given",
                id="credential-provider",
            ),
            pytest.param(
                {"contracts": [contract(payer="united")]},
                "argument.contracts: item 0 names payer 'united', which is not among the providers and payers given",
                id="contract-payer",
            ),
            pytest.param(
                {"contracts": [contract(holder=Individual(provider="1245319599"))]},
                "argument.contracts: item 0 names the provider with NPI 1245319599, which is not among the providers and payers given",
                id="contract-holder",
            ),
            pytest.param(
                {
                    "contracts": [
                        contract(
                            holder=Group(practice=PRACTICE_TIN),
                            members=[
                                Affiliation(provider="1245319599", effective=Period("2024-01-01"))
                            ],
                        )
                    ]
                },
                "argument.contracts: item 0 names the provider with NPI 1245319599, which is not among the providers and payers given",
                id="contract-member",
            ),
        ],
    )
    def test_unknown_references(self, records: dict[str, Any], message: str) -> None:
        """A credential or contract naming a provider or payer not given is refused."""
        with pytest.raises(CredkitError) as raised:
            calendar(**records)
        assert message == str(raised.value)

    @pytest.mark.parametrize("name", ["providers", "credentials", "contracts", "payers"])
    def test_collections(self, name: str) -> None:
        """Each collection must hold its kind of record."""
        with pytest.raises(CredkitError, match=rf"^argument\.{name}: "):
            calendar(**{name: ["x"]})


class TestDeadlineValue:
    """A Deadline reads as one line, and refuses what breaks its fields' rules."""

    def test_overdue_is_shown(self) -> None:
        """An overdue deadline says so after its kind."""
        deadline = Deadline(
            due="2026-10-31",
            kind="liability",
            subject="Ana: policy with CPH",
            action="renew it",
            overdue=True,
        )
        assert "2026-10-31 liability (overdue): Ana: policy with CPH: renew it" == str(deadline)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            pytest.param({"due": "2026-13-01"}, "Deadline.due", id="due"),
            pytest.param({"kind": "renewal"}, "Deadline.kind", id="kind"),
            pytest.param({"subject": " "}, "Deadline.subject", id="subject"),
            pytest.param({"action": ""}, "Deadline.action", id="action"),
            pytest.param({"overdue": 1}, "Deadline.overdue", id="overdue"),
            pytest.param({"provider": "1234567890"}, "Deadline.provider", id="provider"),
            pytest.param({"payer": "no spaces"}, "Deadline.payer", id="payer"),
            pytest.param({"contract": ""}, "Deadline.contract", id="contract"),
        ],
    )
    def test_refused(self, changes: dict[str, Any], field: str) -> None:
        """Each bad field is refused, naming it."""
        fields = {"due": "2026-10-31", "kind": "license", "subject": "s", "action": "a", **changes}
        with pytest.raises(CredkitError) as raised:
            Deadline(**fields)
        assert str(raised.value).startswith(f"{field}: ")


# --- properties --------------------------------------------------------------------


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    """Providers, payers, and credentials and contracts that name only them."""
    npis = draw(st.lists(cs.npis(), min_size=1, max_size=3, unique=True))
    team = [draw(cs.providers(npi=st.just(npi))) for npi in npis]
    payer_ids = draw(st.lists(cs.payer_ids(), min_size=1, max_size=3, unique=True))
    payers = [attrs.evolve(draw(cs.payers()), id=payer_id) for payer_id in payer_ids]
    credentials = draw(
        st.lists(cs.credentials(st.sampled_from(npis), st.sampled_from(payer_ids)), max_size=4)
    )
    holders = st.one_of(
        st.builds(Individual, provider=st.sampled_from(npis)),
        st.builds(Group, practice=cs.tax_ids()),
    )
    contracts = []
    for item in draw(st.lists(cs.contracts(holders, st.sampled_from(payer_ids)), max_size=4)):
        members = [attrs.evolve(m, provider=draw(st.sampled_from(npis))) for m in item.members]
        contracts.append(attrs.evolve(item, members=members))
    return {"providers": team, "payers": payers, "credentials": credentials, "contracts": contracts}


class TestProperties:
    """What holds of every calendar."""

    @given(worlds(), cs.dates(), st.integers(0, 400))
    def test_sorted_and_in_the_window_or_overdue(
        self, world: dict[str, Any], on: date, within_days: int
    ) -> None:
        """Deadlines are sorted by due date, each within the window or overdue, and overdue means past."""
        found = deadlines(on=on, within_days=within_days, **world)
        assert sorted(found, key=lambda d: d.due) == list(found)
        horizon = on + timedelta(days=within_days)
        for deadline in found:
            assert on <= deadline.due <= horizon or deadline.overdue
            assert (deadline.due < on) == deadline.overdue
            # Each is a valid Deadline, as its constructor would build it.
            assert deadline == attrs.evolve(deadline)

    @given(worlds(), cs.dates(), st.integers(0, 200), st.integers(0, 200))
    def test_a_longer_window_only_adds(
        self, world: dict[str, Any], on: date, shorter: int, more: int
    ) -> None:
        """A shorter window gives exactly the longer one's deadlines due by its end."""
        longer = deadlines(on=on, within_days=shorter + more, **world)
        horizon = on + timedelta(days=shorter)
        assert [d for d in longer if d.due <= horizon] == list(
            deadlines(on=on, within_days=shorter, **world)
        )

    @given(worlds(), cs.dates(), st.integers(0, 200))
    def test_every_record_kind_points_at_known_records(
        self, world: dict[str, Any], on: date, within_days: int
    ) -> None:
        """Each deadline names only providers, payers and contracts it was given, as its kind needs."""
        npis = {p.npi for p in world["providers"]}
        payer_ids = {p.id for p in world["payers"]}
        contract_ids = {c.id for c in world["contracts"]}
        for deadline in deadlines(on=on, within_days=within_days, **world):
            assert deadline.provider is None or deadline.provider in npis
            assert deadline.payer is None or deadline.payer in payer_ids
            assert deadline.contract is None or deadline.contract in contract_ids
            own = deadline.kind in (
                DeadlineKind.LICENSE,
                DeadlineKind.LIABILITY,
                DeadlineKind.CAQH_ATTESTATION,
            )
            assert own == (deadline.payer is None)
            if own or deadline.kind is DeadlineKind.GROUP_MEMBERSHIP:
                assert deadline.provider is not None


class TestBook:
    """book.deadlines answers as the function does over the book's records."""

    @given(cs.books(), cs.window_dates(), st.integers(0, 400))
    def test_agrees_with_the_function(self, book: Book, on: date, within_days: int) -> None:
        """The same deadlines, in the same order."""
        assert deadlines(
            on=on,
            within_days=within_days,
            providers=book.providers,
            credentials=book.credentials,
            contracts=book.contracts,
            payers=book.payers,
            opt_outs=book.opt_outs,
        ) == book.deadlines(on=on, within_days=within_days)

    def test_story(self) -> None:
        """A small book's calendar, read through the Book."""
        book = Book(
            providers=[attrs.evolve(ANA, licenses=[license_("2026-12-31")])],
            payers=[CIGNA],
            credentials=[approved("2023-05-01")],
        )
        assert [("2026-05-01", "recredentialing", True), ("2026-12-31", "license", False)] == dues(
            book.deadlines(on="2026-11-28", within_days=90)
        )
