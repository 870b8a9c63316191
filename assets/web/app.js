/* The participant page: joins the room, shows the open activity, sends answers, reconnects alone.
 *
 * It speaks the room protocol, version 1 (docs/protocol.md). Plain JavaScript, no build step,
 * nothing loaded from elsewhere. The server's token is kept in sessionStorage only (this tab, this
 * session); a scale's personal result lives in memory only and leaves the screen quickly, since
 * tablets may be shared.
 *
 * This ES module holds the page's state, its messages and its outer screens; the choice and scale
 * screens are in app-choice.js and app-scale.js, the texts in app-texts.js, and what the remote
 * shares with it (the DOM helper, the room link) in common.js.
 */

import { RoomLink, forgetSession, h, readSession, showConnection, storeSession } from "./common.js";
import { heading, noticeBox } from "./app-parts.js";
import { choiceScreens } from "./app-choice.js";
import { scaleScreens } from "./app-scale.js";
import { countdownText, writeScreens } from "./app-write.js";
import { t, texts } from "./app-texts.js";
import { DRAFT_IDLE_MS, forgetDraft, saveDraft, storedDraft } from "./app-drafts.js";

const STORAGE_KEY = "fphkiosk.participant";
const MAX_CODE_LENGTH = 32;
const FATAL_JOIN_ERRORS = new Set(["wrong_room_code", "unsupported_version", "invalid_message"]);
const RESULT_MS = 60000;
const NOTICE_MS = 6000;

// State ------------------------------------------------------------------------------------

const state = {
  phase: "join", // join | connecting | joined
  code: "",
  typed: "",
  joinError: null, // what went wrong: {key} of a text, or {error} from the room
  connection: "idle", // idle | connecting | connected | reconnecting
  everJoined: false,
  snapshot: null, // {slide, activity, myAnswer}
  pending: new Map(), // answer_id -> {activityId, answer}, in the order they were made
  answerError: null, // {activityId, error}
  notice: null, // {error} from the room, for a few seconds
  drafts: new Map(), // activity id -> this device's answer in progress
  result: null, // the personal result of a scale, in memory only
  answered: new Set(), // ids of the activities answered from this page (ids only)
  written: new Map(), // activity id -> {held}: this device's text was taken
  votes: new Map(), // activity id -> ids of the questions this device upvoted
  deadline: null, // {activityId, at}: when a timed activity closes, on performance.now()
};

let resultTimer = 0;
let draftTimer = 0;
let noticeTimer = 0;
let lastViewKey = "";

const link = new RoomLink({
  hello: () => ({ type: "join", room_code: state.code, token: storedToken(state.code) }),
  onMessage,
  onWaiting: () => setConnection(state.everJoined ? "reconnecting" : "connecting"),
  onLost: render,
});

// What the choice and scale screens may read and do.
const page = {
  state,
  link,
  render,
  submitAnswer,
  shownAnswer,
  lastPending,
  clearResult,
  finishResult,
  say,
  submitText,
  vote,
};
const { choiceView, bestWorstView } = choiceScreens(page);
const { scaleView, resultView } = scaleScreens(page);
const { textView, multipleView } = writeScreens(page);

// Session storage: the token of this room's session, for this tab only ----------------------

function storedToken(code) {
  const stored = readSession(STORAGE_KEY);
  return stored && stored.code === code && typeof stored.token === "string"
    ? stored.token
    : null;
}

function storeToken(code, token) {
  storeSession(STORAGE_KEY, { code, token });
}

function forgetToken() {
  forgetSession(STORAGE_KEY);
}

function normalizeCode(text) {
  return String(text).toUpperCase().replace(/[\s-]+/g, "");
}

function newAnswerId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

// Connection -------------------------------------------------------------------------------

function start(code) {
  const normalized = normalizeCode(code);
  state.typed = code;
  if (!normalized || normalized.length > MAX_CODE_LENGTH) {
    failJoin({ key: normalized ? "join.malformed" : "join.empty" });
    return;
  }
  state.code = normalized;
  state.joinError = null;
  state.phase = "connecting";
  link.start();
  render();
}

function sendAnswer(answerId, pending) {
  if (pending.text !== undefined) {
    link.send({ type: "text", activity_id: pending.activityId, answer_id: answerId, text: pending.text });
    return;
  }
  link.send({
    type: "answer",
    activity_id: pending.activityId,
    answer_id: answerId,
    answer: pending.answer,
  });
}

function setConnection(name) {
  state.connection = name;
}

/** The text of a problem: {key} of a text of the page, or {error} message from the room. */
function say(problem) {
  if (!problem) return "";
  return problem.error ? texts.error(problem.error) : t(problem.key);
}

