// npm run bench:list — issue 10 targets 1, 2 and the calls half of 4, on the production build (`next start`)
// with autocannon in its own process (bench/load.mjs):
// - the campaign list API at concurrency 1 in a 10k, a 100k and a 1M-row workspace (p99 ≤ 10 ms; within
//   20 % of each other), with a name search, and at concurrency 20 against a bare node:http + postgres.js
//   server running the same SQL (bench/baseline-server.ts, started in this run; ≥ 50 % of its req/s);
// - the campaigns page (HTML) at concurrency 1 at 1M rows (p50 ≤ 50 ms);
// - first-load JS of every console page (bench/bundle.ts; ≤ 180 kB gzip);
// - the calls list API at concurrency 1 for a campaign of 100k calls and one of 10M (O(page)).
// Rows are seeded with generate_series in a database of its own, dropped at the end. BENCH_SCALE=small
// divides the sizes by 10 (CI speed). Writes bench/results/list.json.
// BENCH_LIST_PARTS=api: only the list API (c=1 and c=20 against the baseline), printed, no result written
// BENCH_LIST_PARTS=page: the same campaigns and workspaces, but only the campaigns page at 100k and 1M rows
// is measured (no baseline server, API, bundles or calls); its figures are printed, no result is written.
import { writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { callListSelect } from "@/db/queries/calls";
import { campaignListSelect } from "@/db/queries/campaigns";
import { measureBundles } from "./bundle";
import { freshDatabase } from "./common";
import { appSecrets, freePort, load, startNext, startProcess, type Load, type Started } from "./next";

const small = process.env.BENCH_SCALE === "small";
const scale = small ? 10 : 1;
const sizes = [10_000, 100_000, 1_000_000].map((n) => n / scale);
const OTHER_WORKSPACES = 997;
const OTHER_SIZE = 100;
const CALLS = [100_000, 10_000_000].map((n) => n / scale);
const seconds = small ? 4 : 10;
const pageOnly = process.env.BENCH_LIST_PARTS === "page";

Object.assign(process.env, appSecrets);
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
const started = Date.now();
const db = await freshDatabase();
const sql = postgres(db.url, { max: 2, onnotice: () => {} });
const log = (s: string) => process.stderr.write(`[bench:list] ${s} (${Math.round((Date.now() - started) / 1000)} s)\n`);

/** Inserts with the table's secondary indexes dropped, then builds them again (what a bulk load does). */
async function bulkLoad(table: string, insert: () => Promise<unknown>) {
  const indexes = await sql<{ name: string; def: string }[]>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename = ${table} and indexname not in (select conname from pg_constraint)`;
  for (const i of indexes) await sql.unsafe(`drop index "${i.name}"`);
  await insert();
  await sql`set maintenance_work_mem = '512MB'`;
  for (const i of indexes) await sql.unsafe(i.def);
  await sql.unsafe(`vacuum analyze ${table}`);
  // the load's dirty pages written now, not by a checkpoint in the middle of the first measurement (the
  // 10k workspace, measured first, read 137 req/s against 211 and 279 for the larger ones in such a run)
  await sql`checkpoint`;
}

let app: Started | undefined;
let baseline: Started | undefined;
let dropped = false;
try {
  // ── Seed: people, workspaces (three large ones, many small ones, an agency with a client), sessions
  const [user] = await sql`
  insert into users (id, email) values (gen_random_uuid()::text, 'bench-owner@example.test') returning id`;
  const token = `bench-session-${Date.now()}`;
  await sql`insert into sessions (session_token, user_id, expires) values (${token}, ${user.id}, now() + interval '1 day')`;
  const workspaceRows = await sql<{ id: string; slug: string; n: number }[]>`
  insert into workspaces (name, slug)
  select 'Bench ' || g, 'bench-' || g from generate_series(1, ${3 + OTHER_WORKSPACES}) g
  returning id, slug, (substring(slug from 7))::int as n`;
  const ordered = workspaceRows.sort((a, b) => a.n - b.n);
  await sql`insert into workspace_members (workspace_id, user_id, role) select id, ${user.id}, 'owner' from workspaces`;
  const [agency] =
    await sql`insert into workspaces (name, slug, kind) values ('Bench Agency', 'bench-agency', 'agency') returning id, slug`;
  await sql`insert into workspace_members (workspace_id, user_id, role) values (${agency.id}, ${user.id}, 'owner')`;
  await sql`insert into workspaces (name, slug, parent_id) values ('Bench Client', 'bench-client', ${agency.id})`;

  const seedStart = Date.now();
  await bulkLoad("campaigns", async () => {
    const insertCampaigns = (workspaceId: string, n: number) => sql`
    insert into campaigns (workspace_id, status, name, agent_id, start_time, end_time, min_calls_per_hour, max_calls_per_hour,
      dials, total_pickups, total_positive_outcomes, total_min_used, idempotency_key, request_hash, created_by, created_at, nedzo_campaign_id)
    select ${workspaceId}, (array['created','created','created','failed','unknown'])[1 + i % 5],
      case i % 3 when 0 then 'Renewals batch ' || i when 1 then 'Winback ' || i else 'Spring promo ' || i end,
      '3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11', '09:00', '17:00', 1, 10,
      (i::bigint * 7919) % 1000, (i::bigint * 104729) % 400, i % 50, ((i::bigint * 37) % 5000) / 3.0,
      'seed-' || i, 'x', ${user.id}, now() - i * interval '1 second', gen_random_uuid()
    from generate_series(1, ${n}) i`;
    for (let k = 0; k < 3; k += 1) await insertCampaigns(ordered[k].id, sizes[k]);
    await sql`
    insert into campaigns (workspace_id, status, name, agent_id, start_time, end_time, min_calls_per_hour, max_calls_per_hour,
      idempotency_key, request_hash, created_by, created_at)
    select w.id, 'created', 'Campaign ' || i, '3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11', '09:00', '17:00', 1, 10,
      'seed-' || i, 'x', ${user.id}, now() - i * interval '1 second'
    from unnest(${ordered.slice(3).map((w) => w.id)}::uuid[]) w(id), generate_series(1, ${OTHER_SIZE}) i`;
  });
  const [{ total }] = await sql`select count(*)::int as total from campaigns`;
  const campaignSeedSec = (Date.now() - seedStart) / 1000;
  log(`seeded ${total} campaigns in ${campaignSeedSec} s`);

  // ── Servers: the production build and the bare baseline, both on this database
  app = await startNext(db.url);
  const headers = { cookie: `authjs.session-token=${token}` };
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
  async function measure(url: string, connections: number): Promise<Load> {
    await load({ url, connections, duration: 2, headers }); // warm: JIT, prepared statements, caches
    const r = await load({ url, connections, duration: seconds, headers });
    if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return r;
  }
  // a render that failed inside the stream still answers 200: the page must show its rows before it is timed
  const renderedRows = async (url: string, slug: string) => {
    const html = await (await fetch(url, { headers })).text();
    const rows = html.match(new RegExp(`href="/w/${slug}/campaigns/[0-9a-f-]{36}"`, "g"))?.length ?? 0;
    if (rows < 25) throw new Error(`${url}: the campaigns page shows ${rows} campaign rows, not a page of them`);
  };
  const measurePages = async () => {
    const page: Record<string, Load> = {};
    for (const k of [1, 2]) {
      const url = `${app!.url}/w/${ordered[k].slug}`;
      await renderedRows(url, ordered[k].slug);
      page[`campaigns_page_c1_${label(sizes[k])}`] = await measure(url, 1);
    }
    log(`pages: ${JSON.stringify(page)}`);
    return page;
  };
  if (pageOnly) {
    console.log(JSON.stringify(await measurePages(), null, 2));
    await stop();
    process.exit(0);
  }
  const basePort = await freePort();
  baseline = await startProcess(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve("bench/baseline-server.ts")],
    { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: db.url, PORT: String(basePort) }, port: basePort, healthPath: "/health" },
  );
  const listUrl = (base: string, k: number, query = "") => `${base}/api/v1/workspaces/${ordered[k].id}/campaigns${query}`;

  // the database's own time for the list's SQL (EXPLAIN ANALYZE of the very query the app runs): the
  // noise-free half of "O(page)", next to the HTTP figures a shared machine makes noisy
  const dbMs = async (query: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql: text, params } = query.toSQL();
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const [row] = await sql.unsafe(`explain (analyze, format json) ${text}`, params as never[]);
      times.push((row["QUERY PLAN"] as { "Execution Time": number }[])[0]["Execution Time"]);
    }
    return Math.round(times.sort((a, b) => a - b)[2] * 1000) / 1000;
  };
  const queryMs: Record<string, number> = {};
  for (let k = 0; k < 3; k += 1) {
    queryMs[`list_${label(sizes[k])}`] = await dbMs(campaignListSelect(ordered[k].id, { limit: 50 }));
    queryMs[`list_${label(sizes[k])}_q_renewals`] = await dbMs(campaignListSelect(ordered[k].id, { limit: 50, q: "renewals" }));
  }
  log(`database time of the list query (median of 5, ms): ${JSON.stringify(queryMs)}`);
  const api: Record<string, Load> = {};
  for (let k = 0; k < 3; k += 1) {
    api[`c1_${label(sizes[k])}`] = await measure(listUrl(app.url, k), 1);
    log(`list c=1 ${label(sizes[k])}: ${JSON.stringify(api[`c1_${label(sizes[k])}`])}`);
  }
  api[`c1_${label(sizes[1])}_q`] = await measure(listUrl(app.url, 1, "?q=renewals"), 1);
  api[`c1_${label(sizes[1])}_rare_q`] = await measure(listUrl(app.url, 1, "?q=batch%20999"), 1);
  api[`c20_${label(sizes[1])}`] = await measure(listUrl(app.url, 1), 20);
  const base20 = await measure(listUrl(baseline.url, 1), 20);
  const base1 = await measure(listUrl(baseline.url, 1), 1);
  api[`c20_${label(sizes[2])}`] = await measure(listUrl(app.url, 2), 20);
  log(`c=20: app ${api[`c20_${label(sizes[1])}`].rps} req/s, baseline ${base20.rps} req/s`);
  if (process.env.BENCH_LIST_PARTS === "api") {
    await stop();
    process.exit(0);
  }

  const page = await measurePages();

  const [firstCampaign] = await sql`select id from campaigns where workspace_id = ${ordered[0].id} order by created_at desc limit 1`;
  const w = `/w/${ordered[0].slug}`;
  const bundles = await measureBundles(app.url, token, {
    campaigns: w,
    campaign: `${w}/campaigns/${firstCampaign.id}`,
    "new campaign": `${w}/campaigns/new`,
    members: `${w}/members`,
    settings: `${w}/settings`,
    audit: `${w}/audit`,
    "new workspace": "/w/new",
    "agency home": `/w/${agency.slug}`,
    "agency members": `/w/${agency.slug}/members`,
  });
  log(`bundles: ${bundles.map((b) => `${b.page} ${b.gzip_kb} kB`).join(", ")}`);

  // ── The calls of a campaign: 100k calls on one, 10M on another, same workspace; the list API at c=1
  const callCampaigns = await sql<{ id: string }[]>`
  select id from campaigns where workspace_id = ${ordered[0].id} order by created_at desc limit 2`;
  const callSeedStart = Date.now();
  await bulkLoad("calls", async () => {
    for (let k = 0; k < 2; k += 1) {
      // in slices of 1M rows: one statement per slice keeps memory and WAL bounded
      for (let from = 1; from <= CALLS[k]; from += 1_000_000) {
        const to = Math.min(CALLS[k], from + 999_999);
        await sql`
        insert into calls (workspace_id, campaign_id, nedzo_conversation_id, started_at, duration_seconds, outcome_key, picked_up, source)
        select ${ordered[0].id}, ${callCampaigns[k].id}, ${k} || '-' || i, now() - i * interval '1 second', 30 + i % 300,
          (array['no_answer','no_answer','appointment_booked','not_interested','follow_up'])[1 + i % 5], i % 3 > 0, 'sync'
        from generate_series(${from}::int, ${to}::int) i`;
      }
    }
  });
  const callSeedSec = (Date.now() - callSeedStart) / 1000;
  log(`seeded ${CALLS[0] + CALLS[1]} calls in ${callSeedSec} s`);
  for (let k = 0; k < 2; k += 1) {
    queryMs[`calls_${label(CALLS[k])}`] = await dbMs(callListSelect(ordered[0].id, callCampaigns[k].id, { limit: 50 }));
    queryMs[`calls_${label(CALLS[k])}_outcome`] = await dbMs(
      callListSelect(ordered[0].id, callCampaigns[k].id, { limit: 50, outcome: "appointment_booked" }),
    );
  }
  const callsApi: Record<string, Load> = {};
  for (let k = 0; k < 2; k += 1) {
    const url = `${app.url}/api/v1/workspaces/${ordered[0].id}/campaigns/${callCampaigns[k].id}/calls`;
    callsApi[`c1_${label(CALLS[k])}`] = await measure(url, 1);
    callsApi[`c1_${label(CALLS[k])}_outcome`] = await measure(`${url}?outcome=appointment_booked`, 1);
  }
  log(`calls: ${JSON.stringify(callsApi)}`);

  const s = sizes.map(label);
  const rps = s.map((n) => api[`c1_${n}`].rps);
  const figures = {
    scale: small ? "small" : "full",
    seeded: { campaigns: total, workspaces: ordered.length + 2, largest: sizes, seconds: campaignSeedSec },
    campaign_list_api: api,
    baseline_bare_node_http_postgres_js: { [`c20_${s[1]}`]: base20, [`c1_${s[1]}`]: base1 },
    targets: {
      list_p99_c1_ms: { value: Math.max(...s.map((n) => api[`c1_${n}`].p99_ms)), target: "≤ 10" },
      list_c20_vs_baseline: { value: round(api[`c20_${s[1]}`].rps / base20.rps), target: "≥ 0.5" },
      list_rps_spread_10k_100k_1M: { value: round(1 - Math.min(...rps) / Math.max(...rps)), target: "≤ 0.2" },
      campaigns_page_p50_ms_at_1M: { value: page[`campaigns_page_c1_${s[2]}`].p50_ms, target: "≤ 50" },
      first_load_js_kb_max: { value: Math.max(...bundles.map((b) => b.gzip_kb)), target: "≤ 180" },
      calls_list_p99_ratio_10M_vs_100k: {
        value: round(callsApi[`c1_${label(CALLS[1])}`].p99_ms / callsApi[`c1_${label(CALLS[0])}`].p99_ms),
        target: "≈ 1 (O(page))",
      },
    },
    database_ms: queryMs,
    campaigns_page: page,
    first_load_js: bundles,
    calls: { seeded: { calls: CALLS, seconds: callSeedSec }, api: callsApi },
  };
  console.log(JSON.stringify(figures.targets, null, 2));
  writeFileSync("bench/results/list.json", JSON.stringify({ measured_at: new Date().toISOString(), ...figures }, null, 2) + "\n");
} finally {
  await stop();
}

/** The servers stopped, the database dropped (once, however the run ends). */
async function stop() {
  const [a, b] = [app, baseline];
  app = baseline = undefined;
  await a?.stop();
  await b?.stop();
  if (!dropped) {
    dropped = true;
    await sql.end();
    await db.drop();
  }
}

function round(x: number) {
  return Math.round(x * 100) / 100;
}
