"""A large synthetic book and a year of claims against it, reproducible from a seed.

The shape follows a regional billing service: practices of 5 to 15 clinicians in
one or two states; each clinician credentialed with most of twelve payers, with some
history (an old denial, a terminated credential, a pending recredentialing); the
practices holding group contracts with the payers that offer them and the
clinicians holding individual contracts with the rest; and a year of claims, most
billable, some not (a lapsed credential, a provider who left, an unknown payer).

    python benchmarks/synthetic.py --scale 1 --claims 1000 --out book.json

writes the book as JSON; the benchmark builds it in memory instead.
"""

import argparse
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from credkit import (
    Affiliation,
    Book,
    Claim,
    Contract,
    Credential,
    Group,
    Individual,
    License,
    Payer,
    PayerRules,
    PayTo,
    Period,
    Practice,
    Profession,
    Provider,
    State,
    to_json,
)
from credkit.identifiers.npi import calc_check_digit

YEAR_START = date(2025, 1, 1)
STATES = [State.NY, State.NJ, State.CT, State.PA, State.MA, State.FL, State.TX, State.CA]
PROFESSIONS = [
    Profession.CLINICAL_SOCIAL_WORKER,
    Profession.PROFESSIONAL_COUNSELOR,
    Profession.PSYCHOLOGIST,
    Profession.MARRIAGE_FAMILY_THERAPIST,
    Profession.PSYCHIATRIC_NURSE_PRACTITIONER,
]
# Services and how often they are billed: individual therapy dominates.
SERVICES = ["90837", "90834", "90832", "90791", "90847", "90846"]
SERVICE_WEIGHTS = [45, 25, 10, 8, 8, 4]
EIN_PREFIXES = ["12", "13", "20", "26", "27", "45", "46", "47", "81", "82", "83", "84"]


def npi(number: int) -> str:
    """A valid NPI from a running number."""
    first_nine = f"1{number:08d}"
    return first_nine + calc_check_digit(first_nine)


def ein(number: int) -> str:
    """A valid EIN from a running number."""
    return f"{EIN_PREFIXES[number % len(EIN_PREFIXES)]}-{number:07d}"


def period(start: date, days: int | None = None) -> Period:
    return Period(start, None if days is None else start + timedelta(days=days))


def _length(status: str, days: int | None) -> int | None:
    """A credential's length in days; a terminated one always has its last day."""
    return 1095 if status == "terminated" and days is None else days


def payers(rng: random.Random) -> list[Payer]:
    """Twelve payers with varied rules: minimums, retro windows, closed panels."""
    found = []
    for index in range(12):
        minimum = [4, 6, 2, 1, None, 3, 5, 2, None, 10, 4, 2][index]
        found.append(
            Payer(
                id=f"payer-{index:02d}",
                name=f"Payer {index:02d}",
                rules=PayerRules(
                    group_minimum=minimum,
                    individual_contracts=index != 7,
                    closed_states=frozenset(rng.sample(STATES, k=index % 3)),
                    professions=None if index % 4 else frozenset(PROFESSIONS[:3]),
                    retro_days=[0, 0, 30, 0, 90, 0][index % 6],
                ),
            )
        )
    return found


