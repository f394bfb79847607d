// npm run bench:create — issue 10 target 3: what a create through the console adds to Nedzo's own time, at
// concurrency 1 and 4, when the token's pacer has a free slot (NEDZO_WRITES_PER_SEC far above the load).
// Baseline, in the same run and on the same sandbox process: the same body POSTed straight to the sandbox's
// Create Campaign with the token. Both with autocannon in its own process; the app is the production build
// (`next start`), the sandbox its own process (`npm run sandbox`). Writes bench/results/create.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { campaignBody, freshDatabase, liveWorkspace } from "./common";
import { appSecrets, freePort, load, startNext, startProcess, type Load, type Started } from "./next";

const small = process.env.BENCH_SCALE === "small";
const seconds = small ? 4 : 10;

Object.assign(process.env, appSecrets);
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
const db = await freshDatabase();
const sql = postgres(db.url, { max: 1, onnotice: () => {} });
let app: Started | undefined;
let sandbox: Started | undefined;
try {
  const sandboxPort = await freePort();
  sandbox = await startProcess(process.execPath, ["--import", "tsx", path.resolve("scripts/sandbox.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, SANDBOX_PORT: String(sandboxPort), SANDBOX_RATE_PER_SEC: "100000", SANDBOX_BURST: "100000" },
    port: sandboxPort,
    healthPath: "/",
  });
  const token = `sk_test_createbench${Date.now()}`;
  const ws = await liveWorkspace(token);
  const session = `bench-session-${Date.now()}`;
  await sql`insert into sessions (session_token, user_id, expires) values (${session}, ${ws.userId}, now() + interval '1 day')`;
  app = await startNext(db.url, { NEDZO_API_BASE_URL: sandbox.url, NEDZO_WRITES_PER_SEC: "100000" });

  const body = JSON.stringify(campaignBody("Bench create"));
  // the baseline on a token of its own: what it creates is not in the console's workspace's account
  const direct = {
    url: `${sandbox.url}/v1/campaign/`,
    headers: { authorization: `Bearer sk_test_createbase${Date.now()}`, "content-type": "application/json" },
  };
  const console_ = {
    url: `${app.url}/api/v1/workspaces/${ws.workspaceId}/campaigns`,
    headers: { cookie: `authjs.session-token=${session}`, origin: app.url, "content-type": "application/json" },
  };
  // the framework's floor, same run: the app's smallest route (GET /api/health: one `select 1`) through next start
  const health = { url: `${app.url}/api/health`, headers: {} };
  type Measured = Load & { app_cpu_ms_per_request: number };
  const run = async (target: { url: string; headers: Record<string, string> }, connections: number, method = "POST"): Promise<Measured> => {
    const request = { ...target, method, ...(method === "POST" && { body }), connections };
    await load({ ...request, duration: 2 });
    const cpuBefore = app!.cpuMs();
    const r = await load({ ...request, duration: seconds });
    // the app process's CPU time per answered request (its job worker's share of each create included)
    const cpu = Math.round(((app!.cpuMs() - cpuBefore) / Math.max(1, r.requests)) * 100) / 100;
    if (r.non2xx || r.errors) throw new Error(`${target.url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return { ...r, app_cpu_ms_per_request: cpu };
  };
  const figures: Record<
    string,
    { nedzo_sandbox: Measured; through_console: Measured; smallest_route: Measured; added_p50_ms: number; added_p99_ms: number }
  > = {};
  for (const c of [1, 4]) {
    const nedzo = await run(direct, c);
    const through = await run(console_, c);
    const floor = await run(health, c, "GET");
    figures[`c${c}`] = {
      nedzo_sandbox: nedzo,
      through_console: through,
      smallest_route: floor,
      added_p50_ms: through.p50_ms - nedzo.p50_ms,
      added_p99_ms: through.p99_ms - nedzo.p99_ms,
    };
    process.stderr.write(`[bench:create] c=${c}: ${JSON.stringify(figures[`c${c}`])}\n`);
    if (process.env.BENCH_DEBUG) process.stderr.write(app.logs.join(""));
  }
  const [{ created, other }] = await sql`
    select count(*) filter (where status = 'created')::int as created, count(*) filter (where status <> 'created')::int as other
    from campaigns where workspace_id = ${ws.workspaceId}`;
  const result = {
    scale: small ? "small" : "full",
    ...figures,
    rows: { created, other },
    targets: {
      added_p50_ms: { c1: figures.c1.added_p50_ms, c4: figures.c4.added_p50_ms, target: "≤ 5" },
      added_p99_ms: { c1: figures.c1.added_p99_ms, c4: figures.c4.added_p99_ms, target: "≤ 15" },
      // what the machine and the framework allow: a create's own CPU in the app, and the smallest route's
      app_cpu_ms_per_create: {
        c1: figures.c1.through_console.app_cpu_ms_per_request,
        c4: figures.c4.through_console.app_cpu_ms_per_request,
      },
      smallest_route_p50_ms: { c1: figures.c1.smallest_route.p50_ms, c4: figures.c4.smallest_route.p50_ms },
      smallest_route_app_cpu_ms: {
        c1: figures.c1.smallest_route.app_cpu_ms_per_request,
        c4: figures.c4.smallest_route.app_cpu_ms_per_request,
      },
    },
  };
  console.log(JSON.stringify(result.targets, null, 2));
  writeFileSync("bench/results/create.json", JSON.stringify({ measured_at: new Date().toISOString(), ...result }, null, 2) + "\n");
} finally {
  await app?.stop();
  await sandbox?.stop();
  await sql.end();
  await db.drop();
}
