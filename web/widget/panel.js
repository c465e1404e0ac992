/*
 * The widget's frame: the launcher button, the chat panel (header with the title, the language
 * switch, Start over and Close; status line, conversation log, form) and the live region that
 * reads new messages out. It knows nothing of the server. applyTexts() puts the widget's own
 * texts in, again after the language changed (the log is redrawn by messages.js).
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
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "sbw-panel");
    const launcherText = el("span");
    launcher.append(icon("chat"), launcherText);

    const panel = el("section", "sbw-panel");
    panel.id = "sbw-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "sbw-title");

    const header = el("div", "sbw-header");
    const title = el("h2", "sbw-title");
    title.id = "sbw-title";
    const languageButton = el("button", "sbw-language");
    languageButton.type = "button";
    const restartButton = el("button", "sbw-restart");
    restartButton.type = "button";
    const closeButton = el("button", "sbw-close");
    closeButton.type = "button";
    header.append(title, languageButton, restartButton, closeButton);

    const status = el("p", "sbw-status");
    status.setAttribute("role", "status");
    status.hidden = true;
    let statusText = null; // a function giving the status line's text in the current language

    const log = el("div", "sbw-log");
    log.setAttribute("role", "region");
    log.tabIndex = 0; // a scrollable region must be reachable by keyboard

    const typing = el("div", "sbw-typing");
    typing.setAttribute("aria-hidden", "true");
    typing.append(el("span"), el("span"), el("span"));
    typing.hidden = true;
    let typingTimer = null;

    const form = el("form", "sbw-form");
    form.noValidate = true;
    const locationButton = el("button", "sbw-location");
    const locationLabel = el("span");
    let locating = false;
    locationButton.append(icon("pin"), locationLabel);
    locationButton.type = "button";
    const input = el("input", "sbw-input");
    input.type = "text";
    input.id = "sbw-input";
    input.autocomplete = "off";
    input.maxLength = MAX_MESSAGE_CHARS;
    const sendButton = el("button", "sbw-send");
    sendButton.type = "submit";
    form.append(locationButton, input, sendButton);

    // New bot messages are read out from here (the log itself is not live, so nothing is read
    // twice). Emergency replies are the exception: their role="alert" bubble is announced on its
    // own, at once, so they are not repeated here.
    const announcer = el("div", "sbw-sr-only");
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("aria-atomic", "false");

    panel.append(header, status, log, form);
    root.append(launcher, panel, announcer);
    applyTexts();

    let replyStart = null; // first node of the assistant's latest reply

    // Every text of the frame, in the widget's current language (widget.language). The switch
    // names the other language in that language, so it carries that language's code in lang.
    function applyTexts() {
      root.lang = widget.language;
      launcher.setAttribute("aria-label", t("launcherLabel"));
      launcherText.textContent = t("launcher");
      title.textContent = options.title || t("defaultTitle");
      languageButton.lang = widget.otherLanguage(widget.language);
      languageButton.textContent = t("switchLanguage");
      languageButton.setAttribute("aria-label", t("switchLanguageLabel"));
      restartButton.textContent = t("startOver");
      restartButton.setAttribute("aria-label", t("startOverLabel"));
      closeButton.textContent = t("close");
      closeButton.setAttribute("aria-label", t("closeLabel"));
      log.setAttribute("aria-label", t("conversationLabel"));
      form.setAttribute("aria-label", t("formLabel"));
      locationButton.setAttribute("aria-label", t("useLocationLabel"));
      locationLabel.textContent = locating ? t("findingLocation") : t("useLocation");
      input.placeholder = t("inputPlaceholder");
      input.setAttribute("aria-label", t("inputLabel"));
      sendButton.textContent = t("send");
      sendButton.setAttribute("aria-label", t("sendLabel"));
      setStatus(statusText);
    }

    function announce(text) {
      if (!isText(text)) return;
      announcer.appendChild(el("p", null, text));
      while (announcer.childNodes.length > 3) announcer.removeChild(announcer.firstChild);
    }

    // text: a function giving the line in the current language (so applyTexts can redo it), or
    // null to hide the line.
    function setStatus(text) {
      statusText = typeof text === "function" ? text : null;
      status.hidden = !statusText;
      status.textContent = statusText ? statusText() : "";
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

    // Runs render (which redraws the log) keeping the reader's place and the typing indicator.
    function redrawLog(render) {
      const top = log.scrollTop;
      const typingShown = typing.parentNode === log;
      render();
      if (typingShown) log.appendChild(typing);
      log.scrollTop = top;
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
      locating = busy;
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
      languageButton,
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
      redrawLog,
      applyTexts,
      showTyping,
      hideTyping,
      setLocating,
      takeInput,
      open,
      close,
    };
  };
})(window.__smileChatWidget);
