"""A published scale result in words: the one wording every screen and file uses for it.

Charts, tablets, the remote, the console preview and the exports all print a scale's published
figures through these functions, so the room and the organizers read the same thing.
"""

from __future__ import annotations

from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicBandCount, PublicScaleSummary
from fphkiosk.core.scale_publication import PublicMean


def percent(share: float, language: str) -> str:
    """A share as a whole percentage ("40 %" in French, "40%" in English)."""
    value = round(share * 100)
    return f"{value}\u00a0%" if language == "fr" else f"{value}%"


def mean_value(mean: PublicMean, tr: Translator) -> str:
    """ "≈ 3", "1 ou moins", "8 ou plus"."""
    return tr(f"charts.mean_{mean.relation}", value=mean.value)


def mean_line(summary: PublicScaleSummary, tr: Translator) -> str:
    """The small-room view's headline: the room's rounded average on the scale."""
    if summary.mean is None:
        return tr("charts.scale_no_mean")
    return tr("charts.scale_mean", mean=mean_value(summary.mean, tr), max=summary.max_score)


def band_value(band: PublicBandCount, summary: PublicScaleSummary, tr: Translator) -> str:
    """One band's published count: "≈ 10 (40 %)", "moins de 5" (also for zero), "de 7 à 15"."""
    if band.rest is not None:
        low, high = band.rest
        return tr("charts.band_rest", low=low, high=high)
    if band.count is None or band.share is None:
        return tr("charts.withheld", minimum=summary.minimum)
    share = percent(band.share, tr.language)
    return tr("charts.band_rounded", count=band.count, share=share)


def view_note(summary: PublicScaleSummary, tr: Translator) -> str:
    """The one line under the view: when the breakdown appears, or how it is rounded."""
    if summary.shows_distribution:
        return tr("charts.rounding_note", minimum=summary.minimum)
    if summary.respondents < summary.distribution_from:
        return tr("charts.distribution_from", count=summary.distribution_from)
    return tr("charts.distribution_withheld")
