"""Answers shown in a REPL or a notebook: one-line reprs, text for print(), HTML tables, Matrix."""

# Assertions are written ``assert expected == actual``, as in pypa/packaging.

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.vendor.pretty import pretty

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
    GroupEligibility,
    Individual,
    InvalidData,
    InvalidValue,
    License,
    Matrix,
    Payer,
    PayTo,
    Period,
    Plan,
    Practice,
    Provider,
    Reason,
    Step,
    Verdict,
    from_json,
    structure,
    to_json,
    unstructure,
)
from credkit import _display as display
from credkit.answers import checked
from tests import strategies as cs

ON = date(2026, 11, 28)
SINCE = Period("2024-01-01")
EIN_TEXT = "12-3456789"
SSN_TEXT = "536-22-8147"
SSN_MASKED = "***-**-8147"
GROUP_NPI = "1558598797"
ANA_NPI = "1234567893"
BEN_NPI = "1245319599"
NASTY = """Ana <b>"Ruiz"</b> & 'Co'"""


def html_of(answer: Any) -> ET.Element:
    """The answer's HTML, parsed as XML: it must be well formed."""
    return ET.fromstring(answer._repr_html_())


def texts_of(root: ET.Element, tag: str) -> list[str]:
    """The text of every element with this tag, in document order."""
    return ["".join(element.itertext()) for element in root.iter(tag)]


def codes_of(root: ET.Element) -> list[str]:
    """The codes set in <code> elements, in document order."""
    return texts_of(root, "code")


def reason(code: str, message: str) -> Reason:
    return Reason(code=code, message=message)


def contract(contract_id: str = "aetna-harbor") -> Contract:
    return Contract(
        id=contract_id,
        payer="aetna",
        holder=Individual(provider=ANA_NPI),
        status="executed",
        signed="2024-01-01",
        effective=SINCE,
    )


ALLOWED = Verdict(
    allowed=True,
    contract=contract(),
    billing=BillingIdentity(billing_npi=GROUP_NPI, tax_id=EIN_TEXT, rendering_npi=ANA_NPI),
    rate=Decimal("140.00"),
)
PAID_TO_SSN = Verdict(
    allowed=True,
    contract=contract("aetna-ana"),
    billing=BillingIdentity(billing_npi=ANA_NPI, tax_id=SSN_TEXT),
    notes=[reason("pays_provider_ssn", f"payment goes to SSN {SSN_MASKED}")],
)
REFUSED = Verdict(
    allowed=False,
    reasons=[
        reason("not_on_roster", "Ana Ruiz is not on the roster of Harbor"),
        reason("credentialing_pending", "Ana Ruiz with Aetna: credentialing is pending"),
    ],
)
SHORT = GroupEligibility(
    eligible=False,
    minimum=4,
    count=3,
    shortfall=1,
    counted=[ANA_NPI, BEN_NPI, GROUP_NPI],
    reasons=[
        reason("below_group_minimum", "Cigna requires 4 providers; Harbor has 3"),
        reason("needs_group_npi", "Harbor has no organizational NPI"),
    ],
)
ELIGIBLE = GroupEligibility(
    eligible=True, minimum=2, count=2, shortfall=0, counted=[ANA_NPI, BEN_NPI]
)
NO_GROUPS = GroupEligibility(
    eligible=False,
    minimum=None,
    count=1,
    shortfall=None,
    counted=[ANA_NPI],
    reasons=[reason("no_group_contracts", "Humana offers no group contracts")],
)
GROUP_PLAN = Plan(
    payer="aetna",
    path="add_to_group_contract",
    steps=[
        Step(kind="credential", detail="credential Ana Ruiz with Aetna"),
        Step(kind="add_to_group_contract", detail="ask Aetna to add Ana Ruiz"),
    ],
    guaranteed=True,
)
BLOCKED_PLAN = Plan(
    payer="optum",
    path="new_individual_contract",
    steps=[Step(kind="credential", detail="credential Ana Ruiz with Optum")],
    blockers=[reason("panel_closed", "Optum's panel is closed in NY")],
    notes=[reason("panel_closed", "Optum's panel is closed in NJ")],
    becomes_group_eligible=True,
)

ANSWERS = [
    pytest.param(ALLOWED, id="allowed"),
    pytest.param(PAID_TO_SSN, id="paid-to-ssn"),
    pytest.param(REFUSED, id="refused"),
    pytest.param(SHORT, id="short"),
    pytest.param(ELIGIBLE, id="eligible"),
    pytest.param(NO_GROUPS, id="no-groups"),
    pytest.param(GROUP_PLAN, id="group-plan"),
    pytest.param(BLOCKED_PLAN, id="blocked-plan"),
]


def findings(answer: Any) -> list[Reason | Step]:
    """Every reason, note, blocker and step the answer carries, in the order it shows them."""
    if isinstance(answer, Plan):
        return [*answer.steps, *answer.blockers, *answer.notes]
    if isinstance(answer, Verdict):
        return [*answer.reasons, *answer.notes]
    return list(answer.reasons)


def finding_code(finding: Reason | Step) -> str:
    return finding.kind.value if isinstance(finding, Step) else finding.code.value


def finding_text(finding: Reason | Step) -> str:
    return finding.detail if isinstance(finding, Step) else finding.message


answers = st.one_of(cs.verdicts(), cs.group_eligibilities(), cs.plans())


# --- a small book for the matrix ----------------------------------------------------


def licensed(npi: str, name: str) -> Provider:
    return Provider(
        npi=npi,
        name=name,
        licenses=[License(state="NY", profession="psychologist", number="NY-1", effective=SINCE)],
    )


