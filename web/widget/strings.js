/*
 * Every text the chat widget itself shows, one table per language (en, es): button labels,
 * notices, status lines, aria-labels, the placeholder and the default title. The assistant's
 * replies come from the server and are not here. "{name}" marks a value filled in where the text
 * is used. Every table has the same keys; tests/e2e/browser/strings.test.mjs checks that, that
 * every key is used and that the other widget files hold no words of their own.
 *
 * widget.t(key) reads the table of the widget's current language (widget.language, set with
 * widget.setLanguage; app.js picks it). The language switch names the *other* language in that
 * language ("Español" in the English table), so its two texts are not in the table's language.
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
    // the language switch: what the visitor switches to, in that language
    switchLanguage: "Español",
    switchLanguageLabel: "Español: cambiar el idioma del chat a español",

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

  // Latin-American Spanish, addressing the visitor as "usted".
  const es = {
    // the launcher and the panel's header
    defaultTitle: "Preguntas sobre la cirugía de la sonrisa",
    launcher: "Haga una pregunta",
    launcherLabel: "Haga una pregunta: abrir el asistente de chat",
    startOver: "Empezar de nuevo",
    startOverLabel: "Empezar de nuevo: borrar esta conversación",
    close: "×",
    closeLabel: "Cerrar el chat",
    conversationLabel: "Conversación",
    // the language switch: what the visitor switches to, in that language
    switchLanguage: "English",
    switchLanguageLabel: "English: change the chat's language to English",

    // the form under the conversation
    formLabel: "Enviar un mensaje",
    useLocation: "Usar mi ubicación",
    useLocationLabel: "Usar mi ubicación para buscar las clínicas más cercanas",
    findingLocation: "Buscando su ubicación…",
    inputPlaceholder: "Escriba su pregunta…",
    inputLabel: "Escriba su pregunta",
    send: "Enviar",
    sendLabel: "Enviar mensaje",

    // the connection and the conversation
    connecting: "Conectando…",
    reconnecting: "Reconectando… Los mensajes que envíe ahora esperarán hasta que vuelva la conexión.",
    loadFailed: "No se pudo cargar el chat. Vuelva a cargar la página.",
    waitingToSend: "Esperando para enviar…",
    conversationCleared: "Conversación borrada.",
    assistantSays: "Asistente: {text}",
    myLocation: "📍 Mi ubicación",
    locationFailed: "No pude obtener su ubicación. Puede escribir su código postal o su ciudad.",

    // inside the assistant's messages
    opensInNewTab: " (se abre en una pestaña nueva)",
    suggestedReplies: "Respuestas sugeridas",
    call911: "Llamar al 911",
    locationList: "Ubicaciones de las clínicas",
    map: "Mapa",
    mapOf: " de {name}",
    call: "Llamar",
    callNumber: "Llamar al {phone}",
    callLocation: " ({name})",
    appointments: "Citas: {phone}",

    // the checklist card
    checklistQuestions: "¿Preguntas? Llame al {phone}",
    checklistSpoken: "Lista con los botones Copiar e Imprimir.",
    copy: "Copiar",
    copyLabel: "Copiar la lista",
    copied: "Copiada",
    copyFailed: "No se pudo copiar",
    copiedNotice: "Lista copiada.",
    copyFailedNotice: "No se pudo copiar. Seleccione la lista y cópiela manualmente.",
    print: "Imprimir",
    printLabel: "Imprimir la lista",
  };

  widget.strings = { en: en, es: es };
  widget.language = "en";

  // The language code itself when there is a table for it ("en" or "es"); anything else
  // (missing, "fr", "ES", "es-MX") means "en".
  widget.pickLanguage = function (code) {
    return typeof code === "string" && Object.prototype.hasOwnProperty.call(widget.strings, code) ? code : "en";
  };

  // The table for a language code, English for an unknown one.
  widget.stringsFor = function (code) {
    return widget.strings[widget.pickLanguage(code)];
  };

  // The language the switch offers: the one that is not code.
  widget.otherLanguage = function (code) {
    return widget.pickLanguage(code) === "es" ? "en" : "es";
  };

  // Makes t() read the table of code from now on; returns the language now in use.
  widget.setLanguage = function (code) {
    widget.language = widget.pickLanguage(code);
    return widget.language;
  };

  // The text for key, in the current language, with its {placeholders} filled in from values.
  // The result is always put into the page as text, so values from the server need no escaping.
  widget.t = function (key, values) {
    const text = widget.stringsFor(widget.language)[key];
    if (typeof text !== "string") throw new Error("web/widget/strings.js has no text " + key);
    return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  };
})(window.__smileChatWidget);
