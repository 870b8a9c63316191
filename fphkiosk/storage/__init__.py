"""The session store: one SQLite file per session (WAL), numbered migrations, typed errors."""
