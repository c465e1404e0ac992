/*
 * The widget's frame: the launcher button, the chat panel (header, status line, conversation
 * log, form) and the live region that reads new messages out. It knows nothing of the server.
 *
 * Keyboard: the launcher and every control are real buttons; the scrollable log is focusable;
 * app.js wires Enter (the form), Escape (closes) and where focus goes.
 */
(function (widget) {
  "use strict";

  const t = widget.t;
  const { el, icon, isText } = widget.dom;
  const TYPING_TIMEOUT_MS = 15000;
  const MAX_MESSAGE_CHARS = 1000;

  widget.createPanel = function (options, store) {
    const stylesheet = el("link");
    stylesheet.rel = "stylesheet";
    stylesheet.href = widget.base + "widget.css";
    document.head.appendChild(stylesheet);

    const root = el("div", "sbw-root");
    root.setAttribute("data-sbw", "");
    Object.entries(widget.options.themeColours(options.primary)).forEach(([name, value]) => {
      root.style.setProperty(name, value);
    });

    const launcher = el("button", "sbw-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-label", t("launcherLabel"));
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "sbw-panel");
    launcher.append(icon("chat"), el("span", null, t("launcher")));

    const panel = el("section", "sbw-panel");
    panel.id = "sbw-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "sbw-title");

    const header = el("div", "sbw-header");
    const title = el("h2", "sbw-title", options.title);
    title.id = "sbw-title";
    const restartButton = el("button", "sbw-restart", t("startOver"));
    restartButton.type = "button";
    restartButton.setAttribute("aria-label", t("startOverLabel"));
    const closeButton = el("button", "sbw-close", t("close"));
    closeButton.type = "button";
    closeButton.setAttribute("aria-label", t("closeLabel"));
    header.append(title, restartButton, closeButton);

    const status = el("p", "sbw-status");
    status.setAttribute("role", "status");
    status.hidden = true;

    const log = el("div", "sbw-log");
    log.setAttribute("role", "region");
    log.setAttribute("aria-label", t("conversationLabel"));
    log.tabIndex = 0; // a scrollable region must be reachable by keyboard

    const typing = el("div", "sbw-typing");
    typing.setAttribute("aria-hidden", "true");
    typing.append(el("span"), el("span"), el("span"));
    typing.hidden = true;
    let typingTimer = null;

    const form = el("form", "sbw-form");
    form.setAttribute("aria-label", t("formLabel"));
    form.noValidate = true;
    const locationButton = el("button", "sbw-location");
    const locationLabel = el("span", null, t("useLocation"));
    locationButton.append(icon("pin"), locationLabel);
    locationButton.type = "button";
    locationButton.setAttribute("aria-label", t("useLocationLabel"));
    const input = el("input", "sbw-input");
    input.type = "text";
    input.id = "sbw-input";
    input.autocomplete = "off";
    input.maxLength = MAX_MESSAGE_CHARS;
    input.placeholder = t("inputPlaceholder");
    input.setAttribute("aria-label", t("inputLabel"));
    const sendButton = el("button", "sbw-send", t("send"));
    sendButton.type = "submit";
    sendButton.setAttribute("aria-label", t("sendLabel"));
    form.append(locationButton, input, sendButton);

    // New bot messages are read out from here (the log itself is not live, so nothing is read
    // twice). Emergency replies are the exception: their role="alert" bubble is announced on its
    // own, at once, so they are not repeated here.
    const announcer = el("div", "sbw-sr-only");
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("aria-atomic", "false");

    panel.append(header, status, log, form);
    root.append(launcher, panel, announcer);

    let replyStart = null; // first node of the assistant's latest reply

    function announce(text) {
      if (!isText(text)) return;
      announcer.appendChild(el("p", null, text));
      while (announcer.childNodes.length > 3) announcer.removeChild(announcer.firstChild);
    }

    function setStatus(text) {
      status.hidden = !text;
      status.textContent = text || "";
    }

    // Follow the conversation, but never scroll the start of the assistant's current reply out
    // of view: a long answer or a list of locations is read from its top.
    function scrollToEnd() {
      let top = log.scrollHeight - log.clientHeight;
      if (replyStart && replyStart.isConnected) top = Math.min(top, replyStart.offsetTop - 8);
      log.scrollTop = top;
    }

    // startsReply: the node is the visitor's message, so the reply that follows starts below it.
    function appendToLog(node, startsReply) {
      if (startsReply || !replyStart) replyStart = node;
      log.insertBefore(node, typing.parentNode === log ? typing : null);
      scrollToEnd();
    }

    function clearLog() {
      log.textContent = "";
      replyStart = null;
    }

    function hideTyping() {
      clearTimeout(typingTimer);
      typing.hidden = true;
    }

    function showTyping() {
      typing.hidden = false;
      log.appendChild(typing);
      scrollToEnd();
      clearTimeout(typingTimer);
      typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
    }

    function setLocating(busy) {
      if (busy) locationButton.setAttribute("aria-busy", "true");
      else locationButton.removeAttribute("aria-busy");
      locationLabel.textContent = busy ? t("findingLocation") : t("useLocation");
    }

    // The visitor's message from the input (trimmed, at most MAX_MESSAGE_CHARS), which is
    // emptied; "" when there is nothing to send.
    function takeInput() {
      const text = input.value.trim().slice(0, MAX_MESSAGE_CHARS);
      if (text) input.value = "";
      return text;
    }

    function open() {
      panel.hidden = false;
      launcher.hidden = true;
      launcher.setAttribute("aria-expanded", "true");
      root.classList.add("sbw-open");
      store.set("open", "1");
    }

    function close() {
      panel.hidden = true;
      launcher.hidden = false;
      launcher.setAttribute("aria-expanded", "false");
      root.classList.remove("sbw-open");
      store.set("open", "0");
      launcher.focus();
    }

    return {
      root,
      launcher,
      panel,
      restartButton,
      closeButton,
      locationButton,
      form,
      input,
      isOpen: () => !panel.hidden,
      announce,
      setStatus,
      scrollToEnd,
      appendToLog,
      clearLog,
      showTyping,
      hideTyping,
      setLocating,
      takeInput,
      open,
      close,
    };
  };
})(window.__smileChatWidget);
