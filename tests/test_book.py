"""Book: an indexed snapshot that checks its own references and answers the questions by id."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

import inspect
import itertools
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from credkit import (
    EIN,
    NPI,
    SSN,
    Affiliation,
    BillingIdentity,
    Book,
    Claim,
    Code,
    Contract,
    Credential,
    CredkitError,
    Group,
    Individual,
    InvalidData,
    License,
    Path,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Practice,
    Provider,
    Reason,
    Verdict,
    adding_provider,
    can_bill,
    from_json,
    group_eligibility,
    to_json,
    unstructure,
)
from credkit.catalog import AETNA, CIGNA, OPTUM
from tests import strategies as cs

ON = date(2025, 6, 2)
TODAY = date(2026, 11, 28)
EIN_TEXT = "12-3456789"
SSN_TEXT = "536-22-8147"
GROUP_NPI = "1558598797"
ANA_NPI = "1234567802"
BEN_NPI = "1234567810"
CARA_NPI = "1234567851"
DEV_NPI = "1234567893"  # not in the book
UNKNOWN_EIN = "98-7654321"
SINCE = Period("2024-01-01")


def licensed(npi: str, name: str, state: str = "NY") -> Provider:
    return Provider(
        npi=npi,
        name=name,
        licenses=[
            License(state=state, profession="psychologist", number=f"{state}-1", effective=SINCE)
        ],
    )


ANA = licensed(ANA_NPI, "Ana Ruiz")
BEN = licensed(BEN_NPI, "Ben Okafor")
CARA = licensed(CARA_NPI, "Cara Lind", "NJ")
DEV = licensed(DEV_NPI, "Dev Patel")
HARBOR = Practice(
    name="Harbor Therapy",
    tin=EIN_TEXT,
    npi=GROUP_NPI,
    states=["NY"],
    roster=[
        Affiliation(provider=ANA_NPI, effective=SINCE),
        Affiliation(provider=BEN_NPI, effective=SINCE),
    ],
)
SOLO = Practice(
    name="Cara Lind, PhD",
    tin=SSN_TEXT,
    states=["NJ"],
    roster=[Affiliation(provider=CARA_NPI, effective=SINCE)],
)
CREDENTIALS = [
    Credential(provider=ANA_NPI, payer="cigna", status="approved", effective=SINCE),
    Credential(provider=BEN_NPI, payer="cigna", status="pending", submitted="2025-05-01"),
    Credential(provider=ANA_NPI, payer="aetna", status="approved", effective=SINCE),
    Credential(provider=CARA_NPI, payer="aetna", status="approved", effective=SINCE),
]
CIGNA_GROUP = Contract(
    id="cigna-harbor",
    payer="cigna",
    holder=Group(practice=EIN_TEXT),
    status="executed",
    signed="2024-01-10",
    effective=SINCE,
    members=[Affiliation(provider=ANA_NPI, effective=SINCE)],
    rates={"90837": "142.50"},
)
CARA_AETNA = Contract(
    id="aetna-cara",
    payer="aetna",
    holder=Individual(provider=CARA_NPI),
    status="executed",
    signed="2023-12-01",
    effective=SINCE,
    pay_to=[PayTo(tin=SSN_TEXT, npi=CARA_NPI, effective=SINCE)],
)
CONTRACTS = [CIGNA_GROUP, CARA_AETNA]
LISTS: dict[str, list[Any]] = {
    "providers": [ANA, BEN, CARA],
    "practices": [HARBOR, SOLO],
    "payers": [CIGNA, OPTUM, AETNA],
    "credentials": CREDENTIALS,
    "contracts": CONTRACTS,
}
BOOK = Book(**LISTS)


def claim(
    provider: str = ANA_NPI, payer: str = "cigna", practice: str = EIN_TEXT, **rest: Any
) -> Claim:
    return Claim(provider=provider, payer=payer, practice=practice, on=rest.pop("on", ON), **rest)


CLAIMS = [
    pytest.param(claim(), id="ana-cigna-group"),
    pytest.param(claim(service="90837"), id="ana-cigna-with-rate"),
    pytest.param(claim(state="NJ"), id="ana-cigna-wrong-state"),
    pytest.param(claim(on="2023-12-31"), id="ana-before-everything"),
    pytest.param(claim(BEN_NPI), id="ben-pending-not-member"),
    pytest.param(claim(ANA_NPI, "aetna"), id="ana-aetna-no-contract"),
    pytest.param(claim(ANA_NPI, "optum"), id="ana-optum-nothing"),
    pytest.param(claim(CARA_NPI, "aetna", SSN_TEXT), id="cara-aetna-solo-ssn"),
    pytest.param(claim(CARA_NPI, "aetna", EIN_TEXT), id="cara-aetna-not-at-harbor"),
    pytest.param(claim(CARA_NPI, "cigna", SSN_TEXT), id="cara-cigna-solo"),
]


def function_verdict(book: Book, item: Claim) -> Verdict:
    """What can_bill says for a claim, given the book's records and its full lists."""
    provider, payer, practice = (
        book.provider(item.provider),
        book.payer(item.payer),
        book.practice(item.practice),
    )
    assert provider is not None
    assert payer is not None
    assert practice is not None
    return can_bill(
        provider,
        payer,
        practice,
        on=item.on,
        credentials=book.credentials,
        contracts=book.contracts,
        service=item.service,
        state=item.state,
        opt_outs=book.opt_outs,
    )


