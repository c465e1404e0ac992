/*
 * The assistant's custom payloads: location_results (a card per location, with Map and Call links)
 * and checklist (with Copy and Print). Each builder returns {node, spoken}: the card, not yet in
 * the page, and what the live region should read out.
 */
(function (widget) {
  "use strict";

  const t = widget.t;
  const { el, isText, makeLink, safeHttp, safeTel } = widget.dom;
  const render = widget.richText.render;

  // A line such as "Appointments: 919-684-4114" whose number is a call link, or null.
  function callLine(template, phone, tel) {
    const href = safeTel(tel);
    if (!href || !isText(phone)) return null;
    const [before, after] = template.split("{phone}");
    const line = el("p", "sbw-card-note", before);
    line.appendChild(makeLink(href, phone));
    if (after) line.appendChild(document.createTextNode(after));
    return line;
  }

  function locations(payload) {
    const card = el("div", "sbw-msg sbw-bot sbw-card");
    card.setAttribute("data-kind", "location_results");
    const spoken = [];
    if (isText(payload.intro)) {
      card.appendChild(render(payload.intro, el("p")));
      spoken.push(payload.intro);
    }
    const list = el("ul", "sbw-location-list");
    list.setAttribute("aria-label", t("locationList"));
    (Array.isArray(payload.locations) ? payload.locations : []).slice(0, 10).forEach((location) => {
      if (!location || !isText(location.name)) return;
      const item = el("li", "sbw-location-card");
      item.appendChild(el("strong", "sbw-location-name", location.name));
      const address = el("address", "sbw-location-address");
      if (isText(location.street)) address.append(document.createTextNode(location.street), el("br"));
      const town = [location.city, [location.state, location.zip_code].filter(isText).join(" ")].filter(isText).join(", ");
      if (town) address.appendChild(document.createTextNode(town));
      item.appendChild(address);
      if (isText(location.distance_text)) item.appendChild(el("div", "sbw-location-distance", location.distance_text));
      const actions = el("div", "sbw-actions");
      const mapHref = safeHttp(location.map_url);
      if (mapHref) actions.appendChild(makeLink(mapHref, t("map"), t("mapOf", { name: location.name })));
      const telHref = safeTel(location.tel);
      if (telHref) {
        const label = isText(location.phone) ? t("callNumber", { phone: location.phone }) : t("call");
        actions.appendChild(makeLink(telHref, label, t("callLocation", { name: location.name })));
      }
      if (actions.childNodes.length) item.appendChild(actions);
      list.appendChild(item);
      spoken.push(location.name + (isText(location.distance_text) ? ", " + location.distance_text : ""));
    });
    if (list.childNodes.length) card.appendChild(list);
    if (isText(payload.note)) {
      card.appendChild(render(payload.note, el("p", "sbw-card-note")));
      spoken.push(payload.note);
    }
    const call = callLine(t("appointments"), payload.phone, payload.tel);
    const saidAlready = [payload.intro, payload.note].some((text) => isText(text) && text.includes(payload.phone));
    if (call && !saidAlready) card.appendChild(call);
    return { node: card, spoken: spoken.join(". ") };
  }

  // The checklist as plain text for the clipboard.
  function checklistText(payload) {
    const lines = [];
    if (isText(payload.title)) lines.push(payload.title, "");
    (Array.isArray(payload.sections) ? payload.sections : []).forEach((section) => {
      if (!section) return;
      if (isText(section.heading)) lines.push(section.heading);
      (Array.isArray(section.items) ? section.items : []).filter(isText).forEach((item) => lines.push("- " + item));
      lines.push("");
    });
    if (isText(payload.phone)) lines.push(t("callNumber", { phone: payload.phone }));
    return lines.join("\n").trim() + "\n";
  }

  function copyText(text, button, announce) {
    const finish = (ok) => {
      button.textContent = ok ? t("copied") : t("copyFailed");
      announce(ok ? t("copiedNotice") : t("copyFailedNotice"));
      setTimeout(() => (button.textContent = t("copy")), 2500);
    };
    // Without the async clipboard (an insecure page, or refused): a hidden textarea and execCommand.
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

  // widget.css prints only .sbw-print-area while the page has the class sbw-printing.
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

  // announce: reads the outcome of Copy out.
  function checklist(payload, announce) {
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
      items.forEach((item) => list.appendChild(render(item, el("li"))));
      body.appendChild(list);
    });
    const call = callLine(t("checklistQuestions"), payload.phone, payload.tel);
    if (call) body.appendChild(call);
    card.appendChild(body);

    const actions = el("div", "sbw-actions sbw-checklist-actions");
    const copy = el("button", "sbw-copy", t("copy"));
    copy.type = "button";
    copy.setAttribute("aria-label", t("copyLabel"));
    copy.addEventListener("click", () => copyText(checklistText(payload), copy, announce));
    const print = el("button", "sbw-print", t("print"));
    print.type = "button";
    print.setAttribute("aria-label", t("printLabel"));
    print.addEventListener("click", () => printNode(body));
    actions.append(copy, print);
    card.appendChild(actions);
    const spoken = (isText(payload.title) ? payload.title + ". " : "") + t("checklistSpoken");
    return { node: card, spoken: spoken };
  }

  widget.cards = { locations, checklist };
})(window.__smileChatWidget);
