"""credkit.x12 reads 837P files with pyx12, and Book.scrub checks each service line they hold.

Every fixture is written by ``tests/x12_files.py`` and checked valid by pyx12's own
validator first, so the expected verdicts are about files a billing system could send.
"""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

import io
import sys
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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
    InvalidValue,
    License,
    Payer,
    PayTo,
    Period,
    Practice,
    Provider,
    ServiceLine,
    State,
)
from credkit.scrub import ROW_FIELDS, scrub_record, scrub_row, summarize
from credkit.x12 import read_837p
from tests import strategies as cs
from tests.x12_files import BillingLoop, ClaimSpec, Envelope, LineSpec, Separators, write_837p

HARBOR_EIN = "12-3456789"
HARBOR_NPI = "1558598797"
ANA_NPI = "1234567893"
PAT_NPI = "1245319599"
ANA_SSN = "123-45-6789"
OTHER_EIN = "98-7654321"
SINCE = Period("2024-01-01")
TERM = Period("2024-02-01")
ON = date(2025, 3, 4)


def licensed(npi: str, name: str) -> Provider:
    return Provider(
        npi=npi,
        name=name,
        licenses=[
            License(state="NY", profession="clinical_social_worker", number=npi, effective=SINCE)
        ],
    )


BOOK = Book(
    providers=[licensed(ANA_NPI, "Ana Ruiz, LCSW"), licensed(PAT_NPI, "Pat Smith, LCSW")],
    practices=[
        Practice(
            name="Harbor Therapy",
            tin=HARBOR_EIN,
            npi=HARBOR_NPI,
            states=["NY"],
            roster=[
                Affiliation(provider=ANA_NPI, effective=SINCE),
                Affiliation(provider=PAT_NPI, effective=SINCE),
            ],
        ),
        Practice(
            name="Ana Ruiz, LCSW",
            tin=ANA_SSN,
            states=["NY"],
            roster=[Affiliation(provider=ANA_NPI, effective=SINCE)],
        ),
    ],
    payers=[
        Payer(id="cigna", name="Cigna", edi_ids=["62308"]),
        Payer(id="aetna", name="Aetna", edi_ids=["60054"]),
    ],
    credentials=[
        Credential(provider=ANA_NPI, payer="cigna", status="approved", effective=TERM),
        Credential(provider=ANA_NPI, payer="aetna", status="approved", effective=TERM),
        Credential(provider=PAT_NPI, payer="cigna", status="pending", submitted="2025-01-02"),
    ],
    contracts=[
        Contract(
            id="cigna-harbor",
            payer="cigna",
            holder=Group(practice=HARBOR_EIN),
            status="executed",
            signed="2024-01-15",
            effective=TERM,
            members=[
                Affiliation(provider=ANA_NPI, effective=TERM),
                Affiliation(provider=PAT_NPI, effective=TERM),
            ],
            pay_to=[PayTo(tin=HARBOR_EIN, npi=HARBOR_NPI, effective=TERM)],
            rates={"90837": "140.00"},
        ),
        Contract(
            id="aetna-ana",
            payer="aetna",
            holder=Individual(provider=ANA_NPI),
            status="executed",
            signed="2024-01-15",
            effective=Period("2024-02-01", "2025-03-05"),
            pay_to=[PayTo(tin=ANA_SSN, npi=ANA_NPI, effective=TERM)],
        ),
    ],
)

