"""Hypothesis settings profiles for the example tests (pytest loads this file first).

    python -m pytest examples/test_property_example.py --hypothesis-profile=quick
"""
from hypothesis import settings

# A short run for a quick check (CI, pre-commit hooks): 10 examples per test.
settings.register_profile("quick", max_examples=10)
