// npm run bench:durability — no duplicates, no losses.
// 1) 200 concurrent pairs of requests sharing an Idempotency-Key, each pair split over two app instances:
//    exactly 200 creates must reach Nedzo.
// 2) An app instance killed with SIGKILL while creates are in flight, KILLS times: after "restart" (the
//    sweeper, run as if its wait had passed) no row is pending, every campaign Nedzo has is a row, and none
//    was created upstream twice. Writes bench/results/durability.json.
import { writeFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import { stalePendingAfterMs, sweepStalePending } from "@/lib/campaigns/sweep";
import { startSandboxServer } from "@/lib/nedzo/sandbox/server";
import { freshDatabase, liveWorkspace, runWorker } from "./common";

const KILLS = Number(process.env.KILLS ?? 5);
const db = await freshDatabase();
const fast = { NEDZO_WRITES_PER_SEC: "1000", NEDZO_MAX_QUEUE_WAIT_MS: "30000", NEDZO_TIMEOUT_MS: "15000" };

// 1) idempotency under concurrency, across instances
const sandbox = await startSandboxServer(0, { ratePerSec: 1000, burst: 1000 });
const pairsToken = `sk_test_pairs${Date.now()}`;
const pairsWs = await liveWorkspace(pairsToken);
const names = Array.from({ length: 200 }, (_, i) => `pair-${i}`);
const keys = names.map((n) => `key-${n}`);
const env1 = { ...fast, DATABASE_URL: db.url, NEDZO_API_BASE_URL: sandbox.url };
const [a, b] = await Promise.all([runWorker({ ...pairsWs, names, keys }, env1), runWorker({ ...pairsWs, names, keys }, env1)]);
const upstreamPairs = sandbox.campaigns().filter((c) => c.token === pairsToken);
const pairs = {
  pairs: 200,
  requests: a.length + b.length,
  statuses: Object.fromEntries([...a, ...b].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<number, number>())),
  upstream_creates: upstreamPairs.length,
  rows: (await getDb().select({ n: sql<number>`count(*)::int` }).from(campaigns).where(eq(campaigns.workspaceId, pairsWs.workspaceId)))[0].n,
  duplicate_upstream: upstreamPairs.length - new Set(upstreamPairs.map((c) => c.name)).size,
};
console.log(JSON.stringify(pairs));
await sandbox.close();

// 2) SIGKILL in the middle of creates
const slow = await startSandboxServer(0, { ratePerSec: 1000, burst: 1000, createDelayMs: 1500 });
const killToken = `sk_test_kill${Date.now()}`;
const killWs = await liveWorkspace(killToken);
const env2 = { ...fast, DATABASE_URL: db.url, NEDZO_API_BASE_URL: slow.url };
let submitted = 0;
for (let k = 0; k < KILLS; k++) {
  const batch = Array.from({ length: 40 }, (_, i) => `kill${k}-${i}`);
  submitted += batch.length;
  const worker = runWorker({ ...killWs, names: batch, keys: batch.map((n) => `k-${n}`) }, env2);
  await new Promise((r) => setTimeout(r, 2000 + Math.random() * 2000)); // some answered, some in flight
  worker.kill();
  await worker;
}
const pendingBeforeSweep = (await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, killWs.workspaceId))).filter((r) => r.status === "pending").length;
await sweepStalePending(new Date(Date.now() + stalePendingAfterMs() + 1000)); // as after the wait, on restart
const rows = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, killWs.workspaceId));
const upstream = slow.campaigns().filter((c) => c.token === killToken);
const rowNames = new Set(rows.map((r) => r.name));
const kills = {
  kills_tried: KILLS,
  creates_submitted: submitted,
  rows_checked: rows.length,
  pending_before_sweep: pendingBeforeSweep,
  pending_after_sweep: rows.filter((r) => r.status === "pending").length,
  by_status: Object.fromEntries(rows.reduce((m, r) => m.set(r.status, (m.get(r.status) ?? 0) + 1), new Map<string, number>())),
  upstream_creates: upstream.length,
  upstream_without_row: upstream.filter((c) => !rowNames.has(c.name)).length,
  duplicates_upstream: upstream.length - new Set(upstream.map((c) => c.name)).size,
};
console.log(JSON.stringify(kills));
await slow.close();
await db.drop();
writeFileSync("bench/results/durability.json", JSON.stringify({ measured_at: new Date().toISOString(), machine: "2 cores", idempotency_pairs: pairs, sigkill: kills }, null, 2) + "\n");