def codes(reasons: tuple[Reason, ...]) -> tuple[Code, ...]:
    return tuple(reason.code for reason in reasons)


def paths(error: InvalidData) -> list[str]:
    return [line.split(":", 1)[0] for line in error.errors]


class TestConstruction:
    def test_lists_become_tuples(self) -> None:
        """Lists given to a Book are stored as tuples, in the order given."""
        assert (tuple(LISTS["providers"]), tuple(LISTS["payers"])) == (BOOK.providers, BOOK.payers)

    def test_empty_book(self) -> None:
        """A Book with nothing in it is valid."""
        empty = Book()
        assert ((), (), (), (), ()) == (
            empty.providers,
            empty.practices,
            empty.payers,
            empty.credentials,
            empty.contracts,
        )

    def test_is_frozen(self) -> None:
        """Assigning to a Book's field raises attrs' FrozenInstanceError."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            BOOK.providers = ()  # type: ignore[misc]

    def test_equal_books_hash_equal(self) -> None:
        """Books built from equal records (lists or tuples) are equal and hash alike."""
        again = Book(**{name: tuple(values) for name, values in LISTS.items()})
        assert (BOOK, hash(BOOK)) == (again, hash(again))

    def test_different_books_differ(self) -> None:
        """A Book missing a record is not equal to one that has it."""
        assert BOOK != Book(**{**LISTS, "credentials": CREDENTIALS[:-1]})

    @pytest.mark.parametrize(
        ("book", "expected"),
        [
            pytest.param(
                BOOK,
                "Book(3 providers, 2 practices, 3 payers, 4 credentials, 2 contracts)",
                id="full",
            ),
            pytest.param(
                Book(),
                "Book(0 providers, 0 practices, 0 payers, 0 credentials, 0 contracts)",
                id="empty",
            ),
            pytest.param(
                Book(providers=[ANA], payers=[CIGNA], credentials=CREDENTIALS[:1]),
                "Book(1 provider, 0 practices, 1 payer, 1 credential, 0 contracts)",
                id="singular",
            ),
        ],
    )
    def test_repr_gives_counts(self, book: Book, expected: str) -> None:
        """repr shows how many of each record the book holds, not the records themselves."""
        assert expected == repr(book)

    def test_repr_does_not_show_an_ssn(self) -> None:
        """A book holding an SSN practice never shows the SSN in its repr."""
        assert "536" not in repr(BOOK)

    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"providers": [ANA_NPI]}, id="providers-of-npis"),
            pytest.param({"practices": "Harbor"}, id="practices-string"),
            pytest.param({"payers": [CIGNA.rules]}, id="payers-of-rules"),
            pytest.param({"credentials": None}, id="credentials-none"),
            pytest.param({"contracts": [CREDENTIALS[0]]}, id="contracts-of-credentials"),
        ],
    )
    def test_wrong_kinds_of_record_are_refused(self, changes: dict[str, Any]) -> None:
        """Each field takes only records of its own kind, or raises CredkitError."""
        with pytest.raises(CredkitError):
            Book(**changes)


def broken(**changes: list[Any]) -> InvalidData:
    """The InvalidData raised for a book built from LISTS with ``changes``."""
    with pytest.raises(InvalidData) as caught:
        Book(**{**LISTS, **changes})
    return caught.value


STRANGER = Affiliation(provider=DEV_NPI, effective=SINCE)
PROBLEMS = [
    pytest.param({"providers": [ANA, BEN, CARA, ANA]}, "$.providers[3].npi", id="duplicate-npi"),
    pytest.param(
        {"practices": [HARBOR, SOLO, attrs.evolve(HARBOR, name="Harbor Two")]},
        "$.practices[2].tin",
        id="duplicate-tax-id",
    ),
    pytest.param(
        {"payers": [CIGNA, OPTUM, AETNA, Payer(id="cigna", name="Cigna Healthcare")]},
        "$.payers[3].id",
        id="duplicate-payer-id",
    ),
    pytest.param(
        {
            "contracts": [
                CIGNA_GROUP,
                CARA_AETNA,
                attrs.evolve(CARA_AETNA, payer="cigna", id="cigna-harbor"),
            ]
        },
        "$.contracts[2].id",
        id="duplicate-contract-id",
    ),
    pytest.param(
        {"practices": [attrs.evolve(HARBOR, roster=[*HARBOR.roster, STRANGER]), SOLO]},
        "$.practices[0].roster[2].provider",
        id="roster-provider",
    ),
    pytest.param(
        {
            "credentials": [
                *CREDENTIALS,
                Credential(provider=DEV_NPI, payer="cigna", status="pending"),
            ]
        },
        "$.credentials[4].provider",
        id="credential-provider",
    ),
    pytest.param(
        {
            "credentials": [
                *CREDENTIALS,
                Credential(provider=ANA_NPI, payer="medicare", status="pending"),
            ]
        },
        "$.credentials[4].payer",
        id="credential-payer",
    ),
    pytest.param(
        {"contracts": [CIGNA_GROUP, attrs.evolve(CARA_AETNA, payer="medicare")]},
        "$.contracts[1].payer",
        id="contract-payer",
    ),
    pytest.param(
        {"contracts": [attrs.evolve(CIGNA_GROUP, holder=Group(practice=UNKNOWN_EIN)), CARA_AETNA]},
        "$.contracts[0].holder.practice",
        id="group-holder-practice",
    ),
    pytest.param(
        {"contracts": [CIGNA_GROUP, attrs.evolve(CARA_AETNA, holder=Individual(provider=DEV_NPI))]},
        "$.contracts[1].holder.provider",
        id="individual-holder-provider",
    ),
    pytest.param(
        {
            "contracts": [
                attrs.evolve(CIGNA_GROUP, members=[*CIGNA_GROUP.members, STRANGER]),
                CARA_AETNA,
            ]
        },
        "$.contracts[0].members[1].provider",
        id="group-member",
    ),
]

# Each problem's line, word for word.
PROBLEM_LINES = {
    "duplicate-npi": "$.providers[3].npi: NPI 1234567802 is already used by providers[0]",
    "duplicate-tax-id": "$.practices[2].tin: tax id 12-3456789 is already used by practices[0]",
    "duplicate-payer-id": "$.payers[3].id: payer id cigna is already used by payers[0]",
    "duplicate-contract-id": (
        "$.contracts[2].id: contract id cigna-harbor is already used by contracts[0]"
    ),
    "roster-provider": (
        "$.practices[0].roster[2].provider: the book holds no provider with NPI 1234567893"
    ),
    "credential-provider": (
        "$.credentials[4].provider: the book holds no provider with NPI 1234567893"
    ),
    "credential-payer": "$.credentials[4].payer: the book holds no payer with id 'medicare'",
    "contract-payer": "$.contracts[1].payer: the book holds no payer with id 'medicare'",
    "group-holder-practice": (
        "$.contracts[0].holder.practice: the book holds no practice with tax id 98-7654321"
    ),
    "individual-holder-provider": (
        "$.contracts[1].holder.provider: the book holds no provider with NPI 1234567893"
    ),
    "group-member": (
        "$.contracts[0].members[1].provider: the book holds no provider with NPI 1234567893"
    ),
}


class TestIntegrity:
    @pytest.mark.parametrize(("changes", "path"), PROBLEMS)
    def test_each_problem_says_what_is_wrong(
        self, changes: dict[str, list[Any]], path: str, request: pytest.FixtureRequest
    ) -> None:
        """Each problem's line names the path, the key or id, and what is wrong with it."""
        assert (PROBLEM_LINES[request.node.callspec.id],) == broken(**changes).errors

    @pytest.mark.parametrize(("changes", "path"), PROBLEMS)
    def test_each_problem_is_reported_at_its_path(
        self, changes: dict[str, list[Any]], path: str
    ) -> None:
        """A duplicate key or a reference to a record the book lacks raises InvalidData naming its $. path."""
        assert [path] == paths(broken(**changes))

    def test_every_problem_is_reported_together(self) -> None:
        """One InvalidData lists every duplicate and every broken reference at once."""
        error = broken(
            providers=[ANA, BEN, CARA, ANA],
            practices=[attrs.evolve(HARBOR, roster=[*HARBOR.roster, STRANGER]), SOLO, HARBOR],
            payers=[CIGNA, OPTUM, AETNA, CIGNA],
            credentials=[
                *CREDENTIALS,
                Credential(provider=DEV_NPI, payer="medicare", status="pending"),
            ],
            contracts=[
                attrs.evolve(
                    CIGNA_GROUP,
                    holder=Group(practice=UNKNOWN_EIN),
                    members=[*CIGNA_GROUP.members, STRANGER],
                ),
                attrs.evolve(CARA_AETNA, payer="medicare", holder=Individual(provider=DEV_NPI)),
                attrs.evolve(CARA_AETNA),
            ],
        )
        expected = {
            "$.providers[3].npi",
            "$.practices[2].tin",
            "$.payers[3].id",
            "$.contracts[2].id",
            "$.practices[0].roster[2].provider",
            "$.credentials[4].provider",
            "$.credentials[4].payer",
            "$.contracts[0].holder.practice",
            "$.contracts[0].members[1].provider",
            "$.contracts[1].payer",
            "$.contracts[1].holder.provider",
        }
        assert (expected, len(expected)) == (set(paths(error)), len(error.errors))

    def test_problem_messages_say_what_is_missing(self) -> None:
        """Each line is '$.path: message' and the message names the missing NPI."""
        error = broken(credentials=[Credential(provider=DEV_NPI, payer="cigna", status="pending")])
        line = error.errors[0]
        assert (True, True) == (line.startswith("$.credentials[0].provider: "), DEV_NPI in line)

    def test_problems_never_show_an_ssn(self) -> None:
        """A duplicated SSN practice is reported with the SSN masked, in errors and in the message."""
        error = broken(practices=[HARBOR, SOLO, attrs.evolve(SOLO, name="Cara again")])
        text = " ".join(error.errors) + str(error)
        assert (False, False, True) == ("536-22-8147" in text, "536228147" in text, "8147" in text)

    def test_invalid_data_is_a_credkit_error(self) -> None:
        """The integrity error belongs to the one error tree."""
        assert isinstance(broken(providers=[]), CredkitError)


