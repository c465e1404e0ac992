// Stand-in for the vendored socket.io client, served in its place by the rendering tests.
// It behaves like Rasa's socketio channel with session persistence and lets a test play the
// server: window.__server.send("bot_uttered", payload), .drop(), .restore().
(function () {
  "use strict";
  const sent = [];
  let sessionCounter = 0;
  let socket = null;
  let online = !window.__startOffline;

  function later(fn) {
    setTimeout(fn, 5);
  }

  function makeSocket() {
    const handlers = {};
    const s = {
      connected: false,
      on(event, fn) {
        (handlers[event] = handlers[event] || []).push(fn);
        return s;
      },
      fire(event, data) {
        (handlers[event] || []).forEach((fn) => fn(data));
      },
      emit(event, data) {
        sent.push({ event, data: JSON.parse(JSON.stringify(data)) });
        if (!s.connected) return s;
        if (event === "session_request") {
          const id = data && data.session_id ? data.session_id : "fake-" + Date.now() + "-" + ++sessionCounter;
          later(() => s.fire("session_confirm", id));
        }
        return s;
      },
      connect() {
        if (!online) {
          later(() => s.fire("connect_error", new Error("offline")));
          return s;
        }
        later(() => {
          s.connected = true;
          s.fire("connect");
        });
        return s;
      },
      disconnect() {
        if (s.connected) {
          s.connected = false;
          s.fire("disconnect", "io client disconnect");
        }
        return s;
      },
    };
    return s;
  }

  window.io = function (url, options) {
    window.__ioArgs = { url, options };
    socket = makeSocket();
    socket.connect();
    return socket;
  };

  window.__server = {
    sent,
    send(event, data) {
      socket.fire(event, data);
    },
    drop() {
      online = false;
      socket.connected = false;
      socket.fire("disconnect", "transport close");
    },
    restore() {
      online = true;
      socket.connect();
    },
    messages() {
      return sent.filter((m) => m.event === "user_uttered").map((m) => m.data.message);
    },
  };
})();
