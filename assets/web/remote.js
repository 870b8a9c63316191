/* The trainer's phone remote: changes slides and opens, closes and reveals the activities.
 *
 * It speaks the room protocol, version 1 (docs/protocol.md), as a presenter remote. The presenter
 * secret arrives in the URL fragment (#secret=…), which browsers never send to a server, is kept
 * in this tab's sessionStorage only, and leaves the address bar as soon as it is read. Plain
 * JavaScript, no build step, nothing loaded from elsewhere.
 *
 * The screen is built once and then updated in place: presenter_state arrives up to 20 times a
 * second during a burst of answers, and a button replaced under the trainer's thumb would lose
 * the tap.
 *
 * An ES module; what it shares with the participant page (the DOM helpers, the room link) is in
 * common.js.
 */

import {
  PageTexts,
  RoomLink,
  forgetSession,
  h,
  readSession,
  setHidden,
  setText,
  showConnection,
  storeSession,
} from "./common.js";

const STORAGE_KEY = "fphkiosk.remote";
const MAX_SECRET_LENGTH = 128;
const FATAL_JOIN_ERRORS = new Set(["wrong_secret", "unsupported_version", "invalid_message"]);
const NOTICE_MS = 6000;
// A command's answer is the next presenter_state or an error; past this, the buttons come back.
const BUSY_MS = 3000;

// The texts come from the application's catalogues (assets/i18n/<lang>/remote.json).
const texts = new PageTexts("remote");
const t = (key, params) => texts.t(key, params);

const numbers = new Intl.NumberFormat(texts.lang, { maximumFractionDigits: 0 });

function counted(base, count) {
  return t(count > 1 ? `${base}.many` : `${base}.one`, { count: numbers.format(count) });
}

// State ------------------------------------------------------------------------------------

const state = {
  phase: "login", // login | connecting | joined
  secret: "",
  typed: "",
  loginError: "",
  connection: "idle", // idle | connecting | connected | reconnecting
  everJoined: false,
  room: null, // the last presenter_state
  busy: null, // the activity a command was just sent about, until the room answers
};

let noticeTimer = 0;
let busyTimer = 0;
// What screen readers were last told, per topic, so that each change is said once.
const told = { slide: "", status: "" };
const ui = {};
const blocks = new Map(); // activity id -> its block, built once, updated in place

const link = new RoomLink({
  hello: () => ({ type: "remote_join", secret: state.secret }),
  onMessage,
  onWaiting: () => setConnection(state.everJoined ? "reconnecting" : "connecting"),
  onLost: render,
  onDetach: () => {
    state.busy = null;
  },
});

// The secret: from the fragment, then this tab's sessionStorage only -----------------------

/** Reads #secret=… and removes it from the address bar (and so from the history). */
function takeSecretFromFragment() {
  if (!location.hash) return "";
  const secret = new URLSearchParams(location.hash.slice(1)).get("secret") || "";
  history.replaceState(history.state, "", location.pathname + location.search);
  return secret.trim();
}

function storedSecret() {
  const value = readSession(STORAGE_KEY);
  return value && typeof value.secret === "string" ? value.secret : "";
}

function storeSecret(secret) {
  storeSession(STORAGE_KEY, { secret });
}

function forgetSecret() {
  forgetSession(STORAGE_KEY);
}

/** What the trainer pasted: the secret itself, or the whole remote link that carries it. */
function secretFromTyped(text) {
  const trimmed = String(text).trim();
  const at = trimmed.indexOf("#");
  if (at < 0) return trimmed;
  return (new URLSearchParams(trimmed.slice(at + 1)).get("secret") || "").trim();
}

// Connection -------------------------------------------------------------------------------

function start(secret) {
  if (!secret) {
    failJoin(t("login.empty"));
    return;
  }
  if (secret.length > MAX_SECRET_LENGTH) {
    failJoin(t("login.too_long"));
    return;
  }
  state.secret = secret;
  storeSecret(secret);
  state.loginError = "";
  state.phase = "connecting";
  state.everJoined = false;
  state.room = null;
  link.start();
  render();
}

/** A trainer action. Never queued while offline: a slide change replayed late would surprise. */
function command(message, activityId) {
  if (!link.joined || !link.send(message)) return;
  if (activityId) {
    state.busy = activityId;
    clearTimeout(busyTimer);
    busyTimer = setTimeout(() => {
      state.busy = null;
      render();
    }, BUSY_MS);
  }
  render();
}

