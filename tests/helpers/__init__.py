"""What tests share besides fixtures: a creator's hands on a page, accounts, waiting for a generation, a fake provider.

Fixtures live in ``tests/conftest.py``; plain functions and classes live here so no test module imports another.
"""
