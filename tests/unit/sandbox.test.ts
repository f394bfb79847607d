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
    const list = await (await sandbox.handle(new Request(`http://sandbox/v1/conversations/?campaign_id=${data.campaign.id}&limit=10`, { headers: auth }))).json();
    expect(list.data.totalCount).toBe(60);
    expect(list.data.conversations).toHaveLength(10);
    const other = await (await sandbox.handle(new Request(`http://sandbox/v1/conversations/`, { headers: { authorization: "Bearer sk_test_someoneelse" } }))).json();
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