function setConnection(name) {
  state.connection = name;
}

function stop() {
  link.stop();
  setConnection("idle");
}

function failJoin(message) {
  stop();
  forgetSecret();
  state.secret = "";
  state.phase = "login";
  state.loginError = message;
  state.room = null;
  state.everJoined = false;
  render();
  ui.secretInput.focus();
}

// Server messages --------------------------------------------------------------------------

function onMessage(message) {
  switch (message.type) {
    case "welcome":
      onWelcome(message);
      break;
    case "presenter_state":
      state.room = message;
      state.busy = null;
      break;
    case "error":
      onError(message);
      break;
    default:
      // Remotes get welcome, presenter_state and error; anything else is not for this page.
      return;
  }
  render();
}

function onWelcome(message) {
  link.welcomed();
  state.phase = "joined";
  state.everJoined = true;
  setConnection("connected");
  if (message.snapshot && state.room) state.room.slide = message.snapshot.slide;
}

function onError(message) {
  state.busy = null;
  if (!link.joined && FATAL_JOIN_ERRORS.has(message.code)) {
    failJoin(texts.error(message));
    return;
  }
  showNotice(texts.error(message));
}

function showNotice(text) {
  clearTimeout(noticeTimer);
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  noticeTimer = setTimeout(() => {
    ui.toast.hidden = true;
    ui.toast.textContent = "";
  }, NOTICE_MS);
}

/** Says *text* once per change of *topic*; what changed in one render is said together. */
function announce(topic, text) {
  if (told[topic] === text) return;
  told[topic] = text;
  const region = document.getElementById("announcer");
  const said = region.dataset.pending ? `${region.dataset.pending} ${text}` : text;
  region.dataset.pending = said;
  region.textContent = "";
  // A short gap makes screen readers read a repeated text again.
  setTimeout(() => {
    if (region.dataset.pending !== said) return;
    region.textContent = said;
    delete region.dataset.pending;
  }, 60);
}

// Building the screens, once ---------------------------------------------------------------

function build() {
  const root = document.getElementById("screen");
  ui.title = document.getElementById("title");
  ui.toast = document.getElementById("toast");
  ui.login = buildLogin();
  ui.connecting = buildConnecting();
  ui.control = buildControl();
  root.textContent = "";
  root.append(ui.login, ui.connecting, ui.control);
}

function buildLogin() {
  ui.secretInput = h("input", {
    id: "secret",
    name: "secret",
    type: "text",
    autocomplete: "off",
    autocapitalize: "none",
    autocorrect: "off",
    spellcheck: "false",
    enterkeyhint: "go",
    "aria-describedby": "secret-error secret-hint",
    oninput: (event) => {
      state.typed = event.target.value;
    },
  });
  ui.loginError = h("p", { class: "message", id: "secret-error", role: "alert" });
  ui.loginMissing = h("p", { class: "message info" }, t("login.missing"));
  return h(
    "section",
    { id: "login", hidden: true },
    h("h1", { tabindex: "-1" }, t("login.title")),
    ui.loginError,
    ui.loginMissing,
    h("p", { class: "lead" }, t("login.lead")),
    h(
      "form",
      {
        class: "join-form secret-form",
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          start(secretFromTyped(ui.secretInput.value));
        },
      },
      h("label", { for: "secret" }, t("login.label")),
      ui.secretInput,
      h("p", { class: "hint", id: "secret-hint" }, t("login.hint")),
      h("button", { class: "primary", type: "submit" }, t("login.submit")),
    ),
  );
}

function buildConnecting() {
  ui.connectingLead = h("p", { class: "lead muted" });
  return h(
    "section",
    { id: "connecting", class: "waiting", hidden: true },
    h("h1", { tabindex: "-1" }, t("connecting.title")),
    ui.connectingLead,
    h(
      "button",
      {
        class: "secondary",
        type: "button",
        onclick: () => {
          stop();
          state.phase = "login";
          state.loginError = "";
          state.typed = "";
          render();
        },
      },
      t("connecting.change"),
    ),
  );
}