# A group practice billing Cigna: lines allowed, and refused for each reason scrubbing adds.
GROUP = BillingLoop(
    npi=HARBOR_NPI,
    pay_to_state="NY",
    claims=(
        ClaimSpec(
            id="G1",
            rendering_npi=ANA_NPI,
            lines=(
                LineSpec(),
                # 2420A: Pat rendered this line, and Pat's credentialing is pending.
                LineSpec(service="90834", modifiers=("95",), rendering_npi=PAT_NPI, place="02"),
            ),
        ),
        ClaimSpec(id="G2"),  # no 2310B: a group NPI with no rendering provider
        ClaimSpec(id="G5", payer_id="99999", payer_name="UNKNOWN PLAN", rendering_npi=ANA_NPI),
        ClaimSpec(id="G6", rendering_npi=ANA_NPI, facility_state="NJ"),  # 2310C in NJ
    ),
)
# The same group NPI sent with another tax id.
WRONG_TAX_ID = BillingLoop(
    npi=HARBOR_NPI, tax_id="987654321", claims=(ClaimSpec(id="G3", rendering_npi=ANA_NPI),)
)
# Ana's own NPI sent as the billing provider of a Harbor claim, with Harbor's EIN.
WRONG_NPI = BillingLoop(npi=ANA_NPI, person=("RUIZ", "ANA"), claims=(ClaimSpec(id="G4"),))
# An individual contract paid to the provider's SSN, with ranges of dates of service.
SOLO = BillingLoop(
    npi=ANA_NPI,
    person=("RUIZ", "ANA"),
    tax_qualifier="SY",
    tax_id="123456789",
    claims=(
        ClaimSpec(id="S1", payer_id="60054", payer_name="AETNA"),
        ClaimSpec(
            id="S2",
            payer_id="60054",
            payer_name="AETNA",
            # The contract ends 2025-03-05: refused on the range's last day.
            lines=(LineSpec(start=date(2025, 3, 3), end=date(2025, 3, 7)),),
        ),
        ClaimSpec(
            id="S3",
            payer_id="60054",
            payer_name="AETNA",
            rendering_npi=ANA_NPI,  # the billing provider named again as rendering
            lines=(LineSpec(start=date(2025, 3, 1), end=date(2025, 3, 5)),),
        ),
    ),
)

GROUP_FILE = write_837p([Envelope(billing=(GROUP, WRONG_TAX_ID, WRONG_NPI))])
SOLO_FILE = write_837p([Envelope(billing=(SOLO,))])
ENVELOPES_FILE = write_837p(
    [
        Envelope(control=1, billing=(GROUP, WRONG_TAX_ID, WRONG_NPI)),
        Envelope(control=2, billing=(SOLO,)),
    ]
)
ONE_LINE_FILE = write_837p(
    [Envelope(billing=(GROUP, WRONG_TAX_ID, WRONG_NPI)), Envelope(control=2, billing=(SOLO,))],
    Separators(newlines=False),
)
OTHER_SEPARATORS_FILE = write_837p(
    [Envelope(billing=(GROUP, WRONG_TAX_ID, WRONG_NPI)), Envelope(control=2, billing=(SOLO,))],
    Separators(element="|", component=">", repetition="!", segment="\n", newlines=False),
)
FIXTURES = {
    "group": GROUP_FILE,
    "solo": SOLO_FILE,
    "envelopes": ENVELOPES_FILE,
    "one_line": ONE_LINE_FILE,
    "other_separators": OTHER_SEPARATORS_FILE,
}

# (claim id, line number) -> (allowed, codes of the reasons), as scrubbing must find them.
GROUP_EXPECTED = {
    ("G1", 1): (True, ()),
    ("G1", 2): (False, ("credentialing_pending",)),
    ("G2", 1): (False, ("rendering_npi_mismatch",)),
    ("G5", 1): (False, ("unknown_payer",)),
    ("G6", 1): (False, ("not_licensed",)),
    ("G3", 1): (False, ("tax_id_mismatch",)),
    ("G4", 1): (False, ("billing_npi_mismatch", "rendering_npi_mismatch")),
}
SOLO_EXPECTED = {
    ("S1", 1): (True, ()),
    ("S2", 1): (False, ("contract_not_in_effect",)),
    ("S3", 1): (True, ()),
}


def pyx12_validates(text: str) -> bool:
    """pyx12's own validator (x12n_document, as its x12valid script runs it) passes the file."""
    import pyx12.params
    import pyx12.x12n_document

    return pyx12.x12n_document.x12n_document(
        pyx12.params.params(), io.StringIO(text), io.StringIO(), None
    )


