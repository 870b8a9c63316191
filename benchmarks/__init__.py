"""Benchmarks: figures, not pass/fail tests (run as `python -m benchmarks.<name>`)."""