function failJoin(problem) {
  link.stop();
  forgetToken();
  state.phase = "join";
  state.joinError = problem;
  state.snapshot = null;
  state.everJoined = false;
  setConnection("idle");
  lastViewKey = "";
  render();
}

// Server messages --------------------------------------------------------------------------

function onMessage(message) {
  switch (message.type) {
    case "welcome":
      onWelcome(message);
      break;
    case "snapshot":
      applySnapshot(message.snapshot);
      break;
    case "slide":
      if (state.snapshot) state.snapshot.slide = message.slide;
      break;
    case "activity":
      onActivity(message.activity);
      break;
    case "ack":
      onAck(message);
      break;
    case "board":
      if (currentActivityId() === message.activity_id) state.snapshot.activity.results = message.board;
      break;
    case "voted":
      onVoted(message);
      break;
    case "error":
      onError(message);
      break;
    default:
      return;
  }
  render();
}

function onWelcome(message) {
  link.welcomed();
  state.phase = "joined";
  state.everJoined = true;
  // A token the server did not know is replaced by a new one: the old one is dropped here.
  if (message.token) storeToken(state.code, message.token);
  applySnapshot(message.snapshot);
  setConnection("connected");
  for (const [answerId, pending] of state.pending) sendAnswer(answerId, pending);
}

function currentActivityId() {
  const activity = state.snapshot && state.snapshot.activity;
  return activity ? activity.id : null;
}

function applySnapshot(snapshot) {
  const nextId = snapshot.activity ? snapshot.activity.id : null;
  if (!state.snapshot || currentActivityId() !== nextId) leaveActivity();
  // my_result is ignored here on purpose: a result is shown only from this page's own ack,
  // so reloading a shared tablet does not bring the previous person's score back.
  state.snapshot = {
    slide: snapshot.slide,
    activity: snapshot.activity,
    myAnswer: snapshot.my_answer || null,
  };
  if (snapshot.activity) {
    state.votes.set(snapshot.activity.id, snapshot.my_votes || []);
    if (snapshot.written && !state.written.has(snapshot.activity.id)) {
      state.written.set(snapshot.activity.id, { held: null });
    }
    keepDeadline(snapshot.activity);
  }
  restoreDraft();
}

/** A timed activity's end, from the seconds left when the room sent it. */
function keepDeadline(activity) {
  if (activity.status === "open" && typeof activity.remaining === "number") {
    state.deadline = { activityId: activity.id, at: performance.now() + activity.remaining * 1000 };
  } else if (state.deadline && state.deadline.activityId === activity.id) {
    state.deadline = null;
  }
}

function onVoted(message) {
  const mine = new Set(state.votes.get(message.activity_id) || []);
  if (message.on) mine.add(message.item_id);
  else mine.delete(message.item_id);
  state.votes.set(message.activity_id, [...mine]);
  const activity = state.snapshot && state.snapshot.activity;
  const results = activity && activity.id === message.activity_id ? activity.results : null;
  const item = results && results.items ? results.items.find((i) => i.id === message.item_id) : null;
  if (item) item.count = message.count;
  announce(t(message.on ? "write.voted" : "write.unvoted"));
}

/** After a reload: the open scale's answers in progress come back, on the same item. */
function restoreDraft() {
  const activity = state.snapshot.activity;
  if (!activity || activity.kind !== "scale" || activity.status !== "open") return;
  if (state.drafts.has(activity.id) || state.snapshot.myAnswer) return;
  const draft = storedDraft(state.code, activity);
  if (!draft) return;
  state.drafts.set(activity.id, draft);
  announce(t("scale.draft_restored"));
}

/** Keeps the open scale's draft in this tab's storage, or forgets it once it is gone. */
function keepDraft() {
  if (!state.snapshot) return;
  clearTimeout(draftTimer);
  const activity = state.snapshot.activity;
  const open = activity && activity.kind === "scale" && activity.status === "open";
  const draft = open ? state.drafts.get(activity.id) : null;
  if (!draft || lastPending(activity.id)) {
    forgetDraft();
    return;
  }
  saveDraft(state.code, activity.id, draft);
  // Two minutes without a touch: the next person on this tablet must not find it.
  draftTimer = setTimeout(
    () => {
      state.drafts.delete(activity.id);
      forgetDraft();
      render();
    },
    Math.max(0, draft.touched + DRAFT_IDLE_MS - Date.now()),
  );
}

