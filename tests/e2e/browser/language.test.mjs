// The widget in Spanish, against the scripted socket server (fake-socket.js): the language switch
// in the panel's header, data-lang, the choice kept across a reload, and the hidden
// /choose_language message that tells the server (never shown as the visitor's bubble).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { REPO, colours, contrastRatio, loadStrings, goOffline, screenshotPath, watchPage, withDemoPage } from "./support.mjs";

const FAKE_SOCKET = readFileSync(path.join(REPO, "tests", "e2e", "browser", "fake-socket.js"), "utf8");
const { en: EN, es: ES } = loadStrings();
const CHOOSE_ES = '/choose_language{"language":"es"}';
const CHOOSE_EN = '/choose_language{"language":"en"}';
const GREET_ES = '/greet{"language":"es"}';
const PHONE = { phone: "919-684-4114", tel: "tel:+19196844114" };

const stack = withDemoPage(); // nothing listens at stack.rasaUrl: the fake answers

// lang: the script tag's data-lang (undefined: none). The page has no data-title, so the
// default title shows.
async function openPage({ lang, contextOptions = {} } = {}) {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const seen = watchPage(page, [stack.web.url.replace(/\/$/, "")]);
  await page.route("**/vendor/socket.io.min.js", (route) => route.fulfill({ contentType: "text/javascript", body: FAKE_SOCKET }));
  const attribute = lang === undefined ? "" : ` data-lang="${lang}"`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
    <script src="widget.js" data-server-url="${stack.rasaUrl}"${attribute} defer></script></body></html>`;
  await page.route(stack.web.url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(stack.web.url);
  await page.locator(".sbw-launcher").waitFor();
  return { context, page, seen };
}

const messages = (page) => page.evaluate(() => window.__server.messages());
const botSays = (page, payload) => page.evaluate((p) => window.__server.send("bot_uttered", p), payload);
const waitForSent = (page, message, times = 1) =>
  page.waitForFunction(([m, n]) => window.__server.messages().filter((x) => x === m).length === n, [message, times]);
const stored = (page, name) => page.evaluate((key) => localStorage.getItem(key), `smile-chat:${stack.rasaUrl}:${name}`);

async function openWidget(page) {
  await page.locator(".sbw-launcher").click();
  await waitForSent(page, "/greet");
}

// Opened, greeted, then the connection dropped: returns the status line.
async function greetedThenOffline(page) {
  await openWidget(page);
  await botSays(page, { text: "Hello!" });
  return goOffline(page);
}

// The widget's own texts in the frame: what each control shows and its aria-label.
async function frameTexts(page) {
  return page.evaluate(() => {
    const q = (selector) => document.querySelector(selector);
    const label = (selector) => q(selector).getAttribute("aria-label");
    return {
      lang: q("[data-sbw]").lang,
      launcher: q(".sbw-launcher span").textContent,
      launcherLabel: label(".sbw-launcher"),
      defaultTitle: q(".sbw-title").textContent,
      switchLanguage: q(".sbw-language").textContent,
      switchLanguageLabel: label(".sbw-language"),
      startOver: q(".sbw-restart").textContent,
      startOverLabel: label(".sbw-restart"),
      closeLabel: label(".sbw-close"),
      conversationLabel: label(".sbw-log"),
      formLabel: label(".sbw-form"),
      useLocation: q(".sbw-location span").textContent,
      useLocationLabel: label(".sbw-location"),
      inputPlaceholder: q("#sbw-input").placeholder,
      inputLabel: label("#sbw-input"),
      send: q(".sbw-send").textContent,
      sendLabel: label(".sbw-send"),
    };
  });
}

function expectedFrame(lang) {
  const table = lang === "es" ? ES : EN;
  const keys = ["launcher", "launcherLabel", "defaultTitle", "switchLanguage", "switchLanguageLabel", "startOver", "startOverLabel",
    "closeLabel", "conversationLabel", "formLabel", "useLocation", "useLocationLabel", "inputPlaceholder", "inputLabel", "send", "sendLabel"];
  return { lang, ...Object.fromEntries(keys.map((key) => [key, table[key]])) };
}

// Every text and aria-label or placeholder in the widget, but the live region (it keeps what it
// already read out).
function shownTexts(page) {
  return page.evaluate(() => {
    const texts = [];
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.data.trim() && texts.push(node.data);
      if (node.nodeType !== Node.ELEMENT_NODE || node.hasAttribute("aria-live")) return;
      ["aria-label", "placeholder", "title"].forEach((name) => node.getAttribute(name) && texts.push(node.getAttribute(name)));
      node.childNodes.forEach(visit);
    };
    visit(document.querySelector("[data-sbw]"));
    return texts;
  });
}

// The pieces of the English table (between placeholders) that no Spanish text contains.
const ENGLISH_ONLY = Object.values(EN)
  .flatMap((text) => text.split(/\{\w+\}/))
  .map((part) => part.trim())
  .filter((part) => /[A-Za-z]{3}/.test(part) && !Object.values(ES).some((text) => text.includes(part)));

describe("the widget in Spanish", () => {
  test("the switch redraws the widget's texts in Spanish and back, and tells the server unseen", async () => {
    const { context, page, seen } = await openPage({ contextOptions: { permissions: [] } });
    assert.deepEqual(await frameTexts(page), expectedFrame("en"));
    await openWidget(page);
    // A reply, a location card, a checklist and a notice, to see the widget's texts inside the log.
    await botSays(page, { text: "¡Hola! Pregunte lo que quiera." });
    await botSays(page, { type: "location_results", intro: "Centros:", locations: [{ name: "Clínica A", map_url: "https://example.org/m", ...PHONE }], ...PHONE });
    await botSays(page, { type: "checklist", title: "Lista", sections: [{ heading: "Preguntas", items: ["¿Cuándo?"] }], ...PHONE });
    await page.locator(".sbw-location").click(); // refused: a notice
    await page.locator(".sbw-notice").waitFor();

    const button = page.getByRole("button", { name: EN.switchLanguageLabel });
    assert.equal(await button.getAttribute("lang"), "es", "the switch is read in the language it names");
    await button.focus();
    await page.keyboard.press("Enter"); // a real button: the keyboard works it
    await waitForSent(page, CHOOSE_ES);
    assert.deepEqual(await frameTexts(page), expectedFrame("es"));
    assert.equal(await page.evaluate(() => document.activeElement.className), "sbw-language", "focus stays on the switch");
    assert.equal(await page.locator(".sbw-language").getAttribute("lang"), "en");
    assert.equal(await page.locator(".sbw-notice").textContent(), ES.locationFailed);
    assert.equal(await page.locator(".sbw-card a").first().textContent(), ES.map + ES.mapOf.replace("{name}", "Clínica A") + ES.opensInNewTab);
    assert.match(await page.locator(".sbw-card").first().textContent(), new RegExp(ES.appointments.replace("{phone}", "919-684-4114")));
    assert.equal(await page.locator(".sbw-copy").getAttribute("aria-label"), ES.copyLabel);
    assert.equal(await page.locator(".sbw-print").textContent(), ES.print);
    assert.equal(await page.locator(".sbw-bot p").first().textContent(), "¡Hola! Pregunte lo que quiera.", "the server's words stay");
    const left = (await shownTexts(page)).filter((text) => ENGLISH_ONLY.some((part) => text.includes(part)));
    assert.deepEqual(left, [], "English left in the widget after switching to Spanish");
    assert.equal(await page.locator(".sbw-user").count(), 0, "no bubble for the hidden message");
    assert.equal(await stored(page, "language"), "es");
    await page.locator(".sbw-panel").screenshot({ path: screenshotPath("fake-spanish"), animations: "disabled" });

    await botSays(page, { text: "Claro, desde ahora le respondo en español." });
    await page.getByRole("button", { name: ES.switchLanguageLabel }).click();
    await waitForSent(page, CHOOSE_EN);
    assert.deepEqual(await frameTexts(page), expectedFrame("en"));
    assert.equal(await page.locator(".sbw-notice").textContent(), EN.locationFailed);
    assert.deepEqual(await messages(page), ["/greet", CHOOSE_ES, CHOOSE_EN]);
    assert.equal(await page.locator(".sbw-user").count(), 0);
    assert.equal(await stored(page, "language"), "en");

    // Escape closes the panel: the launcher is in English again too.
    await page.keyboard.press("Escape");
    assert.equal(await page.locator(".sbw-launcher").textContent(), EN.launcher);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test("the choice is kept across a reload, and the session is not told again", async () => {
    const { context, page } = await openPage();
    await openWidget(page);
    await page.locator(".sbw-language").click();
    await waitForSent(page, CHOOSE_ES);
    await botSays(page, { text: "Claro, desde ahora le respondo en español." });
    await page.reload();
    await page.locator(".sbw-panel").waitFor({ state: "visible" });
    await page.waitForFunction(() => window.__server.sent.some((m) => m.event === "session_request"));
    await page.waitForTimeout(100);
    assert.deepEqual(await frameTexts(page), expectedFrame("es"));
    assert.deepEqual(await messages(page), [], "the same session already speaks Spanish");

    // Start over: a new session, which starts in English, is told by its greeting.
    await page.locator(".sbw-restart").click();
    await waitForSent(page, GREET_ES);
    assert.deepEqual(await messages(page), [GREET_ES]);
    assert.equal(await page.locator(".sbw-msg").count(), 0);
    await context.close();
  });

  test('data-lang="es" starts in Spanish and its greeting tells the server', async () => {
    const { context, page, seen } = await openPage({ lang: "es" });
    assert.equal(await page.locator(".sbw-launcher").textContent(), ES.launcher);
    assert.equal(await page.locator("[data-sbw]").getAttribute("lang"), "es");
    await page.locator(".sbw-launcher").click();
    await waitForSent(page, GREET_ES);
    assert.deepEqual(await frameTexts(page), expectedFrame("es"));
    const sent = await page.evaluate(() => window.__server.sent.filter((m) => m.event === "user_uttered").map((m) => m.data));
    assert.deepEqual(sent.map((m) => m.message), [GREET_ES]);
    assert.match(sent[0].session_id, /^fake-/, "sent in the confirmed session");
    assert.equal(await page.locator(".sbw-user").count(), 0);

    // The visitor's own choice beats data-lang, after a reload too.
    await botSays(page, { text: "¡Hola!" });
    await page.locator(".sbw-language").click();
    await waitForSent(page, CHOOSE_EN);
    await page.reload();
    await page.locator(".sbw-panel").waitFor({ state: "visible" });
    assert.deepEqual(await frameTexts(page), expectedFrame("en"));
    await page.waitForTimeout(100);
    assert.deepEqual(await messages(page), []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  for (const lang of ["fr", "ES", ""]) {
    test(`data-lang="${lang}" falls back to English and tells the server nothing`, async () => {
      const { context, page } = await openPage({ lang });
      await openWidget(page);
      assert.deepEqual(await frameTexts(page), expectedFrame("en"));
      await page.waitForTimeout(100);
      assert.deepEqual(await messages(page), ["/greet"]);
      await context.close();
    });
  }

  test("a switch made while offline is told once the connection is back", async () => {
    const { context, page } = await openPage();
    const status = await greetedThenOffline(page);
    await page.locator(".sbw-language").click();
    assert.equal(await status.textContent(), ES.reconnecting, "the status line is redrawn too");
    await page.locator("#sbw-input").fill("¿duele?");
    await page.keyboard.press("Enter");
    assert.match(await page.locator(".sbw-pending").textContent(), new RegExp(ES.waitingToSend));
    await page.evaluate(() => window.__server.restore());
    await waitForSent(page, "¿duele?");
    assert.deepEqual(await messages(page), ["/greet", CHOOSE_ES, "¿duele?"], "the language goes before what waited");
    assert.equal(await page.locator(".sbw-user").count(), 1);
    await context.close();
  });

  test("the switch looks like the other header buttons and is readable", async () => {
    const { context, page } = await openPage({ contextOptions: { viewport: { width: 360, height: 640 } } });
    await openWidget(page);
    const style = (selector) =>
      page.locator(selector).evaluate((n) => {
        const s = getComputedStyle(n);
        return { font: s.fontSize, decoration: s.textDecorationLine, background: s.backgroundColor, color: s.color };
      });
    assert.deepEqual(await style(".sbw-language"), await style(".sbw-restart"));
    const { fg, bg } = await colours(page, ".sbw-language");
    assert.ok(contrastRatio(fg, bg) >= 4.5);
    await page.locator(".sbw-language").click();
    // At 360 px, in the longer language, the header's controls still fit side by side.
    const boxes = await page.evaluate(() =>
      [".sbw-language", ".sbw-restart", ".sbw-close"].map((s) => document.querySelector(s).getBoundingClientRect().toJSON())
    );
    for (const box of boxes) assert.ok(box.right <= 360 && box.height >= 44, JSON.stringify(box));
    assert.ok(boxes[0].right <= boxes[1].left && boxes[1].right <= boxes[2].left, "no overlap");
    await page.locator(".sbw-header").screenshot({ path: screenshotPath("fake-spanish-header-360"), animations: "disabled" });
    await context.close();
  });
});
