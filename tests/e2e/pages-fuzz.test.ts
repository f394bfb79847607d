import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { startApp, type AppServer } from "../helpers/app-server";
import { linkIn } from "../helpers/e2e";
import { startSmtpSink } from "../helpers/smtp-sink";
import { encodeCursor } from "@/lib/api/pagination";

// Issue 7: console pages answered 500 to hostile query strings (`?q=%00`, `?q=a&q=b`, forged cursors,
// out-of-range dates). The built app, a signed-in owner, plain HTTP (no browser): never a 5xx, and the
// page itself (not an error page) comes back. PAGES_FUZZ_RUNS raises the count.

const RUNS = Number(process.env.PAGES_FUZZ_RUNS ?? 40);
let app: AppServer;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let failed = false;
const jar = new Map<string, string>();
let slug = "";
let tried = 0;

const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keepCookies(res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

async function http(path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${app.url}${path}`, {
    ...init,
    redirect: "manual",
    headers: { cookie: cookieHeader(), origin: app.url, ...init.headers },
  });
  keepCookies(res);
  return res;
}

/** Signs in as Auth.js's own email form does: CSRF token, POST, then the mailed link. */
async function signIn(email: string) {
  const csrf = (await (await http("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = new URLSearchParams({ email, csrfToken: csrf.csrfToken, callbackUrl: `${app.url}/` });
  const posted = await http("/api/auth/signin/nodemailer", {
    method: "POST",
    body: form,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(posted.status).toBeLessThan(400);
  const mail = await sink.waitForMail(email);
  const link = linkIn(mail.text, /http:\/\/localhost:\d+\/api\/auth\/callback\/nodemailer\?[^\s"<>]+/);
  const back = await http(link.slice(app.url.length));
  expect(back.status).toBeLessThan(400);
  expect([...jar.keys()].some((k) => k.includes("session-token"))).toBe(true);
}

async function api(method: string, path: string, body?: unknown) {
  const res = await http(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startApp({ EMAIL_SERVER: sink.url });
  await signIn(`pages-fuzz-${Date.now()}@example.test`);
  const { workspace } = await api("POST", "/api/v1/workspaces", { name: "Fuzzed Pages" });
  slug = workspace.slug;
  await api("PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, { mode: "sandbox" });
});
afterEach(({ task }) => {
  if (task.result?.state === "fail") failed = true;
});
afterAll(async () => {
  if (failed) console.log(`app log:\n${app?.logs.join("")}`);
  console.info(`[pages-fuzz] requests: ${tried}`);
  await app?.stop();
  await sink?.close();
});

// Raw query strings, percent-encoding included: NUL, repeated and array-style keys, forged cursors,
// out-of-range and impossible dates, broken escapes.
const enc = encodeURIComponent;
const b64 = (s: string) => Buffer.from(s).toString("base64url");
const UUID = "0b7c9e11-3f1c-4a4e-8b7d-6a0d5b7c9e11";
const cursorValues = fc.oneof(
  fc.constantFrom(
    b64(`2024-01-01T00:00:00.000Z|${"-".repeat(36)}`),
    b64(`+275760-09-13T00:00:00.000Z|${UUID}`),
    b64(`-271821-04-20T00:00:00.000Z|${UUID}`),
    b64(`0000-01-01T00:00:00.000Z|${UUID}`),
    b64(`2024-01-01T00:00:00.000Z|${UUID}|x`),
    encodeCursor({ createdAt: new Date("2024-01-01T00:00:00Z"), id: UUID }),
    "!!!",
    "A".repeat(5_000),
  ),
  fc
    .tuple(fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }), fc.string({ maxLength: 40 }))
    .map(([d, id]) => b64(`${d.toISOString()}|${id}`)),
);
const dateValues = fc.constantFrom(
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "0000-01-01",
  "9999-99-99",
  "2024-02-30",
  "10000-01-01",
  "2024-05-01",
  "yesterday",
  "",
);
const rawValues = fc.oneof(
  fc.string({ maxLength: 30 }).map(enc),
  fc.constantFrom(
    "%00",
    "a%00b",
    "%",
    "%E0%A4%A",
    "%FF",
    "%C0%80",
    "%EF%BB%BF",
    "'%3B--",
    "%3Cscript%3E",
    "created",
    "failed",
    "workspace.create",
  ),
  cursorValues.map(enc),
  dateValues.map(enc),
);
const rawKeys = fc.constantFrom(
  "q",
  "status",
  "cursor",
  "limit",
  "action",
  "actor_id",
  "actor",
  "from",
  "to",
  "q[]",
  "status[]",
  "%00",
  "q%00",
  "constructor",
  "__proto__",
);
/** Entries, not a dictionary: keys repeat. */
const rawQuery = fc
  .array(fc.tuple(rawKeys, rawValues), { minLength: 1, maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

const pages = [
  { name: "Campaigns", path: () => `/w/${slug}`, heading: "Campaigns" },
  { name: "Audit trail", path: () => `/w/${slug}/audit`, heading: "Audit trail" },
];

async function expectPage(path: string, heading: string) {
  tried += 1;
  const res = await http(path);
  const html = await res.text();
  expect(res.status, `${path}\n${html.slice(0, 200)}`).toBeLessThan(500);
  expect(res.status, path).toBe(200);
  expect(html, path).toContain(`>${heading}</h1>`);
}

const onceGave500 = [
  "q=%00",
  "q=a&q=b",
  "status=created&status=failed",
  "action=%00",
  "action=a&action=b",
  "from=0000-01-01",
  "to=9999-99-99",
  `from=${enc("-271821-04-20T00:00:00Z")}`,
  `cursor=${b64(`2024-01-01T00:00:00.000Z|${"-".repeat(36)}`)}`,
  `cursor=${b64(`+275760-09-13T00:00:00.000Z|${UUID}`)}`,
];

describe.each(pages)("$name page: the shapes that once gave 500", ({ path, heading }) => {
  it.each(onceGave500)("?%s renders the page", async (query) => {
    await expectPage(`${path()}?${query}`, heading);
  });
});

describe("console pages never answer 5xx to their query string", () => {
  it.each(pages)("$name: any query string (fast-check)", async ({ path, heading }) => {
    await fc.assert(
      fc.asyncProperty(rawQuery, async (query) => expectPage(`${path()}?${query}`, heading)),
      { numRuns: RUNS },
    );
  });

  it("every other console page, and the signed-out pages, shrug off the same shapes", async () => {
    const others = [`/w/${slug}/members`, `/w/${slug}/settings`, `/w/${slug}/campaigns/new`, "/w/new", "/invitations/accept"];
    const shapes = [
      ...onceGave500,
      "token=a&token=b",
      "token=%00",
      "callbackUrl=%00",
      "callbackUrl=a&callbackUrl=b",
      "error=%00&error=x",
      "%E0%A4%A=%FF",
    ];
    for (const path of others)
      for (const query of shapes) {
        tried += 1;
        const res = await http(`${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBeLessThan(500);
      }
    const session = new Map(jar);
    jar.clear();
    try {
      for (const path of ["/sign-in", "/sign-in/check-email", "/invitations/accept", "/"])
        for (const query of shapes) {
          tried += 1;
          const res = await http(`${path}?${query}`);
          expect(res.status, `signed out: ${path}?${query}`).toBeLessThan(500);
        }
    } finally {
      for (const [k, v] of session) jar.set(k, v);
    }
  });

  it("says which part of the link it left out", async () => {
    const res = await http(`/w/${slug}?q=%00&status=done`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/could not read \(q, status\)/);
  });
});