class TestLookups:
    @pytest.mark.parametrize(
        ("look", "expected"),
        [
            pytest.param(lambda b: b.provider(ANA_NPI), ANA, id="provider-string"),
            pytest.param(lambda b: b.provider(NPI(BEN_NPI)), BEN, id="provider-npi"),
            pytest.param(lambda b: b.provider(DEV_NPI), None, id="provider-unknown"),
            pytest.param(lambda b: b.practice(EIN_TEXT), HARBOR, id="practice-ein-string"),
            pytest.param(lambda b: b.practice(EIN(EIN_TEXT)), HARBOR, id="practice-ein"),
            pytest.param(lambda b: b.practice(SSN_TEXT), SOLO, id="practice-ssn-string"),
            pytest.param(lambda b: b.practice(SSN(SSN_TEXT)), SOLO, id="practice-ssn"),
            pytest.param(lambda b: b.practice(UNKNOWN_EIN), None, id="practice-unknown"),
            pytest.param(lambda b: b.payer("optum"), OPTUM, id="payer"),
            pytest.param(lambda b: b.payer("medicare"), None, id="payer-unknown"),
        ],
    )
    def test_lookup_by_id(self, look: Any, expected: Any) -> None:
        """Lookups take ids as strings or identifier objects and give the record or None."""
        assert expected == look(BOOK)

    @pytest.mark.parametrize(
        "look",
        [
            pytest.param(lambda b: b.provider("123"), id="short-npi"),
            pytest.param(lambda b: b.practice("123456789"), id="ambiguous-tax-id"),
            pytest.param(lambda b: b.payer("Cigna Inc"), id="bad-payer-id"),
            pytest.param(lambda b: b.payer(None), id="payer-none"),
        ],
    )
    def test_malformed_ids_raise_credkit_error(self, look: Any) -> None:
        """An id that cannot exist is refused with CredkitError, not KeyError."""
        with pytest.raises(CredkitError):
            look(BOOK)


