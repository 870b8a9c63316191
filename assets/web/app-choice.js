/* The participant page's choice screens: a poll or quiz, and a best-worst question.
 *
 * An ES module of the participant page (app.js), which hands it the page's state and actions.
 */

import { h } from "./common.js";
import {
  activityHeader,
  checkMark,
  closedBox,
  fitsInRow,
  noticeBox,
  resultsBlock,
  rowClass,
  rowColumns,
  statusBox,
} from "./app-parts.js";
import { t, texts } from "./app-texts.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function letter(index) {
  return index < LETTERS.length ? LETTERS[index] : String(index + 1);
}

function sameAnswer(a, b) {
  return !!a && !!b && JSON.stringify(a) === JSON.stringify(b);
}

/** choiceView(activity) and bestWorstView(activity), each a {key, node} view, for *page*. */
export function choiceScreens(page) {
  const { state, link, render, submitAnswer, shownAnswer, lastPending } = page;

  /** Where the participant's answer stands: sending, saved, refused, or not given yet. */
  function answerStatus(activity, hint) {
    const error = state.answerError;
    if (lastPending(activity.id)) {
      return statusBox("pending", t(link.joined ? "answer.sending" : "answer.offline"));
    }
    if (error && error.activityId === activity.id) return statusBox("", texts.error(error.error));
    if (state.snapshot.myAnswer) {
      return h("div", {}, statusBox("ok", t("answer.saved")), h("p", { class: "muted" }, t("answer.change")));
    }
    return h("p", { class: "muted" }, hint);
  }

  function choiceButton(activity, index, props, badges) {
    return h(
      "li",
      {},
      h(
        "button",
        { type: "button", class: "choice", key: `${props.keyPrefix || "c"}${index}`, ...props.attrs },
        h("span", { class: "letter", "aria-hidden": "true" }, letter(index)),
        h("span", { class: "label" }, activity.choices[index]),
        badges && badges.length ? h("span", { class: "tag" }, badges.join(" · ")) : null,
        checkMark(props.attrs["aria-pressed"] === "true"),
      ),
    );
  }

  function choiceView(activity) {
    const chosen = shownAnswer(activity.id);
    const chosenIndex = chosen && chosen.kind === "choice" ? chosen.choice : null;
    const open = activity.status === "open";
    const parts = [...activityHeader(activity)];
    if (activity.status === "revealed") {
      parts.push(resultsBlock(activity, chosen));
    } else {
      const row = fitsInRow(activity.choices);
      const list = h(
        "ul",
        {
          class: row ? rowClass(activity.choices.length, "choices") : "choices",
          columns: row ? rowColumns(activity.choices.length) : null,
          "aria-label": t("choice.choices"),
        },
        activity.choices.map((_, index) =>
          choiceButton(
            activity,
            index,
            {
              attrs: {
                class: open ? "choice" : "choice closed",
                "aria-pressed": index === chosenIndex ? "true" : "false",
                disabled: !open,
                onclick: () => {
                  if (index !== chosenIndex || state.answerError) {
                    submitAnswer(activity.id, { kind: "choice", choice: index });
                  }
                },
              },
            },
            index === chosenIndex && !open ? [t("answer.yours")] : [],
          ),
        ),
      );
      // Closed: say so before the choices, which stay visible with the participant's own.
      if (open) parts.push(list, answerStatus(activity, t("choice.hint")));
      else parts.push(closedBox(chosen), list);
    }
    parts.push(noticeBox(state));
    return { key: `choice:${activity.id}:${activity.status}`, node: h("section", {}, parts) };
  }

  function bestWorstView(activity) {
    const open = activity.status === "open";
    const shown = shownAnswer(activity.id);
    let draft = state.drafts.get(activity.id);
    if (!draft) {
      draft = shown && shown.kind === "best_worst" ? { best: shown.best, worst: shown.worst } : {};
      state.drafts.set(activity.id, draft);
    }
    const prompts = [
      activity.prompts[0] || t("best_worst.best"),
      activity.prompts[1] || t("best_worst.worst"),
    ];
    const parts = [...activityHeader(activity)];
    if (activity.status === "revealed") {
      parts.push(resultsBlock(activity, shown, prompts));
      return { key: `bw:${activity.id}:revealed`, node: h("section", {}, parts, noticeBox(state)) };
    }
    ["best", "worst"].forEach((side, sideIndex) => {
      const promptId = `prompt-${side}`;
      parts.push(h("h2", { class: `prompt ${side}`, id: promptId }, prompts[sideIndex]));
      parts.push(
        h(
          "div",
          { role: "group", "aria-labelledby": promptId },
          h(
            "ul",
            { class: `choices ${side}` },
            activity.choices.map((_, index) =>
              choiceButton(activity, index, {
                keyPrefix: side,
                attrs: {
                  "aria-pressed": draft[side] === index ? "true" : "false",
                  disabled: !open,
                  onclick: () => {
                    draft[side] = index;
                    state.answerError = null;
                    render();
                  },
                },
              }),
            ),
          ),
        ),
      );
    });
    const complete = Number.isInteger(draft.best) && Number.isInteger(draft.worst);
    const same = complete && draft.best === draft.worst;
    const answer = complete && !same ? { kind: "best_worst", best: draft.best, worst: draft.worst } : null;
    if (open) {
      if (same) parts.push(statusBox("", t("best_worst.same")));
      else if (answer && !sameAnswer(answer, shown))
        parts.push(h("p", { class: "muted" }, t("best_worst.hint")));
      else parts.push(answerStatus(activity, t("best_worst.hint")));
      parts.push(
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "primary",
              key: "send",
              disabled: !answer || sameAnswer(answer, shown),
              onclick: () => submitAnswer(activity.id, answer),
            },
            t("best_worst.send"),
          ),
        ),
      );
    } else {
      parts.push(closedBox(shown));
    }
    parts.push(noticeBox(state));
    return { key: `bw:${activity.id}:${activity.status}`, node: h("section", {}, parts) };
  }

  return { choiceView, bestWorstView };
}
