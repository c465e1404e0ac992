/*
 * Building blocks for everything the widget puts into the page. Text goes in with textContent
 * only, never as HTML, and only http(s) and tel: addresses become links.
 */
(function (widget) {
  "use strict";

  const t = widget.t;

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

  // href must come from safeTel or safeHttp. hiddenSuffix is read by screen readers only.
  function makeLink(href, label, hiddenSuffix) {
    const a = el("a", null, label);
    a.href = href;
    if (href.startsWith("tel:")) {
      if (hiddenSuffix) a.appendChild(srOnly(hiddenSuffix));
    } else {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(srOnly((hiddenSuffix || "") + t("opensInNewTab")));
    }
    return a;
  }

  widget.dom = { el, srOnly, icon, isText, safeTel, safeHttp, makeLink };
})(window.__smileChatWidget);