class TestCanBill:
    @pytest.mark.parametrize("item", CLAIMS)
    def test_same_as_the_function(self, item: Claim) -> None:
        """book.can_bill(claim) equals can_bill with the book's records and full lists."""
        assert function_verdict(BOOK, item) == BOOK.can_bill(item)

    def test_allowed_group_claim_bills_the_group(self) -> None:
        """Ana's Cigna claim is allowed under the group contract: group NPI, EIN, Ana rendering, the rate."""
        verdict = BOOK.can_bill(claim(service="90837"))
        expected = (
            True,
            CIGNA_GROUP,
            BillingIdentity(billing_npi=GROUP_NPI, tax_id=EIN_TEXT, rendering_npi=ANA_NPI),
            Decimal("142.50"),
        )
        assert expected == (bool(verdict), verdict.contract, verdict.billing, verdict.rate)

    def test_ssn_pay_to_is_noted(self) -> None:
        """Cara's individual contract paid to her SSN is allowed with a pays_provider_ssn note."""
        verdict = BOOK.can_bill(claim(CARA_NPI, "aetna", SSN_TEXT))
        assert (True, (Code.PAYS_PROVIDER_SSN,)) == (bool(verdict), codes(verdict.notes))

    @pytest.mark.parametrize(
        ("item", "expected"),
        [
            pytest.param(claim(DEV_NPI), (Code.UNKNOWN_PROVIDER,), id="provider"),
            pytest.param(claim(payer="medicare"), (Code.UNKNOWN_PAYER,), id="payer"),
            pytest.param(claim(practice=UNKNOWN_EIN), (Code.UNKNOWN_PRACTICE,), id="practice"),
            pytest.param(
                claim(DEV_NPI, "medicare"),
                (Code.UNKNOWN_PROVIDER, Code.UNKNOWN_PAYER),
                id="provider-payer",
            ),
            pytest.param(
                claim(payer="medicare", practice=UNKNOWN_EIN),
                (Code.UNKNOWN_PAYER, Code.UNKNOWN_PRACTICE),
                id="payer-practice",
            ),
            pytest.param(
                claim(DEV_NPI, "medicare", UNKNOWN_EIN),
                (Code.UNKNOWN_PROVIDER, Code.UNKNOWN_PAYER, Code.UNKNOWN_PRACTICE),
                id="all-three",
            ),
        ],
    )
    def test_unknown_ids_are_answered_not_raised(
        self, item: Claim, expected: tuple[Code, ...]
    ) -> None:
        """Ids the book does not hold give a refused verdict with every unknown_* code that applies."""
        verdict = BOOK.can_bill(item)
        assert (expected, False, None, None) == (
            codes(verdict.reasons),
            bool(verdict),
            verdict.contract,
            verdict.billing,
        )

    def test_unknown_ids_are_named(self) -> None:
        """Each unknown_* reason names the id, as the claim gave it."""
        verdict = BOOK.can_bill(claim(DEV_NPI, "medicare", UNKNOWN_EIN))
        assert (
            f"the book holds no provider with NPI {DEV_NPI}",
            "the book holds no payer with id 'medicare'",
            f"the book holds no practice with tax id {UNKNOWN_EIN}",
        ) == tuple(found.message for found in verdict.reasons)

    def test_unknown_ids_in_a_batch(self) -> None:
        """check() answers claims with unknown ids exactly as can_bill does, one by one."""
        items = [
            claim(DEV_NPI),
            claim(payer="medicare"),
            claim(practice=UNKNOWN_EIN),
            claim(DEV_NPI, "medicare"),
            claim(payer="medicare", practice=UNKNOWN_EIN),
            claim(DEV_NPI, "medicare", UNKNOWN_EIN),
            claim(),
        ]
        assert [BOOK.can_bill(item) for item in items] == list(BOOK.check(items))

    def test_unknown_practice_message_masks_an_ssn(self) -> None:
        """An unknown SSN practice is named in the reason with the SSN masked."""
        verdict = Book().can_bill(claim(practice=SSN_TEXT))
        text = " ".join(str(reason) for reason in verdict.reasons)
        assert (False, True) == ("536-22-8147" in text, "***-**-8147" in text)

    def test_a_non_claim_is_refused(self) -> None:
        """can_bill takes a Claim; a mapping raises CredkitError."""
        with pytest.raises(CredkitError) as raised:
            BOOK.can_bill({"provider": ANA_NPI})  # type: ignore[arg-type]
        assert "argument.claim: expected a Claim, got an object" == str(raised.value)