CARA_NPI = "1234567802"
BOOK = Book(
    providers=[licensed(ANA_NPI, "Ana Ruiz"), licensed(BEN_NPI, NASTY), licensed(CARA_NPI, "Cara")],
    practices=[
        Practice(
            name="Harbor",
            tin=EIN_TEXT,
            npi=GROUP_NPI,
            states=["NY"],
            roster=[
                Affiliation(provider=BEN_NPI, effective=SINCE),
                Affiliation(provider=ANA_NPI, effective=SINCE),
                Affiliation(provider=BEN_NPI, effective=Period("2025-01-01")),
                Affiliation(provider=CARA_NPI, effective=Period("2024-01-01", "2024-12-31")),
            ],
        ),
    ],
    payers=[Payer(id="optum", name="Optum"), Payer(id="aetna", name="Aetna")],
    credentials=[
        Credential(provider=ANA_NPI, payer="aetna", status="approved", effective=SINCE),
        Credential(provider=BEN_NPI, payer="aetna", status="pending", submitted="2026-10-01"),
    ],
    contracts=[
        Contract(
            id="aetna-ana",
            payer="aetna",
            holder=Individual(provider=ANA_NPI),
            status="executed",
            signed="2023-12-01",
            effective=SINCE,
            pay_to=[PayTo(tin=EIN_TEXT, npi=GROUP_NPI, effective=SINCE)],
            rates={"90837": "140.00"},
        )
    ],
)


# Worked out in each test, not once at import, so that a change to the code is seen.
def harbor_matrix() -> Matrix:
    return BOOK.matrix(EIN_TEXT, on=ON)


def unknown_matrix() -> Matrix:
    return BOOK.matrix("98-7654321", on=ON)


# --- the three answers ----------------------------------------------------------------


class TestVerdictRepr:
    """A verdict's repr is one line: the answer, then what it grants or the codes against it."""

    def test_allowed(self) -> None:
        """An allowed verdict's repr names its contract, billing identity and rate."""
        expected = (
            "<Verdict allowed: contract aetna-harbor, billing NPI 1558598797, "
            "tax id 12-3456789, rendering NPI 1234567893, rate 140.00>"
        )
        assert expected == repr(ALLOWED)

    def test_refused(self) -> None:
        """A refused verdict's repr lists the codes of its reasons, in order."""
        assert "<Verdict refused: not_on_roster, credentialing_pending>" == repr(REFUSED)

    def test_notes(self) -> None:
        """Notes follow the answer, by code; there is no rendering NPI or rate when there is none."""
        expected = (
            "<Verdict allowed: contract aetna-ana, billing NPI 1234567893, "
            f"tax id {SSN_MASKED}; notes: pays_provider_ssn>"
        )
        assert expected == repr(PAID_TO_SSN)

    def test_contract_id_stays_on_one_line(self) -> None:
        """A contract id with a line break in it is written with an escape."""
        verdict = attrs.evolve(ALLOWED, contract=contract("aetna\nharbor"))
        assert "contract aetna\\nharbor," in repr(verdict)


class TestVerdictStr:
    """str() of a verdict gives the answer, then its details and findings line by line."""

    def test_allowed(self) -> None:
        """str() of an allowed verdict gives the answer, the billing identity and the rate."""
        expected = [
            "allowed under contract aetna-harbor",
            "billing NPI 1558598797, tax id 12-3456789, rendering NPI 1234567893",
            "rate 140.00",
        ]
        assert expected == str(ALLOWED).splitlines()

    def test_allowed_with_notes(self) -> None:
        """Notes come after the billing identity, one `code: message` line each."""
        expected = [
            "allowed under contract aetna-ana",
            f"billing NPI 1234567893, tax id {SSN_MASKED}",
            "notes:",
            f"  pays_provider_ssn: payment goes to SSN {SSN_MASKED}",
        ]
        assert expected == str(PAID_TO_SSN).splitlines()

    def test_refused(self) -> None:
        """str() of a refused verdict gives the answer, then each reason as `code: message`."""
        expected = [
            "refused",
            "reasons:",
            "  not_on_roster: Ana Ruiz is not on the roster of Harbor",
            "  credentialing_pending: Ana Ruiz with Aetna: credentialing is pending",
        ]
        assert expected == str(REFUSED).splitlines()


class TestVerdictHtml:
    """A verdict's HTML is a table of what it grants and of its reasons and notes."""

    def test_allowed(self) -> None:
        """An allowed verdict's table has its answer, contract, billing identity and rate."""
        root = html_of(ALLOWED)
        expected = [
            ["contract", "aetna-harbor"],
            ["billing NPI", GROUP_NPI],
            ["tax id", EIN_TEXT],
            ["rendering NPI", ANA_NPI],
            ["rate", "140.00"],
        ]
        assert ["Verdict: allowed"] == texts_of(root, "caption")
        assert expected == [texts_of(tr, "th") + texts_of(tr, "td") for tr in root.iter("tr")]

    def test_rate_in_plain_notation(self) -> None:
        """A rate given in exponent notation is shown in plain digits."""
        verdict = attrs.evolve(ALLOWED, rate=Decimal("1E+2"))
        rows = [texts_of(tr, "th") + texts_of(tr, "td") for tr in html_of(verdict).iter("tr")]
        assert (["rate", "100"], "rate 100") == (rows[-1], str(verdict).splitlines()[-1])

    def test_refused(self) -> None:
        """Each reason is a row: its kind, its code and its message."""
        expected = [["reason", str(found.code), found.message] for found in REFUSED.reasons]
        root = html_of(REFUSED)
        assert ["Verdict: refused"] == texts_of(root, "caption")
        assert expected == [texts_of(tr, "th") + texts_of(tr, "td") for tr in root.iter("tr")]

    def test_notes(self) -> None:
        """Each note is a row after the billing identity: "note", its code and its message."""
        expected = ["note", "pays_provider_ssn", f"payment goes to SSN {SSN_MASKED}"]
        rows = [texts_of(tr, "th") + texts_of(tr, "td") for tr in html_of(PAID_TO_SSN).iter("tr")]
        assert expected == rows[-1]

    @pytest.mark.parametrize(
        ("answer", "expected"),
        [
            pytest.param(ALLOWED, "credkit credkit-verdict", id="verdict"),
            pytest.param(SHORT, "credkit credkit-group-eligibility", id="group-eligibility"),
            pytest.param(GROUP_PLAN, "credkit credkit-plan", id="plan"),
        ],
    )
    def test_table_class(self, answer: Any, expected: str) -> None:
        """Each kind of answer's table has its own class, for a notebook's style sheet."""
        assert expected == html_of(answer).get("class")