def build(scale: int = 1, seed: int = 2025) -> Book:
    """A book of 2,000 x scale providers in 200 x scale practices, with 12 payers."""
    rng = random.Random(seed)
    payer_list = payers(rng)
    providers: list[Provider] = []
    practices: list[Practice] = []
    credentials: list[Credential] = []
    contracts: list[Contract] = []
    next_npi = 0
    for p in range(200 * scale):
        states = rng.sample(STATES, k=rng.choice([1, 1, 2]))
        practice_npi = npi(next_npi)
        next_npi += 1
        tin = ein(p + 1)
        roster = []
        team = []
        for _ in range(10):
            number = next_npi
            next_npi += 1
            joined = YEAR_START - timedelta(days=rng.randint(-200, 2000))
            left = rng.random() < 0.08
            place = period(joined, rng.randint(30, 700) if left else None)
            roster.append(Affiliation(provider=npi(number), effective=place))
            profession = rng.choice(PROFESSIONS)
            licenses = [
                License(
                    state=state,
                    profession=profession,
                    number=f"{state.value}-{number}",
                    effective=period(date(2018, 1, 1) + timedelta(days=rng.randint(0, 900))),
                )
                for state in states
            ]
            providers.append(
                Provider(npi=npi(number), name=f"Clinician {number}", licenses=licenses)
            )
            team.append((npi(number), place))
        practices.append(
            Practice(name=f"Practice {p}", tin=tin, npi=practice_npi, states=states, roster=roster)
        )
        for payer in payer_list:
            group_term = period(YEAR_START - timedelta(days=rng.randint(-120, 900)))
            has_group = payer.rules.group_minimum is not None and rng.random() < 0.6
            members = []
            for provider_npi, place in team:
                if rng.random() < 0.25:
                    continue  # not credentialed with this payer at all
                start = max(place.start, YEAR_START - timedelta(days=rng.randint(-90, 1500)))
                if rng.random() < 0.1:
                    credentials.append(
                        Credential(
                            provider=provider_npi,
                            payer=payer.id,
                            status="denied",
                            submitted=start - timedelta(days=400),
                        )
                    )
                status = rng.choices(["approved", "pending", "terminated"], weights=[88, 8, 4])[0]
                credentials.append(
                    Credential(
                        provider=provider_npi,
                        payer=payer.id,
                        status=status,
                        submitted=start - timedelta(days=90),
                        effective=period(start, _length(status, rng.choice([None, None, 1095])))
                        if status != "pending"
                        else None,
                    )
                )
                if has_group:
                    members.append(Affiliation(provider=provider_npi, effective=period(start)))
                else:
                    contracts.append(
                        Contract(
                            id=f"ind-{payer.id}-{provider_npi}",
                            payer=payer.id,
                            holder=Individual(provider=provider_npi),
                            status=rng.choices(["executed", "pending"], weights=[92, 8])[0],
                            signed=start - timedelta(days=10),
                            effective=period(start),
                            pay_to=[PayTo(tin=tin, npi=practice_npi, effective=period(start))],
                            rates=rates(rng),
                        )
                    )
            if has_group:
                contracts.append(
                    Contract(
                        id=f"grp-{payer.id}-{tin}",
                        payer=payer.id,
                        holder=Group(practice=tin),
                        status="executed",
                        signed=group_term.start - timedelta(days=20),
                        effective=group_term,
                        members=members,
                        rates=rates(rng),
                    )
                )
    return Book(
        providers=providers,
        practices=practices,
        payers=payer_list,
        credentials=credentials,
        contracts=contracts,
    )


def rates(rng: random.Random) -> dict[str, Decimal]:
    """A fee schedule for the common psychotherapy codes."""
    base = Decimal(rng.randint(90, 160))
    return {
        "90837": base,
        "90834": (base * Decimal("0.75")).quantize(Decimal("0.01")),
        "90832": (base * Decimal("0.5")).quantize(Decimal("0.01")),
        "90791": (base * Decimal("1.1")).quantize(Decimal("0.01")),
        "90847": (base * Decimal("0.9")).quantize(Decimal("0.01")),
        "90846": (base * Decimal("0.85")).quantize(Decimal("0.01")),
    }


def claims(book: Book, count: int, seed: int = 7, practices: int | None = None) -> Iterator[Claim]:
    """A year of claims: each a clinician seen at one of their practices, for some payer.

    Nine claims in ten go to a payer the clinician has applied to; the rest to any
    payer, one in a hundred to a payer the book does not hold. With ``practices``,
    only the clinicians of the book's first ``practices`` practices are seen: the
    first 200 practices of a book of any scale are those of the scale-1 book, so
    the same claims can be checked against a book ten times the size.
    """
    rng = random.Random(seed)
    places = [
        (entry.provider, practice.tin, sorted(practice.states))
        for practice in book.practices[:practices]
        for entry in practice.roster
    ]
    payer_ids = [payer.id for payer in book.payers]
    applied: dict[object, list[str]] = {}
    for credential in book.credentials:
        applied.setdefault(credential.provider, []).append(credential.payer)
    for _ in range(count):
        provider, tin, states = rng.choice(places)
        draw = rng.random()
        if draw < 0.9 and provider in applied:
            payer = rng.choice(applied[provider])
        elif draw < 0.99:
            payer = rng.choice(payer_ids)
        else:
            payer = "unknown-payer"
        yield Claim(
            provider=provider,
            payer=payer,
            practice=tin,
            on=YEAR_START + timedelta(days=rng.randrange(365)),
            service=rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0],
            state=rng.choice(states) if rng.random() < 0.1 else None,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=1, help="book size, in units of 2,000 providers"
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", required=True, help="where to write the book as JSON")
    arguments = parser.parse_args()
    book = build(arguments.scale, arguments.seed)
    with open(arguments.out, "w", encoding="utf-8") as handle:
        handle.write(to_json(book))
    print(book)


if __name__ == "__main__":
    main()
