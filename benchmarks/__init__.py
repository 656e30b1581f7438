"""Benchmarks and evaluations, run as python -m benchmarks.NAME."""
