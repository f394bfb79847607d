import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../helpers/app-server";
import { startSmtpSink } from "../helpers/smtp-sink";

// Issue 7, against the built app in production mode (AUTH_URL set), over raw HTTP so that any header —
// Host included — can be forged: where mailed links point, whether a forged X-Forwarded-For escapes the
// per-IP sign-in limit, and whether callbackUrl can send a signed-in browser off-site.

let app: AppServer;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let failed = false;
const stamp = Date.now();

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startApp({ EMAIL_SERVER: sink.url });
});
afterEach(({ task }) => {
  if (task.result?.state === "fail") failed = true;
});
afterAll(async () => {
  if (failed) console.log(`app log:\n${app?.logs.join("")}`);
  await app?.stop();
  await sink?.close();
});

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request with exactly these headers (fetch would not let us set Host). */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Raw> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const cookiesOf = (res: Raw) => ([] as string[]).concat(res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);

/** Auth.js's own endpoint, as any HTTP client can post it: CSRF token, then the form. */
async function authJsSignIn(email: string, headers: Record<string, string> = {}, callbackUrl = "/") {
  const csrf = await raw("/api/auth/csrf", { headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ email, csrfToken, callbackUrl }).toString();
  return raw("/api/auth/signin/nodemailer", {
    method: "POST",
    headers: { ...headers, cookie: cookiesOf(csrf).join("; "), "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

/** The sign-in form's server action, posted as the page's own no-JavaScript form would post it. */
async function formSignIn(email: string, headers: Record<string, string>) {
  const page = await raw("/sign-in");
  const form = page.body.match(/<form[^>]*>([\s\S]*?)<\/form>/)![1];
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const data = new FormData();
  for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g))
    data.append(unescape(input[1]), unescape(input[2] ?? ""));
  data.set("email", email);
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  return raw("/sign-in", { method: "POST", headers: { ...headers, "content-type": encoded.headers.get("content-type")! }, body });
}

function mailedLink(to: string): URL {
  const mail = sink.mails.filter((m) => m.to === to).at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  return new URL(mail.text.match(/https?:\/\/[^\s"<>]+/)![0]);
}

const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", origin: "http://evil.example" };

describe("a forged Host / X-Forwarded-Host (finding 1)", () => {
  it("cannot happen for want of AUTH_URL: production refuses to start without it, saying so", async () => {
    await expect(startApp({ AUTH_URL: "" })).rejects.toThrow(/cannot start: .*AUTH_URL must be set in production/);
  });

  it("does not move the sign-in link mailed through the sign-in form (server action)", async () => {
    const email = `form-${stamp}@example.test`;
    const res = await formSignIn(email, FORGED);
    expect(res.status, res.body.slice(0, 500)).toBeLessThan(400);
    await sink.waitForMail(email);
    const link = mailedLink(email);
    expect(link.origin).toBe(app.url);
    expect(new URL(link.searchParams.get("callbackUrl")!).origin).toBe(app.url);
  });

  it("does not move the sign-in link mailed through Auth.js's own endpoint", async () => {
    const email = `authjs-${stamp}@example.test`;
    const res = await authJsSignIn(email, FORGED);
    expect(res.status).toBe(302);
    expect(new URL(String(res.headers.location)).origin).toBe(app.url);
    await sink.waitForMail(email);
    expect(mailedLink(email).origin).toBe(app.url);
  });
});

describe("callbackUrl (finding 4)", () => {
  let cookie = "";
  beforeAll(async () => {
    const email = `redirect-${stamp}@example.test`;
    await authJsSignIn(email, {}, "/w/new");
    await sink.waitForMail(email);
    const link = mailedLink(email);
    // the token is good; the callbackUrl in the link is the attacker's
    link.searchParams.set("callbackUrl", "//evil.example/");
    const back = await raw(link.pathname + link.search);
    expect(back.status).toBe(302);
    expect(new URL(String(back.headers.location), app.url).origin).toBe(app.url);
    cookie = cookiesOf(back).join("; ");
    expect(cookie).toContain("session-token");
  });

  const offSite = [
    "//evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/..//evil.example",
  ];

  it.each(offSite)("sends a signed-in user to a page of this site, not off-site, for %j", async (value) => {
    const res = await raw(`/sign-in?callbackUrl=${encodeURIComponent(value)}`, { headers: { cookie } });
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    const location = String(res.headers.location);
    expect(new URL(location, app.url).origin).toBe(app.url);
    expect(location).not.toMatch(/^\s*[/\\]{2}|^[a-z]+:/i);
  });

  it("still sends a signed-in user to a same-site callbackUrl", async () => {
    const res = await raw(`/sign-in?callbackUrl=${encodeURIComponent("/w/new")}`, { headers: { cookie } });
    expect(String(res.headers.location)).toMatch(/^(http:\/\/localhost:\d+)?\/w\/new$/);
  });
});

describe("a forged X-Forwarded-For (finding 2)", () => {
  it("does not escape the per-IP sign-in limit: a spray of fresh claimed IPs is cut off", async () => {
    // 20 per IP per 15-minute window; 45 attempts stay over that even if a window ends mid-spray
    const addresses = Array.from({ length: 45 }, (_, i) => `spray-${i}-${stamp}@example.test`);
    for (const [i, email] of addresses.entries()) await authJsSignIn(email, { "x-forwarded-for": `198.51.100.${i + 1}` });
    const mailed = sink.mails.filter((m) => addresses.includes(m.to)).length;
    expect(mailed).toBeLessThanOrEqual(40);
    expect(mailed).toBeLessThan(addresses.length);
  });
});
