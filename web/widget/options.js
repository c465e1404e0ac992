/*
 * The options on the embedding tag (its data attributes) with safe defaults, and the colours
 * that follow from data-primary-color. Text on a custom colour turns #ffffff or #1a1a1a,
 * whichever contrasts more, and the focus ring falls back to #1a1a1a when the colour is lighter
 * than 3:1 against white (WCAG 2.1 AA; the fixed colour pairs are listed in widget.css).
 */
(function (widget) {
  "use strict";

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

  // data: the dataset of the widget's script tag.
  function read(data) {
    return {
      server:
        httpOrigin(data.serverUrl || "") ||
        httpOrigin(location.protocol + "//" + location.hostname + ":5005") ||
        "http://localhost:5005",
      title: (data.title || "").trim() || null, // null: the default title, in the widget's language
      language: widget.pickLanguage(data.lang), // data-lang: "en" or "es"; anything else means en
      startOpen: data.open === "true",
      primary: /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.primaryColor || "") ? data.primaryColor : null,
      socketPath: /^\/[A-Za-z0-9._~\/-]*$/.test(data.socketPath || "") ? data.socketPath : "/socket.io",
    };
  }

  // The CSS custom properties a custom primary colour sets on the widget's root; none without
  // one (widget.css holds the defaults).
  function themeColours(primary) {
    if (!primary) return {};
    return {
      "--sbw-primary": primary,
      "--sbw-on-primary": contrast(primary, "#ffffff") >= contrast(primary, "#1a1a1a") ? "#ffffff" : "#1a1a1a",
      "--sbw-focus": contrast(primary, "#ffffff") >= 3 ? primary : "#1a1a1a",
    };
  }

  widget.options = { read: read, themeColours: themeColours };
})(window.__smileChatWidget);
