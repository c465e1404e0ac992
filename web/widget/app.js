/*
 * Starts the widget: reads the options, picks the language, builds the panel, keeps the
 * conversation (history) in storage so a reload shows it again, and wires the controls: the
 * launcher opens the panel and greets (the widget sends /greet unseen, so the assistant speaks
 * first), Enter sends, Escape closes, "Start over" clears the conversation and the session, "Use
 * my location" shares the browser's position, and the language switch changes the widget's
 * language.
 *
 * Language: the visitor's pick (kept in storage), else data-lang, else English. The server learns
 * it from a hidden /choose_language{"language":"<code>"} message (no bubble): whenever the visitor
 * switches, and when a session is confirmed whose server was not told the widget's language yet
 * (a new session speaks English, so that is a Spanish widget's first session, or a new one after
 * Start over); then the greeting carries it (/greet{"language":"es"}) when there is no
 * conversation yet, else it goes before anything waiting. Storage remembers what each session was
 * told, so a reload does not tell it again.
 */
(function (widget) {
  "use strict";

  if (widget.failed) return; // a part did not load

  const t = widget.t;
  const { isText } = widget.dom;
  const { plainText } = widget.richText;
  const storage = widget.storage;

  const options = widget.options.read(widget.script.dataset);
  const store = storage.createStore(options.server);
  widget.setLanguage(storage.loadLanguage(store) || options.language);
  let history = storage.loadHistory(store);
  let greetRequested = false;
  let locating = false;

  const view = widget.createPanel(options, store);
  const messages = widget.createMessages(view, (reply) => {
    sendUser(reply.payload, reply.title);
    view.input.focus();
  });
  const connection = widget.createConnection(options, store, {
    status: view.setStatus,
    sending: view.showTyping,
    sent(entry) {
      entry.pending = false;
      delete entry.message;
      messages.markSent(entry);
    },
    flushed: saveHistory,
    session: onSession,
    ready: maybeGreet,
    message: onBotMessage,
    disconnected() {
      view.hideTyping();
      if (!history.length) {
        // The greeting may have been lost with the connection: ask again on reconnect.
        connection.dropHidden();
        greetRequested = false;
      }
    },
  });

  function saveHistory() {
    storage.saveHistory(store, history);
  }

  // message: what Rasa receives; shown: what the visitor sees in their bubble; key: the key of
  // shown in the strings table when it is the widget's own text, so a language switch redraws it.
  function sendUser(message, shown, key) {
    messages.retireQuickReplies();
    const entry = { who: "user", text: shown };
    if (key) entry.key = key;
    if (!connection.isReady()) {
      entry.pending = true;
      entry.message = message; // kept only until sent, so a reload can still send it
    }
    history.push(entry);
    messages.renderUser(entry);
    saveHistory();
    connection.deliver(message, entry.pending ? entry : null);
  }

  // key: the notice's text in the strings table, so a language switch redraws it.
  function addNotice(key, text) {
    const entry = { who: "notice", key: key, text: text };
    history.push(entry);
    saveHistory();
    view.announce(messages.renderNotice(entry));
  }

  // The hidden message that sets the conversation's language on the server.
  function languageMessage(code) {
    return "/choose_language" + JSON.stringify({ language: code });
  }

  function tellLanguage(session) {
    storage.saveToldLanguage(store, session, widget.language);
    connection.deliver(languageMessage(widget.language), null);
  }

  // A session was confirmed: tell its server the widget's language if it does not know it yet.
  // With no conversation yet, the greeting carries it (one Spanish greeting, not a confirmation
  // of the language and then the greeting).
  function onSession(session) {
    if ((storage.loadToldLanguage(store, session) || "en") === widget.language) return;
    if (history.length) tellLanguage(session);
    else storage.saveToldLanguage(store, session, widget.language);
  }

  // "/greet", or "/greet{"language": "es"}" in another language: the reply is in that language.
  function greetMessage() {
    return widget.language === "en" ? "/greet" : "/greet" + JSON.stringify({ language: widget.language });
  }

  function switchLanguage() {
    widget.setLanguage(widget.otherLanguage(widget.language));
    storage.saveLanguage(store, widget.language);
    view.applyTexts();
    view.redrawLog(() => messages.renderHistory(history));
    // Told at once even if storage says the server knows: it may have switched by itself since.
    // Without a session now, onSession tells it once there is one.
    if (connection.isReady()) tellLanguage(connection.session());
  }

  function maybeGreet() {
    if (!view.isOpen() || history.length || greetRequested) return;
    greetRequested = true;
    connection.deliver(greetMessage(), null); // the assistant speaks first; no user bubble
  }

  function onBotMessage(payload) {
    view.hideTyping();
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) return;
    const entry = { who: "bot", payload: payload };
    const spoken = messages.renderBot(entry);
    if (spoken === null) return;
    history.push(entry);
    saveHistory();
    if (spoken) view.announce(t("assistantSays", { text: plainText(spoken) }));
  }

  function openPanel(moveFocus) {
    view.open();
    connection.connect();
    maybeGreet();
    view.scrollToEnd();
    if (moveFocus) view.input.focus();
  }

  function startOver() {
    history = [];
    greetRequested = false;
    saveHistory();
    view.hideTyping();
    messages.renderHistory(history);
    view.announce(t("conversationCleared"));
    connection.restart();
    maybeGreet();
    view.input.focus();
  }

  function shareLocation() {
    if (locating) return;
    if (!navigator.geolocation) {
      addNotice("locationFailed", t("locationFailed"));
      return;
    }
    locating = true;
    view.setLocating(true);
    const done = () => {
      locating = false;
      view.setLocating(false);
    };
    navigator.geolocation.getCurrentPosition(
      (position) => {
        done();
        const lat = Number(position.coords.latitude);
        const lon = Number(position.coords.longitude);
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) return addNotice("locationFailed", t("locationFailed"));
        const payload = '/share_location{"latitude": ' + lat.toFixed(4) + ', "longitude": ' + lon.toFixed(4) + "}";
        sendUser(payload, t("myLocation"), "myLocation");
      },
      () => {
        done();
        addNotice("locationFailed", t("locationFailed"));
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
    );
  }

  view.launcher.addEventListener("click", () => openPanel(true));
  view.closeButton.addEventListener("click", view.close);
  view.restartButton.addEventListener("click", startOver);
  view.languageButton.addEventListener("click", switchLanguage);
  view.locationButton.addEventListener("click", shareLocation);
  view.panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      view.close();
    }
  });
  view.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = view.takeInput();
    if (text) sendUser(text, text);
  });

  function start() {
    document.body.appendChild(view.root);
    // Messages that were waiting when the page was left are sent after the next connect.
    history.forEach((entry) => {
      if (entry.who !== "user" || !entry.pending) return;
      if (isText(entry.message)) connection.queue(entry.message, entry);
      else entry.pending = false;
    });
    messages.renderHistory(history);
    if (options.startOpen || store.get("open") === "1") openPanel(false);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})(window.__smileChatWidget);