class TestGroupEligibilityDisplay:
    """Group eligibility shows the count against the minimum, and its reasons."""

    @pytest.mark.parametrize(
        ("answer", "expected"),
        [
            (
                SHORT,
                "<GroupEligibility not eligible: 3 providers count, 4 needed (1 short); "
                "below_group_minimum, needs_group_npi>",
            ),
            (ELIGIBLE, "<GroupEligibility eligible: 2 providers count, 2 needed>"),
            (
                NO_GROUPS,
                "<GroupEligibility not eligible: 1 provider counts, no group contracts; "
                "no_group_contracts>",
            ),
        ],
        ids=["short", "eligible", "no-groups"],
    )
    def test_repr(self, answer: GroupEligibility, expected: str) -> None:
        """The repr gives the answer, the count against the minimum, and the reasons' codes."""
        assert expected == repr(answer)

    def test_str(self) -> None:
        """str() gives the answer, the providers counted, then each reason as `code: message`."""
        expected = [
            "not eligible: 3 providers count, 4 needed (1 short)",
            f"counted: {ANA_NPI}, {BEN_NPI}, {GROUP_NPI}",
            "reasons:",
            "  below_group_minimum: Cigna requires 4 providers; Harbor has 3",
            "  needs_group_npi: Harbor has no organizational NPI",
        ]
        assert expected == str(SHORT).splitlines()

    def test_str_counts_none(self) -> None:
        """With no provider counted, str() says so."""
        answer = GroupEligibility(
            eligible=False,
            minimum=1,
            count=0,
            shortfall=1,
            reasons=[reason("below_group_minimum", "no one counts")],
        )
        assert "counted: none" == str(answer).splitlines()[1]

    def test_html(self) -> None:
        """The table gives the count, minimum, shortfall and counted NPIs, then the reasons."""
        expected = [
            ["providers counted", "3"],
            ["minimum", "4"],
            ["shortfall", "1"],
            ["counted", f"{ANA_NPI}, {BEN_NPI}, {GROUP_NPI}"],
            *(["reason", str(found.code), found.message] for found in SHORT.reasons),
        ]
        root = html_of(SHORT)
        assert ["Group eligibility: not eligible"] == texts_of(root, "caption")
        assert expected == [texts_of(tr, "th") + texts_of(tr, "td") for tr in root.iter("tr")]

    def test_html_eligible(self) -> None:
        """An eligible practice's caption says so."""
        assert ["Group eligibility: eligible"] == texts_of(html_of(ELIGIBLE), "caption")

    def test_html_without_group_contracts(self) -> None:
        """When the payer offers no group contracts, the minimum says so and there is no shortfall."""
        rows = [texts_of(tr, "th") + texts_of(tr, "td") for tr in html_of(NO_GROUPS).iter("tr")]
        assert ["minimum", "no group contracts"] == rows[1]
        assert [] == [row for row in rows if row[0] == "shortfall"]


class TestPlanDisplay:
    """A plan shows its payer, path and guarantee, and its steps, blockers and notes."""

    def test_repr(self) -> None:
        """The repr gives the payer, path, number of steps and whether it is guaranteed."""
        assert "<Plan aetna: add_to_group_contract, 2 steps, guaranteed>" == repr(GROUP_PLAN)

    def test_repr_blocked(self) -> None:
        """Blockers and notes follow by code, and becoming group-eligible is said."""
        expected = (
            "<Plan optum: new_individual_contract, 1 step, not guaranteed, makes the practice "
            "group-eligible; blocked: panel_closed; notes: panel_closed>"
        )
        assert expected == repr(BLOCKED_PLAN)

    def test_repr_no_steps(self) -> None:
        """A plan with nothing to do says "no steps"."""
        plan = Plan(payer="aetna", path="add_to_group_contract", guaranteed=True)
        assert "<Plan aetna: add_to_group_contract, no steps, guaranteed>" == repr(plan)

    def test_str(self) -> None:
        """str() gives the answer, then each step, blocker and note as `code: message`."""
        expected = [
            "optum: new_individual_contract, not guaranteed",
            "steps:",
            "  credential: credential Ana Ruiz with Optum",
            "blockers:",
            "  panel_closed: Optum's panel is closed in NY",
            "notes:",
            "  panel_closed: Optum's panel is closed in NJ",
            "with this provider the practice becomes eligible for a group contract",
        ]
        assert expected == str(BLOCKED_PLAN).splitlines()

    def test_str_nothing_to_do(self) -> None:
        """A plan with no steps and no blockers says there is nothing left to do."""
        plan = Plan(payer="aetna", path="add_to_group_contract", guaranteed=True)
        assert ["aetna: add_to_group_contract, guaranteed", "nothing left to do"] == str(
            plan
        ).splitlines()

    def test_str_steps_without_blockers(self) -> None:
        """A plan with steps but no blockers lists its steps, and does not say it is done."""
        expected = [
            "aetna: add_to_group_contract, guaranteed",
            "steps:",
            "  credential: credential Ana Ruiz with Aetna",
            "  add_to_group_contract: ask Aetna to add Ana Ruiz",
        ]
        assert expected == str(GROUP_PLAN).splitlines()

    def test_html_guaranteed(self) -> None:
        """A guaranteed plan's table says "yes" to it."""
        rows = [texts_of(tr, "th") + texts_of(tr, "td") for tr in html_of(GROUP_PLAN).iter("tr")]
        assert ["guaranteed", "yes"] == rows[2]

    def test_html(self) -> None:
        """The table gives payer, path and guarantee, then a row for each step, blocker and note."""
        expected = [
            ["payer", "optum"],
            ["path", "new_individual_contract"],
            ["guaranteed", "no"],
            ["becomes group eligible", "yes"],
            ["step", "credential", "credential Ana Ruiz with Optum"],
            ["blocker", "panel_closed", "Optum's panel is closed in NY"],
            ["note", "panel_closed", "Optum's panel is closed in NJ"],
        ]
        root = html_of(BLOCKED_PLAN)
        assert ["Plan for optum: new_individual_contract"] == texts_of(root, "caption")
        assert expected == [texts_of(tr, "th") + texts_of(tr, "td") for tr in root.iter("tr")]