function buildControl() {
  ui.slideNumber = h("p", { class: "slide-number", id: "slide-number" });
  ui.slideTitle = h("p", { class: "slide-title", id: "slide-title" });
  ui.offline = h("p", { class: "message pending", id: "offline" }, t("offline.lead"));
  ui.gotoInput = h("input", {
    id: "goto",
    name: "goto",
    type: "text",
    inputmode: "numeric",
    pattern: "[0-9]*",
    autocomplete: "off",
    enterkeyhint: "go",
    "aria-describedby": "goto-hint goto-error",
    oninput: () => {
      ui.gotoInput.removeAttribute("aria-invalid");
      setText(ui.gotoError, "");
    },
  });
  ui.gotoHint = h("p", { class: "hint", id: "goto-hint" });
  ui.gotoError = h("p", { class: "message", id: "goto-error", role: "alert" });
  ui.gotoButton = h("button", { class: "secondary", type: "submit" }, t("goto.submit"));
  ui.previous = h(
    "button",
    { type: "button", class: "secondary nav-previous", onclick: () => command({ type: "previous_slide" }) },
    h("span", { class: "arrow arrow-previous", "aria-hidden": "true" }),
    h("span", {}, t("nav.previous")),
  );
  ui.next = h(
    "button",
    { type: "button", class: "primary nav-next", onclick: () => command({ type: "next_slide" }) },
    h("span", {}, t("nav.next")),
    h("span", { class: "arrow arrow-next", "aria-hidden": "true" }),
  );
  ui.texts = h("ul", { class: "text-queue" });
  ui.textsSection = h(
    "section",
    { class: "panel", "aria-labelledby": "texts-title", hidden: true },
    h("h2", { id: "texts-title" }, t("texts.title")),
    h("p", { class: "muted small" }, t("texts.lead")),
    ui.texts,
  );
  ui.current = h("div", { class: "current-slot" });
  ui.currentNone = h("p", { class: "muted" }, t("current.none"));
  ui.others = h("div", { class: "activity-list" });
  ui.othersEmpty = h("p", { class: "muted" }, t("others.empty"));
  ui.othersTitle = h("h2", { id: "others-title" });
  ui.currentSection = h(
    "section",
    { class: "panel", "aria-labelledby": "current-title" },
    h("h2", { id: "current-title" }, t("current.title")),
    ui.currentNone,
    ui.current,
  );
  ui.othersSection = h(
    "section",
    { class: "panel", "aria-labelledby": "others-title" },
    ui.othersTitle,
    h("p", { class: "muted small" }, t("others.lead")),
    ui.othersEmpty,
    ui.others,
  );
  return h(
    "section",
    { id: "control", hidden: true },
    h("h1", { class: "visually-hidden", tabindex: "-1" }, t("page.title")),
    ui.offline,
    h("div", { class: "slide-card current-slide" }, ui.slideNumber, ui.slideTitle),
    h(
      "form",
      {
        class: "goto",
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          goTo(ui.gotoInput.value);
        },
      },
      h("label", { for: "goto" }, t("goto.label")),
      h("div", { class: "goto-row" }, ui.gotoInput, ui.gotoButton),
      ui.gotoHint,
      ui.gotoError,
    ),
    ui.currentSection,
    ui.textsSection,
    ui.othersSection,
    // Fixed at the bottom of the screen, under the thumb of a phone held in one hand.
    h("nav", { class: "slide-nav", "aria-label": t("nav.label") }, ui.previous, ui.next),
  );
}

function goTo(text) {
  const count = state.room ? state.room.slide.count : 0;
  const typed = String(text).trim();
  const number = /^[0-9]{1,6}$/.test(typed) ? Number(typed) : NaN;
  if (!(number >= 1 && number <= count)) {
    ui.gotoInput.setAttribute("aria-invalid", "true");
    setText(ui.gotoError, t("goto.invalid", { count }));
    return;
  }
  ui.gotoInput.value = "";
  setText(ui.gotoError, "");
  command({ type: "go_to_slide", index: number - 1 });
}

