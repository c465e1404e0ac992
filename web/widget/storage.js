/*
 * The visitor's session id, the rendered conversation, whether the panel was open, the language
 * the visitor picked and the language the server was last told, kept in localStorage under keys
 * that name the server (two widgets for different servers never mix). Where localStorage is
 * unavailable (blocked, private mode) they live in memory for the page.
 */
(function (widget) {
  "use strict";

  const MAX_HISTORY = 150;

  function createStore(server) {
    const prefix = "smile-chat:" + server + ":";
    const memory = {};
    return {
      get(name) {
        try {
          return window.localStorage.getItem(prefix + name);
        } catch (_) {
          return name in memory ? memory[name] : null;
        }
      },
      set(name, value) {
        try {
          window.localStorage.setItem(prefix + name, value);
        } catch (_) {
          memory[name] = value;
        }
      },
      remove(name) {
        try {
          window.localStorage.removeItem(prefix + name);
        } catch (_) {
          delete memory[name];
        }
      },
    };
  }

  function loadHistory(store) {
    try {
      const saved = JSON.parse(store.get("history") || "[]");
      return Array.isArray(saved) ? saved.filter((e) => e && typeof e === "object") : [];
    } catch (_) {
      return [];
    }
  }

  // Keeps the latest MAX_HISTORY entries (dropping older ones from history itself) and stores them.
  function saveHistory(store, history) {
    if (history.length > MAX_HISTORY) history.splice(0, history.length - MAX_HISTORY);
    store.set("history", JSON.stringify(history));
  }

  // The language the visitor picked with the switch ("en" or "es"), or null when they picked none.
  function loadLanguage(store) {
    const code = store.get("language");
    return code && widget.pickLanguage(code) === code ? code : null;
  }

  function saveLanguage(store, code) {
    store.set("language", code);
  }

  // The language the server was told for the session (with /choose_language), or null when it
  // was told nothing for it.
  function loadToldLanguage(store, session) {
    try {
      const told = JSON.parse(store.get("language-told") || "null");
      return told && told.session === session && typeof told.language === "string" ? told.language : null;
    } catch (_) {
      return null;
    }
  }

  function saveToldLanguage(store, session, code) {
    store.set("language-told", JSON.stringify({ session: session, language: code }));
  }

  widget.storage = {
    createStore: createStore,
    loadHistory: loadHistory,
    saveHistory: saveHistory,
    loadLanguage: loadLanguage,
    saveLanguage: saveLanguage,
    loadToldLanguage: loadToldLanguage,
    saveToldLanguage: saveToldLanguage,
  };
})(window.__smileChatWidget);
