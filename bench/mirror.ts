// npm run bench:mirror — the live mirror's figures, on PostgreSQL, in one run:
// 1) export memory: the calls CSV of a 10k- and a 100k-call campaign streamed through the route, peak heap
//    and RSS growth sampled every 5 ms and the heap kept alive (GC forced), against reading the same rows
//    into memory at once (the baseline); the backfill that fetched those calls, as sync throughput;
// 2) the webhook receiver's latency under 50 concurrent posts, over real HTTP, against a bare insert of the
//    same rows and a bare node:http handler on the same machine, and how soon the numbers catch up;
// 3) live-update delay: from the create request to the `campaign` event on an open stream.
// Writes bench/results/mirror.json.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import * as callsExport from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/calls/export.csv/route";
import * as eventsRoute from "@/app/api/v1/workspaces/[workspace_id]/events/route";
import * as webhookRoute from "@/app/api/webhooks/nedzo/[secret]/route";
import { createCampaign } from "@/lib/campaigns/create";
import { backfillCampaign } from "@/lib/calls/sync";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { campaigns } from "@/db/schema";
import { readConversation } from "@/lib/calls/conversation";
import { ingestConversations } from "@/lib/calls/ingest";
import "@/lib/calls/counters-job";
import { getWebhook } from "@/lib/calls/webhook";
import { resetEnvForTests } from "@/lib/env";
import { liveTarget } from "@/lib/nedzo/client";
import { startSandboxServer } from "@/lib/nedzo/sandbox/server";
import { campaignBody, freshDatabase, liveWorkspace } from "./common";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { sessions } from "@/db/schema";

const db = await freshDatabase();
const sandbox = await startSandboxServer(0, { ratePerSec: 1000, burst: 1000 });
process.env.NEDZO_API_BASE_URL = sandbox.url;
process.env.NEDZO_TIMEOUT_MS = "60000";
resetEnvForTests();
const round = (x: number) => Math.round(x * 100) / 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const token = `sk_test_mirrorbench${Date.now()}`;
const ws = await liveWorkspace(token);
const sessionToken = randomBytes(24).toString("hex");
await getDb()
  .insert(sessions)
  .values({ sessionToken, userId: ws.userId, expires: new Date(Date.now() + 86_400_000) });
const cookie = `authjs.session-token=${sessionToken}`;
const actor = { userId: ws.userId, email: ws.email, viaWorkspaceId: null, ip: null, userAgent: "bench" };
const body = campaignBody;

// 1) export memory. Each export runs twice: once as a server would (peak heapUsed and RSS sampled every 5 ms,
// garbage included, over a baseline taken after a full GC), once with a full GC every 10 chunks (the heap the
// export actually keeps alive). The baseline: the same rows read into memory at once. The rows come from a
// backfill through the sandbox, timed as the sync's throughput.
const mb = (x: number) => round(x / 1e6);
async function exportOnce(campaignId: string, gcEvery: number) {
  global.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  const baseRss = process.memoryUsage().rss;
  let peakHeap = baseHeap;
  let peakRss = baseRss;
  let liveHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const sampler = setInterval(sample, 5);
  const started = performance.now();
  const res = await callsExport.GET(
    new Request(`http://localhost/api/v1/workspaces/${ws.workspaceId}/campaigns/${campaignId}/calls/export.csv`, { headers: { cookie } }),
    { params: Promise.resolve({ workspace_id: ws.workspaceId, campaign_id: campaignId }) },
  );
  const reader = res.body!.getReader();
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.byteLength;
    for (const b of r.value) if (b === 10) lines += 1;
    chunks += 1;
    sample();
    if (gcEvery && chunks % gcEvery === 0 && global.gc) {
      global.gc();
      liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - baseHeap);
    }
  }
  clearInterval(sampler);
  return {
    rows: lines - 1,
    bytes,
    seconds: (performance.now() - started) / 1000,
    peakHeap: peakHeap - baseHeap,
    peakRss: peakRss - baseRss,
    liveHeap,
  };
}
const exportFigures: Record<string, unknown>[] = [];
const syncFigures: Record<string, unknown>[] = [];
for (const size of [10_000, 100_000]) {
  const made = await createCampaign({
    workspaceId: ws.workspaceId,
    actor,
    idempotencyKey: null,
    body: body(`Export ${size} [history:${size}]`),
  });
  const { id: campaignId, nedzo_campaign_id: nedzoId } = made.body.campaign as { id: string; nedzo_campaign_id: string };
  const syncStarted = performance.now();
  await backfillCampaign(ws.workspaceId, campaignId, nedzoId, liveTarget(token));
  const syncSeconds = (performance.now() - syncStarted) / 1000;
  syncFigures.push({ calls: size, seconds: round(syncSeconds), calls_per_second: Math.round(size / syncSeconds) });
  console.log(JSON.stringify({ sync: syncFigures.at(-1) }));
  const asServed = await exportOnce(campaignId, 0);
  const kept = await exportOnce(campaignId, 10);
  // baseline: the same rows read into memory at once
  global.gc?.();
  const base2 = process.memoryUsage().heapUsed;
  const all = await getDb().select().from(calls).where(eq(calls.campaignId, campaignId));
  const naive = process.memoryUsage().heapUsed - base2;
  exportFigures.push({
    calls: size,
    rows_written: asServed.rows,
    megabytes: mb(asServed.bytes),
    seconds: round(asServed.seconds),
    peak_heap_growth_mb: mb(asServed.peakHeap),
    peak_rss_growth_mb: mb(asServed.peakRss),
    live_heap_growth_mb_gc_every_10_chunks: mb(kept.liveHeap),
    baseline_all_rows_in_memory_mb: mb(naive),
    baseline_rows: all.length,
  });
  console.log(JSON.stringify(exportFigures.at(-1)));
}

