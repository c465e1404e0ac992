// Shared helpers for the browser tests: start and stop the real servers, launch Debian's
// Chromium through playwright-core, and a few assertions about colours and requests.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { chromium } from "playwright-core";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SCREENSHOTS = path.join(REPO, "tests", "e2e", "browser", "screenshots");
const PYTHON = path.join(REPO, ".venv", "bin", "python");
const RASA = path.join(REPO, ".venv", "bin", "rasa");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const QUIET_ENV = {
  RASA_TELEMETRY_ENABLED: "false",
  TF_CPP_MIN_LOG_LEVEL: "3",
  SQLALCHEMY_SILENCE_UBER_WARNING: "1",
  PYTHONUNBUFFERED: "1",
};

// The widget's strings tables ({en: {...}, es: {...}}) as web/widget/strings.js defines them.
export function loadStrings() {
  const sandbox = { window: { __smileChatWidget: {} } };
  vm.runInNewContext(readFileSync(path.join(REPO, "web", "widget", "strings.js"), "utf8"), sandbox);
  return sandbox.window.__smileChatWidget.strings;
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name + ".png");
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A timer that does not keep Node alive after everything else is done.
const quietSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

// A child process in its own process group, so stop() also ends whatever it started.
export function startProcess(name, command, args, { env = {}, cwd = REPO } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...QUIET_ENV, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return {
    name,
    child,
    exited,
    output: () => output,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch (_) {
        return;
      }
      const done = await Promise.race([exited.then(() => true), quietSleep(8000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch (_) {
          /* already gone */
        }
        await exited;
      }
    },
  };
}

// Polls url until it answers (any HTTP status) or the process dies or time runs out.
export async function waitForHttp(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && !proc.running) {
      throw new Error(`${proc.name} exited before ${url} answered. Its output:\n${proc.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch (_) {
      await sleep(300);
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s. ${proc ? proc.name + " output:\n" + proc.output() : ""}`);
}

export async function startWeb({ rasaUrl, port = null }) {
  port = port || (await freePort());
  const web = startProcess("web server (bot.web)", PYTHON, ["-m", "bot.web", "--port", String(port), "--rasa-url", rasaUrl]);
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, web, 15000);
  return { proc: web, url, port };
}

export function latestModel() {
  const dir = path.join(REPO, "models");
  if (!existsSync(dir)) return null;
  const models = readdirSync(dir).filter((name) => name.endsWith(".tar.gz"));
  return models.length ? path.join(dir, models.sort().at(-1)) : null;
}

// endpoints.yml fixes the action server at 5055. With REUSE_ACTION_SERVER=1 an action server
// already running there (say, from `make run`) is used instead of failing; it is not stopped.
export async function startActionServer() {
  if (!(await portIsFree(5055))) {
    if (process.env.REUSE_ACTION_SERVER === "1") {
      await waitForHttp("http://127.0.0.1:5055/health", null, 5000);
      return { name: "action server (reused)", stop: async () => {}, output: () => "", running: true };
    }
    throw new Error(
      "Port 5055 is taken: endpoints.yml fixes the action server there. Stop whatever listens on 5055 " +
        "(or set REUSE_ACTION_SERVER=1 to use it) and run the tests again."
    );
  }
  const actions = startProcess("action server", PYTHON, ["-m", "components.action_server", "--actions", "actions", "--port", "5055"]);
  await waitForHttp("http://127.0.0.1:5055/health", actions, 60000);
  return actions;
}

// The test conversations go to a throw-away SQLite tracker store (unless TRACKER_STORE_URL is
// set), so they neither mix with nor lock the development database in var/.
export async function startRasa({ webPort, port = null }) {
  port = port || (await freePort());
  const scratch = mkdtempSync(path.join(os.tmpdir(), "widget-e2e-"));
  const env = process.env.TRACKER_STORE_URL ? {} : { TRACKER_STORE_URL: `sqlite:///${scratch}/tracker.db` };
  const rasa = startProcess("rasa server", RASA, [
    "run",
    "--model", "models",
    "--credentials", "credentials.yml",
    "--endpoints", "endpoints.yml",
    "--port", String(port),
    "--interface", "127.0.0.1",
    "--cors", `http://127.0.0.1:${webPort}`,
  ], { env });
  const stop = rasa.stop;
  rasa.stop = async () => {
    await stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  await waitForHttp(`http://127.0.0.1:${port}/`, rasa, 120000);
  return { proc: rasa, url: `http://127.0.0.1:${port}`, port };
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run tests/e2e/browser/run.sh (it installs Debian's chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

// Records every request and page error; the caller asserts the page stayed within its origins.
export function watchPage(page, allowedOrigins) {
  const seen = { requests: [], foreign: [], errors: [], dialogs: [] };
  page.on("request", (request) => {
    const url = request.url();
    seen.requests.push(url);
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (!allowedOrigins.some((origin) => url.startsWith(origin))) seen.foreign.push(url);
  });
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  return seen;
}

// WCAG 2.1 contrast of two CSS rgb()/rgba() colours (alpha ignored: the tests pick opaque pairs).
export function contrastRatio(a, b) {
  const luminance = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Text colour and effective background (first non-transparent ancestor) of the first match.
export async function colours(page, selector) {
  return page.locator(selector).first().evaluate((node) => {
    const fg = getComputedStyle(node).color;
    let el = node;
    let bg = "rgba(0, 0, 0, 0)";
    while (el) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && c !== "transparent" && !/rgba\(.*,\s*0\)$/.test(c)) {
        bg = c;
        break;
      }
      el = el.parentElement;
    }
    if (bg === "rgba(0, 0, 0, 0)") bg = "rgb(255, 255, 255)";
    return { fg, bg };
  });
}

// The demo page served by bot.web, pointed at a port where nothing listens (the tests' fake
// socket.io client answers instead), and a browser: started before the file's tests, stopped after.
export function withDemoPage() {
  const stack = { browser: null, web: null, rasaUrl: null };
  before(async () => {
    stack.rasaUrl = `http://127.0.0.1:${await freePort()}`;
    stack.web = await startWeb({ rasaUrl: stack.rasaUrl });
    stack.browser = await launchBrowser();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.web?.proc.stop();
  });
  return stack;
}


// Drops the fake server's connection and waits until the widget shows that it is reconnecting;
// returns the status line.
export async function goOffline(page) {
  await page.evaluate(() => window.__server.drop());
  const status = page.locator(".sbw-status");
  await status.waitFor({ state: "visible" });
  return status;
}
