"""Tests of the matplotlib chart builders (no display needed)."""
