/*
 * Renders the conversation's entries into the log: the visitor's messages (marked while they
 * wait to be sent), the widget's own notices, and the assistant's messages: text (a message
 * starting with "Source:" becomes a footnote under the answer before it), quick replies,
 * emergency replies and the cards from cards.js. Each entry is a plain object, as stored:
 * {who: "user", text, pending?}, {who: "notice", text} or {who: "bot", payload}. A user or notice
 * entry whose text is the widget's own has key too (see OWN_TEXTS), so renderHistory shows it in
 * the current language after the visitor switched.
 */
(function (widget) {
  "use strict";

  const t = widget.t;
  const { el, isText, makeLink } = widget.dom;
  const { render, parseEmergency } = widget.richText;
  // How the server marks a reply's footnote (it comes from the server in the server's words:
  // "Source:" in English, "Fuente:" in Spanish).
  const SOURCE_NOTE = /^\s*(?:Source|Fuente):/;
  // The widget's own texts an entry can hold, by the key the entry keeps.
  const OWN_TEXTS = {
    myLocation: () => t("myLocation"),
    locationFailed: () => t("locationFailed"),
  };

  // The entry's text: its own text in the current language, else the text it was stored with.
  function entryText(entry) {
    return Object.prototype.hasOwnProperty.call(OWN_TEXTS, entry.key) ? OWN_TEXTS[entry.key]() : entry.text;
  }

  // view: the panel (panel.js). onQuickReply(reply) is called when a suggestion is clicked.
  widget.createMessages = function (view, onQuickReply) {
    let lastBotBubble = null;
    const activeQuickReplies = new Map(); // history entry -> its button group
    const entryNodes = new Map(); // pending user entry -> its bubble

    function markPending(bubble, pending) {
      bubble.classList.toggle("sbw-pending", pending);
      const mark = bubble.querySelector(".sbw-pending-mark");
      if (pending && !mark) bubble.appendChild(el("span", "sbw-pending-mark", t("waitingToSend")));
      if (!pending && mark) mark.remove();
    }

    function renderUser(entry) {
      const bubble = el("div", "sbw-msg sbw-user");
      bubble.appendChild(el("p", null, entryText(entry)));
      view.appendToLog(bubble, true);
      lastBotBubble = null;
      if (entry.pending) {
        entryNodes.set(entry, bubble);
        markPending(bubble, true);
      }
    }

    // The entry was sent after waiting: its bubble loses the mark.
    function markSent(entry) {
      const bubble = entryNodes.get(entry);
      if (bubble) markPending(bubble, false);
      entryNodes.delete(entry);
    }

    function renderNotice(entry) {
      const bubble = el("div", "sbw-msg sbw-notice");
      bubble.setAttribute("data-kind", "notice");
      const text = entryText(entry);
      bubble.appendChild(render(text, el("p")));
      view.appendToLog(bubble);
      lastBotBubble = null;
      return text;
    }

    function renderQuickReplies(entry, replies) {
      const group = el("div", "sbw-quick");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("suggestedReplies"));
      replies.forEach((reply) => {
        if (!reply || !isText(reply.title) || !isText(reply.payload)) return;
        const button = el("button", "sbw-quick-reply", reply.title);
        button.type = "button";
        button.setAttribute("aria-label", reply.title);
        button.addEventListener("click", () => onQuickReply(reply));
        group.appendChild(button);
      });
      if (!group.childNodes.length) return;
      activeQuickReplies.set(entry, group);
      view.appendToLog(group);
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
      if (isText(emergency.body)) bubble.appendChild(render(emergency.body, el("p")));
      return bubble;
    }

    // Returns the text to announce: "" for an emergency reply, which its alert role announces.
    function renderText(entry) {
      const payload = entry.payload;
      const text = payload.text;
      const emergency = parseEmergency(text);
      if (!emergency && SOURCE_NOTE.test(text)) {
        const note = render(text.trim(), el("small", "sbw-source"));
        if (lastBotBubble) {
          lastBotBubble.appendChild(note);
          view.scrollToEnd();
        } else {
          const bubble = el("div", "sbw-msg sbw-bot");
          bubble.appendChild(note);
          view.appendToLog(bubble);
        }
        return text;
      }
      let bubble;
      if (emergency) {
        bubble = emergencyBubble(emergency);
      } else {
        bubble = el("div", "sbw-msg sbw-bot");
        bubble.appendChild(render(text, el("p")));
      }
      view.appendToLog(bubble);
      lastBotBubble = bubble;
      if (Array.isArray(payload.quick_replies) && payload.quick_replies.length && !entry.done) {
        renderQuickReplies(entry, payload.quick_replies);
      }
      return emergency ? "" : text;
    }

    function renderCard(card) {
      view.appendToLog(card.node);
      lastBotBubble = card.node;
      return card.spoken;
    }

    // Returns the text to announce ("" when the message announces itself), or null when the
    // payload was not shown.
    function renderBot(entry) {
      const payload = entry.payload;
      if (!payload || typeof payload !== "object") return null;
      if (payload.type === "location_results") return renderCard(widget.cards.locations(payload));
      if (payload.type === "checklist") return renderCard(widget.cards.checklist(payload, view.announce));
      if (typeof payload.text === "string" && payload.text.trim() !== "") return renderText(entry);
      return null; // images, templates and anything unknown: ignored on purpose
    }

    function renderEntry(entry) {
      if (entry.who === "user") return renderUser(entry);
      if (entry.who === "notice") return renderNotice(entry);
      if (entry.who === "bot") return renderBot(entry);
      return null;
    }

    function renderHistory(history) {
      view.clearLog();
      lastBotBubble = null;
      activeQuickReplies.clear();
      entryNodes.clear();
      history.forEach(renderEntry);
    }

    return { renderUser, renderNotice, renderBot, renderHistory, retireQuickReplies, markSent };
  };
})(window.__smileChatWidget);
