/*
 * Every text the chat widget itself shows, one table per language: button labels, notices,
 * status lines, aria-labels, the placeholder and the default title. The assistant's replies come
 * from the server and are not here. "{name}" marks a value filled in where the text is used.
 * A second language is one more table with the same keys; tests/e2e/browser/strings.test.mjs
 * checks that every key is used and that the other widget files hold no words of their own.
 */
(function (widget) {
  "use strict";

  const en = {
    // the launcher and the panel's header
    defaultTitle: "Questions about smile surgery",
    launcher: "Ask a question",
    launcherLabel: "Ask a question: open the chat assistant",
    startOver: "Start over",
    startOverLabel: "Start over: clear this conversation",
    close: "×",
    closeLabel: "Close chat",
    conversationLabel: "Conversation",

    // the form under the conversation
    formLabel: "Send a message",
    useLocation: "Use my location",
    useLocationLabel: "Use my location to find the nearest clinics",
    findingLocation: "Finding your location…",
    inputPlaceholder: "Type your question…",
    inputLabel: "Type your question",
    send: "Send",
    sendLabel: "Send message",

    // the connection and the conversation
    connecting: "Connecting…",
    reconnecting: "Reconnecting… Messages you send now will wait until the connection is back.",
    loadFailed: "The chat could not load. Please reload the page.",
    waitingToSend: "Waiting to send…",
    conversationCleared: "Conversation cleared.",
    assistantSays: "Assistant: {text}",
    myLocation: "📍 My location",
    locationFailed: "I couldn't get your location. You can type your ZIP code or town instead.",

    // inside the assistant's messages
    opensInNewTab: " (opens in a new tab)",
    suggestedReplies: "Suggested replies",
    call911: "Call 911",
    locationList: "Clinic locations",
    map: "Map",
    mapOf: " of {name}",
    call: "Call",
    callNumber: "Call {phone}",
    callLocation: " ({name})",
    appointments: "Appointments: {phone}",

    // the checklist card
    checklistQuestions: "Questions? Call {phone}",
    checklistSpoken: "Checklist with Copy and Print buttons.",
    copy: "Copy",
    copyLabel: "Copy checklist",
    copied: "Copied",
    copyFailed: "Copy failed",
    copiedNotice: "Checklist copied.",
    copyFailedNotice: "Couldn't copy. Select the list and copy it yourself.",
    print: "Print",
    printLabel: "Print checklist",
  };

  widget.strings = { en: en };

  // The text for key with its {placeholders} filled in from values. The result is always put
  // into the page as text, so values from the server need no escaping here.
  widget.t = function (key, values) {
    const text = widget.strings.en[key];
    if (typeof text !== "string") throw new Error("web/widget/strings.js has no text " + key);
    return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  };
})(window.__smileChatWidget);
