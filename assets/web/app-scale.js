/* The participant page's scale screens: an introduction, one item at a time, a check screen,
 * then the private result.
 *
 * An ES module of the participant page (app.js), which hands it the page's state and actions.
 */

import { h } from "./common.js";
import {
  activityHeader,
  checkMark,
  closedBox,
  heading,
  noticeBox,
  resultsBlock,
  rowClass,
  rowColumns,
  statusBox,
} from "./app-parts.js";
import { numbers, t, texts } from "./app-texts.js";

/** scaleView(activity) and resultView(activity, result), each a {key, node} view, for *page*. */
export function scaleScreens(page) {
  const { state, link, render, submitAnswer, shownAnswer, lastPending, finishResult } = page;

  function scaleView(activity) {
    const scale = activity.scale;
    const count = scale.items.length;
    const shown = shownAnswer(activity.id);
    if (activity.status === "revealed") {
      return {
        key: `scale:${activity.id}:revealed`,
        node: h("section", {}, activityHeader(activity), resultsBlock(activity, shown), noticeBox(state)),
      };
    }
    if (activity.status !== "open") {
      state.drafts.delete(activity.id);
      return {
        key: `scale:${activity.id}:closed`,
        node: h("section", {}, activityHeader(activity), closedBox(shown), noticeBox(state)),
      };
    }
    if (lastPending(activity.id)) {
      return {
        key: `scale:${activity.id}:sending`,
        node: h(
          "section",
          { class: "waiting" },
          heading(t("scale.sending")),
          statusBox("pending", t(link.joined ? "answer.sending" : "answer.offline")),
        ),
      };
    }
    let draft = state.drafts.get(activity.id);
    if (!draft && state.snapshot.myAnswer) {
      return {
        key: `scale:${activity.id}:done`,
        node: h(
          "section",
          { class: "waiting" },
          h("div", { class: "screen-icon", "aria-hidden": "true" }),
          heading(t("scale.done")),
          h("p", { class: "lead muted" }, t("scale.done_lead")),
          noticeBox(state),
        ),
      };
    }
    const go = (step) => {
      if (!draft) {
        draft = { step, options: new Array(count).fill(null), review: false, touched: 0 };
        state.drafts.set(activity.id, draft);
      }
      draft.step = step;
      draft.touched = Date.now();
      state.answerError = null;
      render();
    };
    if (!draft || draft.step === "intro") return scaleIntro(activity, go);
    // A refused answer sends the participant back to the check screen, where the error shows.
    if (state.answerError && state.answerError.activityId === activity.id) draft.step = "review";
    if (draft.step === "review") return scaleReview(activity, draft, go);
    return scaleItem(activity, draft, go);
  }

  function scaleIntro(activity, go) {
    const scale = activity.scale;
    return {
      key: `scale:${activity.id}:intro`,
      node: h(
        "section",
        {},
        activityHeader(activity, scale.title),
        scale.instructions ? h("p", { class: "instructions" }, scale.instructions) : null,
        h("p", { class: "muted" }, t("scale.count", { count: scale.items.length })),
        h("p", { class: "private-note" }, t("scale.private")),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            { type: "button", class: "primary", key: "start", onclick: () => go(0) },
            t("scale.start"),
          ),
        ),
        scale.licence ? h("p", { class: "small-print" }, scale.licence) : null,
        noticeBox(state),
      ),
    };
  }

  function scaleItem(activity, draft, go) {
    const scale = activity.scale;
    const count = scale.items.length;
    const index = draft.step;
    const chosen = draft.options[index];
    const after = () => (draft.review || index + 1 >= count ? "review" : index + 1);
    const optionsLabel = `options-${index}`;
    return {
      key: `scale:${activity.id}:item${index}`,
      node: h(
        "section",
        {},
        h("p", { class: "eyebrow" }, scale.title),
        h(
          "div",
          { class: "progress" },
          // Said with the item's heading, which takes the focus: "Question 2 of 9: …".
          h("span", { "aria-hidden": "true" }, t("scale.progress", { index: index + 1, count })),
          h(
            "div",
            { class: "progress-track", "aria-hidden": "true" },
            h("div", { class: "progress-fill", share: (index + 1) / count }),
          ),
        ),
        // The instructions stay in view: some items only make sense after them ("Je risque de
        // m'endormir :" then a situation).
        scale.instructions ? h("p", { class: "item-instructions muted" }, scale.instructions) : null,
        heading(
          [
            h("span", { class: "visually-hidden" }, t("scale.progress_heading", { index: index + 1, count })),
            scale.items[index],
          ],
          { class: "item-text", id: optionsLabel },
        ),
        h(
          "div",
          { role: "group", "aria-labelledby": optionsLabel },
          h(
            "ul",
            {
              class: rowClass(scale.options.length, "choices compact"),
              columns: rowColumns(scale.options.length),
            },
            scale.options.map((label, option) =>
              h(
                "li",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    class: "choice",
                    key: `o${option}`,
                    "aria-pressed": chosen === option ? "true" : "false",
                    onclick: () => {
                      draft.options[index] = option;
                      go(after());
                    },
                  },
                  h("span", { class: "label" }, label),
                  checkMark(chosen === option),
                ),
              ),
            ),
          ),
        ),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              key: "previous",
              onclick: () => go(index === 0 ? "intro" : index - 1),
            },
            t("scale.previous"),
          ),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              key: "next",
              disabled: chosen === null,
              onclick: () => go(after()),
            },
            t("scale.next"),
          ),
        ),
        noticeBox(state),
      ),
    };
  }

  function scaleReview(activity, draft, go) {
    const scale = activity.scale;
    draft.review = true;
    const missing = draft.options.some((option) => option === null);
    const error = state.answerError && state.answerError.activityId === activity.id;
    return {
      key: `scale:${activity.id}:review`,
      node: h(
        "section",
        {},
        h("p", { class: "eyebrow" }, scale.title),
        heading(t("scale.review")),
        h("p", { class: "muted" }, t("scale.review_lead")),
        // Sending comes first, one Tab stop after the heading, before the list of changes.
        missing ? statusBox("", t("scale.missing")) : null,
        error ? statusBox("", texts.error(state.answerError.error)) : null,
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "primary",
              key: "send",
              disabled: missing,
              onclick: () => submitAnswer(activity.id, { kind: "scale", options: [...draft.options] }),
            },
            t("scale.send"),
          ),
        ),
        h(
          "ol",
          { class: "review" },
          scale.items.map((item, index) => {
            const option = draft.options[index];
            return h(
              "li",
              {},
              h(
                "span",
                { class: "review-text" },
                `${index + 1}. ${item} `,
                h(
                  "strong",
                  { class: "review-answer" },
                  option === null ? t("scale.unanswered") : scale.options[option],
                ),
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  key: `edit${index}`,
                  "aria-label": t("scale.edit_label", { index: index + 1 }),
                  onclick: () => go(index),
                },
                t("scale.edit"),
              ),
            );
          }),
        ),
        noticeBox(state),
      ),
    };
  }

  function resultView(activity, result) {
    return {
      key: `result:${activity.id}`,
      node: h(
        "section",
        {},
        h("p", { class: "eyebrow" }, activity.question),
        heading(t("result.title")),
        h(
          "div",
          { class: "result" },
          h(
            "p",
            { class: "score" },
            h("span", { class: "score-value" }, numbers.format(result.score)),
            h(
              "span",
              { class: "muted" },
              t("result.range", { min: result.min_score, max: result.max_score }),
            ),
          ),
          h("p", { class: "band" }, result.band_label),
          result.advice ? h("p", {}, result.advice) : null,
          h("p", { class: "private-note" }, t("result.private")),
        ),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "primary",
              key: "finish",
              onclick: () => {
                finishResult();
                render();
              },
            },
            t("result.finish"),
          ),
        ),
      ),
    };
  }

  return { scaleView, resultView };
}