// 2) webhook receiver p99 under 50 concurrent posts, over HTTP
async function toRequest(msg: IncomingMessage, port: number): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of msg) chunks.push(c as Buffer);
  return new Request(`http://127.0.0.1:${port}${msg.url}`, {
    method: msg.method,
    headers: msg.headers as Record<string, string>,
    body: Buffer.concat(chunks),
  });
}
async function serve(handler: (req: Request) => Promise<Response>) {
  const server = createServer(async (msg: IncomingMessage, res: ServerResponse) => {
    const response = await handler(await toRequest(msg, (server.address() as AddressInfo).port));
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const made = await createCampaign({ workspaceId: ws.workspaceId, actor, idempotencyKey: null, body: body("Webhook target") });
const nedzoCampaignId = (made.body.campaign as { nedzo_campaign_id: string }).nedzo_campaign_id;
const secret = (await getWebhook(ws.workspaceId)).url.split("/").pop()!;
const hook = await serve((req) => webhookRoute.POST(req, { params: Promise.resolve({ secret }) }));
// the process's worker, as the server runs it (posts wake it); a slow poll, so the figure is the wake's
const worker = startJobWorker({ concurrency: 10, pollMs: 1000 });
const bare = await serve(async () => new Response("{}", { status: 200 }));
// baseline 2: the same post parsed and stored by a bare insert of the same row (no endpoint lookup, no recount),
// into a workspace of its own so that it leaves the receiver's campaign alone
const other = await liveWorkspace(`${token}other`);
const bareInsert = await serve(async (req) => {
  const conversation = readConversation(JSON.parse(await req.text()));
  await ingestConversations(other.workspaceId, [conversation!], "webhook");
  return new Response("{}", { status: 200 });
});
function load(url: string, amount: number, connections: number): Promise<Record<string, number>> {
  // autocannon in its own process: the client does not take the server's CPU
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["bench/load.mjs", JSON.stringify({ url, amount, connections, kind: "webhook", campaign: nedzoCampaignId })],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`))));
  });
}
await load(`${hook.url}/warm`, 200, 10);
const webhook = await load(`${hook.url}/x`, 5000, 50);
const lastPost = performance.now();
// numbers: the campaign's dials equal its stored calls, without draining by hand (the woken worker's job)
const campaignRow = (made.body.campaign as { id: string }).id;
const dialsNow = async () =>
  (await getDb().select({ dials: campaigns.dials }).from(campaigns).where(eq(campaigns.id, campaignRow)))[0].dials;
const storedNow = (await getDb().select({ id: calls.id }).from(calls).where(eq(calls.campaignId, campaignRow))).length;
while ((await dialsNow()) !== storedNow && performance.now() - lastPost < 30_000) await new Promise((r) => setTimeout(r, 20));
const numbersSettledMs = round(performance.now() - lastPost);
const dialsAfter = await dialsNow();
const baselineInsert = await load(`${bareInsert.url}/x`, 5000, 50);
const baseline = await load(`${bare.url}/x`, 5000, 50);
hook.server.close();
bare.server.close();
bareInsert.server.close();
await worker.drain();
await stopJobWorker();
console.log(JSON.stringify({ webhook, baselineInsert, baseline, stored: storedNow, dials_after: dialsAfter, numbersSettledMs }));

// 3) live-update delay: request → the `created` event on an open stream (LISTEN/NOTIFY on PostgreSQL); the
// pacer is opened up so that the figure is the delay, not Nedzo's 1 write/s
process.env.NEDZO_WRITES_PER_SEC = "1000";
resetEnvForTests();
const delays: number[] = [];
const abort = new AbortController();
const stream = await eventsRoute.GET(
  new Request(`http://localhost/api/v1/workspaces/${ws.workspaceId}/events`, { headers: { cookie }, signal: abort.signal }),
  {
    params: Promise.resolve({ workspace_id: ws.workspaceId }),
  },
);
const reader = stream.body!.getReader();
let buffer = "";
const waiters = new Map<string, (t: number) => void>();
void (async () => {
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    buffer += new TextDecoder().decode(r.value);
    for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      const c = data && block.startsWith("event: campaign") ? (JSON.parse(data).campaign as { name: string; status: string }) : null;
      if (c?.status === "created") waiters.get(c.name)?.(performance.now());
    }
  }
})();
for (let i = 0; i < 20; i++) {
  const name = `Live ${i}`;
  const seen = new Promise<number>((resolve) => waiters.set(name, resolve));
  const t = performance.now();
  await createCampaign({ workspaceId: ws.workspaceId, actor, idempotencyKey: null, body: body(name) });
  delays.push((await seen) - t);
}
abort.abort();
const live = {
  creates: delays.length,
  measured: "from the create request to the created campaign's event on an open stream",
  p50_ms: round(pct(delays, 50)),
  p99_ms: round(pct(delays, 99)),
  max_ms: round(Math.max(...delays)),
};
console.log(JSON.stringify({ live }));

await sandbox.close();
await db.drop();
writeFileSync(
  "bench/results/mirror.json",
  JSON.stringify(
    {
      measured_at: new Date().toISOString(),
      machine: "2 cores, PostgreSQL 15",
      export: exportFigures,
      sync_backfill: syncFigures,
      webhook_under_50_concurrent: {
        receiver: webhook,
        numbers_settled_ms_after_last_post: numbersSettledMs,
        calls_stored: storedNow,
        dials_after: dialsAfter,
        baseline_bare_insert_same_rows: baselineInsert,
        baseline_bare_node_http: baseline,
      },
      live_update_delay: live,
    },
    null,
    2,
  ) + "\n",
);
process.exit(0);