class TestEveryAnswer:
    """Every generated answer shows itself by the same rules."""

    @given(answers)
    def test_repr_is_one_line(self, answer: Any) -> None:
        """Every answer's repr is a single line in angle brackets, whatever its texts hold."""
        shown = repr(answer)
        assert [shown] == shown.splitlines()
        assert shown.startswith(f"<{type(answer).__name__} ")
        assert shown.endswith(">")

    @given(answers)
    def test_str_starts_with_the_answer(self, answer: Any) -> None:
        """str() opens with a line that says the answer, then shows every finding as `code: text`."""
        shown = str(answer)
        first = shown.splitlines()[0]
        if isinstance(answer, Verdict):
            assert first.startswith("allowed" if answer else "refused")
        elif isinstance(answer, GroupEligibility):
            assert first.startswith("eligible" if answer else "not eligible")
        else:
            assert first.startswith(f"{answer.payer}: {answer.path.value}, ")
        assert [] == [found for found in findings(answer) if f"  {found}" not in shown]

    @given(answers)
    def test_html_is_well_formed_and_names_every_code(self, answer: Any) -> None:
        """The HTML parses as XML and shows every reason, note, blocker and step code, in order."""
        root = html_of(answer)
        assert "table" == root.tag
        assert [finding_code(found) for found in findings(answer)] == codes_of(root)

    @given(answers)
    def test_pretty_is_the_repr(self, answer: Any) -> None:
        """IPython-style pretty printing shows the repr, not the fields one by one."""
        assert repr(answer) == pretty(answer)

    @given(cs.verdicts(allowed=True))
    def test_allowed_verdicts_show_billing_and_rate(self, verdict: Verdict) -> None:
        """An allowed verdict's str() holds its billing identity and, if there is one, its rate."""
        lines = str(verdict).splitlines()
        assert str(verdict.billing) == lines[1]
        if verdict.rate is not None:
            assert f"rate {verdict.rate:f}" == lines[2]

    @given(answers)
    def test_checked_answers_show_the_same(self, answer: Any) -> None:
        """An answer built by the rules' fast path shows exactly as one built by its constructor."""
        fields = {field.name: getattr(answer, field.name) for field in attrs.fields(type(answer))}
        fast = checked(type(answer), **fields)
        assert (repr(answer), str(answer), answer._repr_html_()) == (
            repr(fast),
            str(fast),
            fast._repr_html_(),
        )


class TestMasking:
    """An SSN in a billing identity never shows in full."""

    @pytest.mark.parametrize(
        "shown",
        [repr, str, pretty, lambda verdict: verdict._repr_html_()],
        ids=["repr", "str", "pretty", "html"],
    )
    def test_an_ssn_tax_id_is_masked(self, shown: Any) -> None:
        """A billing identity under an SSN shows ***-**- and the last four digits, never the rest."""
        text = shown(PAID_TO_SSN)
        assert SSN_MASKED in text
        assert [] == [digits for digits in (SSN_TEXT, "536228147", "536-22") if digits in text]

    @given(cs.verdicts(allowed=True), cs.ssns())
    def test_any_ssn_is_masked(self, verdict: Verdict, ssn: SSN) -> None:
        """Whatever the SSN, repr, str and HTML show it masked and never in full."""
        assert verdict.billing is not None
        verdict = attrs.evolve(verdict, billing=attrs.evolve(verdict.billing, tax_id=ssn))
        for text in (repr(verdict), str(verdict), verdict._repr_html_()):
            assert f"***-**-{ssn.last4}" in text
            assert ssn.formatted() not in text


class TestEscaping:
    """Text in the HTML is escaped, and reads back as it was given."""

    def test_markup_in_a_message_is_escaped(self) -> None:
        """A message with <&>"' in it is escaped in the HTML and reads back unchanged."""
        verdict = Verdict(allowed=False, reasons=[reason("not_on_roster", NASTY)])
        markup = verdict._repr_html_()
        assert "<b>" not in markup
        assert [["reason", "not_on_roster", NASTY]] == [
            texts_of(tr, "th") + texts_of(tr, "td") for tr in ET.fromstring(markup).iter("tr")
        ]

    @given(cs.markup_texts(), cs.markup_texts())
    def test_any_markup_reads_back_unchanged(self, detail: str, message: str) -> None:
        """Text with HTML's special characters in it comes back from the parsed HTML as given."""
        plan = Plan(
            payer="aetna",
            path="new_individual_contract",
            steps=[Step(kind="credential", detail=detail)],
            notes=[reason("panel_closed", message)],
        )
        rows = [texts_of(tr, "td") for tr in html_of(plan).iter("tr")]
        assert [["credential", detail], ["panel_closed", message]] == rows[3:]

    @pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\ud800", "\ufffe", "\uffff"])
    def test_characters_xml_cannot_carry_are_written_as_escapes(self, char: str) -> None:
        """A character XML forbids even as a reference is shown as a visible escape instead."""
        message = f"bad{char}char"
        root = html_of(Verdict(allowed=False, reasons=[reason("not_on_roster", message)]))
        expected = "bad" + char.encode("unicode_escape", "backslashreplace").decode() + "char"
        assert expected == texts_of(root, "td")[1]


