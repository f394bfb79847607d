import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { campaignBody, SANDBOX_AGENT_AVA, signInByEmail } from "../helpers/e2e";
import {
  callApi,
  freshToken,
  liveWorkspace,
  mustCall,
  POSTGRES_BASE,
  postgresReachable,
  sessionCookie,
  useScaleOut,
  type SandboxHit,
} from "../helpers/scale-out";

// Issue 10, scale-out: two `next start` instances of the one build (A and B) share one PostgreSQL, and
// sessions, idempotency, pacing, the job queue, sync locks and live updates hold across them — each
// proved by its own test, against one shared sandbox Nedzo that records which instance sent what, when.
// Issue 9's "done when": a campaign created on A appears live on a page served by B, and a webhook
// received by A moves the numbers on a page served by B, each within 2 s without a reload.

const onPostgres = await postgresReachable();
if (!onPostgres) console.warn(`[scale-out] no PostgreSQL at ${POSTGRES_BASE}: skipped`);

const SLOT_MS = 1000; // Nedzo's write pace: 1 request/s per token (NEDZO_WRITES_PER_SEC's default)
/** One sandbox call per minute: no simulated call exists in a campaign's first minute to blur a count. */
const quiet = (name: string) => campaignBody(name, { min_calls_per_hour: 0, max_calls_per_hour: 1 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!onPostgres)("two app instances, one PostgreSQL", () => {
  const world = useScaleOut();
  let cookie: string;

  const campaignsPath = (workspaceId: string) => `/api/v1/workspaces/${workspaceId}/campaigns`;
  const writesOf = (token: string): SandboxHit[] =>
    world()
      .sandbox.hits.filter((h) => h.token === token && h.method !== "GET")
      .sort((x, y) => x.at - y.at);
  const upstreamCampaigns = (token: string) =>
    world()
      .sandbox.campaigns()
      .filter((c) => c.token === token);

  beforeAll(async () => {
    cookie = await sessionCookie(world().a, world().sink, `scale-owner-${Date.now()}@example.test`);
  });

  it("sessions: signed in through A, the same cookie is a session on B (API and page), and signing out on B ends it on A", async () => {
    const { a, b, sink, browser } = world();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = `scale-session-${Date.now()}@example.test`;
    await signInByEmail(page, a.url, sink, email);
    await page.waitForURL(`${a.url}/w/new`);

    // the cookie is the host's (localhost), not the port's: the browser sends it to B too
    const session = (await context.cookies(b.url)).find((c) => c.name === "authjs.session-token");
    expect(session?.value).toBeTruthy();
    const me = await page.request.get(`${b.url}/api/v1/me`);
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);

    await page.goto(`${b.url}/w/new`);
    expect(new URL(page.url()).origin).toBe(b.url); // not sent to sign in
    await page.getByLabel("Workspace name").waitFor();
    expect(await page.getByTestId("signed-in-as").textContent()).toBe(email);

    // a browser without it is nobody on B
    const stranger = await browser.newContext();
    expect((await stranger.request.get(`${b.url}/api/v1/me`)).status()).toBe(401);
    await stranger.close();

    // one session row for both: signing out on B (its server action) ends the session on A as well
    const held = `authjs.session-token=${session!.value}`;
    expect((await callApi(a, held, "GET", "/api/v1/me")).status).toBe(200);
    await page.goto(`${b.url}/sign-out`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await callApi(a, held, "GET", "/api/v1/me")).status).toBe(401);
    await context.close();
  });

  it("idempotency: one Idempotency-Key sent to A and to B at the same moment is one campaign and one upstream create", async () => {
    const { a, b } = world();
    const token = freshToken("idem");
    const ws = await liveWorkspace(a, cookie, "Idempotent Outreach", token);
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const key = `scale-idem-${round}-${randomUUID()}`;
      const body = quiet(`Same key ${round}`);
      const [fromA, fromB] = await Promise.all(
        [a, b].map((app) => callApi(app, cookie, "POST", campaignsPath(ws.id), body, { "idempotency-key": key })),
      );
      expect([fromA.status, fromB.status], JSON.stringify([fromA.body, fromB.body])).toEqual([201, 201]);
      expect(fromB.body.campaign.id).toBe(fromA.body.campaign.id);
      expect(fromA.body.campaign.nedzo_campaign_id).toBeTruthy();
      expect(fromB.body.campaign.nedzo_campaign_id).toBe(fromA.body.campaign.nedzo_campaign_id);
      // the same key with another body, on the other instance: refused, nothing sent
      const reused = await callApi(b, cookie, "POST", campaignsPath(ws.id), quiet(`Other body ${round}`), { "idempotency-key": key });
      expect(reused.status).toBe(409);
    }
    const listed = await mustCall(b, cookie, "GET", `${campaignsPath(ws.id)}?limit=50`);
    expect(listed.campaigns).toHaveLength(rounds);
    expect(upstreamCampaigns(token)).toHaveLength(rounds);
    expect(writesOf(token)).toHaveLength(rounds);
  });

  it("pacing: creates for one token sent to both instances at once reach Nedzo one slot apart, and none is refused", async () => {
    const { a, b } = world();
    const token = freshToken("pace");
    const ws = await liveWorkspace(b, cookie, "Paced Outreach", token);
    const n = 8;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => callApi(i % 2 ? b : a, cookie, "POST", campaignsPath(ws.id), quiet(`Paced ${i}`))),
    );
    expect(
      answers.map((x) => x.status),
      JSON.stringify(answers.map((x) => x.body)),
    ).toEqual(Array(n).fill(201));

    const writes = writesOf(token);
    expect(writes.map((h) => h.status)).toEqual(Array(n).fill(201)); // no 429 at Nedzo, so none to retry
    expect(new Set(writes.map((h) => h.via))).toEqual(new Set(["a", "b"])); // both instances sent
    // any k+1 consecutive writes span at least k slots: the instances share one pace, not one each
    // (a write may leave late — a loaded machine — never early; 250 ms allows for one that left late)
    const gaps: number[] = [];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) expect(writes[j].at - writes[i].at).toBeGreaterThanOrEqual((j - i) * SLOT_MS - 250);
    for (let i = 1; i < n; i++) gaps.push(writes[i].at - writes[i - 1].at);
    console.log(`[scale-out] pacing: ${n} creates from both instances, gaps ${gaps.join(", ")} ms`);
    expect(world().sandbox.rateLimited()).toBe(0);
  });

  it("sync locks: Sync now on both instances at once never runs two syncs of one workspace at the same time, and is never swallowed", async () => {
    const { a, b, sandbox } = world();
    const token = freshToken("sync");
    const ws = await liveWorkspace(a, cookie, "Synced Outreach", token);
    // the workspace's sync reads (the campaign's own backfill is another job: it names campaign_id)
    const syncReads = () =>
      sandbox.hits
        .filter((h) => h.token === token && h.path === "/v1/conversations" && !h.query.has("campaign_id"))
        .sort((x, y) => x.at - y.at);
    const runStarts = () => syncReads().filter((h) => h.query.get("skip") === "0");
    // three pages of history: a first sync reads several pages, one after the other
    await mustCall(a, cookie, "POST", campaignsPath(ws.id), quiet("Long history [history:2500]"));
    // a slow Nedzo: two syncs running at once could not help overlapping their reads
    sandbox.setConversationDelay(1200);
    let lastAsked = 0;
    try {
      for (let round = 0; round < 3; round++) {
        lastAsked = Date.now();
        await Promise.all([a, b].map((app) => mustCall(app, cookie, "POST", `/api/v1/workspaces/${ws.id}/sync`)));
        await sleep(1500);
      }
      // the last Sync now (pressed while a sync may be running) gets a run of its own, which then ends
      await expect
        .poll(
          async () =>
            runStarts().some((r) => r.at >= lastAsked) &&
            (await mustCall(b, cookie, "GET", `/api/v1/workspaces/${ws.id}/sync`)).sync.status === "idle",
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true);
    } finally {
      sandbox.setConversationDelay(0);
    }
    const { sync } = await mustCall(a, cookie, "GET", `/api/v1/workspaces/${ws.id}/sync`);
    const upstream = sandbox.campaigns().find((c) => c.token === token)!;
    expect(sync.calls).toBeGreaterThanOrEqual(2500); // every call, each stored once (the sandbox adds one a minute)
    expect(sync.calls).toBeLessThanOrEqual(2500 + Math.ceil((Date.now() - upstream.created_at) / 60_000));

    const reads = syncReads();
    const runs = runStarts();
    const answeredAfter = runs.find((r) => r.at >= lastAsked)!.at - lastAsked;
    console.log(
      `[scale-out] sync: ${runs.length} runs (by ${runs.map((r) => r.via).join(", ")}), ${reads.length} page reads, none overlapping; the last Sync now started a run after ${answeredAfter} ms`,
    );
    for (let i = 1; i < reads.length; i++) {
      // each read starts only after the one before was answered, whichever instance made either
      expect(reads[i].at, `read ${i} (${reads[i].via}) began before read ${i - 1} (${reads[i - 1].via}) ended`).toBeGreaterThanOrEqual(
        reads[i - 1].done,
      );
    }
    const [{ n }] = await world().sql<{ n: number }[]>`select count(*)::int as n from jobs where key = ${`sync:${ws.id}`}`;
    expect(n).toBe(1); // one sync job for the workspace, however many instances asked
  });

  describe("live updates across instances (issue 9's done-when)", () => {
    let context: BrowserContext;
    let page: Page;
    let ws: { id: string; slug: string };
    let campaign: { id: string; name: string; nedzo_campaign_id: string };

    beforeAll(async () => {
      const { a, browser } = world();
      ws = await liveWorkspace(a, cookie, "Live Outreach", freshToken("live"));
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const at = cookie.indexOf("=");
      const [name, value] = [cookie.slice(0, at), cookie.slice(at + 1)];
      await context.addCookies([{ name, value, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
      // counts the event streams' `ready` events (a test knows the page listens before it acts) and notes when
      // each `campaign` event arrived, to tell the event's delay from the page's re-render
      await context.addInitScript(() => {
        const Original = window.EventSource;
        const w = window as unknown as { __sseReady: number; __sseCampaignAt: number[] };
        w.__sseReady = 0;
        w.__sseCampaignAt = [];
        window.EventSource = class extends Original {
          constructor(url: string | URL, init?: EventSourceInit) {
            super(url, init);
            this.addEventListener("ready", () => (w.__sseReady += 1));
            this.addEventListener("campaign", () => w.__sseCampaignAt.push(Date.now()));
          }
        } as typeof EventSource;
      });
      page = await context.newPage();
    });

    /** Opens a page of B, waits until its event stream is open, and marks the document to detect a reload. */
    async function openOnB(path: string, heading: string) {
      const { b } = world();
      await page.goto(`${b.url}${path}`);
      await page.getByRole("heading", { name: heading }).waitFor();
      await page.waitForFunction(() => (window as unknown as { __sseReady: number }).__sseReady > 0, null, { timeout: 10_000 });
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    }
    /** When the page's event stream first carried a campaign event after `since` (ms since `since`). */
    const eventDelay = (since: number) =>
      page.evaluate((t) => {
        const at = (window as unknown as { __sseCampaignAt: number[] }).__sseCampaignAt.find((x) => x >= t);
        return at === undefined ? null : at - t;
      }, since);
    const sameDocument = () => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

    it("a campaign created through A's API appears on the campaign list served by B within 2 s, without a reload", async () => {
      const { a } = world();
      await openOnB(`/w/${ws.slug}`, "Campaigns");
      const name = "Made on A";
      expect(await page.getByRole("link", { name }).count()).toBe(0);
      const started = Date.now();
      const answer = await callApi(a, cookie, "POST", campaignsPath(ws.id), quiet(name));
      expect(answer.status).toBe(201);
      await page.getByRole("link", { name }).waitFor({ timeout: 10_000 });
      const delay = Date.now() - started;
      console.log(
        `[scale-out] live: created on A, listed on B after ${delay} ms (its event reached the page after ${await eventDelay(started)} ms)`,
      );
      expect(delay).toBeLessThanOrEqual(2000);
      expect(await sameDocument()).toBe(true);
      campaign = answer.body.campaign;
    });

    it("a webhook received by A moves the numbers on the campaign page served by B within 2 s, without a reload", async () => {
      const { a, b } = world();
      await openOnB(`/w/${ws.slug}/campaigns/${campaign.id}`, campaign.name);
      // appointments booked, as a person reads it: the KPI ("Appointments booked"), or the "Calls by outcome" row
      const booked = () =>
        page.evaluate(() => {
          const kpi = [...document.querySelectorAll("dt")].find((dt) => dt.textContent?.trim() === "Appointments booked");
          if (kpi?.nextElementSibling) return kpi.nextElementSibling.textContent?.trim() ?? null;
          const table = [...document.querySelectorAll("table")].find((t) => t.caption?.textContent === "Calls by outcome");
          const row = [...(table?.querySelectorAll("tr") ?? [])].find(
            (r) => r.querySelector("th")?.textContent?.trim() === "Appointment booked",
          );
          return row?.querySelector("td")?.textContent?.trim() ?? null;
        });
      expect(await booked()).toBe("0");

      // the URL B shows is on B's origin; Nedzo posts to whichever instance the URL names: here A
      const { webhook } = await mustCall(b, cookie, "GET", `/api/v1/workspaces/${ws.id}/webhook`);
      const hook = new URL(new URL(webhook.url).pathname, a.url);
      const now = Date.now();
      const conversation = {
        id: randomUUID(),
        campaign_id: campaign.nedzo_campaign_id,
        agent_id: SANDBOX_AGENT_AVA,
        contact_phone_number: "+15550123456",
        started: new Date(now - 150_000).toISOString(),
        ended: new Date(now - 30_000).toISOString(),
        ended_reason: "customer-ended-call",
        length_in_seconds: 120,
        length_in_minutes: 2,
        outcome: "Appointment Booked",
        summary: "Booked for Thursday.",
      };
      const started = Date.now();
      const posted = await fetch(hook, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(conversation),
      });
      expect(posted.status).toBe(200);
      expect(await posted.json()).toMatchObject({ stored: true });
      await expect.poll(booked, { timeout: 10_000, interval: 50 }).toBe("1");
      const delay = Date.now() - started;
      console.log(
        `[scale-out] live: webhook on A, numbers on B after ${delay} ms (its event reached the page after ${await eventDelay(started)} ms)`,
      );
      expect(delay).toBeLessThanOrEqual(2000);
      const { campaign: moved } = await mustCall(b, cookie, "GET", `${campaignsPath(ws.id)}/${campaign.id}`);
      expect(moved).toMatchObject({ dials: 1, total_pickups: 1, total_positive_outcomes: 1, outcome_appointment_booked: 1 });
      expect(await sameDocument()).toBe(true);
    });
  });

  // last: it kills instance A
  it("the job queue: creates waiting on A when A is killed (SIGKILL) are sent by B — none lost, none sent twice", async () => {
    const { a, b, sql } = world();
    const token = freshToken("crash");
    const ws = await liveWorkspace(b, cookie, "Crash Outreach", token);
    const n = 6;
    // six at once on A: A sends one per slot and holds the others' jobs (leased) while they wait
    const requests = Array.from({ length: n }, (_, i) =>
      callApi(a, cookie, "POST", campaignsPath(ws.id), quiet(`Crash ${i}`), { "idempotency-key": `crash-${i}-${randomUUID()}` }).catch(
        (error: Error) => error,
      ),
    );
    await expect.poll(() => writesOf(token).length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    await sleep(SLOT_MS / 2); // between two slots: nothing on the wire
    const sentByA = writesOf(token).length;
    const killedAt = Date.now();
    await a.kill();
    const answers = await Promise.all(requests);
    expect(answers.filter((x) => x instanceof Error).length).toBe(n - sentByA); // their requests died with A
    expect(sentByA).toBeLessThan(n);

    // B claims the dead holder's jobs once their lease ends (20 s) and sends each once, in its slot
    await expect
      .poll(
        async () =>
          ((await mustCall(b, cookie, "GET", `${campaignsPath(ws.id)}?limit=50`)).campaigns as { status: string }[])
            .map((c) => c.status)
            .sort(),
        { timeout: 90_000, interval: 500 },
      )
      .toEqual(Array(n).fill("created"));
    const writes = writesOf(token);
    expect(writes).toHaveLength(n);
    expect(new Set(upstreamCampaigns(token).map((c) => c.name)).size).toBe(n);
    const afterKill = writes.filter((h) => h.at > killedAt);
    expect(afterKill).toHaveLength(n - sentByA);
    expect(afterKill.every((h) => h.via === "b")).toBe(true);
    console.log(
      `[scale-out] queue: A sent ${sentByA}, killed; B sent ${afterKill.length}, the first ${afterKill[0].at - killedAt} ms after the kill`,
    );
    const [{ left }] = await sql<{ left: number }[]>`
      select count(*)::int as left from jobs where kind = 'campaign.create' and payload->>'workspace_id' = ${ws.id}`;
    expect(left).toBe(0);
  });
});
