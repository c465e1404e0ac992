// End to end in real Chromium: the real Rasa server (socketio channel), the real action server
// and bot.web serving the demo page. Needs a trained model in models/ (make train).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  freePort,
  latestModel,
  launchBrowser,
  screenshotPath,
  startActionServer,
  startRasa,
  startWeb,
  watchPage,
} from "./support.mjs";

const LOCATION_FAILED = "I couldn't get your location. You can type your ZIP code or town instead.";
const NEAR_DURHAM = { latitude: 36.0, longitude: -78.94 };
const servers = [];
let browser;
let web;
let rasa;
let buttonPrompt = null; // the message whose reply has buttons (found in the button test)
const watched = [];

before(async () => {
  if (!latestModel()) {
    throw new Error("No trained model in models/*.tar.gz: train one first (make train), then run the browser tests.");
  }
  const [rasaPort, webPort] = [await freePort(), await freePort()];
  const rasaUrl = `http://127.0.0.1:${rasaPort}`;
  // The socket.io channel accepts browsers only from ALLOWED_ORIGINS (components/channels.py).
  process.env.ALLOWED_ORIGINS = `http://127.0.0.1:${webPort}`;
  try {
    const actions = await startActionServer();
    servers.push(actions);
    [rasa, web] = await Promise.all([
      startRasa({ port: rasaPort, webPort }).then((r) => (servers.push(r.proc), r)),
      startWeb({ port: webPort, rasaUrl }).then((w) => (servers.push(w.proc), w)),
    ]);
    browser = await launchBrowser();
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
});

async function newPage(contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const seen = watchPage(page, [web.url.replace(/\/$/, ""), rasa.url]);
  watched.push(seen);
  await page.goto(web.url);
  return { context, page, seen };
}

const logText = (page) => page.locator(".sbw-log").evaluate((n) => n.innerText);
const botCount = (page) => page.locator(".sbw-log .sbw-bot, .sbw-log .sbw-notice").count();

// Waits for the assistant's answer: a bot bubble after the visitor's last message, then quiet for
// a moment (Rasa sends one event per paragraph). Not the log's length: sending retires the old
// quick-reply buttons, so a short answer can leave the log shorter than before. Returns the text
// of what arrived after the visitor's last message.
async function waitForReply(page, textBefore, timeout = 20000) {
  await page.waitForFunction(
    (before) => {
      const log = document.querySelector(".sbw-log");
      const bubbles = [...log.querySelectorAll(".sbw-msg")];
      const last = bubbles[bubbles.length - 1];
      const typing = document.querySelector(".sbw-typing:not([hidden])");
      return log.innerText !== before && last && !last.classList.contains("sbw-user") && !typing;
    },
    textBefore,
    { timeout }
  );
  let last = "";
  for (let i = 0; i < 20; i++) {
    const now = await logText(page);
    if (now === last) break;
    last = now;
    await page.waitForTimeout(400);
  }
  return page.locator(".sbw-log").evaluate((log) => {
    const bubbles = [...log.querySelectorAll(".sbw-msg")];
    let start = 0;
    bubbles.forEach((b, i) => {
      if (b.classList.contains("sbw-user")) start = i + 1;
    });
    return bubbles.slice(start).map((b) => b.innerText).join("\n\n");
  });
}

async function openAndGreet(page) {
  await page.getByRole("button", { name: /Ask a question/ }).click();
  return waitForReply(page, "", 30000);
}

async function ask(page, text) {
  const before = await logText(page);
  await page.locator("#sbw-input").fill(text);
  await page.locator("#sbw-input").press("Enter");
  return waitForReply(page, before);
}

describe("widget against the real Rasa server", () => {
  let context;
  let page;

  test("the assistant greets first, without the visitor typing", async () => {
    ({ context, page } = await newPage());
    const greeting = await openAndGreet(page);
    assert.match(greeting, /automated assistant/i);
    assert.equal(await page.locator(".sbw-user").count(), 0, "the /greet payload is not shown");
    await page.screenshot({ path: screenshotPath("e2e-greeting"), animations: "disabled" });
  });

  test("a question gets the answer from the page", async () => {
    const answer = await ask(page, "how many surgeries are needed");
    assert.match(answer, /9/);
    assert.match(answer, /12 months/);
    await page.screenshot({ path: screenshotPath("e2e-answer"), animations: "disabled" });
  });

  test("a stroke description: an alert led by the Call 911 button, before anything else", async () => {
    // a conversation of its own: after an emergency every unclear message gets the 911 reminder
    const { page: other } = await newPage();
    await openAndGreet(other);
    const before = await botCount(other);
    await ask(other, "my husband's mouth just went crooked and he can't get his words out");
    const first = other.locator(".sbw-log .sbw-bot").nth(before);
    assert.equal(await first.getAttribute("role"), "alert");
    const call = first.locator(":scope > *").first();
    assert.equal(await call.getAttribute("href"), "tel:911");
    assert.match(await call.textContent(), /Call 911/);
    assert.match(await first.textContent(), /Call 911 now/);
    await other.screenshot({ path: screenshotPath("e2e-emergency"), animations: "disabled" });
    await other.context().close();
  });

  test("a droop with no time: the calm 911 line, then the answer, and no alert", async () => {
    const before = await botCount(page);
    const reply = await ask(page, "how do I fix my drooping face?");
    const first = page.locator(".sbw-log .sbw-bot, .sbw-log .sbw-notice").nth(before);
    assert.match(await first.textContent(), /^If this is new or came on suddenly, call 911 now/);
    assert.match(reply, /smile/, "the answer follows the calm line");
    assert.ok((await botCount(page)) - before >= 2, "the answer is a bubble of its own");
    assert.equal(await first.getAttribute("role"), null);
  });

  test("quick-reply buttons: the title is shown and the assistant answers", async () => {
    for (const prompt of ["asdfgh qwerty", "book an appointment"]) {
      await ask(page, prompt);
      if ((await page.locator(".sbw-quick-reply").count()) > 0) {
        buttonPrompt = prompt;
        break;
      }
    }
    assert.ok(buttonPrompt, "neither 'asdfgh qwerty' nor 'book an appointment' got a reply with buttons");
    const button = page.locator(".sbw-quick-reply").first();
    const title = await button.textContent();
    await page.screenshot({ path: screenshotPath("e2e-buttons"), animations: "disabled" });
    const before = await logText(page);
    const bots = await botCount(page);
    await button.click();
    assert.equal(await page.locator(".sbw-user").last().textContent(), title);
    assert.equal(await page.locator(".sbw-quick").count(), 0, "the used set of buttons is gone");
    const reply = await waitForReply(page, before);
    assert.ok((await botCount(page)) > bots, `a bot answer follows the click (got: ${reply})`);
  });

  test("a reload keeps the conversation and the session", async () => {
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.endsWith(":session")));
    const sessionBefore = await page.evaluate((k) => localStorage.getItem(k), key);
    const messagesBefore = await page.locator(".sbw-msg").allInnerTexts();
    await page.reload();
    await page.locator(".sbw-panel").waitFor({ state: "visible" });
    assert.deepEqual(await page.locator(".sbw-msg").allInnerTexts(), messagesBefore);
    const answer = await ask(page, "how long until I see results");
    assert.ok(answer.length > 0);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), sessionBefore, "same session id");
    assert.equal(await page.locator(".sbw-status").isHidden(), true);
  });

  test("markup typed by the visitor is shown as text and never runs", async () => {
    const attack = "<img src=x onerror=alert(1)>";
    await ask(page, attack);
    assert.equal(await page.locator(".sbw-user").last().textContent(), attack);
    assert.equal(await page.locator(".sbw-log img").count(), 0);
    assert.deepEqual(watched.flatMap((s) => s.dialogs), []);
  });

  test("Start over clears the conversation, gets a new session and a new greeting", async () => {
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.endsWith(":session")));
    const sessionBefore = await page.evaluate((k) => localStorage.getItem(k), key);
    await page.getByRole("button", { name: /Start over/ }).click();
    assert.equal(await page.locator(".sbw-user").count(), 0);
    const greeting = await waitForReply(page, "", 20000);
    assert.match(greeting, /automated assistant/i);
    const sessionAfter = await page.evaluate((k) => localStorage.getItem(k), key);
    assert.ok(sessionAfter && sessionAfter !== sessionBefore, "a new session id");
    await context.close();
  });

  test("location allowed: the widget sends the coordinates and location cards come back", async () => {
    const { context: ctx, page: p } = await newPage({ permissions: ["geolocation"], geolocation: NEAR_DURHAM });
    const sent = [];
    // socket.io starts with HTTP long-polling and upgrades to a WebSocket: watch both.
    p.on("websocket", (ws) => ws.on("framesent", (frame) => sent.push(String(frame.payload))));
    p.on("request", (request) => sent.push(request.postData() || ""));
    await openAndGreet(p);
    const before = await logText(p);
    await p.getByRole("button", { name: /Use my location/ }).click();
    await waitForReply(p, before);
    assert.equal(await p.locator(".sbw-user").last().textContent(), "📍 My location");
    const frame = sent.find((f) => f.includes("share_location"));
    assert.ok(frame, "the share_location message went to the server");
    assert.match(frame, /\/share_location\{\\"latitude\\": 36\.0000, \\"longitude\\": -78\.9400\}/);
    const cards = p.locator('[data-kind="location_results"] .sbw-location-card');
    assert.ok((await cards.count()) > 0, `location cards expected; the assistant said: ${await logText(p)}`);
    for (const link of await p.locator('[data-kind="location_results"] a').all()) {
      assert.match(await link.getAttribute("href"), /^(https:|http:|tel:)/);
    }
    await p.screenshot({ path: screenshotPath("e2e-locations"), animations: "disabled" });
    await ctx.close();
  });

  test("location refused: a notice, no round trip", async () => {
    const { context: ctx, page: p } = await newPage({ permissions: [] });
    await openAndGreet(p);
    await p.getByRole("button", { name: /Use my location/ }).click();
    await p.locator(".sbw-notice").waitFor();
    assert.equal(await p.locator(".sbw-notice").textContent(), LOCATION_FAILED);
    assert.equal(await p.locator(".sbw-user").count(), 0);
    await ctx.close();
  });

  test("keyboard only: open, ask, reach a button, Escape closes", async () => {
    const { context: ctx, page: p } = await newPage();
    const launcher = p.locator(".sbw-launcher");
    for (let i = 0; i < 10 && !(await launcher.evaluate((n) => n === document.activeElement)); i++) {
      await p.keyboard.press("Tab");
    }
    assert.equal(await launcher.evaluate((n) => n === document.activeElement), true, "Tab reaches the launcher");
    const greetingBefore = await logText(p);
    await p.keyboard.press("Enter");
    assert.equal(await p.evaluate(() => document.activeElement.id), "sbw-input", "focus moves to the input");
    await waitForReply(p, greetingBefore, 30000);
    const before = await logText(p);
    await p.keyboard.type(buttonPrompt || "asdfgh qwerty");
    await p.keyboard.press("Enter");
    await waitForReply(p, before);
    await p.locator(".sbw-quick-reply").first().waitFor();
    for (let i = 0; i < 15 && !(await p.evaluate(() => document.activeElement.classList.contains("sbw-quick-reply"))); i++) {
      await p.keyboard.press("Shift+Tab");
    }
    const focused = await p.evaluate(() => ({
      isButton: document.activeElement.classList.contains("sbw-quick-reply"),
      outline: getComputedStyle(document.activeElement).outlineStyle,
    }));
    assert.equal(focused.isButton, true, "Tab reaches the quick-reply buttons");
    assert.notEqual(focused.outline, "none", "focus is visible");
    await p.screenshot({ path: screenshotPath("e2e-keyboard-focus"), animations: "disabled" });
    await p.keyboard.press("Escape");
    assert.equal(await p.locator(".sbw-panel").isHidden(), true);
    assert.equal(await launcher.evaluate((n) => n === document.activeElement), true, "focus returns to the launcher");
    await ctx.close();
  });

  test("a 360 px wide phone screen: full-width panel, no sideways scrolling", async () => {
    const { context: ctx, page: p } = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await openAndGreet(p);
    await ask(p, "how many surgeries are needed");
    const box = await p.locator(".sbw-panel").boundingBox();
    assert.ok(box.x >= 0 && box.y >= 0, JSON.stringify(box));
    assert.ok(box.x + box.width <= 360 + 0.5 && box.y + box.height <= 740 + 0.5, JSON.stringify(box));
    assert.ok(box.width >= 359, "full width");
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    const logOverflow = await p.locator(".sbw-log").evaluate((n) => n.scrollWidth - n.clientWidth);
    assert.ok(logOverflow <= 0, `the conversation scrolls sideways by ${logOverflow}px`);
    await p.screenshot({ path: screenshotPath("e2e-narrow-360"), animations: "disabled" });
    await ctx.close();
  });

  test("nothing was loaded from outside the two servers, and no page errors", () => {
    assert.deepEqual(watched.flatMap((s) => s.foreign), []);
    assert.deepEqual(watched.flatMap((s) => s.errors), []);
  });
});
