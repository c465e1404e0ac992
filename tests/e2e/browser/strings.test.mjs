// The widget's own words live in web/widget/strings.js, one table per language (en, es).
// Two checks: the source (every table has the same keys and placeholders, every key is used, no
// other widget file holds words of its own), and the page (with every letter of the English
// table disguised, nothing the widget shows has a plain letter left, so nothing shown bypasses
// the table). The second uses the scripted socket server; language.test.mjs covers Spanish.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { REPO, loadStrings, watchPage, withDemoPage } from "./support.mjs";

const WIDGET_DIR = path.join(REPO, "web", "widget");
const OTHER_FILES = [
  path.join(REPO, "web", "widget.js"),
  ...readdirSync(WIDGET_DIR)
    .filter((name) => name.endsWith(".js") && name !== "strings.js")
    .map((name) => path.join(WIDGET_DIR, name)),
];
// Literals that look like words but are names the browser or socket.io defines.
const NOT_WORDS = new Set(["use strict", "noopener noreferrer", "io client disconnect", "io server disconnect", "Escape"]);

// The file's code without comments and regular expressions (the widget's own style is simple
// enough for these patterns: comments start a line or follow a space, and a regular expression
// follows an operator, a bracket or `return`).
function code(file) {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|\s)\/\/.*$/gm, "$1")
    .replace(/(^|[=(,:!&|?{};]|\breturn)(\s*)\/(?![*/])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[dgimsuy]*/gm, "$1$2/re/");
}

