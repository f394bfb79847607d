import { describe, expect, it } from "vitest";
import { createSandbox } from "@/lib/nedzo/sandbox/handler";
import { TokenBucketLimiter } from "@/lib/nedzo/sandbox/rate-limiter";

describe("sandbox rate limiter", () => {
  it("allows the burst, then answers with an honest Retry-After, then refills at the rate", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(1, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take("k").ok)).toEqual([true, true, true]);
    expect(limiter.take("k")).toEqual({ ok: false, retryAfterSec: 1 });
    expect(limiter.take("other").ok).toBe(true);
    now = 1000;
    expect(limiter.take("k").ok).toBe(true);
  });
});

describe("sandbox conversations", () => {
  it("accumulates simulated conversations for a created campaign and counts them", async () => {
    let now = Date.parse("2026-01-01T10:00:00Z");
    const sandbox = createSandbox({ now: () => now });
    const auth = { authorization: "Bearer sk_test_conversations1" };
    const res = await sandbox.handle(
      new Request("http://sandbox/v1/campaign/", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          name: "c",
          agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
          start_time: "09:00",
          end_time: "17:00",
          min_calls_per_hour: 1,
          max_calls_per_hour: 60,
        }),
      }),
    );
    const { data } = await res.json();
    now += 60_000; // 60 calls/h, simulated 60× faster: one a second
    const list = await (
      await sandbox.handle(new Request(`http://sandbox/v1/conversations/?campaign_id=${data.campaign.id}&limit=10`, { headers: auth }))
    ).json();
    expect(list.data.totalCount).toBe(60);
    expect(list.data.conversations).toHaveLength(10);
    const other = await (
      await sandbox.handle(new Request(`http://sandbox/v1/conversations/`, { headers: { authorization: "Bearer sk_test_someoneelse" } }))
    ).json();
    expect(other.data.totalCount).toBe(0);
    const one = await sandbox.handle(new Request(`http://sandbox/v1/conversation/${list.data.conversations[0].id}`, { headers: auth }));
    expect(one.status).toBe(200);
  });

  it("answers 401 with Nedzo's problem body for a missing or unknown key", async () => {
    const sandbox = createSandbox();
    const res = await sandbox.handle(new Request("http://sandbox/v1/agents"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      type: "https://api.nedzo.ai/errors/unauthorized",
      title: "Unauthorized",
      status: 401,
      detail: "Invalid or missing API key",
    });
  });
});

describe("the sandbox lives", () => {
  const auth = { authorization: "Bearer sk_test_history0001" };
  const create = (sandbox: ReturnType<typeof createSandbox>, name: string) =>
    sandbox.handle(
      new Request("http://sandbox/v1/campaign/", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          name,
          agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
          start_time: "09:00",
          end_time: "17:00",
          min_calls_per_hour: 1,
          max_calls_per_hour: 60,
        }),
      }),
    );

  it("gives a campaign named [history:N] N past calls, newest first, paged by skip and limit", async () => {
    const now = Date.parse("2026-01-01T10:00:00Z");
    const sandbox = createSandbox({ now: () => now });
    await create(sandbox, "Backfill [history:2500]");
    const page = async (skip: number) =>
      (await (await sandbox.handle(new Request(`http://sandbox/v1/conversations/?skip=${skip}&limit=1000`, { headers: auth }))).json())
        .data;
    const [a, b, c] = [await page(0), await page(1000), await page(2000)];
    expect(a.totalCount).toBe(2500);
    expect([a.conversations.length, b.conversations.length, c.conversations.length]).toEqual([1000, 1000, 500]);
    const all = [...a.conversations, ...b.conversations, ...c.conversations];
    expect(new Set(all.map((x: { id: string }) => x.id)).size).toBe(2500);
    const started = all.map((x: { started: string }) => x.started);
    expect(started).toEqual([...started].sort().reverse());
    expect(Date.parse(started.at(-1)!)).toBeGreaterThanOrEqual(now - 7 * 86_400_000);
    // a realistic mix: several outcomes, answered calls with summaries and transcripts
    expect(new Set(all.map((x: { outcome: string }) => x.outcome)).size).toBe(9);
    expect(all.some((x: { transcript: string | null; summary: string | null }) => x.transcript && x.summary)).toBe(true);
  });

  it("posts each new call to the agent's webhook once set, and lists the URL on the agent", async () => {
    let now = Date.parse("2026-01-01T10:00:00Z");
    const received: unknown[] = [];
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    const sandbox = createSandbox({ now: () => now, webhookTickMs: 60_000 });
    try {
      await create(sandbox, "Hooked");
      const bad = await sandbox.handle(
        new Request("http://sandbox/v1/agents/3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11", {
          method: "PATCH",
          headers: auth,
          body: JSON.stringify({ postConversationWebhookUrl: "http://evil.example/x" }),
        }),
      );
      expect(bad.status).toBe(422);
      const set = await sandbox.handle(
        new Request("http://sandbox/v1/agents/3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11", {
          method: "PATCH",
          headers: auth,
          body: JSON.stringify({ postConversationWebhookUrl: url }),
        }),
      );
      expect((await set.json()).data.postConversationWebhookUrl).toBe(url);
      now += 3000; // three calls end (60/h, 60× faster)
      sandbox.deliverWebhooks();
      sandbox.deliverWebhooks(); // a second tick posts nothing new
      expect(sandbox.webhookPosts()).toBe(3);
      await expect.poll(() => received.length).toBe(3);
      expect(new Set(received.map((r) => (r as { id: string }).id)).size).toBe(3);
      const agents = await (await sandbox.handle(new Request("http://sandbox/v1/agents", { headers: auth }))).json();
      expect(agents.data.find((a: { id: string }) => a.id === "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11").postConversationWebhookUrl).toBe(url);
    } finally {
      sandbox.stop();
      server.close();
    }
  });
});
