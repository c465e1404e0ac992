/*
 * Chat widget for the facial reanimation ("smile surgery") FAQ assistant.
 *
 * One tag embeds it:
 *   <script src="https://host/widget.js" data-server-url="https://bot.example.org" defer></script>
 * Options (data attributes on that tag): data-server-url (default: this page's host name, port
 * 5005), data-title, data-open ("true" starts open), data-primary-color (#rgb or #rrggbb),
 * data-socket-path (default /socket.io). The stylesheet and the vendored socket.io client are
 * loaded relative to this script's own URL, so nothing comes from anywhere else.
 *
 * Talks to Rasa's socketio channel with session_persistence: on every (re)connect it sends
 * session_request with the stored id, keeps the id and the rendered history in localStorage
 * (Rasa does not replay history), and queues messages typed while offline.
 *
 * Everything from the server or the visitor goes into the page as text (createElement and
 * textContent only); only http(s) and tel: links become links.
 *
 * A bot text holding a markdown link to tel:911 ("[Call 911](tel:911)") is an emergency reply:
 * its bubble gets role="alert" and starts with a large call button labelled with the link's text.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || window.__smileChatWidget) return;
  window.__smileChatWidget = true;

  const BASE = new URL(".", script.src).href;
  const LOCATION_FAILED = "I couldn't get your location. You can type your ZIP code or town instead.";
  const TYPING_TIMEOUT_MS = 15000;
  const MAX_HISTORY = 150;
  const MAX_MESSAGE_CHARS = 1000;

  // ---------- configuration ----------

  function httpOrigin(value) {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
    } catch (_) {
      return null;
    }
  }

  function relativeLuminance(hex) {
    const full = hex.length === 4 ? "#" + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    const channel = (i) => {
      const c = parseInt(full.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  }

  function contrast(a, b) {
    const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  const data = script.dataset;
  const config = {
    server:
      httpOrigin(data.serverUrl || "") ||
      httpOrigin(location.protocol + "//" + location.hostname + ":5005") ||
      "http://localhost:5005",
    title: (data.title || "").trim() || "Questions about smile surgery",
    startOpen: data.open === "true",
    primary: /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.primaryColor || "") ? data.primaryColor : null,
    socketPath: /^\/[A-Za-z0-9._~\/-]*$/.test(data.socketPath || "") ? data.socketPath : "/socket.io",
  };

  // ---------- storage (falls back to memory when localStorage is unavailable) ----------

  const KEY = "smile-chat:" + config.server + ":";
  const memory = {};
  const store = {
    get(name) {
      try {
        return window.localStorage.getItem(KEY + name);
      } catch (_) {
        return name in memory ? memory[name] : null;
      }
    },
    set(name, value) {
      try {
        window.localStorage.setItem(KEY + name, value);
      } catch (_) {
        memory[name] = value;
      }
    },
    remove(name) {
      try {
        window.localStorage.removeItem(KEY + name);
      } catch (_) {
        delete memory[name];
      }
    },
  };

  function loadHistory() {
    try {
      const saved = JSON.parse(store.get("history") || "[]");
      return Array.isArray(saved) ? saved.filter((e) => e && typeof e === "object") : [];
    } catch (_) {
      return [];
    }
  }

  // ---------- state ----------

  let sessionId = store.get("session");
  let history = loadHistory();
  let outbox = []; // {message, entry}: entry is null for the hidden /greet
  let socket = null;
  let socketLoading = false;
  let ready = false; // connected and session confirmed
  let greetRequested = false;
  let typingTimer = null;
  let lastBotBubble = null;
  let replyStart = null; // first node of the assistant's latest reply
  const activeQuickReplies = new Map(); // history entry -> its button group
  const entryNodes = new Map(); // pending user entry -> its bubble

  function saveHistory() {
    if (history.length > MAX_HISTORY) history = history.slice(-MAX_HISTORY);
    store.set("history", JSON.stringify(history));
  }

  // ---------- DOM helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function srOnly(text) {
    return el("span", "sbw-sr-only", text);
  }

  const ICONS = {
    chat: "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
    pin: "M12 2a7 7 0 0 0-7 7c0 5.3 7 13 7 13s7-7.7 7-13a7 7 0 0 0-7-7zm0 9.6A2.6 2.6 0 1 1 12 6.4a2.6 2.6 0 0 1 0 5.2z",
  };

  // Icons are drawn inline (no emoji font or image file needed) and hidden from screen readers.
  function icon(name) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "sbw-icon");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function isText(value) {
    return typeof value === "string" && value.trim() !== "";
  }

  // ---------- links and rich text ----------

  function safeTel(raw) {
    if (typeof raw !== "string" || !/^tel:/i.test(raw.trim())) return null;
    const number = raw.trim().slice(4).replace(/[\s().-]/g, "");
    return /^\+?[0-9]{3,15}$/.test(number) ? "tel:" + number : null;
  }

  function safeHttp(raw) {
    if (typeof raw !== "string") return null;
    try {
      const url = new URL(raw.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function makeLink(href, label, hiddenSuffix) {
    const a = el("a", null, label);
    a.href = href;
    if (href.startsWith("tel:")) {
      if (hiddenSuffix) a.appendChild(srOnly(hiddenSuffix));
    } else {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(srOnly((hiddenSuffix || "") + " (opens in a new tab)"));
    }
    return a;
  }

  // [label](url), bare http(s) URLs, tel: links and US phone numbers like 919-684-4114.
  const TOKENS =
    /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)|(https?:\/\/[^\s<>"']+)|(tel:\+?[0-9][0-9().-]{2,20}[0-9])|(^|[^\d-])(\d{3})-(\d{3})-(\d{4})(?![\d-])/gi;

  function linkify(text, parent) {
    let last = 0;
    let match;
    TOKENS.lastIndex = 0;
    while ((match = TOKENS.exec(text)) !== null) {
      let start = match.index;
      let consumed = match[0];
      let link = null;
      if (match[1] !== undefined) {
        const href = safeTel(match[2]) || safeHttp(match[2]);
        link = href ? makeLink(href, match[1]) : null; // an unsafe target stays plain text
      } else if (match[3] !== undefined) {
        // Trailing punctuation belongs to the sentence, not the URL.
        consumed = match[3].replace(/[.,;:!?'"]+$/, "");
        if (consumed.endsWith(")") && !consumed.includes("(")) consumed = consumed.slice(0, -1);
        const href = safeHttp(consumed);
        link = href ? makeLink(href, consumed) : null;
      } else if (match[4] !== undefined) {
        const href = safeTel(match[4]);
        link = href ? makeLink(href, match[4].slice(4)) : null;
      } else {
        start += match[5].length; // the character before the number is not part of it
        consumed = match[6] + "-" + match[7] + "-" + match[8];
        link = makeLink("tel:+1" + match[6] + match[7] + match[8], consumed);
      }
      if (!link) continue;
      parent.appendChild(document.createTextNode(text.slice(last, start)));
      parent.appendChild(link);
      last = start + consumed.length;
      TOKENS.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderInline(line, parent) {
    const bold = /\*\*([^*]+?)\*\*/g;
    let last = 0;
    let match;
    while ((match = bold.exec(line)) !== null) {
      linkify(line.slice(last, match.index), parent);
      const strong = el("strong");
      linkify(match[1], strong);
      parent.appendChild(strong);
      last = bold.lastIndex;
    }
    linkify(line.slice(last), parent);
  }

  // What a screen reader should hear: the text without markdown marks.
  function plainText(text) {
    return String(text)
      .replace(/\*\*([^*]+?)\*\*/g, "$1")
      .replace(/\[([^\]\n]{1,200})\]\([^)\s]{1,2000}\)/g, "$1");
  }

  function renderRichText(text, parent) {
    String(text)
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (i > 0) parent.appendChild(el("br"));
        renderInline(line, parent);
      });
    return parent;
  }

  // ---------- emergency replies ----------

  const MARKDOWN_LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)/g;

  function isEmergencyTarget(target) {
    return safeTel(target) === "tel:911";
  }

  // null for an ordinary text; for an emergency reply {label, body}: label is the first tel:911
  // link's text (it becomes the call button) and body is the text without those links. A line
  // that held only the link goes (the button replaces it); a link inside a sentence leaves its
  // text there, unlinked, so the sentence still reads.
  function parseEmergency(text) {
    let label = null;
    let found = false;
    const kept = [];
    String(text)
      .split(/\r?\n/)
      .forEach((line) => {
        let here = false;
        const unlinked = line.replace(MARKDOWN_LINK, (whole, name, target) => {
          if (!isEmergencyTarget(target)) return whole;
          here = true;
          const shown = name.replace(/\*\*/g, "").trim();
          if (label === null && shown) label = shown;
          return shown;
        });
        if (!here) return kept.push(line);
        found = true;
        const rest = line.replace(MARKDOWN_LINK, (whole, name, target) => (isEmergencyTarget(target) ? "" : whole));
        if (rest.replace(/\*\*/g, "").trim()) kept.push(unlinked);
      });
    if (!found) return null;
    // No blank lines at either end, and no doubled ones where the link's line was taken out.
    const body = kept.filter((line, i) => line.trim() || (i > 0 && kept[i - 1].trim()));
    while (body.length && !body[body.length - 1].trim()) body.pop();
    return { label: label || "Call 911", body: body.join("\n") };
  }

  // ---------- widget skeleton ----------

  const stylesheet = el("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = BASE + "widget.css";
  document.head.appendChild(stylesheet);

  const root = el("div", "sbw-root");
  root.setAttribute("data-sbw", "");
  if (config.primary) {
    const onPrimary = contrast(config.primary, "#ffffff") >= contrast(config.primary, "#1a1a1a") ? "#ffffff" : "#1a1a1a";
    root.style.setProperty("--sbw-primary", config.primary);
    root.style.setProperty("--sbw-on-primary", onPrimary);
    root.style.setProperty("--sbw-focus", contrast(config.primary, "#ffffff") >= 3 ? config.primary : "#1a1a1a");
  }

  const launcher = el("button", "sbw-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", "Ask a question: open the chat assistant");
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "sbw-panel");
  launcher.append(icon("chat"), el("span", null, "Ask a question"));

  const panel = el("section", "sbw-panel");
  panel.id = "sbw-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "sbw-title");

  const header = el("div", "sbw-header");
  const title = el("h2", "sbw-title", config.title);
  title.id = "sbw-title";
  const restartButton = el("button", "sbw-restart", "Start over");
  restartButton.type = "button";
  restartButton.setAttribute("aria-label", "Start over: clear this conversation");
  const closeButton = el("button", "sbw-close", "×");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", "Close chat");
  header.append(title, restartButton, closeButton);

  const status = el("p", "sbw-status");
  status.setAttribute("role", "status");
  status.hidden = true;

  const log = el("div", "sbw-log");
  log.setAttribute("role", "region");
  log.setAttribute("aria-label", "Conversation");
  log.tabIndex = 0; // a scrollable region must be reachable by keyboard

  const typing = el("div", "sbw-typing");
  typing.setAttribute("aria-hidden", "true");
  typing.append(el("span"), el("span"), el("span"));
  typing.hidden = true;

  const form = el("form", "sbw-form");
  form.setAttribute("aria-label", "Send a message");
  form.noValidate = true;
  const locationButton = el("button", "sbw-location");
  const locationLabel = el("span", null, "Use my location");
  locationButton.append(icon("pin"), locationLabel);
  locationButton.type = "button";
  locationButton.setAttribute("aria-label", "Use my location to find the nearest clinics");
  const input = el("input", "sbw-input");
  input.type = "text";
  input.id = "sbw-input";
  input.autocomplete = "off";
  input.maxLength = MAX_MESSAGE_CHARS;
  input.placeholder = "Type your question…";
  input.setAttribute("aria-label", "Type your question");
  const sendButton = el("button", "sbw-send", "Send");
  sendButton.type = "submit";
  sendButton.setAttribute("aria-label", "Send message");
  form.append(locationButton, input, sendButton);

  // New bot messages are read out from here (the log itself is not live, so nothing is read twice).
  // Emergency replies are the exception: their role="alert" bubble is announced on its own, at
  // once, so they are not repeated here.
  const announcer = el("div", "sbw-sr-only");
  announcer.setAttribute("aria-live", "polite");
  announcer.setAttribute("aria-atomic", "false");

  panel.append(header, status, log, form);
  root.append(launcher, panel, announcer);

  function announce(text) {
    if (!isText(text)) return;
    announcer.appendChild(el("p", null, text));
    while (announcer.childNodes.length > 3) announcer.removeChild(announcer.firstChild);
  }

  function setStatus(text) {
    status.hidden = !text;
    status.textContent = text || "";
  }

  // Follow the conversation, but never scroll the start of the assistant's current reply out of
  // view: a long answer or a list of clinics is read from its top.
  function scrollToEnd() {
    let top = log.scrollHeight - log.clientHeight;
    if (replyStart && replyStart.isConnected) top = Math.min(top, replyStart.offsetTop - 8);
    log.scrollTop = top;
  }

  function appendToLog(node) {
    if (!replyStart) replyStart = node;
    log.insertBefore(node, typing.parentNode === log ? typing : null);
    scrollToEnd();
  }

  function showTyping() {
    typing.hidden = false;
    log.appendChild(typing);
    scrollToEnd();
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    typing.hidden = true;
  }

  // ---------- rendering history entries ----------

  function renderUser(entry) {
    const bubble = el("div", "sbw-msg sbw-user");
    bubble.appendChild(el("p", null, entry.text));
    replyStart = bubble; // the reply that follows starts just below the question
    appendToLog(bubble);
    lastBotBubble = null;
    if (entry.pending) {
      entryNodes.set(entry, bubble);
      markPending(bubble, true);
    }
  }

  function markPending(bubble, pending) {
    bubble.classList.toggle("sbw-pending", pending);
    const mark = bubble.querySelector(".sbw-pending-mark");
    if (pending && !mark) bubble.appendChild(el("span", "sbw-pending-mark", "Waiting to send…"));
    if (!pending && mark) mark.remove();
  }

  function renderNotice(entry) {
    const bubble = el("div", "sbw-msg sbw-notice");
    bubble.setAttribute("data-kind", "notice");
    bubble.appendChild(renderRichText(entry.text, el("p")));
    appendToLog(bubble);
    lastBotBubble = null;
    return entry.text;
  }

  function renderQuickReplies(entry, replies) {
    const group = el("div", "sbw-quick");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    replies.forEach((reply) => {
      if (!reply || !isText(reply.title) || !isText(reply.payload)) return;
      const button = el("button", "sbw-quick-reply", reply.title);
      button.type = "button";
      button.setAttribute("aria-label", reply.title);
      button.addEventListener("click", () => {
        sendUser(reply.payload, reply.title);
        input.focus();
      });
      group.appendChild(button);
    });
    if (!group.childNodes.length) return;
    activeQuickReplies.set(entry, group);
    appendToLog(group);
  }

  // Once the visitor answers (by button or by typing), older suggestions go away.
  function retireQuickReplies() {
    activeQuickReplies.forEach((group, entry) => {
      entry.done = true;
      group.remove();
    });
    activeQuickReplies.clear();
  }

  // The bubble of an emergency reply: role="alert", the call button first, then the text.
  function emergencyBubble(emergency) {
    const bubble = el("div", "sbw-msg sbw-bot sbw-alert");
    bubble.setAttribute("role", "alert");
    bubble.setAttribute("data-kind", "emergency");
    const call = makeLink("tel:911", emergency.label);
    call.className = "sbw-call-911";
    bubble.appendChild(call);
    if (isText(emergency.body)) bubble.appendChild(renderRichText(emergency.body, el("p")));
    return bubble;
  }

  // Returns the text to announce: "" for an emergency reply, which its alert role announces.
  function renderText(entry) {
    const payload = entry.payload;
    const text = payload.text;
    const emergency = parseEmergency(text);
    if (!emergency && /^\s*Source:/.test(text)) {
      const note = renderRichText(text.trim(), el("small", "sbw-source"));
      if (lastBotBubble) {
        lastBotBubble.appendChild(note);
        scrollToEnd();
      } else {
        const bubble = el("div", "sbw-msg sbw-bot");
        bubble.appendChild(note);
        appendToLog(bubble);
      }
      return text;
    }
    let bubble;
    if (emergency) {
      bubble = emergencyBubble(emergency);
    } else {
      bubble = el("div", "sbw-msg sbw-bot");
      bubble.appendChild(renderRichText(text, el("p")));
    }
    appendToLog(bubble);
    lastBotBubble = bubble;
    if (Array.isArray(payload.quick_replies) && payload.quick_replies.length && !entry.done) {
      renderQuickReplies(entry, payload.quick_replies);
    }
    return emergency ? "" : text;
  }

  function callLine(prefix, phone, tel) {
    const href = safeTel(tel);
    if (!href || !isText(phone)) return null;
    const line = el("p", "sbw-card-note", prefix);
    line.appendChild(makeLink(href, phone));
    return line;
  }

  function renderClinics(payload) {
    const card = el("div", "sbw-msg sbw-bot sbw-card");
    card.setAttribute("data-kind", "clinic_results");
    const spoken = [];
    if (isText(payload.intro)) {
      card.appendChild(renderRichText(payload.intro, el("p")));
      spoken.push(payload.intro);
    }
    const list = el("ul", "sbw-clinics");
    list.setAttribute("aria-label", "Clinic locations");
    (Array.isArray(payload.clinics) ? payload.clinics : []).slice(0, 10).forEach((clinic) => {
      if (!clinic || !isText(clinic.name)) return;
      const item = el("li", "sbw-clinic");
      item.appendChild(el("strong", "sbw-clinic-name", clinic.name));
      const address = el("address", "sbw-clinic-address");
      if (isText(clinic.street)) address.append(document.createTextNode(clinic.street), el("br"));
      const town = [clinic.city, [clinic.state, clinic.zip_code].filter(isText).join(" ")].filter(isText).join(", ");
      if (town) address.appendChild(document.createTextNode(town));
      item.appendChild(address);
      if (isText(clinic.distance_text)) item.appendChild(el("div", "sbw-clinic-distance", clinic.distance_text));
      const actions = el("div", "sbw-actions");
      const mapHref = safeHttp(clinic.map_url);
      if (mapHref) actions.appendChild(makeLink(mapHref, "Map", " of " + clinic.name));
      const telHref = safeTel(clinic.tel);
      if (telHref) actions.appendChild(makeLink(telHref, isText(clinic.phone) ? "Call " + clinic.phone : "Call", " (" + clinic.name + ")"));
      if (actions.childNodes.length) item.appendChild(actions);
      list.appendChild(item);
      spoken.push(clinic.name + (isText(clinic.distance_text) ? ", " + clinic.distance_text : ""));
    });
    if (list.childNodes.length) card.appendChild(list);
    if (isText(payload.note)) {
      card.appendChild(renderRichText(payload.note, el("p", "sbw-card-note")));
      spoken.push(payload.note);
    }
    const call = callLine("Appointments: ", payload.phone, payload.tel);
    const saidAlready = [payload.intro, payload.note].some((t) => isText(t) && t.includes(payload.phone));
    if (call && !saidAlready) card.appendChild(call);
    appendToLog(card);
    lastBotBubble = card;
    return spoken.join(". ");
  }

  function checklistText(payload) {
    const lines = [];
    if (isText(payload.title)) lines.push(payload.title, "");
    (Array.isArray(payload.sections) ? payload.sections : []).forEach((section) => {
      if (!section) return;
      if (isText(section.heading)) lines.push(section.heading);
      (Array.isArray(section.items) ? section.items : []).filter(isText).forEach((item) => lines.push("- " + item));
      lines.push("");
    });
    if (isText(payload.phone)) lines.push("Call " + payload.phone);
    return lines.join("\n").trim() + "\n";
  }

  function copyText(text, button) {
    const finish = (ok) => {
      button.textContent = ok ? "Copied" : "Copy failed";
      announce(ok ? "Checklist copied." : "Couldn't copy. Select the list and copy it yourself.");
      setTimeout(() => (button.textContent = "Copy"), 2500);
    };
    const fallback = () => {
      const area = el("textarea", "sbw-sr-only");
      area.value = text;
      area.setAttribute("readonly", "");
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (_) {
        ok = false;
      }
      area.remove();
      button.focus();
      return ok;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        () => finish(true),
        () => finish(fallback())
      );
    } else {
      finish(fallback());
    }
  }

  function printNode(node) {
    const area = el("div", "sbw-print-area");
    area.appendChild(node.cloneNode(true));
    document.body.appendChild(area);
    document.documentElement.classList.add("sbw-printing");
    const cleanup = () => {
      window.removeEventListener("afterprint", cleanup);
      document.documentElement.classList.remove("sbw-printing");
      area.remove();
    };
    window.addEventListener("afterprint", cleanup);
    window.print();
  }

  function renderChecklist(payload) {
    const card = el("div", "sbw-msg sbw-bot sbw-card sbw-checklist");
    card.setAttribute("data-kind", "checklist");
    const body = el("div", "sbw-checklist-body");
    if (isText(payload.title)) body.appendChild(el("h3", "sbw-checklist-title", payload.title));
    (Array.isArray(payload.sections) ? payload.sections : []).forEach((section) => {
      if (!section) return;
      if (isText(section.heading)) body.appendChild(el("h4", "sbw-checklist-heading", section.heading));
      const items = (Array.isArray(section.items) ? section.items : []).filter(isText);
      if (!items.length) return;
      const list = el("ul");
      items.forEach((item) => list.appendChild(renderRichText(item, el("li"))));
      body.appendChild(list);
    });
    const call = callLine("Questions? Call ", payload.phone, payload.tel);
    if (call) body.appendChild(call);
    card.appendChild(body);

    const actions = el("div", "sbw-actions sbw-checklist-actions");
    const copy = el("button", "sbw-copy", "Copy");
    copy.type = "button";
    copy.setAttribute("aria-label", "Copy checklist");
    copy.addEventListener("click", () => copyText(checklistText(payload), copy));
    const print = el("button", "sbw-print", "Print");
    print.type = "button";
    print.setAttribute("aria-label", "Print checklist");
    print.addEventListener("click", () => printNode(body));
    actions.append(copy, print);
    card.appendChild(actions);
    appendToLog(card);
    lastBotBubble = card;
    return (isText(payload.title) ? payload.title + ". " : "") + "Checklist with Copy and Print buttons.";
  }

  // Returns the text to announce ("" when the message announces itself), or null when the
  // payload was not shown.
  function renderBot(entry) {
    const payload = entry.payload;
    if (!payload || typeof payload !== "object") return null;
    if (payload.type === "clinic_results") return renderClinics(payload);
    if (payload.type === "checklist") return renderChecklist(payload);
    if (typeof payload.text === "string" && payload.text.trim() !== "") return renderText(entry);
    return null; // images, templates and anything unknown: ignored on purpose
  }

  function renderEntry(entry) {
    if (entry.who === "user") return renderUser(entry);
    if (entry.who === "notice") return renderNotice(entry);
    if (entry.who === "bot") return renderBot(entry);
    return null;
  }

  function renderHistory() {
    log.textContent = "";
    lastBotBubble = null;
    replyStart = null;
    activeQuickReplies.clear();
    entryNodes.clear();
    history.forEach(renderEntry);
  }

  // ---------- sending ----------

  function emit(message) {
    socket.emit("user_uttered", { message: message, session_id: sessionId });
    showTyping();
  }

  function deliver(message, entry) {
    if (ready) emit(message);
    else outbox.push({ message: message, entry: entry });
  }

  function flushOutbox() {
    const queued = outbox;
    outbox = [];
    queued.forEach((item) => {
      emit(item.message);
      if (item.entry) {
        item.entry.pending = false;
        delete item.entry.message;
        const bubble = entryNodes.get(item.entry);
        if (bubble) markPending(bubble, false);
        entryNodes.delete(item.entry);
      }
    });
    if (queued.length) saveHistory();
  }

  // message: what Rasa receives; shown: what the visitor sees in their bubble.
  function sendUser(message, shown) {
    retireQuickReplies();
    const entry = { who: "user", text: shown };
    if (!ready) {
      entry.pending = true;
      entry.message = message; // kept only until sent, so a reload can still send it
    }
    history.push(entry);
    renderUser(entry);
    saveHistory();
    deliver(message, entry.pending ? entry : null);
  }

  function addNotice(text) {
    const entry = { who: "notice", text: text };
    history.push(entry);
    saveHistory();
    announce(renderNotice(entry));
  }

  function maybeGreet() {
    if (panel.hidden || history.length || greetRequested) return;
    greetRequested = true;
    deliver("/greet", null); // the assistant speaks first; no user bubble
  }

  // ---------- connection ----------

  function onBotMessage(payload) {
    hideTyping();
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) return;
    const entry = { who: "bot", payload: payload };
    const spoken = renderBot(entry);
    if (spoken === null) return;
    history.push(entry);
    saveHistory();
    if (spoken) announce("Assistant: " + plainText(spoken));
  }

  function loadSocketIo() {
    return new Promise((resolve, reject) => {
      if (typeof window.io === "function") return resolve(window.io);
      const tag = el("script");
      tag.src = BASE + "vendor/socket.io.min.js";
      tag.async = true;
      tag.onload = () => (typeof window.io === "function" ? resolve(window.io) : reject(new Error("no io")));
      tag.onerror = () => reject(new Error("socket.io client did not load"));
      document.head.appendChild(tag);
    });
  }

  function connect() {
    if (socket || socketLoading) return;
    socketLoading = true;
    setStatus("Connecting…");
    loadSocketIo().then(
      (io) => {
        socket = io(config.server, {
          path: config.socketPath,
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
          setStatus(null);
          flushOutbox();
          maybeGreet();
        });
        socket.on("bot_uttered", onBotMessage);
        socket.on("disconnect", (reason) => {
          ready = false;
          hideTyping();
          if (!history.length) {
            // The greeting may have been lost with the connection: ask again on reconnect.
            outbox = outbox.filter((item) => item.entry);
            greetRequested = false;
          }
          if (reason === "io client disconnect") return; // we did it (Start over)
          setStatus("Reconnecting… Messages you send now will wait until the connection is back.");
          if (reason === "io server disconnect") socket.connect();
        });
        socket.on("connect_error", () => {
          ready = false;
          setStatus("Reconnecting… Messages you send now will wait until the connection is back.");
        });
      },
      () => {
        socketLoading = false;
        setStatus("The chat could not load. Please reload the page.");
      }
    );
  }

  // ---------- opening, closing, starting over ----------

  function openPanel(moveFocus) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("sbw-open");
    store.set("open", "1");
    connect();
    maybeGreet();
    scrollToEnd();
    if (moveFocus) input.focus();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("sbw-open");
    store.set("open", "0");
    launcher.focus();
  }

  function startOver() {
    history = [];
    outbox = [];
    sessionId = null;
    greetRequested = false;
    store.remove("session");
    saveHistory();
    hideTyping();
    renderHistory();
    announce("Conversation cleared.");
    if (socket) {
      ready = false;
      // A fresh connection leaves the old session's room; session_request then gets a new id.
      socket.disconnect();
      socket.connect();
    }
    maybeGreet();
    input.focus();
  }

  // ---------- location ----------

  let locating = false;

  function shareLocation() {
    if (locating) return;
    if (!navigator.geolocation) {
      addNotice(LOCATION_FAILED);
      return;
    }
    locating = true;
    locationButton.setAttribute("aria-busy", "true");
    locationLabel.textContent = "Finding your location…";
    const done = () => {
      locating = false;
      locationButton.removeAttribute("aria-busy");
      locationLabel.textContent = "Use my location";
    };
    navigator.geolocation.getCurrentPosition(
      (position) => {
        done();
        const lat = Number(position.coords.latitude);
        const lon = Number(position.coords.longitude);
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) return addNotice(LOCATION_FAILED);
        const payload = '/share_location{"latitude": ' + lat.toFixed(4) + ', "longitude": ' + lon.toFixed(4) + "}";
        sendUser(payload, "📍 My location");
      },
      () => {
        done();
        addNotice(LOCATION_FAILED);
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
    );
  }

  // ---------- events ----------

  launcher.addEventListener("click", () => openPanel(true));
  closeButton.addEventListener("click", closePanel);
  restartButton.addEventListener("click", startOver);
  locationButton.addEventListener("click", shareLocation);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closePanel();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim().slice(0, MAX_MESSAGE_CHARS);
    if (!text) return;
    input.value = "";
    sendUser(text, text);
  });

  // ---------- start ----------

  function start() {
    document.body.appendChild(root);
    // Messages that were waiting when the page was left are sent after the next connect.
    history.forEach((entry) => {
      if (entry.who !== "user" || !entry.pending) return;
      if (isText(entry.message)) outbox.push({ message: entry.message, entry: entry });
      else entry.pending = false;
    });
    renderHistory();
    if (config.startOpen || store.get("open") === "1") openPanel(false);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
