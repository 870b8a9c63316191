/* What the participant page and the trainer's remote share: building and updating the DOM, the
 * text lookup, this tab's sessionStorage, the connection pill, and the room link itself (join,
 * quiet sync probe, reconnection with back-off and jitter as docs/protocol.md says).
 *
 * An ES module, imported by app.js and remote.js; plain JavaScript, no build step, nothing loaded
 * from elsewhere. It holds no page state: each page creates its own link and keeps its own texts.
 */

const PROTOCOL_VERSION = 1;
// docs/protocol.md: wait min(5 s, 0.2 s × 2^attempt) × a random factor in [0.5, 1].
const BACKOFF_INITIAL = 0.2;
const BACKOFF_MAX = 5;
const CONNECT_TIMEOUT_MS = 8000;
// The server's pings are invisible to a page: a quiet sync shows that the link still works.
const PROBE_INTERVAL_MS = 25000;
const PROBE_GRACE_MS = 10000;

// Texts ------------------------------------------------------------------------------------

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (_, name) =>
    params && name in params ? String(params[name]) : `{${name}}`,
  );
}

/**
 * A page's texts, from the catalogues the server writes into the page (#page-config): the room's
 * language or the one asked for with ?lang=, and the others fetched when the visitor switches.
 */
export class PageTexts {
  constructor(page) {
    const config = JSON.parse(document.getElementById("page-config").textContent);
    this.page = page;
    this.languages = config.languages; // code -> its own name
    this.lang = config.lang;
    this._loaded = { [config.lang]: { texts: config.texts, errors: config.errors } };
  }

  /** t(key, params): the text of *key*, {name} filled in from *params* (the key if missing). */
  t(key, params) {
    const text = this._loaded[this.lang].texts[key];
    return text === undefined ? key : fill(text, params);
  }

  /** A room's error message in the page's language (the room's own words if unknown here). */
  error(message) {
    const text = this._loaded[this.lang].errors[message.code];
    return text === undefined ? String(message.message || message.code) : fill(text, message.params);
  }

  /** Switches to *lang*, fetching its texts once; the address keeps it for a reload. */
  async use(lang) {
    if (!Object.prototype.hasOwnProperty.call(this.languages, lang)) return;
    if (!this._loaded[lang]) {
      const url = new URL(`./i18n/${this.page}.${lang}.json`, import.meta.url);
      const response = await fetch(url);
      if (!response.ok) return;
      this._loaded[lang] = await response.json();
    }
    this.lang = lang;
    const address = new URL(location.href);
    address.searchParams.set("lang", lang);
    history.replaceState(history.state, "", address);
    document.documentElement.lang = lang;
    document.title = this.t("page.title");
  }

  /** The language switch (#languages): one button per language, the current one pressed. */
  showSwitch(onSwitch) {
    const group = document.getElementById("languages");
    if (!group) return;
    group.setAttribute("aria-label", this.t("language.switch"));
    if (!group.childElementCount) {
      for (const [code, name] of Object.entries(this.languages)) {
        group.append(
          h(
            "button",
            {
              type: "button",
              class: "language",
              lang: code,
              "data-lang": code,
              title: name,
              onclick: () => onSwitch(code),
            },
            code.toUpperCase(),
          ),
        );
      }
    }
    for (const button of group.children) {
      const pressed = button.dataset.lang === this.lang ? "true" : "false";
      if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
    }
    setHidden(group, Object.keys(this.languages).length < 2);
  }
}

// DOM helpers ------------------------------------------------------------------------------

export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "key") element.dataset.key = value;
    else if (name === "onclick") element.addEventListener("click", value);
    else if (name === "onsubmit") element.addEventListener("submit", value);
    else if (name === "oninput") element.addEventListener("input", value);
    else if (name === "share") element.style.setProperty("--share", String(value));
    else if (name === "columns") element.style.setProperty("--columns", String(value));
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Writes only what changed, so screen readers and selections are not disturbed. */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

export function setHidden(element, hidden) {
  if (element.hidden !== hidden) element.hidden = hidden;
}

/** The bar's connection pill (#connection, #connection-text): its state and its words. */
export function showConnection(name, text) {
  const pill = document.getElementById("connection");
  if (pill.dataset.state !== name) pill.dataset.state = name;
  setText(document.getElementById("connection-text"), text);
}

// Session storage: this tab only, for this session -----------------------------------------