/** One activity: its name, status, answers and actions, kept for the life of the page. */
function activityBlock(id) {
  const nameId = `activity-${blocks.size}`;
  const block = {
    name: h("h3", { class: "activity-name", id: nameId }),
    kind: h("p", { class: "activity-kind" }),
    status: h("span", { class: "status-chip" }),
    count: h("p", { class: "activity-count" }),
    note: h("p", { class: "activity-note muted" }),
    open: h("button", { type: "button", onclick: () => command({ type: "open", activity_id: id }, id) }),
    close: h(
      "button",
      { type: "button", onclick: () => command({ type: "close", activity_id: id }, id) },
      t("action.close"),
    ),
    reveal: h(
      "button",
      { type: "button", class: "reveal", onclick: () => command({ type: "reveal", activity_id: id }, id) },
      t("action.reveal"),
    ),
  };
  block.node = h(
    "div",
    { class: "activity", "data-activity": id, role: "group", "aria-labelledby": nameId },
    h("div", { class: "activity-head" }, h("div", {}, block.kind, block.name), block.status),
    block.count,
    block.note,
    h("div", { class: "activity-actions" }, block.open, block.close, block.reveal),
  );
  blocks.set(id, block);
  return block;
}

// Rendering: in place ----------------------------------------------------------------------

function render() {
  renderBar();
  // Once the room has been seen, its last state stays on screen (greyed) while reconnecting.
  const phase = state.phase === "login" ? "login" : state.room ? "control" : "connecting";
  const shown = { login: ui.login, connecting: ui.connecting, control: ui.control }[phase];
  for (const section of [ui.login, ui.connecting, ui.control]) {
    if (section !== shown && !section.hidden) section.hidden = true;
  }
  if (shown.hidden) {
    shown.hidden = false;
    window.scrollTo(0, 0);
    if (phase === "login") ui.secretInput.focus({ preventScroll: true });
    else shown.querySelector("h1").focus({ preventScroll: true });
  }
  if (phase === "login") renderLogin();
  else if (phase === "control") renderControl();
  else setText(ui.connectingLead, t(link.attempt > 2 ? "connecting.retry" : "connecting.lead"));
}

function renderBar() {
  setText(ui.title, t("bar.title"));
  showConnection(state.connection, t(`connection.${state.connection}`));
}

function renderLogin() {
  setText(ui.loginError, state.loginError);
  setHidden(ui.loginMissing, !!state.loginError);
  if (state.loginError) ui.secretInput.setAttribute("aria-invalid", "true");
  else ui.secretInput.removeAttribute("aria-invalid");
  if (ui.secretInput.value !== state.typed) ui.secretInput.value = state.typed;
}

function renderControl() {
  const room = state.room;
  setHidden(ui.offline, link.joined);
  if (!room) return;
  const slide = room.slide;
  const number = t("slide.label", { index: slide.index + 1, count: slide.count });
  const title = slide.title || t("slide.untitled");
  setText(ui.slideNumber, number);
  setText(ui.slideTitle, title);
  if (link.joined) announce("slide", t("announce.slide", { index: slide.index + 1, title }));
  setText(ui.gotoHint, t("goto.hint", { count: slide.count }));
  ui.previous.disabled = !link.joined || slide.index <= 0;
  ui.next.disabled = !link.joined || slide.index >= slide.count - 1;
  ui.gotoButton.disabled = !link.joined;

  const current = room.current_activity;
  let others = 0;
  for (const activity of room.activities) {
    const block = blocks.get(activity.id) || activityBlock(activity.id);
    // The live slide's activities come first, with the one opened last.
    const isCurrent = activity.id === current || activity.slide === slide.index;
    renderActivity(block, activity, isCurrent);
    const home = isCurrent ? ui.current : ui.others;
    // Appending in deck order keeps the list in order; a node already in place is not moved.
    if (block.node.parentNode !== home || (!isCurrent && home.children[others] !== block.node)) {
      if (isCurrent) home.append(block.node);
      else home.insertBefore(block.node, home.children[others] || null);
    }
    if (!isCurrent) others += 1;
  }
  const hasCurrent =
    (current !== null && blocks.has(current)) ||
    room.activities.some((activity) => activity.slide === slide.index);
  const any = room.activities.length > 0;
  setHidden(ui.currentNone, hasCurrent);
  setHidden(ui.currentSection, !any);
  setText(ui.othersTitle, t(hasCurrent ? "others.title" : "others.title_all"));
  setHidden(ui.othersEmpty, any);
  setHidden(ui.othersSection, any && others === 0);
  renderTexts(room);
}