function onActivity(activity) {
  if (!state.snapshot) return;
  const previous = state.snapshot.activity;
  const same = previous && previous.id === activity.id;
  if (!same) {
    leaveActivity();
    state.snapshot.myAnswer = null;
    // Reopened after an answer from here: the server's snapshot says what it holds.
    if (state.answered.has(activity.id)) link.send({ type: "sync" });
  }
  state.snapshot.activity = activity;
  keepDeadline(activity);
  if (same && previous.status === activity.status) return;
  if (activity.status === "open") announce(t("activity.announce", { question: activity.question }));
  else if (activity.status === "closed") announce(t("closed.title"));
  else if (activity.status === "revealed") announce(t("revealed.announce"));
}

/** Another activity: the previous one's drafts and private result leave the screen. */
function leaveActivity() {
  clearResult();
  state.drafts.clear();
  state.answerError = null;
}

function onAck(message) {
  const sent = state.pending.get(message.answer_id);
  state.pending.delete(message.answer_id);
  if (!sent || !state.snapshot || currentActivityId() !== message.activity_id) return;
  if (sent.text !== undefined) {
    state.written.set(message.activity_id, { held: !!message.held });
    state.drafts.delete(message.activity_id);
    state.answerError = null;
    announce(t(message.held ? "write.held" : "write.shown"));
    return;
  }
  state.snapshot.myAnswer = sent.answer;
  state.answered.add(message.activity_id);
  if (lastPending(message.activity_id)) return;
  state.answerError = null;
  if (sent.answer.kind === "scale") state.drafts.delete(message.activity_id);
  if (message.my_result) showResult(message.my_result);
  announce(t("answer.saved"));
}

function onError(message) {
  if (message.answer_id) {
    const sent = state.pending.get(message.answer_id);
    state.pending.delete(message.answer_id);
    state.answerError = {
      activityId: sent ? sent.activityId : currentActivityId(),
      error: message,
    };
    announce(texts.error(message));
  } else if (!link.joined && FATAL_JOIN_ERRORS.has(message.code)) {
    failJoin({ error: message });
  } else {
    showNotice({ error: message });
  }
}

function showNotice(problem) {
  clearTimeout(noticeTimer);
  state.notice = problem;
  announce(say(problem));
  noticeTimer = setTimeout(() => {
    state.notice = null;
    render();
  }, NOTICE_MS);
}

function showResult(result) {
  clearResult();
  state.result = result;
  resultTimer = setTimeout(() => {
    finishResult();
    render();
  }, RESULT_MS);
}

function clearResult() {
  clearTimeout(resultTimer);
  state.result = null;
}

// The person is done with their result: the room never sends it back, even to a reloaded tab.
function finishResult() {
  if (state.result) link.send({ type: "finish", activity_id: state.result.activity_id });
  clearResult();
}

function announce(text) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // A short gap makes screen readers read a repeated text again.
  setTimeout(() => {
    region.textContent = text;
  }, 60);
}

// Answers ----------------------------------------------------------------------------------

function submitAnswer(activityId, answer) {
  const answerId = newAnswerId();
  const pending = { activityId, answer };
  state.pending.set(answerId, pending);
  state.answerError = null;
  if (link.joined) sendAnswer(answerId, pending);
  render();
}

function submitText(activityId, text) {
  const answerId = newAnswerId();
  const pending = { activityId, text };
  state.pending.set(answerId, pending);
  state.answerError = null;
  if (link.joined) sendAnswer(answerId, pending);
  render();
}

function vote(activityId, itemId, on) {
  link.send({ type: "vote", activity_id: activityId, item_id: itemId, on, vote_id: newAnswerId() });
}

function lastPending(activityId) {
  let last = null;
  for (const pending of state.pending.values()) {
    if (pending.activityId === activityId) last = pending;
  }
  return last;
}

/** The answer to show as chosen: the latest one sent, else the one the server holds. */
function shownAnswer(activityId) {
  const pending = lastPending(activityId);
  if (pending && pending.answer) return pending.answer;
  return currentActivityId() === activityId ? state.snapshot.myAnswer : null;
}

// Rendering --------------------------------------------------------------------------------

function render() {
  keepDraft();
  renderBar();
  const root = document.getElementById("screen");
  const focused = document.activeElement;
  const focusKey = focused && root.contains(focused) ? focused.dataset.key : null;
  const view = currentView();
  root.textContent = "";
  const clock = countdownNode();
  if (clock) root.append(clock);
  root.append(view.node);
  root.dataset.view = view.key.split(":")[0];
  if (view.key !== lastViewKey) {
    lastViewKey = view.key;
    window.scrollTo(0, 0);
    const target = root.querySelector("[autofocus]") || root.querySelector("h1");
    if (target) target.focus({ preventScroll: true });
  } else if (focusKey) {
    const again = root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus({ preventScroll: true });
    // A text being written keeps its caret at the end when the room's news redraws the screen.
    if (again && focusKey === "write") again.setSelectionRange(again.value.length, again.value.length);
  }
}