/** The object stored under *key*, or null (nothing, unreadable, or storage refused). */
export function readSession(key) {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) || "null");
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

export function storeSession(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage refused (private browsing): the value stays in memory for this page only.
  }
}

export function forgetSession(key) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

// The room link ----------------------------------------------------------------------------

/**
 * One WebSocket to the room at a time, joined again after any loss.
 *
 * The page says what to send once the socket opens (hello), gets every message that parses as an
 * object (onMessage), hears when it waits for a socket again (onWaiting: a socket is opening or a
 * retry is due) and when a retry was just planned (onLost, after onWaiting), and when a socket is
 * dropped (onDetach). It calls welcomed() once the room has said welcome, and stop() to give up.
 */
export class RoomLink {
  constructor({ hello, onMessage, onWaiting, onLost, onDetach }) {
    this._hello = hello;
    this._onMessage = onMessage;
    this._onWaiting = onWaiting;
    this._onLost = onLost;
    this._onDetach = onDetach || (() => {});
    this._socket = null;
    this._joined = false;
    this._stopped = true;
    this._attempt = 0;
    this._retryTimer = 0;
    this._connectTimer = 0;
    this._probeTimer = 0;
    this._probeDeadline = 0;
  }

  /** True from the room's welcome until the socket is dropped. */
  get joined() {
    return this._joined;
  }

  /** How many retries in a row have failed (the pages say "still trying" past two). */
  get attempt() {
    return this._attempt;
  }

  /** Comes back when the tab is shown again or the device is back online. */
  listen() {
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState !== "visible") return;
      if (this._joined) this._probe();
      else this._reconnectNow();
    });
    window.addEventListener("online", () => this._reconnectNow());
  }

  start() {
    this._stopped = false;
    this._attempt = 0;
    this._connect();
  }

  stop() {
    this._stopped = true;
    clearTimeout(this._retryTimer);
    this._detach();
  }

  welcomed() {
    this._joined = true;
    this._attempt = 0;
    clearTimeout(this._connectTimer);
    this._startProbe();
  }

  /** Sends *message* now, or returns false if the socket is not open. */
  send(message) {
    const socket = this._socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify({ v: PROTOCOL_VERSION, ...message }));
    return true;
  }

  _connect() {
    clearTimeout(this._retryTimer);
    this._detach();
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    this._socket = ws;
    this._onWaiting();
    this._connectTimer = setTimeout(() => {
      if (this._socket === ws && !this._joined) this._lose();
    }, CONNECT_TIMEOUT_MS);
    ws.addEventListener("open", () => {
      if (this._socket === ws) this.send(this._hello());
    });
    ws.addEventListener("message", (event) => {
      if (this._socket === ws) this._receive(event.data);
    });
    ws.addEventListener("close", () => {
      if (this._socket === ws) this._lose();
    });
  }

  _receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!message || typeof message !== "object") return;
    clearTimeout(this._probeDeadline);
    this._onMessage(message);
  }

  _detach() {
    const old = this._socket;
    this._socket = null;
    this._joined = false;
    this._onDetach();
    clearTimeout(this._connectTimer);
    this._stopProbe();
    if (old) old.close();
  }

  /** The connection is gone (closed, timed out, or silent): come back after a random wait. */
  _lose() {
    this._detach();
    if (this._stopped) return;
    this._onWaiting();
    const ceiling = Math.min(BACKOFF_MAX, BACKOFF_INITIAL * 2 ** Math.min(this._attempt, 30));
    const delay = ceiling * (0.5 + Math.random() / 2);
    this._attempt += 1;
    this._retryTimer = setTimeout(() => this._connect(), delay * 1000);
    this._onLost();
  }

  _reconnectNow() {
    if (this._stopped || this._socket) return;
    clearTimeout(this._retryTimer);
    this._connect();
  }

  _startProbe() {
    this._stopProbe();
    this._probeTimer = setInterval(() => this._probe(), PROBE_INTERVAL_MS);
  }

  _stopProbe() {
    clearInterval(this._probeTimer);
    clearTimeout(this._probeDeadline);
  }

  _probe() {
    if (!this._joined) return;
    clearTimeout(this._probeDeadline);
    if (this.send({ type: "sync" })) this._probeDeadline = setTimeout(() => this._lose(), PROBE_GRACE_MS);
  }
}
