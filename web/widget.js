/*
 * Chat widget for the facial reanimation ("smile surgery") FAQ assistant.
 *
 * One tag embeds it:
 *   <script src="https://host/widget.js" data-server-url="https://bot.example.org" defer></script>
 * Options (data attributes on that tag): data-server-url (default: this page's host name, port
 * 5005), data-title, data-open ("true" starts open), data-primary-color (#rgb or #rrggbb),
 * data-socket-path (default /socket.io), data-lang ("en" or "es"; anything else means en: the
 * language the widget starts in until the visitor picks one with the switch in the panel's
 * header, which is then remembered in this browser).
 *
 * This file only loads the widget's parts from the folder widget/ beside it; the parts load the
 * stylesheet and the vendored socket.io client from this folder too, so nothing comes from
 * anywhere else. The parts are classic scripts rather than ES modules: importing a module from
 * another origin needs CORS headers from whatever serves the widget, while a script tag needs
 * nothing beyond the Content-Security-Policy that already lets the page load widget.js. They run
 * in the order listed (async = false), share the one object window.__smileChatWidget, and the
 * last one, app.js, starts the widget.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || window.__smileChatWidget) return;

  // Each part uses only the parts before it.
  const PARTS = ["strings", "options", "storage", "dom", "rich-text", "panel", "cards", "messages", "connection", "app"];
  const widget = { script: script, base: new URL(".", script.src).href, failed: false };
  window.__smileChatWidget = widget;

  PARTS.forEach((name) => {
    const tag = document.createElement("script");
    tag.src = widget.base + "widget/" + name + ".js";
    tag.async = false;
    tag.onerror = () => (widget.failed = true); // app.js then starts nothing rather than half a widget
    document.head.appendChild(tag);
  });
})();
