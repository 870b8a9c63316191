"""How a timed activity's time left reads, on the projector and on the tablets alike."""

from __future__ import annotations

import math


def countdown_text(seconds: float) -> str:
    """ "1:05", "0:09": whole seconds, rounded up, so 0:00 shows only at the close."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
