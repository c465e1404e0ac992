/*
 * The link to Rasa's socketio channel, with session_persistence: on every (re)connect it sends
 * session_request with the stored session id and keeps the confirmed id in storage (Rasa does not
 * replay the conversation; app.js keeps that). Messages given while there is no confirmed
 * session wait in an outbox and go out, in order, once there is one. socket.io reconnects on its
 * own; the vendored client is loaded from vendor/ beside widget.js on first use.
 */
(function (widget) {
  "use strict";

  const t = widget.t;
  const { el, isText } = widget.dom;

  function loadSocketIo() {
    return new Promise((resolve, reject) => {
      if (typeof window.io === "function") return resolve(window.io);
      const tag = el("script");
      tag.src = widget.base + "vendor/socket.io.min.js";
      tag.async = true;
      tag.onload = () => (typeof window.io === "function" ? resolve(window.io) : reject());
      tag.onerror = () => reject();
      document.head.appendChild(tag);
    });
  }

  // events: status(text or null) for the status line, text being a function that gives it in
  // the widget's current language; sending() as each message goes out; session(id) once a
  // session is confirmed, before the outbox goes (messages delivered then go first); sent(entry)
  // for a waiting message once it went; flushed() after the outbox was emptied; ready() after
  // that; message(payload) for each bot_uttered; disconnected() when the connection drops.
  widget.createConnection = function (options, store, events) {
    let sessionId = store.get("session");
    let outbox = []; // {message, entry}: entry is null for a message with no bubble (/greet)
    let socket = null;
    let socketLoading = false;
    let ready = false; // connected and session confirmed

    function emit(message) {
      socket.emit("user_uttered", { message: message, session_id: sessionId });
      events.sending();
    }

    // message: what Rasa receives; entry: the visitor's waiting history entry, or null.
    function deliver(message, entry) {
      if (ready) emit(message);
      else outbox.push({ message: message, entry: entry });
    }

    function flushOutbox() {
      const queued = outbox;
      outbox = [];
      queued.forEach((item) => {
        emit(item.message);
        if (item.entry) events.sent(item.entry);
      });
      if (queued.length) events.flushed();
    }

    function connect() {
      if (socket || socketLoading) return;
      socketLoading = true;
      events.status(() => t("connecting"));
      loadSocketIo().then(
        (io) => {
          socket = io(options.server, {
            path: options.socketPath,
            reconnection: true,
            reconnectionDelay: 1000,
            reconnectionDelayMax: 5000,
          });
          socket.on("connect", () => {
            ready = false;
            socket.emit("session_request", { session_id: sessionId || null });
          });
          socket.on("session_confirm", (reply) => {
            const id = typeof reply === "string" ? reply : reply && reply.session_id;
            if (!isText(id)) return;
            sessionId = id;
            store.set("session", id);
            ready = true;
            events.status(null);
            events.session(id);
            flushOutbox();
            events.ready();
          });
          socket.on("bot_uttered", events.message);
          socket.on("disconnect", (reason) => {
            ready = false;
            events.disconnected();
            if (reason === "io client disconnect") return; // we did it (restart)
            events.status(() => t("reconnecting"));
            if (reason === "io server disconnect") socket.connect();
          });
          socket.on("connect_error", () => {
            ready = false;
            events.status(() => t("reconnecting"));
          });
        },
        () => {
          socketLoading = false;
          events.status(() => t("loadFailed"));
        }
      );
    }

    // Forgets the messages that have no bubble (the greeting), so they are not sent twice.
    function dropHidden() {
      outbox = outbox.filter((item) => item.entry);
    }

    // Start over: forget the session and what was waiting, and ask for a new session.
    function restart() {
      outbox = [];
      sessionId = null;
      store.remove("session");
      if (socket) {
        ready = false;
        // A fresh connection leaves the old session's room; session_request then gets a new id.
        socket.disconnect();
        socket.connect();
      }
    }

    return {
      connect,
      isReady: () => ready,
      session: () => sessionId,
      deliver,
      queue: (message, entry) => outbox.push({ message: message, entry: entry }),
      dropHidden,
      restart,
    };
  };
})(window.__smileChatWidget);
