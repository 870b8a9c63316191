"""Capacity benchmark and rehearsal simulator: simulated participants against a real room.

``runner`` orchestrates a benchmark (room and baseline in their own processes, participants in
worker processes from ``participants``); ``simulate`` answers every activity the trainer opens so a
rehearsal has live charts; ``cli`` holds the two entry points the ``fphkiosk`` command wires in.
"""
