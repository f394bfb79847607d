// npm run bench — every bench, one after the other, each in its own process, against PostgreSQL at
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; each bench creates its own database
// and drops it). The production build is made once, under the shared build lock, into a folder of its own
// (bench/next.ts). Then bench/results/machine.json and the table in bench/README.md are written from
// bench/results/*.json.
//   BENCH_SCALE=small  sizes / 10 and short runs, and the pace-bound benches (pacer, durability) skipped
//   BENCH_ONLY=list,create,…  a subset
//   BENCH_ONLY=bundle  first-load JS only, on a small database (the list bench measures it too)
//   BENCH_SKIP_BUILD=1  copy the current .next instead of building
//   BENCH_ONLY=table  no bench: the README table again from bench/results/*.json
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { preparedApp } from "./next";

process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
const small = process.env.BENCH_SCALE === "small";
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());

const tsx = ["node_modules/.bin/tsx", "--conditions=react-server"];
const benches: { name: string; args: string[]; env?: Record<string, string>; full?: boolean; asked?: boolean }[] = [
  { name: "list", args: [...tsx, "bench/list.ts"] },
  { name: "create", args: [...tsx, "bench/create.ts"] },
  { name: "sync", args: [...tsx, "bench/sync.ts"], env: small ? { CALLS: "10000" } : {} },
  { name: "mirror", args: [...tsx, "--expose-gc", "bench/mirror.ts"] },
  { name: "pacer", args: ["node_modules/.bin/tsx", "bench/pacer.ts"], full: true },
  { name: "durability", args: ["node_modules/.bin/tsx", "bench/durability.ts"], full: true },
  { name: "bundle", args: [...tsx, "bench/bundle.ts"], asked: true },
];

const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const started = new Date();
const loadAtStart = load();
const given = process.env.BENCH_APP_DIR;
const appDir = !only || only.some((n) => n === "list" || n === "create" || n === "bundle") ? preparedApp() : null;

const ran: Record<string, { ok: boolean; seconds: number }> = {};
for (const b of benches) {
  if (only ? !only.includes(b.name) : (small && b.full) || b.asked) continue;
  const t = Date.now();
  process.stderr.write(`\n[bench] ${b.name} …\n`);
  const done = spawnSync(b.args[0], b.args.slice(1), { stdio: "inherit", env: { ...process.env, ...b.env } });
  ran[b.name] = { ok: done.status === 0, seconds: Math.round((Date.now() - t) / 1000) };
  if (done.status !== 0) process.stderr.write(`[bench] ${b.name} failed (exit ${done.status})\n`);
}

// the build copy made for this run goes with it
if (appDir && appDir !== given) rmSync(appDir, { recursive: true, force: true });

const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
const [{ server_version }] = await sql`show server_version`;
await sql.end();
const machine = {
  date: started.toISOString(),
  cpu: os.cpus()[0]?.model.trim(),
  cores: os.cpus().length,
  ram_gb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  postgresql: server_version,
  scale: small ? "small" : "full",
  load_average_at_start: loadAtStart,
  load_average_at_end: load(),
  benches: ran,
};
// BENCH_ONLY=table runs nothing and only rewrites the README table from the results there are; the
// bundle-only run writes no results (it prints its figures)
const printedOnly = Object.keys(ran).length > 0 && Object.keys(ran).every((n) => n === "bundle");
if (Object.keys(ran).length > 0 && !printedOnly) writeFileSync("bench/results/machine.json", JSON.stringify(machine, null, 2) + "\n");
if (!printedOnly) {
  writeFileSync("bench/README.md", withTable(readFileSync("bench/README.md", "utf8")));
  spawnSync("node_modules/.bin/prettier", ["--write", "bench/README.md"], { stdio: "ignore" }); // as CI checks it
}
process.stderr.write(`[bench] done: ${JSON.stringify(ran)}\n`);
if (Object.values(ran).some((r) => !r.ok)) process.exitCode = 1;