def endless(pulled: list[int], *items: Claim) -> Iterator[Claim]:
    """An endless stream of ``items``, recording how many were read; it fails on reading far ahead."""
    for count, item in enumerate(itertools.cycle(items)):
        pulled[0] = count + 1
        if count >= 100:
            pytest.fail("check() read far ahead of what was consumed")
        yield item


class TestCheck:
    def test_is_lazy(self) -> None:
        """check() returns a generator, reading no claim until asked and one claim per answer."""
        pulled = [0]
        answers = BOOK.check(endless(pulled, claim()))
        before = pulled[0]
        next(answers)
        assert (True, True, 0, 1) == (
            inspect.isgenerator(answers),
            isinstance(answers, Iterator),
            before,
            pulled[0],
        )

    def test_one_item_from_an_infinite_stream(self) -> None:
        """Taking verdicts from an endless stream of claims returns at once, each equal to can_bill."""
        answers = BOOK.check(endless([0], claim(BEN_NPI), claim()))
        assert [BOOK.can_bill(claim(BEN_NPI)), BOOK.can_bill(claim())] == list(
            itertools.islice(answers, 2)
        )

    def test_a_bad_claim_later_does_not_stop_the_first(self) -> None:
        """Claims are read one at a time: a bad item later is reached only when consumed."""

        def stream() -> Iterator[Any]:
            yield claim()
            yield "not a claim"

        answers = BOOK.check(stream())
        first = next(answers)
        with pytest.raises(CredkitError):
            next(answers)
        assert BOOK.can_bill(claim()) == first

    def test_equals_can_bill_for_each_claim(self) -> None:
        """check(claims) gives, in order, what can_bill gives for each claim."""
        items = [param.values[0] for param in CLAIMS] + [claim(DEV_NPI)]
        assert [BOOK.can_bill(item) for item in items] == list(BOOK.check(items))

    def test_empty(self) -> None:
        """No claims, no verdicts."""
        assert [] == list(BOOK.check([]))

    def test_a_provider_with_nothing_on_file(self) -> None:
        """A provider with no license, roster entry, credential or contract is checked like any other."""
        bare = Book(
            providers=[Provider(npi=ANA_NPI, name="Ana Ruiz")],
            practices=[Practice(name="Harbor", tin=EIN_TEXT, states=["NY"])],
            payers=[Payer(id="aetna", name="Aetna")],
        )
        item = Claim(provider=ANA_NPI, payer="aetna", practice=EIN_TEXT, on=ON)
        expected = (
            Code.NOT_ON_ROSTER,
            Code.NOT_LICENSED,
            Code.NOT_CREDENTIALED,
            Code.NOT_CONTRACTED,
        )
        assert [expected] == [verdict.codes for verdict in bare.check([item])]

    def test_a_non_claim_in_the_batch_is_refused(self) -> None:
        """Something other than a Claim among the claims is refused when reached, naming its kind."""
        answers = BOOK.check([claim(), "90837"])  # type: ignore[list-item]
        assert BOOK.can_bill(claim()) == next(answers)
        with pytest.raises(CredkitError) as raised:
            next(answers)
        assert "argument.claims: expected a Claim, got a string" == str(raised.value)


class TestGroupEligibility:
    @pytest.mark.parametrize(
        ("tin", "payer"),
        [
            pytest.param(EIN_TEXT, "cigna", id="harbor-cigna"),
            pytest.param(EIN(EIN_TEXT), "aetna", id="harbor-aetna-ein-object"),
            pytest.param(SSN_TEXT, "aetna", id="solo-aetna"),
            pytest.param(EIN_TEXT, "optum", id="harbor-optum"),
        ],
    )
    def test_same_as_the_function(self, tin: Any, payer: str) -> None:
        """book.group_eligibility by tax id and payer id equals the function with the book's providers."""
        practice, payer_record = BOOK.practice(tin), BOOK.payer(payer)
        assert practice is not None
        assert payer_record is not None
        expected = group_eligibility(practice, payer_record, on=ON, providers=BOOK.providers)
        assert expected == BOOK.group_eligibility(tin, payer, on=ON)

    def test_harbor_is_eligible_with_aetna(self) -> None:
        """Harbor's two licensed providers meet Aetna's example minimum of 2."""
        answer = BOOK.group_eligibility(EIN_TEXT, "aetna", on="2025-06-02")
        assert (True, 2, 0) == (bool(answer), answer.count, answer.shortfall)

    @pytest.mark.parametrize(
        ("tin", "payer", "expected", "minimum"),
        [
            pytest.param(UNKNOWN_EIN, "cigna", (Code.UNKNOWN_PRACTICE,), 4, id="practice"),
            pytest.param(UNKNOWN_EIN, "optum", (Code.UNKNOWN_PRACTICE,), 6, id="practice-optum"),
            pytest.param(EIN_TEXT, "medicare", (Code.UNKNOWN_PAYER,), None, id="payer"),
            pytest.param(
                UNKNOWN_EIN,
                "medicare",
                (Code.UNKNOWN_PRACTICE, Code.UNKNOWN_PAYER),
                None,
                id="both",
            ),
        ],
    )
    def test_unknown_ids_are_answered_not_raised(
        self, tin: str, payer: str, expected: tuple[Code, ...], minimum: int | None
    ) -> None:
        """Unknown ids give an ineligible answer with unknown_* reasons, the minimum from the payer when known."""
        answer = BOOK.group_eligibility(tin, payer, on=ON)
        assert (expected, False, minimum) == (codes(answer.reasons), bool(answer), answer.minimum)

    def test_unknown_ids_are_named(self) -> None:
        """Each unknown_* reason names the id the book does not hold."""
        answer = BOOK.group_eligibility(UNKNOWN_EIN, "medicare", on=ON)
        assert (
            f"the book holds no practice with tax id {UNKNOWN_EIN}",
            "the book holds no payer with id 'medicare'",
        ) == tuple(found.message for found in answer.reasons)

    def test_on_is_keyword_only(self) -> None:
        """The date is passed by keyword."""
        with pytest.raises(TypeError):
            BOOK.group_eligibility(EIN_TEXT, "cigna", ON)  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("tin", "payer", "on"),
        [
            pytest.param("123456789", "cigna", ON, id="ambiguous-tin"),
            pytest.param(EIN_TEXT, "Cigna Inc", ON, id="bad-payer-id"),
            pytest.param(EIN_TEXT, "cigna", datetime(2025, 6, 2, 9), id="datetime"),
            pytest.param(UNKNOWN_EIN, "medicare", "June 2", id="bad-date-even-when-unknown"),
        ],
    )
    def test_malformed_arguments_raise_credkit_error(self, tin: str, payer: str, on: Any) -> None:
        """Ids that cannot exist, or a bad date, raise CredkitError."""
        with pytest.raises(CredkitError):
            BOOK.group_eligibility(tin, payer, on=on)