# --- the matrix ---------------------------------------------------------------------


class TestBookMatrix:
    """Book.matrix asks can_bill for the roster on a date by every payer in the book."""

    def test_rows_are_the_roster_on_the_date(self) -> None:
        """Rows are the providers on the roster that day, in roster order, each once."""
        expected = ((NPI(BEN_NPI), NASTY), (NPI(ANA_NPI), "Ana Ruiz"))
        assert expected == harbor_matrix().providers

    def test_a_provider_off_the_roster_has_a_row_while_on_it(self) -> None:
        """On a date within Cara's time at the practice she has a row, last, as on the roster."""
        assert [BEN_NPI, ANA_NPI, CARA_NPI] == [
            str(npi) for npi, _ in BOOK.matrix(EIN_TEXT, on="2024-06-01").providers
        ]

    def test_columns_are_the_book_payers(self) -> None:
        """Columns are every payer in the book, in the book's order."""
        assert ("optum", "aetna") == harbor_matrix().payers

    def test_fields(self) -> None:
        """The matrix names its practice and date and has no reasons when the practice is known."""
        assert (EIN(EIN_TEXT), ON, ()) == (
            harbor_matrix().practice,
            harbor_matrix().on,
            harbor_matrix().reasons,
        )

    def test_cells(self) -> None:
        """Each cell is the verdict on a claim by that provider, with that payer, that day."""
        for npi, _ in harbor_matrix().providers:
            for payer_id in harbor_matrix().payers:
                claim = Claim(provider=npi, payer=payer_id, practice=EIN_TEXT, on=ON)
                assert BOOK.can_bill(claim) == harbor_matrix().verdicts[npi, payer_id]

    @given(cs.matrix_questions())
    def test_equals_can_bill_cell_by_cell(self, question: tuple[Book, Any, date]) -> None:
        """For any book, practice and date, every cell is book.can_bill of its claim."""
        book, tin, on = question
        matrix = book.matrix(tin, on=on)
        practice = book.practice(tin)
        assert practice is not None
        expected_npis = list(
            dict.fromkeys(entry.provider for entry in practice.roster if on in entry.effective)
        )
        assert expected_npis == [npi for npi, _ in matrix.providers]
        assert [book.provider(npi).name for npi in expected_npis] == [  # type: ignore[union-attr]
            name for _, name in matrix.providers
        ]
        assert tuple(payer.id for payer in book.payers) == matrix.payers
        expected = {
            (npi, payer_id): book.can_bill(Claim(provider=npi, payer=payer_id, practice=tin, on=on))
            for npi in expected_npis
            for payer_id in matrix.payers
        }
        assert expected == dict(matrix.verdicts)

    def test_takes_text_for_the_tax_id_and_date(self) -> None:
        """The tax id and date may be given as they are written."""
        assert harbor_matrix() == BOOK.matrix(EIN(EIN_TEXT), on="2026-11-28")

    def test_unknown_practice(self) -> None:
        """A practice the book does not hold gives no rows and an unknown_practice reason."""
        expected = (
            (),
            ("optum", "aetna"),
            {},
            (
                Reason(
                    code=Code.UNKNOWN_PRACTICE,
                    message="the book holds no practice with tax id 98-7654321",
                ),
            ),
        )
        assert expected == (
            unknown_matrix().providers,
            unknown_matrix().payers,
            dict(unknown_matrix().verdicts),
            unknown_matrix().reasons,
        )
        assert [] == unknown_matrix().rows()

    def test_unknown_practice_display(self) -> None:
        """Without rows, the repr is one line and the HTML shows the reason in its footer."""
        assert (
            "<Matrix practice 98-7654321 on 2026-11-28: 0 providers by 2 payers; unknown_practice>"
            == repr(unknown_matrix())
        )
        expected = [
            "practice 98-7654321 on 2026-11-28: 0 providers by 2 payers; unknown_practice",
            "reasons:",
            "  unknown_practice: the book holds no practice with tax id 98-7654321",
        ]
        assert expected == str(unknown_matrix()).splitlines()
        root = html_of(unknown_matrix())
        assert ["unknown_practice"] == codes_of(root)
        assert ["unknown_practice: the book holds no practice with tax id 98-7654321"] == [
            "".join(td.itertext()) for td in root.iter("td")
        ]

    def test_an_empty_roster(self) -> None:
        """A known practice with no one on the roster that day gives no rows and no reasons."""
        matrix = BOOK.matrix(EIN_TEXT, on="2023-06-01")
        assert ((), (), []) == (matrix.providers, matrix.reasons, matrix.rows())


