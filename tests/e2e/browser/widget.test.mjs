// Rendering and behaviour of the widget in real Chromium, against a scripted stand-in for the
// socket.io server (fake-socket.js is served in place of the vendored client). Fast and
// deterministic: it needs the web server only, not a trained model.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { REPO, colours, contrastRatio, goOffline, screenshotPath, watchPage, withDemoPage } from "./support.mjs";

const FAKE_SOCKET = readFileSync(path.join(REPO, "tests", "e2e", "browser", "fake-socket.js"), "utf8");
const LOCATION_FAILED = "I couldn't get your location. You can type your ZIP code or town instead.";
// Emergency replies as the bot sends them: markdown, ending with a line that links to tel:911.
const STROKE_EN =
  "**Call 911 now.** A face that suddenly droops or feels weak can be a sign of a stroke, even without other signs. " +
  "Slurred speech or a weak or numb arm are warning signs too.\n" +
  "I'm an automated assistant and can't help in an emergency. Please call 911 right away.\n[Call 911](tel:911)";
const STROKE_ES_EN =
  "**Llame al 911 ahora.** Una cara que se cae o se siente débil de repente puede ser señal de un derrame cerebral.\n" +
  "**Call 911 now.** A face that suddenly droops or feels weak can be a sign of a stroke.\n" +
  "[Llamar al 911 / Call 911](tel:911)";
const CAUTION = "If this is new or came on suddenly, call 911 now: it can be a sign of a stroke.";

const stack = withDemoPage(); // nothing listens at stack.rasaUrl: the fake answers

async function openPage({ offline = false, contextOptions = {}, html = null } = {}) {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const seen = watchPage(page, [stack.web.url.replace(/\/$/, "")]);
  // Offline until the test sets sessionStorage "online" (init scripts run again on reload).
  if (offline) await page.addInitScript(() => (window.__startOffline = !sessionStorage.getItem("online")));
  await page.route("**/vendor/socket.io.min.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: FAKE_SOCKET })
  );
  if (html) await page.route(stack.web.url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(stack.web.url);
  return { context, page, seen };
}

async function openWidget(page) {
  await page.getByRole("button", { name: /Ask a question/ }).click();
  await page.waitForFunction(() => window.__server && window.__server.messages().includes("/greet"));
}

const botSays = (page, payload) => page.evaluate((p) => window.__server.send("bot_uttered", p), payload);
const sentMessages = (page) => page.evaluate(() => window.__server.messages());

test("the vendored socket.io client is the pinned npm package's file, unchanged", () => {
  const pinned = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).devDependencies["socket.io-client"];
  const vendored = readFileSync(path.join(REPO, "web", "vendor", "socket.io.min.js"));
  assert.match(vendored.subarray(0, 40).toString(), new RegExp(`Socket\\.IO v${pinned.replace(/\./g, "\\.")}`));
  assert.match(readFileSync(path.join(REPO, "web", "vendor", "README"), "utf8"), new RegExp(`socket\\.io-client@${pinned}`));
  const fromNpm = path.join(REPO, "node_modules", "socket.io-client", "dist", "socket.io.min.js");
  assert.ok(vendored.equals(readFileSync(fromNpm)), "run `npm run vendor` after changing the version");
});