def verdicts(text: str) -> dict[tuple[str, int], tuple[bool, tuple[str, ...]]]:
    return {
        (found.line.claim_id, found.line.line): (
            found.allowed,
            tuple(reason.code.value for reason in found.reasons),
        )
        for found in BOOK.scrub(read_837p(text))
    }


class TestFixtures:
    """Each synthetic 837P is valid under pyx12's validator and scrubs to the expected verdicts."""

    @pytest.mark.parametrize("name", list(FIXTURES))
    def test_valid_under_pyx12(self, name: str) -> None:
        """pyx12's 837P validator accepts the file."""
        assert pyx12_validates(FIXTURES[name])

    def test_group_practice(self) -> None:
        """A group practice's lines: allowed, refused by can_bill, refused for their billing identity."""
        assert GROUP_EXPECTED == verdicts(GROUP_FILE)

    def test_individual_contract_paid_to_ssn(self) -> None:
        """Billing under the provider's SSN is allowed with a pays_provider_ssn note; ranges check both ends."""
        assert SOLO_EXPECTED == verdicts(SOLO_FILE)
        first = next(BOOK.scrub(read_837p(SOLO_FILE)))
        assert ["pays_provider_ssn"] == [note.code.value for note in first.verdict.notes]

    @pytest.mark.parametrize("name", ["envelopes", "one_line", "other_separators"])
    def test_envelopes_and_separators(self, name: str) -> None:
        """Several interchanges, and any separators the ISA declares, read the same lines."""
        assert {**GROUP_EXPECTED, **SOLO_EXPECTED} == verdicts(FIXTURES[name])
        assert list(read_837p(ENVELOPES_FILE)) == list(read_837p(FIXTURES[name]))

    def test_expected_billing(self) -> None:
        """An allowed group line carries the contract's billing identity and rate."""
        found = next(BOOK.scrub(read_837p(GROUP_FILE)))
        expected = BillingIdentity(billing_npi=HARBOR_NPI, tax_id=HARBOR_EIN, rendering_npi=ANA_NPI)
        assert (expected, expected, Decimal("140.00")) == (
            found.expected,
            found.verdict.billing,
            found.verdict.rate,
        )

    def test_mismatch_messages(self) -> None:
        """Each mismatch says what the claim has and what the contract loads."""
        by_claim = {found.line.claim_id: found for found in BOOK.scrub(read_837p(GROUP_FILE))}
        assert [
            "the claim's tax id is 98-7654321 (loop 2010AA REF), but Cigna contract "
            "cigna-harbor loads tax id 12-3456789"
        ] == [reason.message for reason in by_claim["G3"].reasons]
        assert [
            "the claim bills under NPI 1234567893 (loop 2010AA), but Cigna contract "
            "cigna-harbor loads billing NPI 1558598797",
            "the claim names no rendering provider, but Cigna contract cigna-harbor bills "
            "under NPI 1558598797, so the rendering NPI 1234567893 must be sent (loop 2310B)",
        ] == [reason.message for reason in by_claim["G4"].reasons]
        assert [
            "the claim names no rendering provider, but billing NPI 1558598797 is Harbor "
            "Therapy's group NPI: send the clinician's NPI as the rendering provider (loop 2310B)"
        ] == [reason.message for reason in by_claim["G2"].reasons]
        assert [
            "no payer in the book has the electronic payer id '99999' (loop 2010BB): add it "
            "to that payer's edi_ids"
        ] == [reason.message for reason in by_claim["G5"].reasons]


