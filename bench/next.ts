import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

// The production build the benches measure. Other helpers rebuild .next while we bench, so the build is
// made (or, with BENCH_SKIP_BUILD=1, only copied) under the shared lock into a folder of its own, and
// `next start` serves that copy: nobody's rebuild can swap it mid-run, and the lock is held only for the
// build and the copy. `npm run bench` makes one copy and hands it to every bench in BENCH_APP_DIR.

const root = path.resolve(import.meta.dirname, "..");

export function preparedApp(): string {
  const ready = process.env.BENCH_APP_DIR;
  if (ready && existsSync(path.join(ready, ".next/BUILD_ID"))) return ready;
  const dir = mkdtempSync(path.join(os.tmpdir(), "cc-bench-app-"));
  mkdirSync(path.join(dir, ".next"));
  for (const name of ["node_modules", "package.json", "next.config.mjs", "public"]) {
    if (existsSync(path.join(root, name))) symlinkSync(path.join(root, name), path.join(dir, name));
  }
  const build = process.env.BENCH_SKIP_BUILD === "1" ? "true" : "npm run build > /tmp/build-bench.log 2>&1";
  const copy = `tar -C .next --exclude=./cache -cf - . | tar -C '${dir}/.next' -xf -`;
  process.stderr.write(`[bench] ${build === "true" ? "copying the current build" : "building"} under /tmp/cc-next.lock …\n`);
  const done = spawnSync("flock", ["/tmp/cc-next.lock", "sh", "-c", `${build} && ${copy}`], { cwd: root, stdio: "inherit" });
  if (done.status !== 0 || !existsSync(path.join(dir, ".next/BUILD_ID"))) {
    throw new Error("the production build failed (see /tmp/build-bench.log)");
  }
  process.env.BENCH_APP_DIR = dir;
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export const appSecrets = { AUTH_SECRET: randomBytes(32).toString("base64url"), NEDZO_TOKEN_KEY: randomBytes(32).toString("base64") };

export type Started = {
  url: string;
  port: number;
  logs: string[];
  /** CPU time the process has used so far (user + system), in ms: read before and after a load. */
  cpuMs: () => number;
  stop: () => Promise<void>;
};

/** A process's CPU time so far from /proc (Linux), in ms. */
function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** A child process listening on a port, healthy once `healthPath` answers 2xx. */
export async function startProcess(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; port: number; healthPath: string },
): Promise<Started> {
  const logs: string[] = [];
  const child: ChildProcess = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
  // the last lines only: an app logs a line per request, and a bench sends hundreds of thousands
  const keep = (d: unknown) => logs.push(String(d)) > 200 && logs.shift();
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://localhost:${opts.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}${opts.healthPath}`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${command} exited early:\n${logs.join("")}`);
    if (Date.now() > deadline) throw new Error(`${command} did not become healthy:\n${logs.join("")}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    port: opts.port,
    logs,
    cpuMs: () => cpuMsOf(child.pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** `next start` of the prepared build, on a database someone already migrated. */
export async function startNext(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Started> {
  const dir = preparedApp();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_URL: `http://localhost:${port}`,
    ...appSecrets,
    ...extraEnv,
  };
  const next = path.join(root, "node_modules/next/dist/bin/next");
  // BENCH_PROFILE=<dir>: the app writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  // BENCH_NODE_ARGS: node flags for the app (an A/B of a runtime setting), space-separated
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  return startProcess(process.execPath, [...nodeArgs, ...profile, next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env,
    port,
    healthPath: "/api/health",
  });
}

export type Load = {
  requests: number;
  non2xx: number;
  errors: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
};

/** autocannon in its own process (bench/load.mjs), so the load generator does not share our event loop. */
export function load(options: {
  url: string;
  connections: number;
  amount?: number;
  duration?: number;
  headers?: Record<string, string>;
  method?: string;
  body?: string;
}): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bench/load.mjs"), JSON.stringify({ kind: "get", ...options })], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load.mjs exited ${code}`))));
  });
}
