"""Benchmarks: they print what they measure; they are not part of the pass/fail suite."""