class TestReading:
    """read_837p takes each field from the loop the guide puts it in."""

    def test_fields(self) -> None:
        """Claim and line ids, identities, payer, dates, procedure, charge, place and state."""
        lines = list(read_837p(GROUP_FILE))
        first, override = lines[0], lines[1]
        assert (
            ServiceLine(
                claim_id="G1",
                line=1,
                billing_npi=HARBOR_NPI,
                tax_id=EIN(HARBOR_EIN),
                pay_to="PO BOX 100, ALBANY, NY, 122070100",
                rendering_npi=ANA_NPI,
                payer_id="62308",
                payer_name="CIGNA",
                service_from=ON,
                service="90837",
                charge=Decimal("150.00"),
                place_of_service="11",
                state="NY",
            )
            == first
        )
        assert (2, NPI(PAT_NPI), "90834", ("95",), "02") == (
            override.line,
            override.rendering_npi,
            override.service,
            override.modifiers,
            override.place_of_service,
        )

    def test_rendering_and_state_fallbacks(self) -> None:
        """No 2310B: no rendering NPI; 2310C's state over the billing provider's."""
        by_claim = {line.claim_id: line for line in read_837p(GROUP_FILE)}
        assert (None, State.NJ, State.NY) == (
            by_claim["G2"].rendering_npi,
            by_claim["G6"].state,
            by_claim["G1"].state,
        )

    def test_ssn_and_ranges(self) -> None:
        """REF*SY is an SSN, masked when shown; RD8 gives the first and last days."""
        lines = list(read_837p(SOLO_FILE))
        assert SSN(ANA_SSN) == lines[0].tax_id
        assert (date(2025, 3, 3), date(2025, 3, 7)) == (lines[1].service_from, lines[1].service_to)
        assert "123-45-6789" not in repr(lines[0]) + str(lines[0])
        assert "***-**-6789" in repr(lines[0])

    def test_charges_are_decimal(self) -> None:
        """SV102 becomes a Decimal, as written."""
        text = write_837p(
            [
                Envelope(
                    billing=(
                        attrs.evolve(
                            GROUP,
                            claims=(ClaimSpec(id="C", lines=(LineSpec(charge=Decimal("99.95")),)),),
                        ),
                    )
                )
            ]
        )
        assert [Decimal("99.95")] == [line.charge for line in read_837p(text)]

    def test_lazy(self) -> None:
        """Nothing is read until the lines are asked for."""
        lines = read_837p("ISA garbage")
        with pytest.raises(InvalidData):
            next(lines)


def problems(text: str) -> tuple[str, ...]:
    with pytest.raises(InvalidData) as raised:
        list(read_837p(text))
    return raised.value.errors


