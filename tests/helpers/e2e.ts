import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type AppServer } from "./app-server";
import { launchChromium } from "./browser";
import { startSmtpSink } from "./smtp-sink";

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

export function linkIn(mailText: string, path: RegExp): string {
  const link = mailText.match(path)?.[0];
  if (!link) throw new Error(`no link matching ${path} in:\n${mailText}`);
  return link;
}

/** Signs in through the real form and the mailed magic link; leaves the page wherever Auth.js lands. */
export async function signInByEmail(page: Page, baseUrl: string, sink: Sink, email: string, startAt = "/sign-in") {
  const before = sink.mails.filter((m) => m.to === email).length;
  if (startAt) await page.goto(`${baseUrl}${startAt}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const deadline = Date.now() + 20_000;
  while (sink.mails.filter((m) => m.to === email).length <= before) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const mail = sink.mails.filter((m) => m.to === email).at(-1)!;
  await page.goto(linkIn(mail.text, /http:\/\/localhost:\d+\/api\/auth\/callback\/nodemailer\?[^\s"<>]+/));
}

export type E2eWorld = { app: AppServer; sink: Sink; browser: Browser };

/**
 * One built app (with its own database and SMTP sink) and one Chromium per test file; the app's log is
 * printed when a test fails. Returns a getter, valid from beforeAll on.
 */
export function useBrowserApp(extraEnv: (sink: Sink) => Record<string, string> = () => ({})): () => E2eWorld {
  let world: Partial<E2eWorld> = {};
  let failed = false;
  beforeAll(async () => {
    const sink = await startSmtpSink();
    const app = await startApp({ EMAIL_SERVER: sink.url, ...extraEnv(sink) });
    world = { sink, app, browser: await launchChromium() };
  });
  afterEach(({ task }) => {
    if (task.result?.state === "fail") failed = true;
  });
  afterAll(async () => {
    if (failed) console.log(`app log:\n${world.app?.logs.join("")}`);
    await world.browser?.close();
    await world.app?.stop();
    await world.sink?.close();
  });
  return () => world as E2eWorld;
}

/** Saves a full-page screenshot when E2E_SCREENSHOTS names a folder (for people reviewing the UI). */
export async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}

/** A signed-in person over plain HTTP (no browser): a cookie jar, Auth.js's own email form, JSON calls. */
export function httpSession(app: AppServer, sink: Sink) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  async function http(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${app.url}${path}`, {
      ...init,
      redirect: "manual",
      headers: { cookie: cookie(), origin: app.url, ...init.headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return res;
  }
  return {
    http,
    cookie,
    async signIn(email: string): Promise<void> {
      const csrf = (await (await http("/api/auth/csrf")).json()) as { csrfToken: string };
      const form = new URLSearchParams({ email, csrfToken: csrf.csrfToken, callbackUrl: `${app.url}/` });
      const before = sink.mails.filter((m) => m.to === email).length;
      const posted = await http("/api/auth/signin/nodemailer", {
        method: "POST",
        body: form,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      if (posted.status >= 400) throw new Error(`sign-in form answered ${posted.status}`);
      const deadline = Date.now() + 20_000;
      while (sink.mails.filter((m) => m.to === email).length <= before) {
        if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const mail = sink.mails.filter((m) => m.to === email).at(-1)!;
      const link = linkIn(mail.text, /http:\/\/localhost:\d+\/api\/auth\/callback\/nodemailer\?[^\s"<>]+/);
      await http(link.slice(app.url.length));
      if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("no session cookie after the magic link");
    },
    async api(method: string, path: string, body?: unknown): Promise<any> {
      const res = await http(path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : null;
    },
  };
}

export const SANDBOX_AGENT_AVA = "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11";

/** A valid Create Campaign body for the sandbox. */
export function campaignBody(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    agent_id: SANDBOX_AGENT_AVA,
    start_time: "09:00",
    end_time: "17:30",
    min_calls_per_hour: 5,
    max_calls_per_hour: 40,
    ...overrides,
  };
}

// The relay of tests/helpers/tcp-proxy.ts, in a child process: the app's migrations run through it while
// the test process is blocked in spawnSync (startApp), which would stall a relay living in the test process.
const RELAY = `
const net = require("node:net");
const [host, port] = process.argv.slice(1);
const sockets = new Set();
let server = null;
let listenPort = 0;
function relay(client) {
  const up = net.connect(Number(port), host);
  for (const s of [client, up]) { sockets.add(s); s.on("error", () => {}); s.on("close", () => sockets.delete(s)); }
  client.pipe(up).pipe(client);
}
function listen() {
  server = net.createServer(relay);
  server.listen(listenPort, "127.0.0.1", () => { listenPort = server.address().port; console.log("listening " + listenPort); });
}
require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "cut") { for (const s of sockets) s.destroy(); server.close(() => console.log("cut")); }
  if (line === "restore") listen();
});
listen();
`;

/** A TCP relay to host:port that a test can cut (every connection dropped, nothing listening) and restore. */
export async function startRelayProcess(host: string, port: number) {
  const child = spawn(process.execPath, ["-e", RELAY, host, String(port)], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting: { word: string; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const i = waiting.findIndex((w) => line.startsWith(w.word));
    if (i >= 0) waiting.splice(i, 1)[0].resolve(line);
  });
  const next = (word: string) => new Promise<string>((resolve) => waiting.push({ word, resolve }));
  const listenPort = Number((await next("listening")).split(" ")[1]);
  return {
    port: () => listenPort,
    cut: async () => {
      const done = next("cut");
      child.stdin!.write("cut\n");
      await done;
    },
    restore: async () => {
      const done = next("listening");
      child.stdin!.write("restore\n");
      await done;
    },
    stop: () => void child.kill(),
  };
}
