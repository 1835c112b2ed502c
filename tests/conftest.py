"""Test settings shared by the whole suite.

Hypothesis profiles: in CI (``CI=true``) Hypothesis loads its own derandomized
``ci`` profile, which is left alone. Locally the ``dev`` profile drops the deadline
(timing is the benchmark's job, not the tests'). ``HYPOTHESIS_PROFILE=mutmut``
selects the profile used for mutation testing, ``thorough`` a long local hunt.
"""

import os

from hypothesis import HealthCheck, Phase, settings

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