class TestRobustness:
    """A file that is not a valid 837P is InvalidData naming the segment and what is wrong."""

    def test_truncated(self) -> None:
        """A file cut short names the trailers pyx12 found missing, after the last segment."""
        segments = GROUP_FILE.split("~\n")
        cut = "~\n".join(segments[:20]) + "~\n"
        found = problems(cut)
        assert all(line.startswith("the file ends after segment 20: ") for line in found)
        assert any('"Interchange Control Trailer"' in line for line in found)

    @pytest.mark.parametrize("keep", [5, 33, 60])
    def test_truncated_anywhere(self, keep: int) -> None:
        """Wherever the file is cut, the reader refuses it."""
        segments = ENVELOPES_FILE.split("~\n")
        assert problems("~\n".join(segments[:keep]) + "~\n")

    def test_version_4010(self) -> None:
        """A 4010 837P is refused at its ISA, naming the version read."""
        text = write_837p(
            [Envelope(billing=(GROUP,), interchange_version="00401", version="004010X098A1")]
        )
        assert (
            "segment 1 (ISA): ISA12 gives interchange version '00401'; credkit reads 837P "
            "files of version 005010X222A1 (interchange 00501, group HC, transaction set 837) "
            "only",
        ) == problems(text)

    def test_another_transaction(self) -> None:
        """An 837 of another version in a 5010 interchange is refused at its GS."""
        text = GROUP_FILE.replace("*005010X222A1~", "*005010X223A2~")
        assert problems(text)[0].startswith("segment 2")

    @pytest.mark.parametrize(
        "text",
        ["", "garbage", "ISA" + "*" * 200, "€" * 120, "GS*HC*A*B~ST*837*1~", GROUP_FILE[::-1]],
    )
    def test_garbage(self, text: str) -> None:
        """Text that is not X12 is refused at segment 1."""
        found = problems(text)
        assert found[0].startswith("segment 1")

    def test_claim_without_service_line(self) -> None:
        """A claim with no loop 2400 is refused, naming the claim and where it is."""
        text = write_837p(
            [Envelope(billing=(attrs.evolve(GROUP, claims=(ClaimSpec(id="EMPTY", lines=()),)),))]
        )
        found = problems(text)
        assert (
            'segment 25: Mandatory loop "Service Line Number" (2400) missing',
            "segment 23: claim EMPTY has no service line (loop 2400)",
        ) == found

    def test_segment_out_of_place(self) -> None:
        """A segment the 837P map has no place for is named by position."""
        text = GROUP_FILE.replace("LX*1~\n", "", 1)
        found = problems(text)
        assert found[0].startswith("segment 27: Segment SV1*HC:90837 not found")

    def test_bad_identifier(self) -> None:
        """An NPI that fails its check digit is named at its segment."""
        text = GROUP_FILE.replace("XX*1558598797~", "XX*1558598790~", 1)
        assert (
            "segment 9 (NM1): billing provider (2010AA NM109): NPI 1558598790 fails its check "
            "digit (Luhn with prefix 80840); check for a typo"
        ) in problems(text)

    def test_nothing_from_a_bad_interchange(self) -> None:
        """The lines of an interchange with a problem are never given, even ones before it."""
        text = ENVELOPES_FILE.replace("AETNA", "AETNA*XX*X*Y*Z*Q*W*E*R*T*Y*U", 1)
        read = read_837p(text)
        assert 7 == len([next(read) for _ in range(7)])  # the first interchange is fine
        with pytest.raises(InvalidData):
            next(read)

    def test_unknown_payer_id(self) -> None:
        """A payer id no payer of the book holds is unknown_payer, with the other checks skipped."""
        assert (False, ("unknown_payer",)) == verdicts(GROUP_FILE)[("G5", 1)]

    @pytest.mark.parametrize("value", [None, 0, b"ISA", ["ISA"], object()])
    def test_not_text(self, value: Any) -> None:
        """Anything but text is refused at once, naming the function."""
        with pytest.raises(InvalidValue, match="read_837p: expected the file's text"):
            read_837p(value)

    def test_control_numbers_are_shown_as_written(self) -> None:
        """A nine-digit control number in a problem is shown whole: it is no SSN."""
        text = write_837p([Envelope(control=123456789, billing=(SOLO,))])
        cut = "~\n".join(text.split("~\n")[:30]) + "~\n"
        message = "\n".join(problems(cut))
        assert '"Interchange Control Trailer" (IEA=123456789) missing' in message

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyx12 installed, the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "pyx12", None)
        with pytest.raises(CredkitError, match=r"pip install 'credkit\[x12\]'"):
            read_837p(GROUP_FILE)


class TestPayerEdiIds:
    """Payer.edi_ids: electronic payer ids, unique across a book."""

    def test_shared_id_refused(self) -> None:
        """Two payers of a book cannot share an electronic id."""
        with pytest.raises(InvalidData, match="electronic payer id '62308' is already used"):
            attrs.evolve(BOOK, payers=[*BOOK.payers, Payer(id="x", name="X", edi_ids=["62308"])])

    @pytest.mark.parametrize("value", ["", "62 308", "€", "6" * 81, 62308])
    def test_bad_ids_refused(self, value: Any) -> None:
        """Blank, spaced, non-ASCII, over-long or non-text ids are refused, naming the field."""
        with pytest.raises(InvalidValue, match=r"Payer\.edi_ids"):
            Payer(id="x", name="X", edi_ids=[value])