class TestMatrixRows:
    """Matrix.rows() gives plain dicts, ready for pandas.DataFrame."""

    def test_rows(self) -> None:
        """One plain dict per provider: name, NPI digits, then each payer's answer or first code."""
        expected = [
            {
                "provider": NASTY,
                "npi": BEN_NPI,
                "optum": "not_credentialed",
                "aetna": "credentialing_pending",
            },
            {
                "provider": "Ana Ruiz",
                "npi": ANA_NPI,
                "optum": "not_credentialed",
                "aetna": "allowed",
            },
        ]
        assert expected == harbor_matrix().rows()

    @given(cs.matrix_questions())
    def test_rows_are_plain(self, question: tuple[Book, Any, date]) -> None:
        """Rows are dicts of str to str, keyed provider, npi, then the payer ids in order."""
        book, tin, on = question
        matrix = book.matrix(tin, on=on)
        rows = matrix.rows()
        assert len(matrix.providers) == len(rows)
        for (npi, name), row in zip(matrix.providers, rows, strict=True):
            assert dict is type(row)
            assert ["provider", "npi", *matrix.payers] == list(row)
            assert [] == [value for value in row.values() if type(value) is not str]
            assert (name, npi.digits) == (row["provider"], row["npi"])
            for payer_id in matrix.payers:
                verdict = matrix.verdicts[npi, payer_id]
                expected = "allowed" if verdict else verdict.reasons[0].code.value
                assert expected == row[payer_id]

    def test_a_payer_named_like_a_column(self) -> None:
        """A payer whose id is provider or npi gets a payer: column, so none hides another."""
        book = attrs.evolve(
            BOOK,
            payers=[Payer(id="npi", name="NPI Health"), Payer(id="provider", name="P")],
            credentials=[],
            contracts=[],
        )
        expected = [
            {
                "provider": NASTY,
                "npi": BEN_NPI,
                "payer:npi": "not_credentialed",
                "payer:provider": "not_credentialed",
            },
            {
                "provider": "Ana Ruiz",
                "npi": ANA_NPI,
                "payer:npi": "not_credentialed",
                "payer:provider": "not_credentialed",
            },
        ]
        assert expected == book.matrix(EIN_TEXT, on=ON).rows()


class TestMatrixDisplay:
    """A matrix shows itself as a text grid, a text table and an HTML table."""

    def test_repr(self) -> None:
        """The repr is a small grid: names down the side, payer ids across, answers in the cells."""
        expected = [
            "<Matrix practice 12-3456789 on 2026-11-28: 2 providers by 2 payers",
            "provider                  optum             aetna",
            """Ana <b>"Ruiz"</b> & 'Co'  not_credentialed  credentialing_pending""",
            "Ana Ruiz                  not_credentialed  allowed>",
        ]
        assert expected == repr(harbor_matrix()).splitlines()

    def test_repr_cuts_long_names_and_escapes_line_breaks(self) -> None:
        """Long names are cut with an ellipsis and line breaks escaped, so the grid stays a grid."""
        matrix = Matrix(
            practice=EIN_TEXT,
            on=ON,
            providers=[(ANA_NPI, "Ana\nRuiz"), (BEN_NPI, "B" * 40)],
            payers=["aetna"],
            verdicts={(ANA_NPI, "aetna"): REFUSED, (BEN_NPI, "aetna"): ALLOWED},
        )
        expected = [
            "<Matrix practice 12-3456789 on 2026-11-28: 2 providers by 1 payer",
            "provider                  aetna",
            "Ana\\nRuiz                 not_on_roster",
            "B" * 23 + "…  allowed>",
        ]
        assert expected == repr(matrix).splitlines()

    def test_str(self) -> None:
        """str() is a text table with the NPIs, under a heading naming the practice and date."""
        expected = [
            "practice 12-3456789 on 2026-11-28: 2 providers by 2 payers",
            "provider                  NPI         optum             aetna",
            "------------------------  ----------  ----------------  ---------------------",
            """Ana <b>"Ruiz"</b> & 'Co'  1245319599  not_credentialed  credentialing_pending""",
            "Ana Ruiz                  1234567893  not_credentialed  allowed",
        ]
        assert expected == str(harbor_matrix()).splitlines()

    def test_pretty_is_the_repr(self) -> None:
        """IPython-style pretty printing shows the grid."""
        assert repr(harbor_matrix()) == pretty(harbor_matrix())

    def test_html(self) -> None:
        """Providers are rows, payers columns, cells the answer with its messages as a title."""
        root = html_of(harbor_matrix())
        assert ["Practice 12-3456789 on 2026-11-28"] == texts_of(root, "caption")
        assert ["provider", "NPI", "optum", "aetna"] == texts_of(root.find("thead"), "th")  # type: ignore[arg-type]
        body = root.find("tbody")
        assert body is not None
        assert [
            [NASTY, BEN_NPI, "not_credentialed", "credentialing_pending"],
            ["Ana Ruiz", ANA_NPI, "not_credentialed", "allowed"],
        ] == [texts_of(tr, "th") + texts_of(tr, "td") for tr in body.iter("tr")]
        ben_aetna = body.findall("tr")[0].findall("td")[2]
        verdict = harbor_matrix().verdicts[NPI(BEN_NPI), "aetna"]
        assert "\n".join(found.message for found in verdict.reasons) == ben_aetna.get("title")
        assert "refused" == ben_aetna.get("class")
        ana_aetna = body.findall("tr")[1].findall("td")[2]
        expected_title = "contract aetna-ana\nbilling NPI 1558598797\ntax id 12-3456789\nrendering NPI 1234567893"
        assert (expected_title, "allowed") == (ana_aetna.get("title"), ana_aetna.get("class"))

    def test_html_cells_carry_notes_and_colours(self) -> None:
        """A cell's title ends with its notes; allowed cells are green and refused ones red."""
        matrix = Matrix(
            practice=EIN_TEXT,
            on=ON,
            providers=[(ANA_NPI, "Ana Ruiz")],
            payers=["aetna", "optum"],
            verdicts={(ANA_NPI, "aetna"): PAID_TO_SSN, (ANA_NPI, "optum"): REFUSED},
        )
        body = html_of(matrix).find("tbody")
        assert body is not None
        _, aetna, optum = body.findall("tr")[0].findall("td")
        assert (
            f"contract aetna-ana\nbilling NPI {ANA_NPI}\ntax id {SSN_MASKED}\n"
            f"pays_provider_ssn: payment goes to SSN {SSN_MASKED}",
            "color: #1a7f37",
            "color: #b42318",
        ) == (aetna.get("title"), aetna.get("style"), optum.get("style"))

    def test_html_escapes_names(self) -> None:
        """A name with <&>"' in it is escaped in the markup, in cells and in titles alike."""
        markup = harbor_matrix()._repr_html_()
        assert "<b>" not in markup
        assert "Ana &lt;b&gt;&quot;Ruiz&quot;&lt;/b&gt; &amp; &#x27;Co&#x27;" in markup

    @given(cs.matrix_questions(cs.marked_up_books()))
    def test_html_names_every_provider_and_payer(self, question: tuple[Book, Any, date]) -> None:
        """The HTML parses and names every provider (however marked up) and payer, with every cell."""
        book, tin, on = question
        matrix = book.matrix(tin, on=on)
        root = html_of(matrix)
        head, body = root.find("thead"), root.find("tbody")
        assert head is not None
        assert body is not None
        assert ["provider", "NPI", *matrix.payers] == texts_of(head, "th")
        assert [name for _, name in matrix.providers] == texts_of(body, "th")
        expected = [[npi.digits, *cells.values()] for npi, cells in _cells(matrix)]
        assert expected == [texts_of(tr, "td") for tr in body.iter("tr")]
        for npi, _ in matrix.providers:
            for payer_id in matrix.payers:
                for found in matrix.verdicts[npi, payer_id].reasons:
                    assert found.message in _titles(body)

    @given(cs.matrix_questions())
    def test_repr_is_a_grid(self, question: tuple[Book, Any, date]) -> None:
        """The repr has a heading, a header and one line per provider; str() adds a rule."""
        book, tin, on = question
        matrix = book.matrix(tin, on=on)
        lines = repr(matrix).splitlines()
        rows = 1 + len(matrix.providers) if matrix.providers else 0
        assert 1 + rows == len(lines)
        assert 1 + rows + (1 if matrix.providers else 0) == len(str(matrix).splitlines())


