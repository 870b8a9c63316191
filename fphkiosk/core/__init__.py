"""Pure-Python domain: deck, activities, scoring, room state. Imports neither Qt, aiohttp nor sqlite3."""