class TestAnswers:
    """Summaries, rows and records of a scrubbed batch."""

    def test_summary(self) -> None:
        """Lines, claims, allowed, refused by code, and the refused lines' charges at risk."""
        summary = summarize(BOOK.scrub(read_837p(ENVELOPES_FILE)))
        assert (10, 9, 3, 7) == (summary.lines, summary.claims, summary.allowed, summary.refused)
        assert Decimal("1050.00") == summary.charges_at_risk
        assert Decimal("1500.00") == summary.charges
        assert {
            Code.CREDENTIALING_PENDING: 1,
            Code.RENDERING_NPI_MISMATCH: 2,
            Code.UNKNOWN_PAYER: 1,
            Code.NOT_LICENSED: 1,
            Code.TAX_ID_MISMATCH: 1,
            Code.BILLING_NPI_MISMATCH: 1,
            Code.CONTRACT_NOT_IN_EFFECT: 1,
        } == dict(summary.refused_by_code)
        assert "charges at risk: $1,050.00 of $1,500.00" == str(summary).splitlines()[-1]

    def test_rows(self) -> None:
        """Each row has every column, the book's ids, and the expected billing identity."""
        rows = [scrub_row(found) for found in BOOK.scrub(read_837p(ENVELOPES_FILE))]
        assert all(list(ROW_FIELDS) == list(row) for row in rows)
        assert {
            "claim_id": "G1",
            "line": "1",
            "provider": ANA_NPI,
            "payer": "cigna",
            "practice": HARBOR_EIN,
            "date": "2025-03-04",
            "service": "90837",
            "charge": "150.00",
            "allowed": "yes",
            "reasons": "",
            "expected_billing_npi": HARBOR_NPI,
            "expected_tax_id": HARBOR_EIN,
            "expected_rendering_npi": ANA_NPI,
        } == rows[0]
        assert ("90834:95", "credentialing_pending") == (rows[1]["service"], rows[1]["reasons"])
        solo = rows[7]
        assert ("***-**-6789", "***-**-6789", "2025-03-03/2025-03-07") == (
            solo["practice"],
            solo["expected_tax_id"] or "***-**-6789",
            rows[8]["date"],
        )
        assert "123-45-6789" not in repr(rows)

    def test_records(self) -> None:
        """A record has the line's ids and the verdict's shape, SSNs masked."""
        records = [scrub_record(found) for found in BOOK.scrub(read_837p(ENVELOPES_FILE))]
        assert {"claim_id", "line", "allowed", "reasons", "notes", "billing", "rate"} <= set(
            records[0]
        )
        assert (True, [], "140.00") == (
            records[0]["allowed"],
            records[0]["reasons"],
            records[0]["rate"],
        )
        assert [
            {"code": "credentialing_pending", "message": records[1]["reasons"][0]["message"]}
        ] == records[1]["reasons"]
        assert "123-45-6789" not in repr(records)

    @pytest.mark.parametrize("value", [None, 0, "x", object()])
    def test_junk_refused(self, value: Any) -> None:
        """Rows, records and summaries refuse what is not a scrubbed line."""
        for build in (scrub_row, scrub_record):
            with pytest.raises(CredkitError):
                build(value)
        with pytest.raises(CredkitError):
            summarize([value])
        with pytest.raises(CredkitError):
            list(BOOK.scrub([value]))


# --- the differential property: scrubbing a written 837P agrees with Book.check -------------


def with_edi_ids(book: Book) -> Book:
    """The book with an electronic id for each payer."""
    return attrs.evolve(
        book,
        payers=[
            attrs.evolve(payer, edi_ids=[f"P{index}"]) for index, payer in enumerate(book.payers)
        ],
    )