class TestAddingProvider:
    @pytest.mark.parametrize(
        ("tin", "provider"),
        [
            pytest.param(EIN_TEXT, DEV, id="newcomer-to-harbor"),
            pytest.param(EIN_TEXT, CARA, id="cara-to-harbor"),
            pytest.param(EIN_TEXT, BEN, id="ben-already-at-harbor"),
            pytest.param(SSN_TEXT, ANA, id="ana-to-solo"),
        ],
    )
    def test_same_as_the_function_for_every_payer(self, tin: str, provider: Provider) -> None:
        """A plan per payer, keyed by payer id in book order, each equal to the function with full lists."""
        practice = BOOK.practice(tin)
        assert practice is not None
        expected = {
            payer.id: adding_provider(
                practice,
                provider,
                payer,
                on=ON,
                providers=BOOK.providers,
                credentials=BOOK.credentials,
                contracts=BOOK.contracts,
            )
            for payer in BOOK.payers
        }
        actual = BOOK.adding_provider(tin, provider, on=ON)
        assert (list(expected), expected) == (list(actual), actual)

    def test_paths_for_cara_joining_harbor(self) -> None:
        """Cara joins Harbor: Cigna's group contract, a new Optum contract, her own Aetna contract ported."""
        plans = BOOK.adding_provider(EIN_TEXT, CARA, on=ON)
        expected = {
            "cigna": Path.ADD_TO_GROUP_CONTRACT,
            "optum": Path.NEW_INDIVIDUAL_CONTRACT,
            "aetna": Path.PORT_INDIVIDUAL_CONTRACT,
        }
        assert expected == {payer: plan.path for payer, plan in plans.items()}

    def test_book_order_is_kept(self) -> None:
        """Keys follow the order of the book's payers, not alphabetical order."""
        book = Book(**{**LISTS, "payers": [OPTUM, AETNA, CIGNA]})
        assert ["optum", "aetna", "cigna"] == list(book.adding_provider(EIN_TEXT, DEV, on=ON))

    def test_unknown_practice_gives_unavailable_plans(self) -> None:
        """An unknown practice gives every payer an unavailable plan with unknown_practice."""
        plans = BOOK.adding_provider(UNKNOWN_EIN, DEV, on=ON)
        expected = dict.fromkeys(
            ("cigna", "optum", "aetna"), (Path.UNAVAILABLE, (Code.UNKNOWN_PRACTICE,), False, False)
        )
        assert expected == {
            payer_id: (plan.path, codes(plan.blockers), plan.guaranteed, bool(plan))
            for payer_id, plan in plans.items()
        }

    def test_unknown_practice_is_named(self) -> None:
        """The unknown_practice blocker names the tax id the book does not hold."""
        plans = BOOK.adding_provider(UNKNOWN_EIN, DEV, on=ON)
        assert {f"the book holds no practice with tax id {UNKNOWN_EIN}"} == {
            plan.blockers[0].message for plan in plans.values()
        }

    def test_provider_must_be_a_provider(self) -> None:
        """Anything but a Provider is refused, naming the argument."""
        with pytest.raises(CredkitError) as raised:
            BOOK.adding_provider(EIN_TEXT, "1234567893", on=ON)  # type: ignore[arg-type]
        assert "argument.provider: expected a Provider, got a string" == str(raised.value)

    def test_a_book_without_payers_gives_no_plans(self) -> None:
        """With no payers there is nothing to plan."""
        assert {} == Book(
            providers=[ANA], practices=[attrs.evolve(HARBOR, roster=[])]
        ).adding_provider(EIN_TEXT, DEV, on=ON)

    @pytest.mark.parametrize(
        ("tin", "provider", "on"),
        [
            pytest.param(EIN_TEXT, DEV_NPI, ON, id="provider-as-npi"),
            pytest.param("123456789", DEV, ON, id="ambiguous-tin"),
            pytest.param(EIN_TEXT, DEV, "2025/06/02", id="bad-date"),
        ],
    )
    def test_bad_arguments_raise_credkit_error(self, tin: str, provider: Any, on: Any) -> None:
        """The provider must be a Provider, the tax id real and the date a date."""
        with pytest.raises(CredkitError):
            BOOK.adding_provider(tin, provider, on=on)


