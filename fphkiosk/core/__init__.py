"""Pure-Python domain: deck, activities, scoring, room state.

Imports neither Qt, aiohttp nor sqlite3 (tests/core/test_core_is_pure.py checks it).
"""