def as_billed(book: Book, claim: Claim, span: int) -> tuple[BillingLoop, Claim]:
    """A billing loop holding the claim, with the billing identity Book.check says it needs.

    A refused claim is sent under the practice's NPI (or the provider's, when it has
    none) with the provider as rendering provider.
    """
    verdict = book.can_bill(claim)
    practice = book.practice(claim.practice)
    assert practice is not None
    if verdict.billing is not None:
        billing_npi, tax_id = verdict.billing.billing_npi, verdict.billing.tax_id
        rendering = verdict.billing.rendering_npi
    else:
        billing_npi, tax_id = practice.npi or claim.provider, practice.tin
        rendering = None if billing_npi == claim.provider else claim.provider
    payer_index = [payer.id for payer in book.payers].index(claim.payer)
    qualifier, digits = (
        ("EI", tax_id.digits) if isinstance(tax_id, EIN) else ("SY", tax_id.reveal())
    )
    end = claim.on + timedelta(days=span) if span else None
    loop = BillingLoop(
        npi=str(billing_npi),
        tax_qualifier=qualifier,
        tax_id=digits,
        state=claim.state.value if claim.state else "NY",
        claims=(
            ClaimSpec(
                id="C1",
                payer_id=f"P{payer_index}",
                rendering_npi=None if rendering is None else str(rendering),
                lines=(LineSpec(service=claim.service or "90837", start=claim.on, end=end),),
            ),
        ),
    )
    return loop, claim


class TestDifferential:
    """Scrubbing a generated 837P gives Book.check's verdicts on the equivalent claims."""

    # Each example writes one file and reads it with pyx12, which loads the 837P map
    # (about a second): fewer examples than the suite's default, each with several claims.
    @settings(max_examples=25)
    @given(
        cs.books_with_claims(), st.lists(st.sampled_from([0, 0, 1, 6, 40]), min_size=8, max_size=8)
    )
    @example(drawn=None, spans=[0] * 8)
    def test_agrees_with_check(self, drawn: Any, spans: list[int]) -> None:
        """Allowed exactly when check allows the first and the last day; the same reasons when not."""
        if drawn is None:
            drawn = (BOOK, [Claim(provider=ANA_NPI, payer="cigna", practice=HARBOR_EIN, on=ON)])
        book, claims = drawn
        book = with_edi_ids(book)
        ready = []
        for claim in claims:
            practice = book.practice(claim.practice)
            assert practice is not None
            state = claim.state or sorted(practice.states)[0]
            ready.append(attrs.evolve(claim, service=claim.service or "90837", state=state))
        loops = [as_billed(book, claim, span)[0] for claim, span in zip(ready, spans, strict=False)]
        text = write_837p([Envelope(billing=tuple(loops))])
        scrubbed = list(book.scrub(read_837p(text)))
        assert len(ready) == len(scrubbed)
        for claim, span, found in zip(ready, spans, scrubbed, strict=False):
            first = book.can_bill(claim)
            last = book.can_bill(attrs.evolve(claim, on=claim.on + timedelta(days=span)))
            refusal = first if not first else last if not last else None
            if refusal is None:
                # Sent with the first day's billing identity: allowed unless it changed by the last.
                assert (first.billing == last.billing) == found.allowed
                assert first.billing == found.expected
            else:
                assert (False, refusal.reasons) == (found.allowed, found.reasons)