describe("widget with a scripted socket server", () => {
  test("opens, greets without a user bubble, and loads nothing from elsewhere", async () => {
    const { context, page, seen } = await openPage();
    assert.equal(await page.locator(".sbw-panel").isHidden(), true);
    await openWidget(page);
    assert.equal(await page.locator(".sbw-user").count(), 0, "the /greet payload is not shown");
    const sessionRequest = await page.evaluate(() => window.__server.sent[0]);
    assert.deepEqual(sessionRequest, { event: "session_request", data: { session_id: null } });
    const io = await page.evaluate(() => window.__ioArgs);
    assert.equal(io.url, stack.rasaUrl, "data-server-url injected by bot.web is used");
    assert.equal(io.options.path, "/socket.io");
    const greet = await page.evaluate(() => window.__server.sent.find((m) => m.event === "user_uttered"));
    const stored = await page.evaluate(() => localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(":session"))));
    assert.match(stored, /^fake-/, "the confirmed session id is stored");
    assert.deepEqual(greet.data, { message: "/greet", session_id: stored });
    assert.equal(await page.evaluate(() => document.activeElement.id), "sbw-input", "focus moves to the input");
    assert.deepEqual(seen.foreign, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test("renders text: line breaks, bold, safe links, phone numbers, source footnotes", async () => {
    const { context, page, seen } = await openPage();
    await openWidget(page);
    await botSays(page, {
      text:
        "**Two stages** are common.\nSee https://www.dukehealth.org/treatments/facial-reanimation-surgery.\n" +
        "Call 919-684-4114 or [call us](tel:+19196844114). Not a link: [x](javascript:alert(1)) javascript:alert(2)",
    });
    await botSays(page, { text: "Source: Duke Health, Facial Reanimation Surgery page (reviewed 05/05/2020)" });
    const bubble = page.locator(".sbw-bot").last();
    assert.equal(await bubble.locator("strong").textContent(), "Two stages");
    assert.equal(await bubble.locator("br").count(), 2);
    const web = bubble.locator('a[href^="https:"]');
    assert.equal(await web.getAttribute("href"), "https://www.dukehealth.org/treatments/facial-reanimation-surgery");
    assert.equal(await web.getAttribute("target"), "_blank");
    assert.equal(await web.getAttribute("rel"), "noopener noreferrer");
    const tels = bubble.locator('a[href^="tel:"]');
    assert.equal(await tels.count(), 2);
    for (const i of [0, 1]) {
      assert.equal(await tels.nth(i).getAttribute("href"), "tel:+19196844114");
      assert.equal(await tels.nth(i).getAttribute("target"), null, "tel links open in place");
    }
    assert.equal(await page.locator('.sbw-log a[href^="javascript"]').count(), 0);
    assert.match(await bubble.textContent(), /\[x\]\(javascript:alert\(1\)\) javascript:alert\(2\)/);
    const source = bubble.locator(".sbw-source");
    assert.match(await source.textContent(), /^Source: Duke Health/, "footnote attached under the answer");
    assert.equal(await page.locator(".sbw-msg.sbw-bot").count(), 1);
    const announced = await page.locator("[aria-live=polite]").textContent();
    assert.match(announced, /Two stages are common/);
    assert.deepEqual(seen.dialogs, []);
    await context.close();
  });

  test("escapes markup from the server and from the visitor", async () => {
    const { context, page, seen } = await openPage();
    await openWidget(page);
    const attack = "<img src=x onerror=alert(1)>";
    await page.locator("#sbw-input").fill(attack);
    await page.keyboard.press("Enter");
    await botSays(page, { text: attack, quick_replies: [{ content_type: "text", title: attack, payload: "/x" }] });
    await botSays(page, {
      type: "location_results",
      intro: attack,
      locations: [{ name: attack, street: attack, city: "Durham", state: "NC", zip_code: "27705", distance_text: attack, map_url: "javascript:alert(1)", phone: attack, tel: "javascript:alert(1)" }],
    });
    await page.waitForTimeout(200);
    assert.equal(await page.locator(".sbw-log img").count(), 0);
    assert.equal(await page.locator(".sbw-user").first().textContent(), attack);
    assert.equal(await page.locator(".sbw-bot p").first().textContent(), attack);
    assert.equal(await page.locator(".sbw-quick-reply").textContent(), attack);
    assert.equal(await page.locator(".sbw-location-card a").count(), 0, "unsafe map and call links are dropped");
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test("emergency replies (a tel:911 link) become an alert led by a Call 911 button", async () => {
    const { context, page, seen } = await openPage();
    await openWidget(page);
    await botSays(page, { text: STROKE_EN });
    const alert = page.locator(".sbw-msg").last();
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.match(await alert.getAttribute("class"), /\bsbw-alert\b/);
    const first = await alert.evaluate((n) => {
      const a = n.firstElementChild;
      return { tag: a.tagName, href: a.getAttribute("href"), cls: a.className, text: a.textContent, target: a.getAttribute("target") };
    });
    assert.deepEqual(first, { tag: "A", href: "tel:911", cls: "sbw-call-911", text: "Call 911", target: null });
    assert.equal(await alert.locator("a").count(), 1, "the button is the only link: the link line is not shown again");
    const body = alert.locator("p");
    assert.equal(await body.locator("strong").first().textContent(), "Call 911 now.");
    const bodyText = await body.textContent();
    assert.match(bodyText, /^Call 911 now\. A face that suddenly droops.*Please call 911 right away\.$/s);
    assert.doesNotMatch(bodyText, /tel:|\[|\]/);
    assert.equal(await body.evaluate((p) => p.lastChild.nodeName), "#text", "no blank lines left where the link was");
    assert.equal(await body.locator("br").count(), 1);
    // The button is big: at least 44 px tall, as wide as the bubble's content, bold.
    const size = await alert.evaluate((n) => {
      const a = n.querySelector(".sbw-call-911").getBoundingClientRect();
      const style = getComputedStyle(n);
      const inner = n.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { height: a.height, width: a.width, inner, weight: getComputedStyle(n.firstElementChild).fontWeight };
    });
    assert.ok(size.height >= 44, `button height ${size.height}`);
    assert.ok(Math.abs(size.width - size.inner) < 1, `button width ${size.width} of ${size.inner}`);
    assert.ok(Number(size.weight) >= 700);
    // role="alert" announces it at once; the polite region does not repeat it.
    assert.doesNotMatch(await page.locator("[aria-live=polite]").textContent(), /droops/);
    await alert.screenshot({ path: screenshotPath("fake-emergency"), animations: "disabled" });

    await botSays(page, { text: STROKE_ES_EN });
    const both = page.locator(".sbw-alert").last();
    assert.equal(await both.getAttribute("role"), "alert");
    const call = both.locator(":scope > a:first-child");
    assert.equal(await call.getAttribute("href"), "tel:911");
    assert.equal(await call.textContent(), "Llamar al 911 / Call 911");
    assert.equal(await both.locator("a").count(), 1);
    assert.deepEqual(await both.locator("p strong").allTextContents(), ["Llame al 911 ahora.", "Call 911 now."]);
    assert.doesNotMatch(await both.locator("p").textContent(), /Llamar al 911 \/ Call 911/);

    // A tel:911 link inside a sentence: the button takes the link, the sentence keeps its words.
    await botSays(page, { text: "Please [call 911](tel:911) now. Or see [this page](https://www.dukehealth.org/)." });
    const inline = page.locator(".sbw-alert").last();
    assert.equal(await inline.locator(".sbw-call-911").textContent(), "call 911");
    assert.match(await inline.locator("p").textContent(), /^Please call 911 now\. Or see this page/);
    assert.equal(await inline.locator('a[href="tel:911"]').count(), 1);
    assert.equal(await inline.locator('p a[href="https://www.dukehealth.org/"]').count(), 1, "other links still work");

    // The history is rendered the same way after a reload.
    await page.reload();
    await page.locator(".sbw-panel").waitFor({ state: "visible" });
    assert.equal(await page.locator('.sbw-alert[role="alert"]').count(), 3);
    assert.equal(await page.locator(".sbw-alert > a.sbw-call-911:first-child").count(), 3);
    assert.equal(await page.locator('.sbw-log a[href="tel:911"]').count(), 3);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test("emergency replies are escaped like any other text", async () => {
    const { context, page, seen } = await openPage();
    await openWidget(page);
    const attack = "<img src=x onerror=alert(1)>";
    await botSays(page, { text: `**Call 911 now.** ${attack}\n\n[${attack} Call 911](tel:911)` });
    await page.waitForTimeout(200);
    const alert = page.locator(".sbw-alert");
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.equal(await page.locator(".sbw-log img").count(), 0);
    assert.equal(await alert.locator(".sbw-call-911").textContent(), `${attack} Call 911`);
    assert.equal(await alert.locator("p").textContent(), `Call 911 now. ${attack}`);
    // Only the 911 number makes an emergency: other tel: links and unsafe targets do not.
    await botSays(page, { text: "Call [our clinic](tel:+19196844114) or [911](javascript:alert(1))." });
    assert.equal(await page.locator(".sbw-alert").count(), 1);
    assert.equal(await page.locator('.sbw-log a[href^="javascript"]').count(), 0);
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test("ordinary replies and the caution line get no alert and no call button", async () => {
    const { context, page } = await openPage();
    await openWidget(page);
    await botSays(page, { text: "Facial reanimation surgery is often done in **two stages**. Call 919-684-4114." });
    await botSays(page, { text: CAUTION });
    await botSays(page, { text: "Source: Duke Health, Facial Reanimation Surgery page" });
    const bots = page.locator(".sbw-msg.sbw-bot");
    assert.equal(await bots.count(), 2);
    assert.equal(await page.locator('.sbw-log [role="alert"]').count(), 0);
    assert.equal(await page.locator(".sbw-log .sbw-alert, .sbw-log .sbw-call-911").count(), 0);
    assert.equal(await page.locator('.sbw-log a[href="tel:911"]').count(), 0);
    assert.equal(await bots.last().locator("p").textContent(), CAUTION);
    const announced = await page.locator("[aria-live=polite]").textContent();
    assert.match(announced, /two stages/);
    assert.match(announced, /came on suddenly, call 911 now/, "ordinary replies are still announced politely");
    await context.close();
  });

  test("quick replies send their payload, show the title and go away", async () => {
    const { context, page } = await openPage();
    await openWidget(page);
    await botSays(page, {
      text: "Did you mean one of these?",
      quick_replies: [
        { content_type: "text", title: "How many stages?", payload: '/faq{"topic": "stages"}' },
        { content_type: "text", title: "Something else", payload: "/out_of_scope" },
      ],
    });
    await page.getByRole("button", { name: "How many stages?" }).click();
    assert.equal(await page.locator(".sbw-user").last().textContent(), "How many stages?");
    assert.equal(await page.locator(".sbw-quick").count(), 0);
    assert.equal((await sentMessages(page)).at(-1), '/faq{"topic": "stages"}');
    assert.equal(await page.locator(".sbw-typing").isVisible(), true, "typing indicator while waiting");
    await botSays(page, { text: "One or two stages." });
    assert.equal(await page.locator(".sbw-typing").isVisible(), false);
    await page.reload();
    assert.equal(await page.locator(".sbw-quick").count(), 0, "answered buttons stay gone after reload");
    await context.close();
  });

  test("location results become cards with safe Map and Call links", async () => {
    const { context, page } = await openPage();
    await openWidget(page);
    await botSays(page, {
      type: "location_results",
      intro: "Here are the nearest locations to 27705 (Durham):",
      locations: [
        { name: "Duke Clinic A", street: "40 Duke Medicine Circle", city: "Durham", state: "NC", zip_code: "27710", distance_text: "about 4 miles", map_url: "https://www.google.com/maps/search/?api=1&query=Duke+Clinic+A", phone: "919-684-4114", tel: "tel:+19196844114" },
        { name: "Duke Clinic B", street: "1 Main St", city: "Raleigh", state: "NC", zip_code: "27601", distance_text: "about 22 miles", map_url: "data:text/html,hi", phone: "919-684-4114", tel: "http://evil.example/" },
      ],
      note: "Call to confirm which clinic sees facial reanimation patients.",
      phone: "919-684-4114",
      tel: "tel:+19196844114",
    });
    const cards = page.locator(".sbw-location-card");
    assert.equal(await cards.count(), 2);
    const first = cards.nth(0);
    assert.match(await first.textContent(), /Duke Clinic A.*40 Duke Medicine Circle.*Durham, NC 27710.*about 4 miles/s);
    const map = first.getByRole("link", { name: /^Map/ });
    assert.equal(await map.getAttribute("target"), "_blank");
    assert.equal(await map.getAttribute("rel"), "noopener noreferrer");
    assert.equal(await first.locator('a[href="tel:+19196844114"]').count(), 1);
    assert.equal(await cards.nth(1).locator("a").count(), 0, "data: map and http call links are refused");
    assert.match(await page.locator(".sbw-card").textContent(), /Appointments: 919-684-4114/);
    await page.locator(".sbw-card").screenshot({ path: screenshotPath("fake-location-cards"), animations: "disabled" });
    await botSays(page, { type: "location_results", intro: "Nearest:", locations: [], note: "To make an appointment, call 919-684-4114.", phone: "919-684-4114", tel: "tel:+19196844114" });
    assert.doesNotMatch(await page.locator(".sbw-card").last().textContent(), /Appointments:/, "the number is not repeated");
    await context.close();
  });

  test("checklists can be copied and printed", async () => {
    const { context, page } = await openPage({ contextOptions: { permissions: ["clipboard-read", "clipboard-write"] } });
    await openWidget(page);
    await botSays(page, {
      type: "checklist",
      title: "Before your visit",
      sections: [
        { heading: "Our doctors will want to know", items: ["What is the cause of your facial paralysis?", "When did it begin?"] },
        { heading: "Photos or video of", items: ["Rest", "Big smile (with teeth showing)"] },
      ],
      phone: "919-684-4114",
      tel: "tel:+19196844114",
    });
    const card = page.locator(".sbw-checklist");
    assert.equal(await card.locator("li").count(), 4);
    await card.getByRole("button", { name: "Copy checklist" }).click();
    await page.waitForFunction(() => document.querySelector(".sbw-copy").textContent === "Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Before your visit\n\nOur doctors will want to know\n- What is the cause/);
    assert.match(copied, /- Big smile \(with teeth showing\)\n\nCall 919-684-4114\n$/);
    await page.evaluate(() => {
      window.__printed = null;
      window.print = () => {
        window.__printed = {
          printing: document.documentElement.classList.contains("sbw-printing"),
          text: document.querySelector(".sbw-print-area").textContent,
        };
        window.dispatchEvent(new Event("afterprint"));
      };
    });
    await card.getByRole("button", { name: "Print checklist" }).click();
    const printed = await page.evaluate(() => window.__printed);
    assert.equal(printed.printing, true);
    assert.match(printed.text, /Before your visit/);
    assert.equal(await page.locator(".sbw-print-area").count(), 0, "print copy removed afterwards");
    await card.screenshot({ path: screenshotPath("fake-checklist"), animations: "disabled" });
    await context.close();
  });

  test("unknown payloads are ignored safely", async () => {
    const { context, page, seen } = await openPage();
    await openWidget(page);
    await botSays(page, { attachment: { type: "image", payload: { src: "https://example.org/x.png" } } });
    await botSays(page, { type: "carousel", items: [1, 2] });
    await botSays(page, "just a string");
    await botSays(page, null);
    await botSays(page, { text: "Still fine." });
    assert.equal(await page.locator(".sbw-bot").count(), 1);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.foreign, []);
    await context.close();
  });

  test("offline: shows Reconnecting, queues messages, sends them on reconnect with the same session", async () => {
    const { context, page } = await openPage();
    await openWidget(page);
    await botSays(page, { text: "Hello! I'm an automated assistant." });
    const status = await goOffline(page);
    assert.match(await status.textContent(), /Reconnecting…/);
    await page.locator("#sbw-input").fill("is it painful?");
    await page.keyboard.press("Enter");
    const pending = page.locator(".sbw-user.sbw-pending");
    assert.match(await pending.textContent(), /is it painful\?.*Waiting to send/);
    await page.screenshot({ path: screenshotPath("fake-offline"), animations: "disabled" });
    await page.evaluate(() => window.__server.restore());
    await page.waitForFunction(() => window.__server.messages().includes("is it painful?"));
    const requests = await page.evaluate(() => window.__server.sent.filter((m) => m.event === "session_request").map((m) => m.data.session_id));
    assert.equal(requests.length, 2);
    assert.equal(requests[0], null);
    assert.match(requests[1], /^fake-/, "the stored id is re-sent on reconnect");
    assert.equal(await page.locator(".sbw-pending").count(), 0);
    assert.equal(await status.isHidden(), true);
    await context.close();
  });

  test("messages typed before the first connection are kept across a reload", async () => {
    const { context, page } = await openPage({ offline: true });
    await page.getByRole("button", { name: /Ask a question/ }).click();
    await page.locator(".sbw-status").waitFor({ state: "visible" });
    await page.locator("#sbw-input").fill("where are you located?");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".sbw-pending").count(), 1);
    await page.evaluate(() => sessionStorage.setItem("online", "1"));
    await page.reload();
    await page.waitForFunction(() => window.__server.messages().includes("where are you located?"));
    assert.equal(await page.locator(".sbw-pending").count(), 0);
    assert.equal((await sentMessages(page)).includes("/greet"), false, "no greeting once there is history");
    await context.close();
  });

  test("reload keeps the conversation; Start over clears it and asks for a new session", async () => {
    const { context, page } = await openPage();
    await openWidget(page);
    await botSays(page, { text: "Hello! I'm an automated assistant." });
    await page.locator("#sbw-input").fill("how long is recovery?");
    await page.keyboard.press("Enter");
    await botSays(page, { text: "It may take one year or more." });
    await page.reload();
    await page.locator(".sbw-panel").waitFor({ state: "visible" });
    assert.equal(await page.locator(".sbw-msg").count(), 3);
    await page.waitForFunction(() => window.__server.sent.some((m) => m.event === "session_request"));
    const request = await page.evaluate(() => window.__server.sent.find((m) => m.event === "session_request"));
    const firstId = request.data.session_id;
    assert.match(firstId, /^fake-/, "the stored id is sent after a reload");
    await page.waitForTimeout(100);
    assert.deepEqual(await sentMessages(page), [], "no second greeting after a reload");

    await page.getByRole("button", { name: /Start over/ }).click();
    await page.waitForFunction(() => window.__server.messages().includes("/greet"));
    assert.equal(await page.locator(".sbw-msg").count(), 0);
    const requests = await page.evaluate(() => window.__server.sent.filter((m) => m.event === "session_request").map((m) => m.data.session_id));
    assert.deepEqual(requests, [firstId, null]);
    const greet = await page.evaluate(() => window.__server.sent.filter((m) => m.event === "user_uttered").at(-1));
    assert.match(greet.data.session_id, /^fake-/);
    assert.notEqual(greet.data.session_id, firstId, "a new session after Start over");
    await context.close();
  });

  test("location: granted sends the coordinates payload, denied shows the notice", async () => {
    const granted = await openPage({
      contextOptions: { permissions: ["geolocation"], geolocation: { latitude: 36.0, longitude: -78.9384 } },
    });
    await openWidget(granted.page);
    await granted.page.getByRole("button", { name: /Use my location/ }).click();
    await granted.page.waitForFunction(() => window.__server.messages().some((m) => m.startsWith("/share_location")));
    assert.equal((await sentMessages(granted.page)).at(-1), '/share_location{"latitude": 36.0000, "longitude": -78.9384}');
    assert.equal(await granted.page.locator(".sbw-user").last().textContent(), "📍 My location");
    await granted.context.close();

    const denied = await openPage({ contextOptions: { permissions: [] } });
    await openWidget(denied.page);
    await denied.page.getByRole("button", { name: /Use my location/ }).click();
    const notice = denied.page.locator(".sbw-notice");
    await notice.waitFor();
    assert.equal(await notice.textContent(), LOCATION_FAILED);
    assert.equal((await sentMessages(denied.page)).some((m) => m.startsWith("/share_location")), false);
    await denied.context.close();
  });

  test("data attributes: title, start open, primary colour with readable text", async () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
      <script src="widget.js" data-server-url="${stack.rasaUrl}" data-title="Ask Duke" data-open="true"
        data-primary-color="#ffcc00" data-socket-path="/chat/socket.io" defer></script></body></html>`;
    const { context, page } = await openPage({ html });
    await page.locator(".sbw-panel").waitFor({ state: "visible" });
    assert.equal(await page.locator(".sbw-title").textContent(), "Ask Duke");
    assert.equal((await page.evaluate(() => window.__ioArgs)).options.path, "/chat/socket.io");
    await page.waitForFunction(() => window.__server.messages().includes("/greet"));
    await page.evaluate(() => window.__server.send("bot_uttered", { text: "hi" }));
    await page.locator("#sbw-input").fill("hello");
    await page.keyboard.press("Enter");
    const { fg, bg } = await colours(page, ".sbw-user");
    assert.equal(fg, "rgb(26, 26, 26)", "dark text on a light custom colour");
    assert.ok(contrastRatio(fg, bg) >= 4.5);
    await context.close();
  });

  test("colour pairs meet WCAG AA and motion is reduced on request", async () => {
    const { context, page } = await openPage({ contextOptions: { reducedMotion: "reduce" } });
    await openWidget(page);
    await page.locator("#sbw-input").fill("hello");
    await page.keyboard.press("Enter");
    await botSays(page, { text: "Answer with a link https://www.dukehealth.org/ and 919-684-4114." });
    await botSays(page, { text: "Source: the Duke Health page." });
    await botSays(page, { text: "Pick one", quick_replies: [{ content_type: "text", title: "Yes", payload: "/affirm" }] });
    await botSays(page, { text: STROKE_EN.replace("right away.", "right away. See https://www.dukehealth.org/.") });
    const checkPairs = async (pairs) => {
      for (const [name, selector] of Object.entries(pairs)) {
        const { fg, bg } = await colours(page, selector);
        const ratio = contrastRatio(fg, bg);
        assert.ok(ratio >= 4.5, `${name}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
      }
    };
    await checkPairs({
      "user bubble": ".sbw-user p",
      "bot bubble": ".sbw-bot p",
      "bot link": ".sbw-bot a",
      "source footnote": ".sbw-source",
      "quick reply": ".sbw-quick-reply",
      "header title": ".sbw-title",
      "start over": ".sbw-restart",
      "send button": ".sbw-send",
      "location button": ".sbw-location",
      "emergency reply": ".sbw-alert p",
      "emergency reply link": ".sbw-alert p a",
      "call 911 button": ".sbw-call-911",
    });
    const border = await page.locator(".sbw-alert").evaluate((n) => getComputedStyle(n).borderTopColor);
    assert.ok(contrastRatio(border, "rgb(255, 255, 255)") >= 3, `alert border ${border}`);
    await page.evaluate(() => window.__server.drop());
    await page.locator("#sbw-input").fill("queued");
    await page.keyboard.press("Enter");
    await checkPairs({
      "status bar": ".sbw-status",
      "pending bubble": ".sbw-user.sbw-pending p",
      "pending mark": ".sbw-pending-mark",
    });
    const animation = await page.locator(".sbw-msg").first().evaluate((n) => getComputedStyle(n).animationName);
    assert.equal(animation, "none");
    await context.close();
  });
});
