"""The room's revealed result as audience mode shows it: a summary line and rows of counts."""

from __future__ import annotations

from fphkiosk.charts.number_format import format_percent
from fphkiosk.core.aggregation import BestWorstCounts, ChoiceCounts
from fphkiosk.core.i18n import Translator
from fphkiosk.core.participant_view import ActivitySheet
from fphkiosk.core.privacy import PublicScaleSummary, TooFewRespondents
from fphkiosk.core.room_answers import Answer, ChoiceAnswer, MultiChoiceAnswer
from fphkiosk.core.scale_text import band_value, mean_line, view_note
from fphkiosk.ui.audience.pages import ResultRow, choice_text


def result_rows(
    activity: ActivitySheet, mine: Answer | None, tr: Translator
) -> tuple[str, list[ResultRow]]:
    """The revealed result as a summary line and rows (counts and shares)."""
    results, language, choices = activity.results, tr.language, activity.choices

    def count_text(count: int, total: int) -> str:
        share = format_percent(count / total if total else 0.0, language=language)
        return tr("audience.results.count", count=count, share=share)

    if isinstance(results, TooFewRespondents):
        return tr("audience.results.too_few", minimum=results.minimum), []
    if isinstance(results, ChoiceCounts):
        # Several answers each: shares of the respondents, who are counted apart.
        total = results.respondents if results.multiple else sum(results.counts)
        rows = []
        for i, count in enumerate(results.counts):
            label = choice_text(i, choices[i]) if i < len(choices) else str(i + 1)
            if i in results.correct:
                label = tr("audience.results.correct", label=label)
            if (isinstance(mine, ChoiceAnswer) and mine.choice == i) or (
                isinstance(mine, MultiChoiceAnswer) and i in mine.choices
            ):
                label = tr("audience.results.yours", label=label)
            share = count / total if total else 0.0
            rows.append(ResultRow(label, count_text(count, total), share, i in results.correct))
        summary = tr("audience.results.respondents", count=results.respondents)
        return summary, rows
    if isinstance(results, BestWorstCounts):
        prompts = [
            *activity.prompts,
            tr("audience.best_worst.best"),
            tr("audience.best_worst.worst"),
        ]
        best_prompt, worst_prompt = (prompts[0], prompts[1]) if activity.prompts else prompts[2:4]
        rows = []
        for prompt, counts in ((best_prompt, results.best), (worst_prompt, results.worst)):
            total = sum(counts)
            rows.append(ResultRow(prompt, "", None, True))
            for i, count in enumerate(counts):
                label = choice_text(i, choices[i]) if i < len(choices) else str(i + 1)
                rows.append(
                    ResultRow(label, count_text(count, total), count / total if total else 0)
                )
        return tr("audience.results.respondents", count=results.respondents), rows
    if isinstance(results, PublicScaleSummary):
        # The published view, worded as every screen words it (core.scale_text).
        rows = [
            ResultRow(
                tr("audience.results.band", label=band.label, min=band.min, max=band.max),
                band_value(band, results, tr) if results.shows_distribution else "",
                band.share or 0.0,
            )
            for band in results.bands
        ]
        head = tr("audience.results.respondents", count=results.respondents)
        if not results.shows_distribution:
            head = f"{head} · {mean_line(results, tr)}"
        return f"{head}\n{view_note(results, tr)}", rows
    return "", []