/** The current activity's texts, held ones first: the remote moderates as the console does. */
function renderTexts(room) {
  const texts = room.texts || [];
  setHidden(ui.textsSection, texts.length === 0);
  const current = room.current_activity;
  const activity = room.activities.find((a) => a.id === current);
  const order = { new: 0, approved: 1, answered: 2, hidden: 3 };
  const rows = [...texts].sort((a, b) => order[a.state] - order[b.state]);
  const spotlit = room.spotlight && room.spotlight.activity_id === current ? room.spotlight.item_id : null;
  const act = (item, action) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        disabled: !link.joined,
        onclick: () => command({ type: "moderate", activity_id: current, item_id: item.id, action }),
      },
      t(`texts.${action}`),
    );
  ui.texts.replaceChildren(
    ...rows.map((item) => {
      const actions = [];
      if (item.state !== "approved") actions.push(act(item, "approve"));
      if (item.state !== "hidden") actions.push(act(item, "hide"));
      if (activity && activity.kind === "qa" && item.state === "approved") actions.push(act(item, "answered"));
      actions.push(act(item, item.id === spotlit ? "unspotlight" : "spotlight"));
      const details = [t(`texts.state.${item.state}`), t("texts.count", { count: item.count })];
      if (item.flags.length) details.unshift(t("texts.flagged"));
      return h(
        "li",
        { class: item.flags.length ? "flagged" : null },
        h("p", { class: "text" }, item.text),
        h("p", { class: "muted small" }, details.join(" · ")),
        h("div", { class: "text-actions" }, actions),
      );
    }),
  );
}

function renderActivity(block, activity, isCurrent) {
  // presenter_state names every activity: its question (a scale's title) and its kind.
  const status = activity.status;
  const statusText = t(`status.${status}`);
  const name = activity.question || activity.id;
  setText(block.name, name);
  setText(block.kind, `${t(`kind.${activity.kind}`)} · ${activity.id}`);
  setText(block.status, statusText);
  if (isCurrent && link.joined) announce("status", t("announce.status", { name, status: statusText }));
  if (block.node.dataset.status !== status) block.node.dataset.status = status;
  block.node.classList.toggle("is-current", isCurrent);

  const answers = counted("count.answers", activity.respondents);
  const room = state.room;
  const connected = counted("count.connected", room.connected);
  setText(block.count, isCurrent ? t("count.live", { answers, connected }) : answers);
  const results = isCurrent ? room.results : null;
  let note = "";
  if (results && results.kind === "too_few_respondents" && status !== "idle") {
    note = t("count.too_few", { minimum: results.minimum });
  } else if (isCurrent && room.peak_connected > room.connected) {
    note = t("count.peak", { count: numbers.format(room.peak_connected) });
  }
  setText(block.note, note);
  setHidden(block.note, !note);

  const ready = link.joined && state.busy !== activity.id;
  setText(block.open, t(status === "idle" ? "action.open" : "action.reopen"));
  block.open.disabled = !ready || status === "open";
  block.close.disabled = !ready || status !== "open";
  block.reveal.disabled = !ready || (status !== "open" && status !== "closed");
  // Only the current activity can be open, so "Clore" is offered there only.
  setHidden(block.close, !isCurrent);
  // The next sensible step stands out: open what is ready, close what is open, then reveal.
  const primary = { idle: block.open, open: block.close, closed: block.reveal }[status];
  for (const button of [block.open, block.close, block.reveal]) {
    const wanted = isCurrent && button === primary ? "primary" : "secondary";
    if (!button.classList.contains(wanted)) {
      button.classList.remove("primary", "secondary");
      button.classList.add(wanted);
    }
  }
}

// Start ------------------------------------------------------------------------------------

/** The remote is built once, in one language: another one is a reload (the secret is kept). */
async function switchLanguage(lang) {
  if (lang === texts.lang) return;
  await texts.use(lang);
  location.reload();
}

function boot() {
  document.documentElement.lang = texts.lang;
  document.title = t("page.title");
  texts.showSwitch(switchLanguage);
  build();
  link.listen();
  // The console's QR code scanned again while this tab is open changes the fragment only.
  window.addEventListener("hashchange", () => {
    const secret = takeSecretFromFragment();
    if (secret) {
      stop();
      start(secret);
    }
  });
  const secret = takeSecretFromFragment() || storedSecret();
  if (secret) start(secret);
  else render();
}

boot();
