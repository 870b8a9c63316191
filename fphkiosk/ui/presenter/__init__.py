"""The trainer's screens: presenter console, projector window, room panel, join card, keys."""
