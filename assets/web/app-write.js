/* The participant page's writing screens: a question for the speakers (qa) with the room's
 * approved questions to upvote, an open answer, words for a cloud; and a poll with several answers.
 *
 * An ES module of the participant page (app.js), which hands it the page's state and actions.
 * Nothing a participant writes is shown to the room before the trainer approves it: the page
 * shows only the approved texts the room sends. Texts are set as text, never as markup.
 */

import { h } from "./common.js";
import { activityHeader, checkMark, closedBox, noticeBox, resultsBlock, statusBox } from "./app-parts.js";
import { numbers, t, texts } from "./app-texts.js";

const MAX_TEXT = 280;

/** textView(activity), multipleView(activity), each a {key, node} view, for *page*. */
export function writeScreens(page) {
  const { state, link, render, submitAnswer, submitText, vote, shownAnswer, lastPending } = page;

  function draftOf(activity) {
    return state.drafts.get(activity.id) ?? "";
  }

  function writingStatus(activity) {
    const error = state.answerError;
    if (lastPending(activity.id)) {
      return statusBox("pending", t(link.joined ? "answer.sending" : "answer.offline"));
    }
    if (error && error.activityId === activity.id) return statusBox("", texts.error(error.error));
    const sent = state.written.get(activity.id);
    if (sent) return statusBox("ok", t(sent.held ? "write.held" : "write.shown"));
    return null;
  }

  function writingForm(activity) {
    const words = activity.kind === "words";
    const limit = activity.max_length || MAX_TEXT;
    const draft = draftOf(activity);
    const fieldId = `write-${activity.id}`;
    const counterId = `${fieldId}-count`;
    const counter = h("p", { class: "muted", id: counterId, "aria-live": "polite" }, t("write.count", { count: numbers.format(draft.length), max: numbers.format(limit) }));
    const field = h(words ? "input" : "textarea", {
      id: fieldId,
      key: "write",
      class: "write",
      rows: words ? null : 4,
      type: words ? "text" : null,
      autocomplete: "off",
      "aria-describedby": counterId,
      oninput: (event) => {
        state.drafts.set(activity.id, event.target.value);
        counter.textContent = t("write.count", { count: numbers.format(event.target.value.length), max: numbers.format(limit) });
      },
    });
    field.value = draft;
    const done = activity.kind !== "qa" && state.written.has(activity.id);
    return h(
      "form",
      {
        class: "write-form",
        onsubmit: (event) => {
          event.preventDefault();
          const text = draftOf(activity);
          if (!text.trim()) {
            state.answerError = { activityId: activity.id, error: { code: "text_empty", message: t("write.empty") } };
            render();
            return;
          }
          submitText(activity.id, text);
        },
      },
      h("label", { for: fieldId }, t(`write.label.${activity.kind}`, { max: activity.max_words || 3 })),
      field,
      counter,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", key: "send", disabled: done }, t(`write.send.${activity.kind}`))),
    );
  }

  function boardList(activity, voting) {
    const results = activity.results;
    const items = results && results.kind === "text_board" ? results.items : [];
    if (!items.length) return h("p", { class: "muted" }, t("write.none_approved"));
    const mine = new Set(state.votes.get(activity.id) || []);
    return h(
      "ul",
      { class: "board", "aria-label": t(`write.board.${activity.kind}`) },
      items.map((item) => {
        const voted = mine.has(item.id);
        const count = t(activity.kind === "qa" ? "write.votes" : "write.times", { count: numbers.format(item.count) });
        return h(
          "li",
          { class: item.answered ? "answered" : null },
          h("span", { class: "label" }, item.text),
          item.answered ? h("span", { class: "tag" }, t("write.answered")) : null,
          voting && !item.answered
            ? h(
                "button",
                {
                  type: "button",
                  class: "vote",
                  key: `vote-${item.id}`,
                  "aria-pressed": voted ? "true" : "false",
                  "aria-label": t(voted ? "write.unvote" : "write.vote", { count }),
                  onclick: () => vote(activity.id, item.id, !voted),
                },
                checkMark(voted),
                h("span", {}, count),
              )
            : h("span", { class: "figure" }, count),
        );
      }),
    );
  }

  function textView(activity) {
    const open = activity.status === "open";
    const parts = [...activityHeader(activity)];
    if (open) {
      parts.push(writingForm(activity));
      const status = writingStatus(activity);
      if (status) parts.push(status);
    } else if (activity.status === "closed") {
      parts.push(closedBox(state.written.get(activity.id)));
    }
    if (activity.kind === "qa" || activity.status === "revealed") {
      parts.push(h("h2", {}, t(`write.board.${activity.kind}`)), boardList(activity, open && activity.kind === "qa"));
    }
    parts.push(noticeBox(state));
    return { key: `write:${activity.id}:${activity.status}`, node: h("section", {}, parts) };
  }

  function multipleView(activity) {
    const open = activity.status === "open";
    const shown = shownAnswer(activity.id);
    let draft = state.drafts.get(activity.id);
    if (!(draft instanceof Set)) {
      draft = new Set(shown && shown.kind === "choices" ? shown.choices : []);
      state.drafts.set(activity.id, draft);
    }
    const most = activity.max_choices || activity.choices.length;
    const parts = [...activityHeader(activity)];
    if (activity.status === "revealed") {
      parts.push(resultsBlock(activity, shown));
      return { key: `multi:${activity.id}:revealed`, node: h("section", {}, parts, noticeBox(state)) };
    }
    parts.push(h("p", { class: "muted", id: "multi-hint" }, t("multiple.hint", { max: numbers.format(most) })));
    parts.push(
      h(
        "ul",
        { class: "choices", "aria-describedby": "multi-hint" },
        activity.choices.map((label, index) => {
          const on = draft.has(index);
          return h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: open ? "choice" : "choice closed",
                key: `m${index}`,
                role: "checkbox",
                "aria-checked": on ? "true" : "false",
                disabled: !open || (!on && draft.size >= most),
                onclick: () => {
                  if (on) draft.delete(index);
                  else draft.add(index);
                  state.answerError = null;
                  render();
                },
              },
              h("span", { class: "label" }, label),
              checkMark(on),
            ),
          );
        }),
      ),
    );
    if (open) {
      const answer = { kind: "choices", choices: [...draft].sort((a, b) => a - b) };
      const error = state.answerError;
      if (lastPending(activity.id)) parts.push(statusBox("pending", t("answer.sending")));
      else if (error && error.activityId === activity.id) parts.push(statusBox("", texts.error(error.error)));
      else if (shown && JSON.stringify(shown) === JSON.stringify(answer)) parts.push(statusBox("ok", t("answer.saved")));
      parts.push(
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "primary", key: "send", disabled: draft.size === 0, onclick: () => submitAnswer(activity.id, answer) }, t("multiple.send")),
        ),
      );
    } else {
      parts.push(closedBox(shown));
    }
    parts.push(noticeBox(state));
    return { key: `multi:${activity.id}:${activity.status}`, node: h("section", {}, parts) };
  }

  return { textView, multipleView };
}

/** The countdown of a timed activity, kept apart so a tick rewrites one text node only. */
export function countdownText(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