class TestSerialization:
    def test_round_trip(self) -> None:
        """A Book survives to_json and from_json unchanged."""
        assert BOOK == from_json(to_json(BOOK), Book)

    def test_round_trip_answers_alike(self) -> None:
        """A Book read back answers the same questions the same way."""
        again = from_json(to_json(BOOK), Book)
        items = [param.values[0] for param in CLAIMS]
        assert list(BOOK.check(items)) == list(again.check(items))

    def test_json_holds_the_six_lists(self) -> None:
        """The JSON document is an object of the six lists, nothing else."""
        assert [
            "contracts",
            "credentials",
            "opt_outs",
            "payers",
            "practices",
            "providers",
        ] == sorted(json.loads(to_json(BOOK)))

    def test_broken_references_in_json_raise_invalid_data_with_paths(self) -> None:
        """Reading a book whose references do not resolve reports every problem at its $. path."""
        data = unstructure(BOOK)
        data["providers"] = [entry for entry in data["providers"] if entry["npi"] != ANA_NPI]
        data["payers"] = [entry for entry in data["payers"] if entry["id"] != "aetna"]
        with pytest.raises(InvalidData) as caught:
            from_json(json.dumps(data), Book)
        expected = {
            "$.practices[0].roster[0].provider",
            "$.credentials[0].provider",
            "$.credentials[2].provider",
            "$.credentials[2].payer",
            "$.credentials[3].payer",
            "$.contracts[0].members[0].provider",
            "$.contracts[1].payer",
        }
        assert expected == set(paths(caught.value))

    def test_duplicates_in_json_raise_invalid_data_with_paths(self) -> None:
        """Reading a book with a repeated key reports it at its $. path."""
        data = unstructure(BOOK)
        data["payers"].append(data["payers"][0])
        with pytest.raises(InvalidData) as caught:
            from_json(json.dumps(data), Book)
        assert ["$.payers[3].id"] == paths(caught.value)


PRESETS = [
    pytest.param(CIGNA, "cigna", 4, id="cigna"),
    pytest.param(OPTUM, "optum", 6, id="optum"),
    pytest.param(AETNA, "aetna", 2, id="aetna"),
]


class TestCatalog:
    @pytest.mark.parametrize(("preset", "payer_id", "minimum"), PRESETS)
    def test_group_minimums(self, preset: Payer, payer_id: str, minimum: int) -> None:
        """Cigna, Optum and Aetna presets carry their example group minimums of 4, 6 and 2."""
        assert (payer_id, minimum) == (preset.id, preset.rules.group_minimum)

    @pytest.mark.parametrize(
        "preset", [pytest.param(CIGNA, id="cigna"), pytest.param(OPTUM, id="optum")]
    )
    def test_article_presets_cite_the_article(self, preset: Payer) -> None:
        """Cigna's and Optum's figures cite TherAssist's 'Credentialing vs. Contracting: The Basics'."""
        source = preset.rules.source or ""
        assert (True, True) == (
            "Credentialing vs. Contracting: The Basics" in source,
            "TherAssist" in source,
        )

    def test_aetna_cites_the_faq(self) -> None:
        """Aetna's figure cites TherAssist's FAQ."""
        source = AETNA.rules.source or ""
        assert (True, True) == ("TherAssist" in source, "Frequently Asked Questions" in source)

    @pytest.mark.parametrize(("preset", "payer_id", "minimum"), PRESETS)
    def test_sources_say_to_verify(self, preset: Payer, payer_id: str, minimum: int) -> None:
        """Each source says the figure is an example to verify with the payer."""
        source = (preset.rules.source or "").lower()
        assert (True, True) == ("example" in source, "verify with the payer" in source)

    @pytest.mark.parametrize(("preset", "payer_id", "minimum"), PRESETS)
    def test_as_of_is_a_past_date(self, preset: Payer, payer_id: str, minimum: int) -> None:
        """Each preset records, as a date no later than today, when its figure was taken."""
        as_of = preset.rules.as_of
        assert (date, True) == (type(as_of), as_of is not None and as_of <= TODAY)

    @pytest.mark.parametrize(("preset", "payer_id", "minimum"), PRESETS)
    def test_other_rules_are_the_defaults(self, preset: Payer, payer_id: str, minimum: int) -> None:
        """A preset sets only its minimum and provenance; the rest are PayerRules defaults."""
        expected = attrs.evolve(
            PayerRules(),
            group_minimum=minimum,
            source=preset.rules.source,
            as_of=preset.rules.as_of,
        )
        assert expected == preset.rules


REASON = Reason(code="not_contracted", message="no contract")
IDENTITY = BillingIdentity(billing_npi=GROUP_NPI, tax_id=EIN_TEXT, rendering_npi=ANA_NPI)


