"""Test settings shared by the whole suite.

Hypothesis profiles: in CI (``CI=true``) Hypothesis loads its own derandomized
``ci`` profile, which is left alone. Locally the ``dev`` profile drops the deadline
(timing is the benchmark's job, not the tests'). ``HYPOTHESIS_PROFILE=mutmut``
selects the profile used for mutation testing, ``thorough`` a long local hunt.
"""

import os

import attrs
import pytest
from hypothesis import HealthCheck, Phase, settings

from credkit import Book

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "mutmut",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=25,
    # A mutant needs only a failing example, not the smallest one.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    # mutmut runs the suite in one process and then again in a fork for each
    # mutant, so a test method is called from a second instance of its class.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.register_profile("thorough", deadline=None, max_examples=2000)

if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif not os.environ.get("CI"):
    settings.load_profile("dev")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Give each test the sample books of its module afresh.

    A book remembers the verdicts it has worked out. Built again for each test, a
    module's sample book makes the test work out its own answers, rather than read
    ones an earlier test left behind (under mutmut: ones the unchanged code gave).
    """
    module = getattr(item, "module", None)
    for name, value in list(vars(module).items() if module is not None else ()):
        if type(value) is Book:
            setattr(module, name, attrs.evolve(value))
