// npm run bench:sync — calls ingested per second by a sync from the sandbox over HTTP (a campaign with a
// 100k-call history, `[history:N]`), against baselines in the same run: a bulk insert of the same rows
// straight into PostgreSQL (no HTTP, no parsing), and generate_series rows. Writes bench/results/sync.json.
import { writeFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import { campaigns } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/create";
import { readConversation, type Conversation } from "@/lib/calls/conversation";
import { ingestConversations } from "@/lib/calls/ingest";
import { syncWorkspace } from "@/lib/calls/sync";
import { resetEnvForTests } from "@/lib/env";
import { listNedzoConversations, liveTarget } from "@/lib/nedzo/client";
import { startSandboxServer } from "@/lib/nedzo/sandbox/server";
import { freshDatabase, liveWorkspace } from "./common";

const N = Number(process.env.CALLS ?? 100_000);
const db = await freshDatabase();
const sandbox = await startSandboxServer(0, { ratePerSec: 1000, burst: 1000 });
process.env.NEDZO_API_BASE_URL = sandbox.url;
process.env.NEDZO_TIMEOUT_MS = "60000";
resetEnvForTests();

const token = `sk_test_syncbench${Date.now()}`;
const ws = await liveWorkspace(token);
const actor = { userId: ws.userId, email: ws.email, viaWorkspaceId: null, ip: null, userAgent: "bench" };
const made = await createCampaign({
  workspaceId: ws.workspaceId,
  actor,
  idempotencyKey: null,
  body: {
    name: `History [history:${N}]`,
    agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
    start_time: "09:00",
    end_time: "17:00",
    min_calls_per_hour: 1,
    max_calls_per_hour: 10,
  },
});
if (made.status !== 201) throw new Error(`create answered ${made.status}`);
const target = liveTarget(token);

// warm the sandbox's history (built once per campaign), so the figure is ours, not the simulator's
await listNedzoConversations(target, { skip: 0, limit: 1 });

let started = performance.now();
const result = await syncWorkspace(ws.workspaceId, target);
const syncSec = (performance.now() - started) / 1000;
const [{ n: stored }] = await getDb()
  .select({ n: sql<number>`count(*)::int` })
  .from(calls)
  .where(eq(calls.workspaceId, ws.workspaceId));
const [row] = await getDb().select().from(campaigns).where(eq(campaigns.workspaceId, ws.workspaceId));

// baseline 1: the same rows, already fetched and read, bulk-inserted into another workspace
const items: Conversation[] = [];
for (let skip = 0; ; skip += 1000) {
  const page = await listNedzoConversations(target, { skip, limit: 1000 });
  if (!page.ok) throw new Error(page.detail);
  items.push(...page.value.items.map(readConversation).filter((c): c is Conversation => c !== null));
  if (page.value.items.length < 1000) break;
}
const other = await liveWorkspace(`sk_test_syncbase${Date.now()}`);
started = performance.now();
for (let i = 0; i < items.length; i += 1000) await ingestConversations(other.workspaceId, items.slice(i, i + 1000), "sync");
const bulkSec = (performance.now() - started) / 1000;

// baseline 2: PostgreSQL writing the same number of narrow rows from generate_series
const third = await liveWorkspace(`sk_test_syncseries${Date.now()}`);
started = performance.now();
await getDb().execute(sql`
  insert into calls (workspace_id, nedzo_conversation_id, started_at, outcome_key, source)
  select ${third.workspaceId}::uuid, 'c' || g, now() - (g || ' seconds')::interval, 'no_answer', 'sync' from generate_series(1, ${N}) g`);
const seriesSec = (performance.now() - started) / 1000;

const figures = {
  calls: N,
  sync: { fetched: result.fetched, stored, seconds: round(syncSec), calls_per_sec: Math.round(stored / syncSec) },
  baseline_bulk_insert_same_rows: { seconds: round(bulkSec), calls_per_sec: Math.round(items.length / bulkSec) },
  baseline_generate_series_narrow_rows: { seconds: round(seriesSec), rows_per_sec: Math.round(N / seriesSec) },
  sync_vs_bulk_insert: round(bulkSec / syncSec),
  campaign_after_sync: { dials: row.dials, pickups: row.totalPickups, positive: row.totalPositiveOutcomes, minutes: row.totalMinUsed },
};
console.log(JSON.stringify(figures, null, 2));
await sandbox.close();
await db.drop();
writeFileSync(
  "bench/results/sync.json",
  JSON.stringify({ measured_at: new Date().toISOString(), machine: "2 cores, PostgreSQL 15", ...figures }, null, 2) + "\n",
);

function round(x: number) {
  return Math.round(x * 100) / 100;
}
