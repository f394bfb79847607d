// npm run bench:durability — no duplicates, no losses, creates as durable jobs. Nedzo's real limit in the
// sandbox (1 write/s per token, burst 5) and our pacer at the same pace.
// 1) 40 concurrent pairs of requests sharing an Idempotency-Key on one token, each pair split over two app
//    instances: exactly 40 creates must reach Nedzo, and every row ends created (202s are sent by the queue).
// 2) An instance killed with SIGKILL while creates are queued; another instance starts ("restart"): every
//    never-sent create is then sent, none twice, and only a create that was on the wire becomes unknown.
// Writes bench/results/durability.json.
import { writeFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import { startSandboxServer } from "@/lib/nedzo/sandbox/server";
import { freshDatabase, liveWorkspace, runWorker } from "./common";

const PAIRS = Number(process.env.PAIRS ?? 40);
const KILL_BATCH = Number(process.env.KILL_BATCH ?? 30);
const db = await freshDatabase();
const realPace = { NEDZO_WRITES_PER_SEC: "1", NEDZO_MAX_QUEUE_WAIT_MS: "30000", NEDZO_TIMEOUT_MS: "3000" };
const tally = <T extends string | number>(xs: T[]) =>
  Object.fromEntries(xs.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<T, number>()));

async function rowsOf(workspaceId: string) {
  return getDb().select().from(campaigns).where(eq(campaigns.workspaceId, workspaceId));
}

// 1) idempotency under concurrency, across instances, at Nedzo's pace
const sandbox = await startSandboxServer(0, { ratePerSec: 1, burst: 5 });
const pairsToken = `sk_test_pairs${Date.now()}`;
const pairsWs = await liveWorkspace(pairsToken);
const names = Array.from({ length: PAIRS }, (_, i) => `pair-${i}`);
const keys = names.map((n) => `key-${n}`);
const env1 = { ...realPace, DATABASE_URL: db.url, NEDZO_API_BASE_URL: sandbox.url };
let started = Date.now();
const [a, b] = await Promise.all([
  runWorker({ ...pairsWs, names, keys, settle: true }, env1),
  runWorker({ ...pairsWs, names, keys, settle: true }, env1),
]);
const upstreamPairs = sandbox.campaigns().filter((c) => c.token === pairsToken);
const pairRows = await rowsOf(pairsWs.workspaceId);
const pairs = {
  pairs: PAIRS,
  requests: a.length + b.length,
  answers: tally([...a, ...b]),
  rows: pairRows.length,
  rows_by_status: tally(pairRows.map((r) => r.status)),
  upstream_creates: upstreamPairs.length,
  upstream_429: sandbox.rateLimited(),
  duplicate_upstream: upstreamPairs.length - new Set(upstreamPairs.map((c) => c.name)).size,
  seconds: Math.round((Date.now() - started) / 100) / 10,
};
console.log(JSON.stringify(pairs));
await sandbox.close();

// 2) SIGKILL with creates queued, then a restart
const slow = await startSandboxServer(0, { ratePerSec: 1, burst: 5, createDelayMs: 400 });
const killToken = `sk_test_kill${Date.now()}`;
const killWs = await liveWorkspace(killToken);
const env2 = { ...realPace, DATABASE_URL: db.url, NEDZO_API_BASE_URL: slow.url };
const batch = Array.from({ length: KILL_BATCH }, (_, i) => `kill-${String(i).padStart(2, "0")}`);
const doomed = runWorker({ ...killWs, names: batch }, env2);
// kill while most are still waiting for a slot (the first few are sent at once: Nedzo's burst)
await new Promise((r) => setTimeout(r, 5500 + Math.random() * 1000));
doomed.kill();
await doomed;
const atKill = await rowsOf(killWs.workspaceId);
const neverSent = atKill.filter((r) => r.status === "queued").length;
const onTheWire = atKill.filter((r) => r.status === "pending").map((r) => r.name);
started = Date.now();
await runWorker({ ...killWs, names: [], settle: true }, env2); // the restarted instance
const after = await rowsOf(killWs.workspaceId);
const upstream = slow.campaigns().filter((c) => c.token === killToken);
const upstreamNames = new Set(upstream.map((c) => c.name));
const kills = {
  creates_submitted: batch.length,
  at_kill: { by_status: tally(atKill.map((r) => r.status)), never_sent: neverSent, on_the_wire: onTheWire.length },
  after_restart: { by_status: tally(after.map((r) => r.status)), seconds_to_settle: Math.round((Date.now() - started) / 100) / 10 },
  never_sent_then_created: after.filter((r) => atKill.find((k) => k.id === r.id)?.status === "queued" && r.status === "created").length,
  upstream_creates: upstream.length,
  upstream_429: slow.rateLimited(),
  duplicates_upstream: upstream.length - upstreamNames.size,
  upstream_without_row: upstream.filter((c) => !after.some((r) => r.name === c.name)).length,
  // unknown although Nedzo never got it: a create that was queued, not sent, yet marked unknown
  needless_unknown: after.filter((r) => r.status === "unknown" && !upstreamNames.has(r.name)).length,
  rows_lost: batch.length - after.length - (batch.length - atKill.length),
};
console.log(JSON.stringify(kills));
await slow.close();
const leftover = await getDb().execute(sql`select count(*)::int as n from jobs`);
await db.drop();
writeFileSync(
  "bench/results/durability.json",
  JSON.stringify(
    {
      measured_at: new Date().toISOString(),
      machine: "2 cores",
      jobs_left: (leftover as unknown as { n: number }[])[0].n,
      idempotency_pairs: pairs,
      sigkill: kills,
    },
    null,
    2,
  ) + "\n",
);