class TestValues:
    """Service lines and scrubbing answers refuse values that break their rules, naming the field."""

    LINE: ClassVar[dict[str, Any]] = {
        "claim_id": "A1",
        "line": 1,
        "billing_npi": HARBOR_NPI,
        "tax_id": HARBOR_EIN,
        "payer_id": "62308",
        "service_from": "2025-03-04",
        "service": "90837",
        "charge": "150.00",
    }

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("line", 0, "ServiceLine.line: a line number counts from 1, got 0"),
            ("line", True, "ServiceLine.line: expected a line number (1, 2, ...), got a boolean"),
            ("charge", "-1", "ServiceLine.charge: an amount of money must not be negative"),
            ("modifiers", "95", "ServiceLine.modifiers: expected a list of procedure modifiers"),
            ("modifiers", ["95"] * 5, "at most 4 modifiers, got 5"),
            (
                "modifiers",
                ["9"],
                "a procedure modifier is 2 letters or digits (e.g. '95'), got '9'",
            ),
            ("modifiers", [95], "expected a procedure modifier such as '95', got a number"),
            ("place_of_service", "1", "a place-of-service code is 2 digits (e.g. '11'), got '1'"),
            ("place_of_service", 11, "expected a place-of-service code such as '11', got a number"),
            (
                "service_to",
                "2025-03-03",
                "2025-03-03 is before the first day of service 2025-03-04",
            ),
            ("payer_id", "62 308", "an electronic payer id is 1 to 80 letters or digits"),
        ],
    )
    def test_refusals(self, field: str, value: Any, message: str) -> None:
        """Each rule's refusal names the field and says what is wrong."""
        with pytest.raises(InvalidValue) as raised:
            ServiceLine(**{**self.LINE, field: value})
        assert message in str(raised.value)
        assert str(raised.value).startswith(f"ServiceLine.{field}: ")

    def test_modifiers_upper_case(self) -> None:
        """Modifiers are kept upper case."""
        assert ("GT",) == ServiceLine(**{**self.LINE, "modifiers": ["gt"]}).modifiers

    def test_str(self) -> None:
        """A line says its claim, number, service, days and charge."""
        line = ServiceLine(**{**self.LINE, "service_to": "2025-03-06"})
        assert "claim A1 line 1: 90837 on 2025-03-04 to 2025-03-06, 150.00" == str(line)

    @pytest.mark.parametrize("field", ["line", "verdict", "expected", "payer", "practice"])
    def test_scrubbed_line_junk(self, field: str) -> None:
        """A ScrubbedLine refuses junk in any field, naming it."""
        found = next(BOOK.scrub(read_837p(SOLO_FILE)))
        with pytest.raises(CredkitError, match=rf"ScrubbedLine\.{field}: "):
            attrs.evolve(found, **{field: object()})

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"lines": -1}, "ScrubSummary.lines: must be a whole number"),
            ({"lines": 4}, "allowed and refused add up to 3, not 4"),
            ({"refused_by_code": []}, "expected a mapping of code to count"),
            (
                {"refused_by_code": {"not_credentialed": 0}},
                "a count is a whole number of at least 1",
            ),
            ({"charges": 1.5}, "expected a Decimal amount"),
        ],
    )
    def test_summary_rules(self, changes: dict[str, Any], message: str) -> None:
        """A summary keeps its totals consistent."""
        valid = {
            "lines": 3,
            "claims": 2,
            "allowed": 2,
            "refused": 1,
            "refused_by_code": {"not_credentialed": 1},
            "charges": Decimal("450.00"),
            "charges_at_risk": Decimal("150.00"),
        }
        from credkit import ScrubSummary

        with pytest.raises(CredkitError, match=message):
            ScrubSummary(**{**valid, **changes})

    @pytest.mark.parametrize(
        ("old", "new", "message"),
        [
            (
                "DTP*472*D8*20250304~",
                "DTP*472*D8*20251304~",
                "'20251304' is not a date written CCYYMMDD",
            ),
            ("DTP*472*D8*20250304~", "DTP*472*RD8*20250304~", "expected D8 CCYYMMDD or RD8"),
            (
                "SV1*HC:90837*150*",
                "SV1*HC:90837*1X0*",
                "line charge (SV102): '1X0' is not an amount",
            ),
            ("N4*ALBANY*NY*122070001~", "N4*ALBANY*ZZ*122070001~", "'ZZ' is not a USPS state code"),
            ("LX*1~", "LX*A~", "the line number (LX01) 'A' is not a number"),
        ],
    )
    def test_bad_values_in_a_file(self, old: str, new: str, message: str) -> None:
        """A value credkit cannot use is refused, at its segment or its line."""
        text = SOLO_FILE.replace(old, new, 1)
        assert any(message in line for line in problems(text)), problems(text)
