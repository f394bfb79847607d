import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { queueFingerprint } from "@/lib/metrics/database";
import * as metricsRoute from "@/app/api/metrics/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { resetEnvForTests } from "@/lib/env";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

// /api/metrics: Prometheus text for a scraper with METRICS_TOKEN, nothing for anyone else, and no token
// or token hash in a label.

useSandbox({ slowMs: 2500 });
const TOKEN = "metrics-token-0123456789abcdef";

function scrape(authorization?: string) {
  return call(metricsRoute.GET, "GET", "/api/metrics", { headers: authorization ? { authorization } : {} });
}

function setToken(value: string | undefined) {
  if (value === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = value;
  resetEnvForTests();
}

afterAll(() => setToken(undefined));

describe("GET /api/metrics", () => {
  it("does not exist while METRICS_TOKEN is unset (404)", async () => {
    setToken(undefined);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("asks for the token: 401 without it, with a wrong one, or with the right one not as a bearer", async () => {
    setToken(TOKEN);
    for (const auth of [undefined, "Bearer wrong-token-0123456789abcdef", `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.text).not.toContain("http_request_duration_seconds");
    }
  });

  it("counts requests by route pattern and status class, creates by outcome, and reads queue depth and sync lag", async () => {
    setToken(TOKEN);
    const ws = await liveWorkspace();
    const created = await call(campaignsRoute.POST, "POST", `/api/v1/workspaces/${ws.id}/campaigns`, {
      user: ws.owner,
      params: { workspace_id: ws.id },
      body: campaignBody(),
    });
    expect(created.status, created.text).toBe(201);

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = res.text;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{route="\/api\/v1\/workspaces\/\[workspace_id\]\/campaigns",method="POST",status_class="2xx"\} 1/,
    );
    expect(text).toMatch(/campaign_creates_total\{outcome="created"\} [1-9]/);
    expect(text).toMatch(/campaign_creates_total\{outcome="unknown"\} 0/);
    expect(text).toMatch(/^sync_lag_seconds_max \d/m);
    expect(text).toMatch(/^sync_failing_workspaces \d/m);
    expect(text).toContain("# TYPE nedzo_create_queue_depth gauge");
    expect(text).toContain("process_resident_memory_bytes");
    // no workspace id in a route label, no token anywhere
    expect(text).not.toContain(ws.id);
    expect(text).not.toContain(ws.token!);
  });
});

describe("database gauges", () => {
  it("report a token's waiting creates under an opaque fingerprint, and the oldest sync and the failing ones", async () => {
    setToken(TOKEN);
    const ws = await liveWorkspace();
    const queueKey = `token:${"ab".repeat(32)}`;
    for (const n of [1, 2, 3]) {
      await getDb().execute(
        sql`insert into jobs (kind, key, queue_key, payload, run_at) values ('campaign.create', ${`metrics-test-${n}`}, ${queueKey}, '{}'::jsonb, now() + interval '1 hour')`,
      );
    }
    await getDb().execute(sql`
      insert into sync_states (workspace_id, status, last_success_at, failures) values (${ws.id}, 'idle', now() - interval '2 hours', 2)
      on conflict (workspace_id) do update set last_success_at = excluded.last_success_at, failures = excluded.failures`);

    const text = (await scrape(`Bearer ${TOKEN}`)).text;
    expect(text).toContain(`nedzo_create_queue_depth{queue="${queueFingerprint(queueKey)}"} 3`);
    expect(text).not.toContain("ab".repeat(32));
    const lag = Number(text.match(/^sync_lag_seconds_max (\S+)$/m)![1]);
    expect(lag).toBeGreaterThanOrEqual(7200);
    expect(lag).toBeLessThan(7300);
    expect(Number(text.match(/^sync_failing_workspaces (\S+)$/m)![1])).toBeGreaterThanOrEqual(1);
  });
});