function countdownNode() {
  const activity = state.snapshot && state.snapshot.activity;
  const deadline = state.deadline;
  if (!activity || !deadline || deadline.activityId !== activity.id || activity.status !== "open") return null;
  return h(
    "p",
    { class: "countdown", id: "countdown", role: "timer", "aria-label": t("timer.label") },
    countdownText((deadline.at - performance.now()) / 1000),
  );
}

// One text node changes each half second; the room closes the activity at zero, not the page.
setInterval(() => {
  const node = document.getElementById("countdown");
  if (node && state.deadline) {
    const text = countdownText((state.deadline.at - performance.now()) / 1000);
    if (node.textContent !== text) node.textContent = text;
  }
}, 500);

function renderBar() {
  const room = document.getElementById("room");
  room.textContent = state.phase !== "join" && state.code ? t("bar.room", { code: state.code }) : "";
  showConnection(state.connection, t(`connection.${state.connection}`));
  texts.showSwitch(switchLanguage);
}

function currentView() {
  if (state.phase === "join") return joinView();
  if (!state.snapshot) return connectingView();
  const activity = state.snapshot.activity;
  if (activity && state.result && state.result.activity_id === activity.id) {
    return resultView(activity, state.result);
  }
  if (!activity || activity.status === "idle") return waitingView();
  if (activity.kind === "scale") return scaleView(activity);
  if (["qa", "open", "words"].includes(activity.kind)) return textView(activity);
  if (activity.multiple) return multipleView(activity);
  if (activity.mode === "best-worst") return bestWorstView(activity);
  return choiceView(activity);
}

function joinView() {
  const invalid = state.joinError ? "true" : null;
  const input = h("input", {
    id: "code",
    name: "code",
    type: "text",
    key: "code",
    autocomplete: "off",
    autocapitalize: "characters",
    autocorrect: "off",
    spellcheck: "false",
    enterkeyhint: "go",
    maxlength: String(MAX_CODE_LENGTH),
    "aria-describedby": "code-hint code-error",
    "aria-invalid": invalid,
    autofocus: true,
    oninput: (event) => {
      state.typed = event.target.value;
    },
  });
  input.value = state.typed;
  const form = h(
    "form",
    {
      class: "join-form",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        start(input.value);
      },
    },
    h("label", { for: "code" }, t("join.label")),
    input,
    h("p", { class: "hint", id: "code-hint" }, t("join.hint")),
    h("p", { class: "message", id: "code-error", role: "alert" }, say(state.joinError)),
    h("button", { class: "primary", type: "submit", key: "join" }, t("join.submit")),
  );
  const node = h(
    "section",
    {},
    heading(t("join.title")),
    h("p", { class: "lead" }, t("join.lead")),
    form,
  );
  const problem = state.joinError;
  return { key: `join:${problem ? problem.key || problem.error.code : ""}`, node };
}

function connectingView() {
  return {
    key: "connecting",
    node: h(
      "section",
      { class: "waiting" },
      heading(t("connecting.title")),
      h("p", { class: "lead muted" }, t(link.attempt > 2 ? "connecting.retry" : "connecting.lead")),
      h(
        "button",
        {
          class: "secondary",
          type: "button",
          key: "change-code",
          onclick: () => {
            link.stop();
            state.phase = "join";
            state.typed = state.code;
            setConnection("idle");
            render();
          },
        },
        t("connecting.change_code"),
      ),
    ),
  };
}

function waitingView() {
  const slide = state.snapshot.slide;
  return {
    key: "waiting",
    node: h(
      "section",
      { class: "waiting" },
      h("div", { class: "screen-icon", "aria-hidden": "true" }),
      heading(t("waiting.title")),
      h("p", { class: "lead muted" }, t("waiting.lead")),
      h(
        "div",
        { class: "slide-card" },
        h("p", { class: "muted" }, t("waiting.slide", { index: slide.index + 1, count: slide.count })),
        slide.title ? h("p", { class: "slide-title" }, slide.title) : null,
      ),
      noticeBox(state),
    ),
  };
}

// Start ------------------------------------------------------------------------------------

async function switchLanguage(lang) {
  await texts.use(lang);
  render();
}

function boot() {
  document.documentElement.lang = texts.lang;
  document.title = t("page.title");
  link.listen();
  const fromUrl = new URLSearchParams(location.search).get("code");
  const stored = readSession(STORAGE_KEY);
  const code = fromUrl || (stored && typeof stored.code === "string" ? stored.code : "");
  if (code) start(code);
  else render();
}

boot();
