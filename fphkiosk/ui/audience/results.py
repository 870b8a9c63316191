"""The room's revealed result as audience mode shows it: a summary line and rows of counts."""

from __future__ import annotations

from fphkiosk.charts.number_format import format_number, format_percent
from fphkiosk.core.aggregation import BestWorstCounts, ChoiceCounts
from fphkiosk.core.i18n import Translator
from fphkiosk.core.participant_view import ActivitySheet
from fphkiosk.core.privacy import PublicScaleSummary, TooFewRespondents
from fphkiosk.core.room_answers import Answer, ChoiceAnswer, MultiChoiceAnswer
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
        # A withheld band (None) gets "masqué" and an empty bar; its share is withheld with it.
        total = results.respondents
        withheld = tr("charts.withheld", minimum=results.minimum)
        rows = [
            ResultRow(
                tr("audience.results.band", label=band.label, min=band.min, max=band.max),
                withheld if band.count is None else count_text(band.count, total),
                0.0 if band.count is None or not total else band.count / total,
            )
            for band in results.bands
        ]
        mean = format_number(results.mean, 1, language=language)
        summary = tr("audience.results.scale_summary", count=results.respondents, mean=mean)
        return summary, rows
    return "", []
