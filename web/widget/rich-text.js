/*
 * The assistant's text as the widget shows it: line breaks, **bold**, [label](url) links, bare
 * http(s) URLs, tel: links and US phone numbers such as 919-684-4114 (a call link). Unsafe link
 * targets stay plain text.
 *
 * A text holding a markdown link to tel:911 ("[Call 911](tel:911)") is an emergency reply:
 * parseEmergency finds the label for its call button and the text to show under it.
 */
(function (widget) {
  "use strict";

  const t = widget.t;
  const { el, makeLink, safeHttp, safeTel } = widget.dom;

  // [label](url), bare http(s) URLs, tel: links and US phone numbers like 919-684-4114.
  const TOKENS =
    /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)|(https?:\/\/[^\s<>"']+)|(tel:\+?[0-9][0-9().-]{2,20}[0-9])|(^|[^\d-])(\d{3})-(\d{3})-(\d{4})(?![\d-])/gi;
  const MARKDOWN_LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)/g;

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

  // Appends text to parent, line by line, and returns parent.
  function render(text, parent) {
    String(text)
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (i > 0) parent.appendChild(el("br"));
        renderInline(line, parent);
      });
    return parent;
  }

  // What a screen reader should hear: the text without markdown marks.
  function plainText(text) {
    return String(text)
      .replace(/\*\*([^*]+?)\*\*/g, "$1")
      .replace(/\[([^\]\n]{1,200})\]\([^)\s]{1,2000}\)/g, "$1");
  }

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
    return { label: label || t("call911"), body: body.join("\n") };
  }

  widget.richText = { render, plainText, parseEmergency };
})(window.__smileChatWidget);