def _cells(matrix: Matrix) -> list[tuple[NPI, dict[str, str]]]:
    rows = matrix.rows()
    return [
        (npi, {payer_id: row[payer_id] for payer_id in matrix.payers})
        for (npi, _), row in zip(matrix.providers, rows, strict=True)
    ]


def _titles(root: ET.Element) -> str:
    return "\n".join(td.get("title", "") for td in root.iter("td"))


class TestMatrixValue:
    """A matrix is a frozen value that checks its own cells."""

    def test_verdict_by_id(self) -> None:
        """verdict() looks a cell up by NPI digits and payer id."""
        assert harbor_matrix().verdicts[NPI(ANA_NPI), "aetna"] == harbor_matrix().verdict(
            ANA_NPI, "aetna"
        )

    def test_verdict_not_in_the_matrix(self) -> None:
        """Asking for a cell the matrix does not have is an InvalidValue, not a KeyError."""
        with pytest.raises(InvalidValue, match="no cell for NPI 1234567802 and payer 'aetna'"):
            harbor_matrix().verdict(CARA_NPI, "aetna")

    def test_frozen_and_hashable(self) -> None:
        """A matrix is frozen, hashable, and its verdicts cannot be changed."""
        assert hash(harbor_matrix()) == hash(BOOK.matrix(EIN_TEXT, on=ON))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            harbor_matrix().on = ON  # type: ignore[misc]
        with pytest.raises(TypeError):
            harbor_matrix().verdicts[NPI(ANA_NPI), "aetna"] = REFUSED  # type: ignore[index]

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            (
                {"verdicts": {}},
                "Matrix.verdicts: has no verdict for NPI 1234567893 and payer 'aetna'",
            ),
            (
                {"verdicts": {(ANA_NPI, "aetna"): REFUSED, (BEN_NPI, "aetna"): REFUSED}},
                "Matrix.verdicts: has a verdict for NPI 1245319599 and payer 'aetna', which are not both in the matrix",
            ),
            (
                {"verdicts": {(ANA_NPI, "aetna"): "allowed"}},
                "Matrix.verdicts: expected a Verdict for NPI 1234567893 and payer 'aetna', got a string",
            ),
            (
                {"verdicts": {ANA_NPI: REFUSED}},
                "Matrix.verdicts: each key is an (NPI, payer id) pair, got a string",
            ),
            (
                {"verdicts": {7: REFUSED}},
                "Matrix.verdicts: each key is an (NPI, payer id) pair, got a number",
            ),
            (
                {"verdicts": {(ANA_NPI, "aetna", "x"): REFUSED}},
                "Matrix.verdicts: each key is an (NPI, payer id) pair, got a list",
            ),
            (
                {"verdicts": []},
                "Matrix.verdicts: expected a mapping of (NPI, payer id) to Verdict, got a list",
            ),
            (
                {"providers": [(ANA_NPI, "Ana"), (ANA_NPI, "Ana")]},
                "Matrix.providers: lists the provider with NPI 1234567893 twice",
            ),
            (
                {"providers": [(ANA_NPI, " ")]},
                "Matrix.providers: item 0: the name must be non-blank text",
            ),
            (
                {"providers": [(ANA_NPI,)]},
                "Matrix.providers: item 0 must be an (NPI, name) pair, got 1 values",
            ),
            (
                {"providers": ["Ana"]},
                "Matrix.providers: item 0 must be an (NPI, name) pair, got a string",
            ),
            (
                {"providers": "Ana"},
                "Matrix.providers: expected a list of (NPI, name) pairs, got a string",
            ),
            ({"payers": ["aetna", "aetna"]}, "Matrix.payers: lists payer 'aetna' twice"),
            ({"payers": "aetna"}, "Matrix.payers: expected a list of payer ids, got a string"),
            (
                {"on": "28/11/2026"},
                "Matrix.on: expected a date written YYYY-MM-DD, got '28/11/2026'",
            ),
        ],
    )
    def test_refuses_what_breaks_a_rule(self, changes: dict[str, Any], expected: str) -> None:
        """Every cell has one verdict, and providers and payers appear once each."""
        given_ = {
            "practice": EIN_TEXT,
            "on": ON,
            "providers": [(ANA_NPI, "Ana")],
            "payers": ["aetna"],
            "verdicts": {(ANA_NPI, "aetna"): REFUSED},
            **changes,
        }
        with pytest.raises(InvalidValue) as raised:
            Matrix(**given_)
        assert expected == str(raised.value)