class TestAnswerTypes:
    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param(
                {
                    "allowed": True,
                    "reasons": [REASON],
                    "contract": CIGNA_GROUP,
                    "billing": IDENTITY,
                },
                id="allowed-with-reasons",
            ),
            pytest.param({"allowed": True, "billing": IDENTITY}, id="allowed-without-contract"),
            pytest.param({"allowed": True, "contract": CIGNA_GROUP}, id="allowed-without-billing"),
            pytest.param({"allowed": False}, id="refused-without-reasons"),
            pytest.param(
                {"allowed": False, "reasons": [REASON], "contract": CIGNA_GROUP},
                id="refused-with-contract",
            ),
            pytest.param(
                {"allowed": False, "reasons": [REASON], "billing": IDENTITY},
                id="refused-with-billing",
            ),
            pytest.param(
                {"allowed": False, "reasons": [REASON], "rate": "100"}, id="refused-with-rate"
            ),
            pytest.param({"allowed": 0, "reasons": [REASON]}, id="allowed-not-bool"),
            pytest.param(
                {"allowed": True, "contract": CIGNA_GROUP, "billing": IDENTITY, "rate": 100.0},
                id="float-rate",
            ),
        ],
    )
    def test_incoherent_verdicts_are_refused(self, fields: dict[str, Any]) -> None:
        """A Verdict must be allowed with no reasons and a contract and billing, or refused with reasons and none of those."""
        with pytest.raises(CredkitError):
            Verdict(**fields)

    @pytest.mark.parametrize(
        ("verdict", "expected"),
        [
            pytest.param(Verdict(allowed=False, reasons=[REASON]), False, id="refused"),
            pytest.param(
                Verdict(allowed=True, contract=CIGNA_GROUP, billing=IDENTITY, rate="142.50"),
                True,
                id="allowed",
            ),
        ],
    )
    def test_verdict_is_truthy_exactly_when_allowed(self, verdict: Verdict, expected: bool) -> None:
        """bool(verdict) is verdict.allowed."""
        assert (expected, expected) == (bool(verdict), verdict.allowed)

    def test_verdict_codes(self) -> None:
        """Verdict.codes gives the codes of its reasons, in order, as Code members."""
        verdict = Verdict(
            allowed=False, reasons=[Reason(code="not_on_roster", message="m"), REASON]
        )
        assert (Code.NOT_ON_ROSTER, Code.NOT_CONTRACTED) == verdict.codes

    def test_rendering_equal_to_billing_is_refused(self) -> None:
        """The rendering NPI is sent only when it differs from the billing NPI."""
        with pytest.raises(CredkitError) as raised:
            BillingIdentity(billing_npi=ANA_NPI, tax_id=SSN_TEXT, rendering_npi=ANA_NPI)
        assert (
            "BillingIdentity.rendering_npi: is sent only when it differs from the billing NPI; "
            "leave it None",
            "BillingIdentity.rendering_npi",
        ) == (str(raised.value), raised.value.field)  # type: ignore[attr-defined]

    def test_billing_identity_hides_an_ssn(self) -> None:
        """A billing identity with an SSN tax id shows it masked in str and repr."""
        identity = BillingIdentity(billing_npi=CARA_NPI, tax_id=SSN_TEXT)
        text = str(identity) + repr(identity)
        assert (False, True, None) == (
            "536-22-8147" in text,
            "***-**-8147" in text,
            identity.rendering_npi,
        )

    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param({"code": "not_a_code", "message": "m"}, id="unknown-code"),
            pytest.param({"code": "not_on_roster", "message": "  "}, id="blank-message"),
            pytest.param({"code": 3, "message": "m"}, id="code-number"),
        ],
    )
    def test_bad_reasons_are_refused(self, fields: dict[str, Any]) -> None:
        """A Reason needs a known code and a non-blank message."""
        with pytest.raises(CredkitError):
            Reason(**fields)

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(value, id=value)
            for value in (
                "not_on_roster",
                "not_licensed",
                "profession_not_accepted",
                "not_credentialed",
                "credentialing_pending",
                "credentialing_denied",
                "credential_not_in_effect",
                "not_contracted",
                "contract_not_signed",
                "contract_not_in_effect",
                "not_on_group_contract",
                "not_linked_to_practice",
                "service_not_covered",
                "billing_npi_mismatch",
                "tax_id_mismatch",
                "rendering_npi_mismatch",
                "unknown_provider",
                "unknown_payer",
                "unknown_practice",
                "no_group_contracts",
                "below_group_minimum",
                "needs_ein",
                "needs_group_npi",
                "panel_closed",
                "individual_contracts_unavailable",
                "pays_provider_ssn",
                "retro_billing",
            )
        ],
    )
    def test_every_documented_code_exists(self, value: str) -> None:
        """Each code DESIGN.md lists is a Code whose value is that string, usable as a str."""
        member = Code(value)
        assert (value, value) == (member.value, str(member))


class TestPickle:
    """A Book pickles as its records, to be sent to worker processes."""

    @settings(max_examples=25)
    @given(cs.books())
    def test_round_trip_keeps_every_record(self, book: Book) -> None:
        """Unpickled, a book equals the one pickled, every kind of record included."""
        import pickle

        from credkit import OptOut

        with_opt_out = attrs.evolve(
            book,
            opt_outs=[
                OptOut(
                    provider=book.providers[0].npi,
                    payer=book.payers[0].id,
                    signed="2024-01-02",
                    start="2024-02-01",
                )
            ],
        )
        assert with_opt_out == pickle.loads(pickle.dumps(with_opt_out))
