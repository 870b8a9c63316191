/* The participant page: joins the room, shows the open activity, sends answers, reconnects alone.
 *
 * It speaks the room protocol, version 1 (docs/protocol.md). Plain JavaScript, no build step,
 * nothing loaded from elsewhere. The server's token is kept in sessionStorage only (this tab, this
 * session); a scale's personal result lives in memory only and leaves the screen quickly, since
 * tablets may be shared.
 */
"use strict";

(() => {
  // Every text the page shows, by language; the server's own messages arrive already in French.
  const TEXTS = {
    fr: {
      "page.title": "Salle de formation",
      "bar.room": "Salle {code}",
      "connection.idle": "Non connecté",
      "connection.connecting": "Connexion…",
      "connection.connected": "Connecté",
      "connection.reconnecting": "Reconnexion…",
      "join.title": "Rejoindre la salle",
      "join.lead": "Saisissez le code affiché à l'écran de la salle.",
      "join.label": "Code de la salle",
      "join.hint": "6 caractères, lettres et chiffres.",
      "join.submit": "Rejoindre",
      "join.empty": "Saisissez le code affiché à l'écran.",
      "join.malformed": "Ce code est trop long\u00a0: le code de la salle a 6 caractères.",
      "connecting.title": "Connexion à la salle…",
      "connecting.lead": "Un instant\u00a0: la page se connecte à la salle.",
      "connecting.retry": "La salle ne répond pas encore\u00a0: nouvel essai dans quelques secondes.",
      "connecting.change_code": "Changer de code",
      "waiting.title": "Regardez l'écran",
      "waiting.lead": "La prochaine question apparaîtra ici.",
      "waiting.slide": "Diapositive {index} sur {count}",
      "kind.poll": "Sondage",
      "kind.quiz": "Quiz",
      "kind.scale": "Questionnaire",
      "choice.hint": "Touchez une réponse.",
      "choice.choices": "Réponses possibles",
      "answer.sending": "Envoi en cours…",
      "answer.offline": "Réponse en attente\u00a0: elle partira dès le retour de la connexion.",
      "answer.saved": "Réponse enregistrée",
      "answer.change": "Vous pouvez changer de réponse tant que le vote est ouvert.",
      "answer.yours": "Votre réponse",
      "answer.none": "Vous n'avez pas répondu à cette question.",
      "closed.title": "Réponses closes",
      "closed.lead": "Le formateur a clos les réponses. Regardez l'écran.",
      "revealed.title": "Résultats de la salle",
      "revealed.announce": "Les résultats de la salle sont affichés.",
      "revealed.correct": "Bonne réponse",
      "revealed.respondents.one": "{count} réponse",
      "revealed.respondents.many": "{count} réponses",
      "revealed.figure": "{count} · {percent}",
      "revealed.correct_share": "{percent} de bonnes réponses dans la salle.",
      "revealed.too_few": "Résultats masqués\u00a0: moins de {minimum} réponses",
      "revealed.too_few_why":
        "Avec si peu de réponses, les afficher pourrait permettre de reconnaître quelqu'un.",
      "revealed.mean": "Score moyen de la salle\u00a0: {mean}",
      "revealed.band": "{label} ({min} à {max})",
      "revealed.withheld": "< {minimum}",
      "revealed.withheld_why":
        "«\u00a0< {minimum}\u00a0»\u00a0: moins de {minimum} personnes. Le chiffre est masqué pour que personne ne soit reconnaissable.",
      "best_worst.best": "La meilleure\u00a0?",
      "best_worst.worst": "La pire\u00a0?",
      "best_worst.best_tag": "Meilleure",
      "best_worst.worst_tag": "Pire",
      "best_worst.hint": "Choisissez une réponse pour chacune des deux questions, puis envoyez.",
      "best_worst.same": "Choisissez deux réponses différentes.",
      "best_worst.send": "Envoyer",
      "scale.count": "{count} questions",
      "scale.start": "Commencer",
      "scale.private":
        "Votre score ne s'affichera que sur cet appareil\u00a0; la salle ne verra que des résultats d'ensemble.",
      "scale.progress": "{index} / {count}",
      "scale.progress_label": "Question {index} sur {count}",
      "scale.options": "Votre réponse à la question {index}",
      "scale.previous": "Précédent",
      "scale.next": "Suivant",
      "scale.review": "Vérifier et envoyer",
      "scale.review_lead": "Relisez vos réponses\u00a0; touchez «\u00a0Modifier\u00a0» pour en changer une.",
      "scale.edit": "Modifier",
      "scale.edit_label": "Modifier la réponse à la question {index}",
      "scale.unanswered": "Sans réponse",
      "scale.missing": "Répondez à toutes les questions avant d'envoyer.",
      "scale.send": "Envoyer mes réponses",
      "scale.sending": "Envoi de vos réponses…",
      "scale.done": "Réponses enregistrées",
      "scale.done_lead": "Merci\u00a0! Regardez l'écran.",
      "result.title": "Votre résultat",
      "result.range": "sur une échelle de {min} à {max}",
      "result.private":
        "Visible seulement sur cet appareil, qui ne le garde pas\u00a0: il s'effacera dans une minute.",
      "result.finish": "Terminer",
      "activity.announce": "Nouvelle question\u00a0: {question}",
    },
  };

  const PROTOCOL_VERSION = 1;
  const STORAGE_KEY = "fphkiosk.participant";
  const MAX_CODE_LENGTH = 32;
  const FATAL_JOIN_ERRORS = new Set(["wrong_room_code", "unsupported_version", "invalid_message"]);
  // docs/protocol.md: wait min(5 s, 0.2 s × 2^attempt) × a random factor in [0.5, 1].
  const BACKOFF_INITIAL = 0.2;
  const BACKOFF_MAX = 5;
  const CONNECT_TIMEOUT_MS = 8000;
  // The server's pings are invisible to a page: a quiet sync shows that the link still works.
  const PROBE_INTERVAL_MS = 25000;
  const PROBE_GRACE_MS = 10000;
  const RESULT_MS = 60000;
  const NOTICE_MS = 6000;
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  const lang = pickLanguage();

  function pickLanguage() {
    const asked = new URLSearchParams(location.search).get("lang");
    return asked && Object.prototype.hasOwnProperty.call(TEXTS, asked) ? asked : "fr";
  }

  function t(key, params) {
    const text = TEXTS[lang][key] ?? TEXTS.fr[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) =>
      params && name in params ? String(params[name]) : `{${name}}`,
    );
  }

  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });

  function percent(share) {
    return `${Math.round(share * 100)}\u00a0%`;
  }

  // State ------------------------------------------------------------------------------------

  const state = {
    phase: "join", // join | connecting | joined
    code: "",
    typed: "",
    joinError: "",
    connection: "idle", // idle | connecting | connected | reconnecting
    everJoined: false,
    snapshot: null, // {slide, activity, myAnswer}
    pending: new Map(), // answer_id -> {activityId, answer}, in the order they were made
    answerError: null, // {activityId, message}
    notice: "",
    drafts: new Map(), // activity id -> this device's answer in progress
    result: null, // the personal result of a scale, in memory only
    answered: new Set(), // ids of the activities answered from this page (ids only)
  };

  let socket = null;
  let joined = false;
  let stopped = true;
  let attempt = 0;
  let retryTimer = 0;
  let connectTimer = 0;
  let probeTimer = 0;
  let probeDeadline = 0;
  let resultTimer = 0;
  let noticeTimer = 0;
  let lastViewKey = "";

  // Session storage: the token of this room's session, for this tab only ----------------------

  function readStored() {
    try {
      const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
      return value && typeof value === "object" ? value : null;
    } catch {
      return null;
    }
  }

  function storedToken(code) {
    const stored = readStored();
    return stored && stored.code === code && typeof stored.token === "string"
      ? stored.token
      : null;
  }

  function storeToken(code, token) {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ code, token }));
    } catch {
      // Storage refused (private browsing): the token stays in memory for this page only.
    }
  }

  function forgetToken() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored, nothing to forget.
    }
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

  function wsUrl() {
    return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
  }

  function start(code) {
    const normalized = normalizeCode(code);
    state.typed = code;
    if (!normalized || normalized.length > MAX_CODE_LENGTH) {
      failJoin(t(normalized ? "join.malformed" : "join.empty"));
      return;
    }
    state.code = normalized;
    state.joinError = "";
    state.phase = "connecting";
    stopped = false;
    attempt = 0;
    connect();
    render();
  }

  function connect() {
    clearTimeout(retryTimer);
    detachSocket();
    const ws = new WebSocket(wsUrl());
    socket = ws;
    setConnection(state.everJoined ? "reconnecting" : "connecting");
    connectTimer = setTimeout(() => {
      if (socket === ws && !joined) lose();
    }, CONNECT_TIMEOUT_MS);
    ws.addEventListener("open", () => {
      if (socket !== ws) return;
      send({ type: "join", room_code: state.code, token: storedToken(state.code) });
    });
    ws.addEventListener("message", (event) => {
      if (socket === ws) onText(event.data);
    });
    ws.addEventListener("close", () => {
      if (socket === ws) lose();
    });
  }

  function detachSocket() {
    const old = socket;
    socket = null;
    joined = false;
    clearTimeout(connectTimer);
    stopProbe();
    if (old) old.close();
  }

  /** The connection is gone (closed, timed out, or silent): come back after a random wait. */
  function lose() {
    detachSocket();
    if (stopped) return;
    setConnection(state.everJoined ? "reconnecting" : "connecting");
    const ceiling = Math.min(BACKOFF_MAX, BACKOFF_INITIAL * 2 ** Math.min(attempt, 30));
    const delay = ceiling * (0.5 + Math.random() / 2);
    attempt += 1;
    retryTimer = setTimeout(connect, delay * 1000);
    render();
  }

  function reconnectNow() {
    if (stopped || socket) return;
    clearTimeout(retryTimer);
    connect();
  }

  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify({ v: PROTOCOL_VERSION, ...message }));
    return true;
  }

  function sendAnswer(answerId, pending) {
    send({
      type: "answer",
      activity_id: pending.activityId,
      answer_id: answerId,
      answer: pending.answer,
    });
  }

  function startProbe() {
    stopProbe();
    probeTimer = setInterval(probe, PROBE_INTERVAL_MS);
  }

  function stopProbe() {
    clearInterval(probeTimer);
    clearTimeout(probeDeadline);
  }

  function probe() {
    if (!joined) return;
    clearTimeout(probeDeadline);
    if (send({ type: "sync" })) probeDeadline = setTimeout(lose, PROBE_GRACE_MS);
  }

  function setConnection(name) {
    state.connection = name;
  }

  function failJoin(message) {
    stopped = true;
    forgetToken();
    clearTimeout(retryTimer);
    detachSocket();
    state.phase = "join";
    state.joinError = message;
    state.snapshot = null;
    state.everJoined = false;
    setConnection("idle");
    lastViewKey = "";
    render();
  }

  // Server messages --------------------------------------------------------------------------

  function onText(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!message || typeof message !== "object") return;
    clearTimeout(probeDeadline);
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
      case "error":
        onError(message);
        break;
      default:
        return;
    }
    render();
  }

  function onWelcome(message) {
    joined = true;
    attempt = 0;
    clearTimeout(connectTimer);
    state.phase = "joined";
    state.everJoined = true;
    // A token the server did not know is replaced by a new one: the old one is dropped here.
    if (message.token) storeToken(state.code, message.token);
    applySnapshot(message.snapshot);
    setConnection("connected");
    for (const [answerId, pending] of state.pending) sendAnswer(answerId, pending);
    startProbe();
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
  }

  function onActivity(activity) {
    if (!state.snapshot) return;
    const previous = state.snapshot.activity;
    const same = previous && previous.id === activity.id;
    if (!same) {
      leaveActivity();
      state.snapshot.myAnswer = null;
      // Reopened after an answer from here: the server's snapshot says what it holds.
      if (state.answered.has(activity.id)) send({ type: "sync" });
    }
    state.snapshot.activity = activity;
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
        message: message.message,
      };
      announce(message.message);
    } else if (!joined && FATAL_JOIN_ERRORS.has(message.code)) {
      failJoin(message.message);
    } else {
      showNotice(message.message);
    }
  }

  function showNotice(text) {
    clearTimeout(noticeTimer);
    state.notice = text;
    announce(text);
    noticeTimer = setTimeout(() => {
      state.notice = "";
      render();
    }, NOTICE_MS);
  }

  function showResult(result) {
    clearResult();
    state.result = result;
    resultTimer = setTimeout(() => {
      clearResult();
      render();
    }, RESULT_MS);
  }

  function clearResult() {
    clearTimeout(resultTimer);
    state.result = null;
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
    if (joined) sendAnswer(answerId, pending);
    render();
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
    if (pending) return pending.answer;
    return currentActivityId() === activityId ? state.snapshot.myAnswer : null;
  }

  function sameAnswer(a, b) {
    return !!a && !!b && JSON.stringify(a) === JSON.stringify(b);
  }

  // DOM helpers ------------------------------------------------------------------------------

  function h(tag, props, ...children) {
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

  function heading(text, props) {
    return h("h1", { tabindex: "-1", ...props }, text);
  }

  function statusBox(kind, text) {
    return h("p", { class: `message ${kind}` }, text);
  }

  /** Chosen is shown by more than colour: a check mark, hidden from screen readers, which
   * hear aria-pressed instead. */
  function checkMark(pressed) {
    return pressed ? h("span", { class: "check", "aria-hidden": "true" }, "✓") : null;
  }

  function letter(index) {
    return index < LETTERS.length ? LETTERS[index] : String(index + 1);
  }

  // Rendering --------------------------------------------------------------------------------

  function render() {
    renderBar();
    const root = document.getElementById("screen");
    const focused = document.activeElement;
    const focusKey = focused && root.contains(focused) ? focused.dataset.key : null;
    const view = currentView();
    root.textContent = "";
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
    }
  }

  function renderBar() {
    const room = document.getElementById("room");
    room.textContent = state.phase !== "join" && state.code ? t("bar.room", { code: state.code }) : "";
    const connection = document.getElementById("connection");
    const text = t(`connection.${state.connection}`);
    if (connection.dataset.state !== state.connection) connection.dataset.state = state.connection;
    const label = document.getElementById("connection-text");
    if (label.textContent !== text) label.textContent = text;
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
    if (activity.mode === "best-worst") return bestWorstView(activity);
    return choiceView(activity);
  }

  function noticeBox() {
    return state.notice ? statusBox("pending", state.notice) : null;
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
      h("p", { class: "message", id: "code-error", role: "alert" }, state.joinError),
      h("button", { class: "primary", type: "submit", key: "join" }, t("join.submit")),
    );
    const node = h(
      "section",
      {},
      heading(t("join.title")),
      h("p", { class: "lead" }, t("join.lead")),
      form,
    );
    return { key: `join:${state.joinError}`, node };
  }

  function connectingView() {
    return {
      key: "connecting",
      node: h(
        "section",
        { class: "waiting" },
        heading(t("connecting.title")),
        h("p", { class: "lead muted" }, t(attempt > 2 ? "connecting.retry" : "connecting.lead")),
        h(
          "button",
          {
            class: "secondary",
            type: "button",
            key: "change-code",
            onclick: () => {
              stopped = true;
              clearTimeout(retryTimer);
              detachSocket();
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
        noticeBox(),
      ),
    };
  }

  function activityHeader(activity, title) {
    return [
      h("p", { class: "eyebrow" }, t(`kind.${activity.kind}`)),
      heading(title ?? activity.question, { class: "question" }),
    ];
  }

  /** Where the participant's answer stands: sending, saved, refused, or not given yet. */
  function answerStatus(activity, hint) {
    const error = state.answerError;
    if (lastPending(activity.id)) {
      return statusBox("pending", t(joined ? "answer.sending" : "answer.offline"));
    }
    if (error && error.activityId === activity.id) return statusBox("", error.message);
    if (state.snapshot.myAnswer) {
      return h(
        "div",
        {},
        statusBox("ok", t("answer.saved")),
        h("p", { class: "muted" }, t("answer.change")),
      );
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
      const list = h(
        "ul",
        { class: "choices", "aria-label": t("choice.choices") },
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
    parts.push(noticeBox());
    return { key: `choice:${activity.id}:${activity.status}`, node: h("section", {}, parts) };
  }

  function closedBox(chosen) {
    return h(
      "div",
      {},
      statusBox("info", t("closed.title")),
      h("p", { class: "muted" }, chosen ? t("closed.lead") : t("answer.none")),
    );
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
      return { key: `bw:${activity.id}:revealed`, node: h("section", {}, parts, noticeBox()) };
    }
    ["best", "worst"].forEach((side, sideIndex) => {
      const promptId = `prompt-${side}`;
      parts.push(h("h2", { class: `prompt ${side}`, id: promptId }, prompts[sideIndex]));
      parts.push(
        h(
          "ul",
          { class: `choices ${side}`, role: "group", "aria-labelledby": promptId },
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
      );
    });
    const complete = Number.isInteger(draft.best) && Number.isInteger(draft.worst);
    const same = complete && draft.best === draft.worst;
    const answer = complete && !same ? { kind: "best_worst", best: draft.best, worst: draft.worst } : null;
    if (open) {
      if (same) parts.push(statusBox("", t("best_worst.same")));
      else if (answer && !sameAnswer(answer, shown)) parts.push(h("p", { class: "muted" }, t("best_worst.hint")));
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
    parts.push(noticeBox());
    return { key: `bw:${activity.id}:${activity.status}`, node: h("section", {}, parts) };
  }

  // Scales: an introduction, one item at a time, a check screen, then the private result ------

  function scaleView(activity) {
    const scale = activity.scale;
    const count = scale.items.length;
    const shown = shownAnswer(activity.id);
    if (activity.status === "revealed") {
      return {
        key: `scale:${activity.id}:revealed`,
        node: h("section", {}, activityHeader(activity), resultsBlock(activity, shown), noticeBox()),
      };
    }
    if (activity.status !== "open") {
      state.drafts.delete(activity.id);
      return {
        key: `scale:${activity.id}:closed`,
        node: h("section", {}, activityHeader(activity), closedBox(shown), noticeBox()),
      };
    }
    if (lastPending(activity.id)) {
      return {
        key: `scale:${activity.id}:sending`,
        node: h(
          "section",
          { class: "waiting" },
          heading(t("scale.sending")),
          statusBox("pending", t(joined ? "answer.sending" : "answer.offline")),
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
          noticeBox(),
        ),
      };
    }
    const go = (step) => {
      if (!draft) {
        draft = { step, options: new Array(count).fill(null), review: false };
        state.drafts.set(activity.id, draft);
      }
      draft.step = step;
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
          h("button", { type: "button", class: "primary", key: "start", onclick: () => go(0) }, t("scale.start")),
        ),
        scale.licence ? h("p", { class: "small-print" }, scale.licence) : null,
        noticeBox(),
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
          h(
            "span",
            { "aria-label": t("scale.progress_label", { index: index + 1, count }) },
            t("scale.progress", { index: index + 1, count }),
          ),
          h(
            "div",
            { class: "progress-track", "aria-hidden": "true" },
            h("div", { class: "progress-fill", share: (index + 1) / count }),
          ),
        ),
        // The instructions stay in view: some items only make sense after them ("Je risque de
        // m'endormir :" then a situation).
        scale.instructions ? h("p", { class: "item-instructions muted" }, scale.instructions) : null,
        heading(scale.items[index], { class: "item-text", id: optionsLabel }),
        h(
          "ul",
          {
            class: scale.options.length > 2 ? "choices compact many" : "choices compact",
            role: "group",
            "aria-labelledby": optionsLabel,
            columns: Math.min(scale.options.length, 4),
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
        noticeBox(),
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
        missing ? statusBox("", t("scale.missing")) : null,
        error ? statusBox("", state.answerError.message) : null,
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
        noticeBox(),
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
                clearResult();
                render();
              },
            },
            t("result.finish"),
          ),
        ),
      ),
    };
  }

  // Room-wide results, once revealed -----------------------------------------------------------

  function resultsBlock(activity, mine, prompts) {
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
      const myChoice = mine && mine.kind === "choice" ? mine.choice : null;
      block.append(countsList(activity.choices, results.counts, respondents, results.correct, myChoice));
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
      block.append(h("p", {}, t("revealed.mean", { mean: numbers.format(results.mean) })));
      // A band of 1 to minimum - 1 people (or its complement) arrives as null: "< 5", no bar.
      block.append(
        countsList(
          results.bands.map((band) => t("revealed.band", band)),
          results.bands.map((band) => band.count),
          respondents,
          null,
          null,
          null,
          results.minimum,
        ),
      );
      if (results.bands.some((band) => band.count === null)) {
        block.append(h("p", { class: "muted" }, t("revealed.withheld_why", { minimum: results.minimum })));
      }
    }
    return block;
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
        if (index === correct) badges.push(h("span", { class: "badge correct" }, `✓ ${t("revealed.correct")}`));
        if (index === mine) badges.push(h("span", { class: "badge" }, t("answer.yours")));
        return h(
          "li",
          { class: index === correct ? "correct" : null },
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

  // Start ------------------------------------------------------------------------------------

  function boot() {
    document.documentElement.lang = lang;
    document.title = t("page.title");
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState !== "visible") return;
      if (joined) probe();
      else reconnectNow();
    });
    window.addEventListener("online", reconnectNow);
    const fromUrl = new URLSearchParams(location.search).get("code");
    const stored = readStored();
    const code = fromUrl || (stored && typeof stored.code === "string" ? stored.code : "");
    if (code) start(code);
    else render();
  }

  boot();
})();