class TestMatrixSerde:
    """A matrix goes to JSON and back, and bad data is reported by path."""

    @given(cs.matrix_questions())
    def test_round_trip(self, question: tuple[Book, Any, date]) -> None:
        """A matrix written as JSON reads back equal."""
        book, tin, on = question
        matrix = book.matrix(tin, on=on)
        assert matrix == from_json(to_json(matrix), Matrix)

    def test_shape(self) -> None:
        """Providers are objects, verdicts an object of objects keyed by NPI and payer id."""
        data = unstructure(harbor_matrix())
        expected = {
            "practice": EIN_TEXT,
            "on": "2026-11-28",
            "providers": [{"npi": BEN_NPI, "name": NASTY}, {"npi": ANA_NPI, "name": "Ana Ruiz"}],
            "payers": ["optum", "aetna"],
            "reasons": [],
        }
        assert expected == {key: value for key, value in data.items() if key != "verdicts"}
        assert {BEN_NPI: ["optum", "aetna"], ANA_NPI: ["optum", "aetna"]} == {
            npi: list(by_payer) for npi, by_payer in data["verdicts"].items()
        }
        assert (
            unstructure(harbor_matrix().verdicts[NPI(ANA_NPI), "aetna"])
            == data["verdicts"][ANA_NPI]["aetna"]
        )

    def test_unknown_practice_round_trip(self) -> None:
        """A matrix without rows, with its reason, reads back equal."""
        assert unknown_matrix() == structure(unstructure(unknown_matrix()), Matrix)

    def test_bad_data_is_reported_by_path(self) -> None:
        """Every problem in a matrix's data is reported at its path."""
        data = unstructure(harbor_matrix())
        data["providers"][1]["npi"] = "123"
        data["verdicts"][ANA_NPI]["aetna"]["allowed"] = 1
        data["verdicts"][BEN_NPI] = []
        data["colour"] = "red"
        with pytest.raises(InvalidData) as raised:
            structure(data, Matrix)
        expected = [
            "$.providers[1].npi: an NPI is 10 digits, got '123'",
            "$.verdicts['1245319599']: expected an object of verdicts by payer id, got a list",
            "$.verdicts['1234567893'].aetna.allowed: expected true or false, got a number",
            "$.colour: unknown field",
        ]
        assert tuple(expected) == raised.value.errors

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                lambda data: data["verdicts"].pop(ANA_NPI),
                "$.verdicts: has no verdict for NPI 1234567893 and payer 'optum'",
            ),
            (
                lambda data: data["verdicts"].update({CARA_NPI: {}}),
                "$.verdicts['1234567802']: is not the NPI of one of the matrix's providers",
            ),
            (
                lambda data: data.update({"verdicts": []}),
                "$.verdicts: expected an object mapping NPIs to objects of verdicts by payer id, got a list",
            ),
        ],
        ids=["missing", "stray", "not-an-object"],
    )
    def test_verdicts_must_fill_the_grid(self, change: Any, expected: str) -> None:
        """The verdicts are exactly one per provider and payer."""
        data = unstructure(harbor_matrix())
        change(data)
        with pytest.raises(InvalidData) as raised:
            structure(data, Matrix)
        assert (expected,) == raised.value.errors


class TestDisplayParts:
    """The pieces answers' tables are built from."""

    def test_one_value_spans_two_columns(self) -> None:
        """A row with a single value gives it both columns; with two, each has its own."""
        single = ET.fromstring(str(display.row("rate", "140.00")))
        double = ET.fromstring(str(display.row("reason", "a", "b")))
        assert (["2"], [None, None]) == (
            [td.get("colspan") for td in single.iter("td")],
            [td.get("colspan") for td in double.iter("td")],
        )

    @pytest.mark.parametrize(
        ("kind", "expected"), [("", "credkit"), ("credkit-plan", "credkit credkit-plan")]
    )
    def test_table_class(self, kind: str, expected: str) -> None:
        """A table's class is "credkit", then its kind if it has one."""
        root = ET.fromstring(str(display.table("c", [display.row("a", "b")], kind=kind)))
        assert expected == root.get("class")

    def test_rows_are_in_the_body(self) -> None:
        """The caption comes first, then a body holding every row."""
        rows = [display.row("a", "1"), display.row("b", "2")]
        root = ET.fromstring(str(display.table("c", rows)))
        assert (["caption", "tbody"], 2) == (
            [child.tag for child in root],
            len(root.findall("./tbody/tr")),
        )

    def test_line_breaks_and_tabs_survive_in_attributes(self) -> None:
        """Carriage returns, line feeds and tabs in an attribute are written as references."""
        markup = str(display.cell("x", {"title": "a\rb\nc\td"}))
        assert (
            '<td title="a&#13;b&#10;c&#9;d">x</td>',
            "a\rb\nc\td",
        ) == (markup, ET.fromstring(markup).get("title"))

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("Ana Ruiz", "Ana Ruiz"),
            ("Ana\tRuiz", "Ana\\tRuiz"),
            ("Ana\u2028Ruiz", "Ana\\u2028Ruiz"),
        ],
        ids=["printable", "tab", "line-separator"],
    )
    def test_inline_escapes_only_what_is_not_printable(self, value: str, expected: str) -> None:
        """Printable characters stay as they are; the others become escapes."""
        assert expected == display.inline(value)
