/* The pieces the participant page's screens are made of, and the room-wide results.
 *
 * An ES module of the participant page (app.js): plain functions of what they show, no page state.
 */

import { h } from "./common.js";
import { numbers, percent, t, texts } from "./app-texts.js";

const MAX_PER_ROW = 7;
// A poll's answers sit side by side only when each is a few words.
const SHORT_CHOICE = 24;

/** How many answers per row: all of them up to seven, else rows of equal length. */
export function rowColumns(count) {
  return Math.ceil(count / Math.ceil(count / MAX_PER_ROW));
}

/** The classes of a list of *count* answers laid out as rows (one column on a phone). */
export function rowClass(count, base) {
  return `${base} row${rowColumns(count) > 5 ? " crowded" : ""}`;
}

/** Whether a poll's *labels* are short enough to sit side by side. */
export function fitsInRow(labels) {
  return labels.length > 1 && labels.every((label) => label.length <= SHORT_CHOICE);
}

export function heading(text, props) {
  return h("h1", { tabindex: "-1", ...props }, text);
}

export function statusBox(kind, text) {
  return h("p", { class: `message ${kind}` }, text);
}

/** Chosen is shown by more than colour: a check mark, hidden from screen readers, which
 * hear aria-pressed instead. */
export function checkMark(pressed) {
  return pressed ? h("span", { class: "check", "aria-hidden": "true" }, "✓") : null;
}

/** The notice of the moment (a message from the room), if any. */
export function noticeBox(state) {
  return state.notice ? statusBox("pending", texts.error(state.notice.error)) : null;
}

export function activityHeader(activity, title) {
  return [
    h("p", { class: "eyebrow" }, t(`kind.${activity.kind}`)),
    heading(title ?? activity.question, { class: "question" }),
  ];
}

export function closedBox(chosen) {
  return h(
    "div",
    {},
    statusBox("info", t("closed.title")),
    h("p", { class: "muted" }, chosen ? t("closed.lead") : t("answer.none")),
  );
}

// Room-wide results, once revealed -----------------------------------------------------------

export function resultsBlock(activity, mine, prompts) {
  const results = activity.results;
  const block = h("div", {}, h("h2", {}, t("revealed.title")));
  if (!results) return block;
  if (results.kind === "too_few_respondents") {
    block.append(
      statusBox("info", t("revealed.too_few", { minimum: results.minimum })),
      h("p", { class: "muted" }, t("revealed.too_few_why")),
    );
    return block;
  }
  const respondents = results.respondents;
  block.append(
    h(
      "p",
      { class: "muted" },
      t(respondents > 1 ? "revealed.respondents.many" : "revealed.respondents.one", {
        count: numbers.format(respondents),
      }),
    ),
  );
  if (results.kind === "choice_counts") {
    let myChoice = mine && mine.kind === "choice" ? mine.choice : null;
    if (mine && mine.kind === "choices") myChoice = mine.choices;
    const correct = results.correct_choices && results.correct_choices.length ? results.correct_choices : results.correct;
    block.append(countsList(activity.choices, results.counts, respondents, correct, myChoice));
    if (results.correct_share !== null && results.correct_share !== undefined) {
      block.append(h("p", {}, t("revealed.correct_share", { percent: percent(results.correct_share) })));
    }
  } else if (results.kind === "best_worst_counts") {
    const best = mine && mine.kind === "best_worst" ? mine.best : null;
    const worst = mine && mine.kind === "best_worst" ? mine.worst : null;
    block.append(
      h("h3", { class: "prompt best" }, prompts[0]),
      countsList(activity.choices, results.best, respondents, null, best),
      h("h3", { class: "prompt worst" }, prompts[1]),
      countsList(activity.choices, results.worst, respondents, null, worst, "worst"),
    );
  } else if (results.kind === "scale_summary") {
    block.append(scaleBlock(results));
  }
  return block;
}

/** Whether *index* is *wanted* (one index, several, or none). */
function matches(wanted, index) {
  return Array.isArray(wanted) ? wanted.includes(index) : wanted === index;
}

// A scale's published view (core.privacy): the room's rounded average in a small room, the bands'
// rounded counts in a larger one; "moins de k" stands for zero as well as for a few.
function scaleBlock(results) {
  const part = h("div", {});
  if (!results.shows_distribution) {
    const mean =
      results.mean === null
        ? t("revealed.no_mean")
        : t("revealed.mean", {
            mean: t(`revealed.mean_${results.mean_relation}`, { value: numbers.format(results.mean) }),
            max: numbers.format(results.max_score),
          });
    part.append(
      h("p", {}, mean),
      h(
        "ul",
        { class: "results" },
        results.bands.map((band) => h("li", {}, h("div", { class: "row" }, h("span", {}, t("revealed.band", band))))),
      ),
    );
    const note =
      results.respondents < results.distribution_from
        ? t("revealed.distribution_from", { count: numbers.format(results.distribution_from) })
        : t("revealed.distribution_withheld");
    part.append(h("p", { class: "muted" }, note));
    return part;
  }
  part.append(
    h(
      "ul",
      { class: "results" },
      results.bands.map((band) => {
        let figure;
        if (band.rest) {
          figure = t("revealed.band_rest", { low: numbers.format(band.rest[0]), high: numbers.format(band.rest[1]) });
        } else if (band.count === null) {
          figure = t("revealed.withheld", { minimum: results.minimum });
        } else {
          figure = t("revealed.band_rounded", { count: numbers.format(band.count), percent: percent(band.share) });
        }
        return h(
          "li",
          {},
          h("div", { class: "row" }, h("span", {}, t("revealed.band", band)), h("span", { class: "figure" }, figure)),
        );
      }),
    ),
    h("p", { class: "muted" }, t("revealed.withheld_why", { minimum: results.minimum })),
  );
  return part;
}

function countsList(labels, counts, respondents, correct, mine, variant, minimum) {
  return h(
    "ul",
    { class: variant ? `results ${variant}` : "results" },
    labels.map((label, index) => {
      const withheld = counts[index] === null;
      const count = counts[index] || 0;
      const share = respondents > 0 && !withheld ? count / respondents : 0;
      const figure = withheld
        ? t("revealed.withheld", { minimum })
        : t("revealed.figure", { count: numbers.format(count), percent: percent(share) });
      const badges = [];
      const isCorrect = matches(correct, index);
      if (isCorrect) badges.push(h("span", { class: "badge correct" }, `✓ ${t("revealed.correct")}`));
      if (matches(mine, index)) badges.push(h("span", { class: "badge" }, t("answer.yours")));
      return h(
        "li",
        { class: isCorrect ? "correct" : null },
        h(
          "div",
          { class: "row" },
          h("span", {}, label, badges.length ? h("span", { class: "badges" }, badges) : null),
          h("span", { class: "figure" }, figure),
        ),
        h("div", { class: "bar-track", "aria-hidden": "true" }, h("div", { class: "bar-fill", share })),
      );
    }),
  );
}
