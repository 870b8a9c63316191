"""Slide drawing shared by the projector, the console and the deck export."""
