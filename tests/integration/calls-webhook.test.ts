import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import { campaigns, jobs } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as webhookRoute from "@/app/api/webhooks/nedzo/[secret]/route";
import { requestSync } from "@/lib/calls/sync";
import { getWebhook, MAX_WEBHOOK_BYTES, rotateWebhook } from "@/lib/calls/webhook";
import { startJobWorker, stopJobWorker, Worker } from "@/lib/jobs/worker";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// Nedzo's post-conversation webhook: fire-and-forget, so the receiver is fast, idempotent and tolerant;
// the periodic sync repairs whatever a lost post missed.
const sandbox = useSandbox({ slowMs: 2500 });
const worker = new Worker({ concurrency: 10, pollMs: 100 });
afterAll(() => worker.stop());

const post = async (url: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) => {
  const secret = new URL(url).pathname.split("/").pop()!;
  const res = await webhookRoute.POST(new Request(url, { method: "POST", headers, body }), { params: Promise.resolve({ secret }) });
  return { status: res.status, body: await res.json() };
};

async function campaignWithCalls(ws: TestWorkspace) {
  const res = await call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ name: "Hooked [history:30]" }),
  });
  expect(res.status, res.text).toBe(201);
  // the create asked for a backfill of its calls: keep that for later, so the posts are all there is
  await getDb().delete(jobs).where(eq(jobs.kind, "calls.backfill"));
  const conversations = (
    await (
      await fetch(`${sandbox().url}/v1/conversations/?campaign_id=${res.body.campaign.nedzo_campaign_id}`, {
        headers: { authorization: `Bearer ${ws.token}` },
      })
    ).json()
  ).data.conversations;
  return { campaign: res.body.campaign as { id: string }, conversations: conversations as Record<string, unknown>[] };
}

const dials = async (id: string) => (await getDb().select().from(campaigns).where(eq(campaigns.id, id)))[0].dials;

describe("the webhook receiver", () => {
  it("stores a conversation once in any shape Nedzo may send it, and moves the numbers once", async () => {
    const ws = await liveWorkspace();
    const { campaign, conversations } = await campaignWithCalls(ws);
    const { url } = await getWebhook(ws.id);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/webhooks\/nedzo\/[A-Za-z0-9_-]{40,}$/);
    const [a, b, c] = conversations;
    const camel = Object.fromEntries(Object.entries(b).map(([k, v]) => [k.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()), v]));
    expect((await post(url, JSON.stringify(a))).body).toMatchObject({ stored: true });
    expect((await post(url, JSON.stringify({ data: camel }))).body).toMatchObject({ stored: true });
    expect((await post(url, JSON.stringify({ conversation: c }))).body).toMatchObject({ stored: true });
    // repeats change nothing
    const again = await Promise.all([post(url, JSON.stringify(a)), post(url, JSON.stringify({ data: a })), post(url, JSON.stringify(a))]);
    expect(again.map((r) => [r.status, r.body.stored])).toEqual([
      [200, false],
      [200, false],
      [200, false],
    ]);
    await worker.drain(); // the recount the posts asked for (one job per campaign, however many posts)
    expect(await dials(campaign.id)).toBe(3);
    const stored = await getDb().select().from(calls).where(eq(calls.campaignId, campaign.id));
    expect(stored.map((s) => s.source)).toEqual(["webhook", "webhook", "webhook"]);

    // a sync afterwards repairs what posts missed, and counts the posted ones once
    await requestSync(ws.id);
    await worker.drain();
    const all = await getDb().select().from(calls).where(eq(calls.campaignId, campaign.id));
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(await dials(campaign.id)).toBe(all.length);
  });

  it("answers 400 to what is not JSON or has no conversation id, 413 past its bound, and writes nothing", async () => {
    const ws = await liveWorkspace();
    const { url } = await getWebhook(ws.id);
    expect((await post(url, "not json")).status).toBe(400);
    expect((await post(url, JSON.stringify({ data: { summary: "no id" } }))).status).toBe(400);
    expect((await post(url, JSON.stringify([1, 2]))).status).toBe(400);
    expect((await post(url, JSON.stringify({ id: "x", transcript: "y".repeat(MAX_WEBHOOK_BYTES) }))).status).toBe(413);
    expect(await getDb().select().from(calls).where(eq(calls.workspaceId, ws.id))).toHaveLength(0);
  });

  it("answers 404 to an unknown secret, and to the old URL after a rotation", async () => {
    const ws = await liveWorkspace();
    const { url: old } = await getWebhook(ws.id);
    const actor = { userId: ws.owner.id, email: ws.owner.email, viaWorkspaceId: null, ip: null, userAgent: null };
    const { url: fresh } = await rotateWebhook(ws.id, actor);
    expect(fresh).not.toBe(old);
    const body = JSON.stringify({ id: "conv-rotated" });
    expect((await post(old, body)).status).toBe(404);
    expect((await post(fresh, body)).status).toBe(200);
    expect((await post(`${fresh.slice(0, -3)}abc`, body)).status).toBe(404);
    // a refused body is still a 404 at a URL that is not ours: nothing says the secret was close
    expect((await post(old, "not json")).status).toBe(404);
    expect((await post(old, JSON.stringify({ summary: "no id" }))).status).toBe(404);
    expect((await getWebhook(ws.id)).url).toBe(fresh);
  });

  it("takes 50 concurrent posts for one campaign: all 2xx, the numbers right within 2 s, recounted a few times, not 50", async () => {
    const ws = await liveWorkspace();
    const { campaign, conversations } = await campaignWithCalls(ws);
    const { url } = await getWebhook(ws.id);
    // count the recounts the posts cause: wrap the registered handler (the worker looks it up per claim)
    const registry = (globalThis as { __campaignConsoleHandlers?: Map<string, { handler: (j: unknown) => Promise<void> }> })
      .__campaignConsoleHandlers!;
    const recount = registry.get("calls.recount")!;
    let recounts = 0;
    const original = recount.handler;
    recount.handler = async (job) => {
      recounts += 1;
      return original(job);
    };
    // the process's worker, polling rarely: only the posts' wake can run the recount within 2 s
    startJobWorker({ concurrency: 10, pollMs: 10_000 });
    await new Promise((r) => setTimeout(r, 300)); // its first look for work is over
    try {
      const posts = Array.from({ length: 50 }, (_, i) => ({ ...conversations[i % conversations.length], id: `storm-${i}` }));
      const answers = await Promise.all(posts.map((c) => post(url, JSON.stringify(c))));
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
      const sent = performance.now();
      while ((await dials(campaign.id)) !== 50 && performance.now() - sent < 2_000) await new Promise((r) => setTimeout(r, 25));
      expect(await dials(campaign.id)).toBe(50);
      expect(recounts).toBeGreaterThanOrEqual(1);
      expect(recounts).toBeLessThanOrEqual(5);
    } finally {
      recount.handler = original;
      await stopJobWorker();
    }
    const [endpoint] = await getDb()
      .execute<{ last_received_at: string | null }>(sql`select last_received_at from webhook_endpoints where workspace_id = ${ws.id}`)
      .then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { last_received_at: string | null }[] }).rows));
    expect(endpoint.last_received_at).not.toBeNull();
  });
});