// ── The README table: each figure of issue 10 before (as the issue measured it) and now, against its target

function read(name: string): any {
  const file = `bench/results/${name}.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

function withTable(readme: string): string {
  const list = read("list");
  const create = read("create");
  const sync = read("sync");
  const m = read("machine");
  const t = list?.targets;
  const a = list?.campaign_list_api ?? {};
  const sizes = list ? (list.seeded.largest as number[]).map((n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`)) : [];
  const base = list?.baseline_bare_node_http_postgres_js ?? {};
  const met = (ok: boolean | undefined) => (ok === undefined ? "—" : ok ? "met" : "**missed**");
  const rows: string[][] = [];
  if (list) {
    rows.push(
      [
        "Campaign list API p50 / p99, c=1 (10k · 100k · 1M rows)",
        "p99 ≤ 10 ms",
        "168 ms p50 at 100k (5.8 req/s); 10k: 70 req/s",
        sizes.map((s) => `${a[`c1_${s}`].p50_ms} / ${a[`c1_${s}`].p99_ms} ms`).join(" · "),
        met(t.list_p99_c1_ms.value <= 10),
      ],
      [
        "… req/s at c=1 (10k · 100k · 1M): spread",
        "≤ 20 %",
        "linear in the workspace (70 → 5.8 req/s)",
        `${sizes.map((s) => a[`c1_${s}`].rps).join(" · ")}: ${Math.round(t.list_rps_spread_10k_100k_1M.value * 100)} %`,
        met(t.list_rps_spread_10k_100k_1M.value <= 0.2),
      ],
      [
        `… with a name search, c=1, ${sizes[1]} (common term · rare term)`,
        "trigram index, no scan",
        "—",
        `${a[`c1_${sizes[1]}_q`].p50_ms} / ${a[`c1_${sizes[1]}_q`].p99_ms} ms · ${a[`c1_${sizes[1]}_rare_q`].p50_ms} / ${a[`c1_${sizes[1]}_rare_q`].p99_ms} ms`,
        "plan test",
      ],
      ...(list.database_ms
        ? [
            [
              "… the list query's database time, EXPLAIN ANALYZE (10k · 100k · 1M; with q=renewals)",
              "O(page)",
              "a 100k-row read and sort per request",
              sizes.map((s) => `${list.database_ms[`list_${s}`]}`).join(" · ") +
                " ms; " +
                sizes.map((s) => `${list.database_ms[`list_${s}_q_renewals`]}`).join(" · ") +
                " ms",
              "plan test",
            ],
          ]
        : []),
      [
        `… req/s at c=20, ${sizes[1]}: app vs bare node:http + postgres.js (same SQL)`,
        "≥ 50 %",
        "2.5 s p50 at c=20",
        `${a[`c20_${sizes[1]}`].rps} vs ${base[`c20_${sizes[1]}`].rps} req/s = ${Math.round(t.list_c20_vs_baseline.value * 100)} % (p50 ${a[`c20_${sizes[1]}`].p50_ms} vs ${base[`c20_${sizes[1]}`].p50_ms} ms)`,
        met(t.list_c20_vs_baseline.value >= 0.5),
      ],
      [
        `Campaigns page p50, c=1 (${sizes[1]} · ${sizes[2]})`,
        `≤ 50 ms at ${sizes[2]}`,
        "192 ms at 100k; 9 statements per render",
        `${list.campaigns_page[`campaigns_page_c1_${sizes[1]}`].p50_ms} · ${list.campaigns_page[`campaigns_page_c1_${sizes[2]}`].p50_ms} ms`,
        met(t.campaigns_page_p50_ms_at_1M.value <= 50),
      ],
      [
        "First-load JS, gzip (largest console page)",
        "≤ 180 kB",
        "241 kB (campaigns page, 15 scripts)",
        (list.first_load_js as { page: string; gzip_kb: number }[]).map((b) => `${b.page} ${b.gzip_kb}`).join(", ") + " kB",
        met(t.first_load_js_kb_max.value <= 180),
      ],
      [
        `Calls list API p50 / p99, c=1 (${list.calls.seeded.calls.map((n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`)).join(" · ")} calls)`,
        "O(page)",
        "—",
        Object.entries(list.calls.api as Record<string, { p50_ms: number; p99_ms: number }>)
          .map(([k, v]) => `${k.replace("c1_", "")}: ${v.p50_ms} / ${v.p99_ms} ms`)
          .join(" · "),
        met(t.calls_list_p99_ratio_10M_vs_100k.value <= 1.5),
      ],
      ...(list.database_ms
        ? [
            [
              "… the calls query's database time, EXPLAIN ANALYZE (all · one outcome)",
              "O(page)",
              "—",
              Object.entries(list.database_ms as Record<string, number>)
                .filter(([k]) => k.startsWith("calls_"))
                .map(([k, v]) => `${k.replace("calls_", "")}: ${v} ms`)
                .join(" · "),
              "plan test",
            ],
          ]
        : []),
    );
  }
  if (create) {
    rows.push([
      "Create overhead over Nedzo's own time, p50 / p99 (c=1 · c=4)",
      "≤ 5 / ≤ 15 ms",
      "+19 / +32 ms · +35 / +50 ms",
      `+${create.c1.added_p50_ms} / +${create.c1.added_p99_ms} ms · +${create.c4.added_p50_ms} / +${create.c4.added_p99_ms} ms`,
      met(Math.max(create.c1.added_p50_ms, create.c4.added_p50_ms) <= 5 && Math.max(create.c1.added_p99_ms, create.c4.added_p99_ms) <= 15),
    ]);
    if (create.c1.smallest_route) {
      rows.push([
        "… the app's CPU per create (c=1 · c=4); the smallest route (GET /api/health) p50 and CPU, same run",
        "the floor",
        "—",
        `${create.c1.through_console.app_cpu_ms_per_request} · ${create.c4.through_console.app_cpu_ms_per_request} ms per create; ` +
          `health ${create.c1.smallest_route.p50_ms} · ${create.c4.smallest_route.p50_ms} ms p50, ` +
          `${create.c1.smallest_route.app_cpu_ms_per_request} · ${create.c4.smallest_route.app_cpu_ms_per_request} ms CPU`,
        "context",
      ]);
    }
  }
  if (sync) {
    rows.push([
      `Sync ingest (${sync.calls} calls) vs bulk insert of the same rows`,
      "≥ 5,000 calls/s",
      "6,425 calls/s, 0.54 × bulk (2026-11-30)",
      `${sync.sync.calls_per_sec} calls/s, ${sync.sync_vs_bulk_insert} × bulk (${sync.baseline_bulk_insert_same_rows.calls_per_sec}/s)`,
      met(sync.sync.calls_per_sec >= 5000),
    ]);
  }
  const header = ["figure", "target", "before (issue 10)", "after (this run)", ""];
  const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  const about = m
    ? `Last \`npm run bench\` (${m.scale}): ${m.date.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cores} cores, ${m.ram_gb} GB RAM, ` +
      `Node ${m.node}, PostgreSQL ${m.postgresql}; load average ${m.load_average_at_start.join(" / ")} at the start ` +
      `(the machine was shared: absolute times are noisy, the ratios were measured in one run).`
    : "";
  const block = `<!-- bench:table -->\n${about}\n\n${table}\n<!-- /bench:table -->`;
  return /<!-- bench:table -->[\s\S]*<!-- \/bench:table -->/.test(readme)
    ? readme.replace(/<!-- bench:table -->[\s\S]*<!-- \/bench:table -->/, block)
    : `${readme.trimEnd()}\n\n## Issue 10 figures\n\n${block}\n`;
}
