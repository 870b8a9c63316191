"""Organizers' statistics: an aggregate-only model of a session and its export files."""
