"""Benchmarks behind ``duuni bench``: they measure, print a table and assert nothing.

Timed code lives here and never in the test suite, where timings would make tests flaky;
``tests/integration/test_bench_runs.py`` only checks that a tiny run produces its rows.
"""