function stringLiterals(source) {
  return [...source.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

// Every ASCII letter outside {placeholders} becomes its full-width twin: still readable in a
// screenshot, but no longer [A-Za-z].
function disguise(text) {
  return text
    .split(/(\{\w+\})/)
    .map((part, i) => (i % 2 ? part : part.replace(/[A-Za-z]/g, (c) => String.fromCodePoint(c.codePointAt(0) + 0xfee0))))
    .join("");
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the strings table", () => {
  const strings = loadStrings();
  const table = strings.en;

  test("the tables are English and Spanish, with exactly the same keys and placeholders", () => {
    assert.deepEqual(Object.keys(strings).sort(), ["en", "es"]);
    for (const [language, other] of Object.entries(strings)) {
      assert.deepEqual(Object.keys(other).filter((key) => !(key in table)), [], `${language}: keys English lacks`);
      assert.deepEqual(Object.keys(table).filter((key) => !(key in other)), [], `${language}: keys missing`);
      for (const [key, text] of Object.entries(other)) {
        assert.equal(typeof text, "string", `${language}.${key}`);
        assert.ok(text.trim(), `${language}.${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(table[key]), `${language}.${key}: placeholders`);
      }
    }
    assert.notEqual(strings.es.launcher, strings.en.launcher, "the Spanish table is translated");
  });

  test("every key is used by the other widget files, and every key they ask for exists", () => {
    const used = new Set();
    for (const file of OTHER_FILES) {
      const source = code(file);
      for (const match of source.matchAll(/\bt\(\s*"(\w+)"/g)) used.add(match[1]);
      assert.doesNotMatch(source, /\bt\((?!\s*")/, `${path.basename(file)}: t() takes a literal key, so this check sees it`);
    }
    assert.deepEqual(Object.keys(table).filter((key) => !used.has(key)), [], "keys no file uses");
    assert.deepEqual([...used].filter((key) => !(key in table)), [], "keys missing from the table");
    for (const [key, text] of Object.entries(table)) assert.ok(text.trim(), `${key} is empty`);
  });

  test("the other widget files hold no words of their own", () => {
    const fragments = Object.values(strings)
      .flatMap((each) => Object.values(each))
      .flatMap((text) => text.split(/\{\w+\}/))
      .map((part) => part.trim())
      .filter((part) => /[A-Za-z]{3}/.test(part));
    const offenders = [];
    for (const file of OTHER_FILES) {
      for (const literal of stringLiterals(code(file).replace(/\bt\(\s*"\w+"/g, "t(key"))) {
        if (NOT_WORDS.has(literal)) continue;
        const rest = literal.replace(/\bsbw-[\w-]+/g, ""); // the widget's class names
        const wordy =
          /\b[A-Z][a-z]+\b/.test(rest) || /\b[a-z]{2,}\s+[a-z]{2,}\b/i.test(rest) || /[…×📍]/u.test(rest);
        const copied = fragments.some((part) => literal.includes(part));
        if (wordy || copied) offenders.push(`${path.basename(file)}: ${JSON.stringify(literal)}`);
      }
    }
    assert.deepEqual(offenders, [], "move these texts into web/widget/strings.js");
  });
});

describe("in the browser, with every text of the table disguised", () => {
  const FAKE_SOCKET = readFileSync(path.join(REPO, "tests", "e2e", "browser", "fake-socket.js"), "utf8");
  const disguised = Object.fromEntries(Object.entries(loadStrings().en).map(([key, text]) => [key, disguise(text)]));
  // Server data in Greek: whatever plain letter shows up came from the widget itself.
  const PHONE = { phone: "919-684-4114", tel: "tel:+19196844114" };
  const stack = withDemoPage(); // nothing listens at stack.rasaUrl: the fake answers

  // Records every text node and aria-label or placeholder the page ever gets, even briefly.
  function recordTexts() {
    window.__texts = [];
    const ATTRIBUTES = ["aria-label", "placeholder", "title", "alt"];
    const keep = (value) => value && value.trim() && window.__texts.push(value);
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return keep(node.data);
      if (node.nodeType !== Node.ELEMENT_NODE || node.tagName === "SCRIPT") return;
      ATTRIBUTES.forEach((name) => keep(node.getAttribute(name)));
      node.childNodes.forEach(visit);
    };
    new MutationObserver((records) =>
      records.forEach((record) => {
        if (record.type === "attributes") keep(record.target.getAttribute(record.attributeName));
        else if (record.type === "characterData") keep(record.target.data);
        else record.addedNodes.forEach(visit);
      })
    ).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  }

  async function openPage(contextOptions, socketRoute) {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
    const page = await context.newPage();
    const seen = watchPage(page, [stack.web.url.replace(/\/$/, "")]);
    await page.addInitScript(recordTexts);
    await page.route("**/vendor/socket.io.min.js", socketRoute);
    await page.route("**/widget/strings.js", async (route) => {
      const response = await route.fetch();
      const swap = `\nObject.assign(window.__smileChatWidget.strings.en, ${JSON.stringify(disguised)});\n`;
      await route.fulfill({ response, body: (await response.text()) + swap });
    });
    // No data-title: the default title shows.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>
      <script src="widget.js" data-server-url="${stack.rasaUrl}" defer></script></body></html>`;
    await page.route(stack.web.url, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto(stack.web.url);
    return { context, page, seen };
  }

  test("nothing the widget shows bypasses the table", async () => {
    const fake = (route) => route.fulfill({ contentType: "text/javascript", body: FAKE_SOCKET });
    const { context, page, seen } = await openPage(
      { permissions: ["geolocation", "clipboard-read", "clipboard-write"], geolocation: { latitude: 36.0, longitude: -78.94 } },
      fake
    );
    const botSays = (payload) => page.evaluate((p) => window.__server.send("bot_uttered", p), payload);
    const sent = (prefix) => page.waitForFunction((p) => window.__server.messages().some((m) => m.startsWith(p)), prefix);

    await page.locator(".sbw-launcher").click();
    await sent("/greet");
    await botSays({ text: "Καλημέρα.", quick_replies: [{ title: "Ναι", payload: "/affirm" }] });
    await page.locator(".sbw-quick-reply").click();
    await botSays({
      type: "location_results",
      intro: "Κοντινές κλινικές:",
      locations: [
        { name: "Κλινική Α", street: "Οδός 1", city: "Ντάραμ", state: "ΒΚ", zip_code: "27710", distance_text: "4 μίλια", map_url: "https://www.google.com/maps/search/?api=1&query=1", ...PHONE },
        { name: "Κλινική Β", tel: PHONE.tel },
      ],
      ...PHONE,
    });
    await botSays({ type: "checklist", title: "Λίστα", sections: [{ heading: "Ερωτήσεις", items: ["Πότε;"] }], ...PHONE });
    await page.locator(".sbw-copy").click();
    await page.waitForFunction((copied) => document.querySelector(".sbw-copy").textContent === copied, disguised.copied);
    await page.evaluate(() => (window.print = () => window.dispatchEvent(new Event("afterprint"))));
    await page.locator(".sbw-print").click();
    await botSays({ text: "Καλέστε αμέσως.\n[ ](tel:911)" }); // an emergency link with no words: the default label

    await page.locator(".sbw-location").click();
    await sent("/share_location");
    await context.clearPermissions();
    await page.locator(".sbw-location").click();
    await page.locator(".sbw-notice").waitFor();

    await page.evaluate(() => window.__server.drop());
    await page.locator("#sbw-input").fill("Γεια σας");
    await page.keyboard.press("Enter");
    await page.locator(".sbw-pending-mark").waitFor();
    await page.evaluate(() => window.__server.restore());
    await sent("Γεια σας");
    await page.locator(".sbw-restart").click();
    await page.waitForFunction(() => window.__server.messages().filter((m) => m === "/greet").length === 2);
    const texts = await page.evaluate(() => window.__texts);
    assert.deepEqual(seen.errors, []);
    await context.close();

    // A socket.io client that cannot load.
    const failed = await openPage({}, (route) => route.abort());
    await failed.page.locator(".sbw-launcher").click();
    await failed.page.locator(".sbw-status").waitFor();
    texts.push(...(await failed.page.evaluate(() => window.__texts)));
    await failed.context.close();

    assert.deepEqual(texts.filter((text) => /[A-Za-z]/.test(text)), [], "texts shown with plain letters: not from the table");
    // And the disguised table was really in use: each text showed up (filled in where it has a
    // {placeholder}), except the copy failure, which needs a browser that cannot copy.
    const unseen = Object.entries(disguised)
      .filter(([key]) => !["copyFailed", "copyFailedNotice"].includes(key))
      .filter(([, text]) => !text.split(/\{\w+\}/).every((part) => texts.some((shown) => shown.includes(part.trim()))))
      .map(([key]) => key);
    assert.deepEqual(unseen, []);
  });
});
