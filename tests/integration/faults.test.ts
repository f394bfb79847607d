import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { resetEnvForTests } from "@/lib/env";
import { startSandboxServer, type RunningSandbox } from "@/lib/nedzo/sandbox/server";
import { call } from "../helpers/api";
import { startFaultProxy, type FaultMode } from "../helpers/fault-proxy";
import { freePort } from "../helpers/app-server";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// The network and Nedzo failing in each way we know, between a real HTTP client and the real sandbox.

let sandbox: RunningSandbox;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

beforeAll(async () => {
  sandbox = await startSandboxServer(0, { ratePerSec: 100, burst: 100 });
  process.env.NEDZO_TIMEOUT_MS = "1000";
});
afterAll(async () => {
  await proxy?.close();
  await sandbox.close();
});

const cases: { mode: FaultMode; http: number; row: "failed" | "unknown"; createdUpstream: 0 | 1 }[] = [
  { mode: "hang", http: 504, row: "unknown", createdUpstream: 0 },
  { mode: "reset-before", http: 502, row: "unknown", createdUpstream: 0 },
  { mode: "reset-after", http: 502, row: "unknown", createdUpstream: 1 },
  { mode: "slow-body", http: 504, row: "unknown", createdUpstream: 1 },
  { mode: "malformed-2xx", http: 502, row: "unknown", createdUpstream: 1 },
  { mode: "http-500", http: 502, row: "failed", createdUpstream: 0 },
  { mode: "http-502", http: 502, row: "failed", createdUpstream: 0 },
  { mode: "http-503", http: 502, row: "failed", createdUpstream: 0 },
];

/** A fresh proxy per case (its own port, so no connection kept alive from another case is reused). */
async function workspaceThroughProxy(): Promise<TestWorkspace> {
  await proxy?.close();
  proxy = await startFaultProxy(sandbox.url);
  process.env.NEDZO_API_BASE_URL = proxy.url;
  resetEnvForTests();
  return liveWorkspace();
}

describe("faults between us and Nedzo", () => {
  it.each(cases)(
    "$mode → HTTP $http, row $row, $createdUpstream created upstream, never retried",
    async ({ mode, http, row, createdUpstream }) => {
      const ws = await workspaceThroughProxy();
      proxy.setMode(mode);
      const res = await call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody() });
      expect(res.status, res.text).toBe(http);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.id));
      expect(rows.map((r) => r.status)).toEqual([row]);
      await expect.poll(() => sandbox.campaigns().filter((c) => c.token === ws.token).length).toBe(createdUpstream);
      if (row === "unknown") expect(res.body.detail).toMatch(/may have created it/);
    },
  );

  it.each([
    ["a closed port", async () => `http://127.0.0.1:${await freePort()}`, /ECONNREFUSED/],
    ["a port fetch refuses", async () => "http://127.0.0.1:9", /refuses/],
  ])("says 'not sent' for %s, and nothing was created", async (_label, url, detail) => {
    const ws = await workspaceThroughProxy();
    process.env.NEDZO_API_BASE_URL = await url();
    resetEnvForTests();
    try {
      const res = await call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody() });
      expect(res.status).toBe(502);
      expect(res.body.campaign_status).toBe("failed");
      expect(res.body.detail).toMatch(detail);
    } finally {
      process.env.NEDZO_API_BASE_URL = proxy.url;
      resetEnvForTests();
    }
    expect(sandbox.campaigns().filter((c) => c.token === ws.token)).toHaveLength(0);
  });
});
