import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

// Starts the built app (`next start`) as its own process on a free port, with its own database.

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

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

export function ensureBuilt(): void {
  if (existsSync(path.join(root, ".next/BUILD_ID"))) return;
  const built = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (built.status !== 0) throw new Error("next build failed");
}

export type AppServer = {
  url: string;
  env: NodeJS.ProcessEnv;
  logs: string[];
  stop: () => Promise<void>;
  restart: () => Promise<void>;
  /** SIGKILL, as a crash: nothing is finished or handed back (restart brings it back). */
  kill: () => Promise<void>;
  /** The running server process (tests of the graceful shutdown signal it themselves). */
  process: () => ChildProcess;
};

/**
 * `migrate: false` skips the migrations: for instances that share a database someone already migrated
 * (tests/helpers/scale-out.ts starts two at once).
 */
export async function startApp(extraEnv: Record<string, string>, options: { migrate?: boolean } = {}): Promise<AppServer> {
  ensureBuilt();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PGLITE_DIR: mkdtempSync(path.join(os.tmpdir(), "cc-e2e-pglite-")),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEDZO_TOKEN_KEY: randomBytes(32).toString("base64"),
    AUTH_URL: `http://localhost:${port}`,
    ...extraEnv,
  };
  if (options.migrate !== false) {
    const migrated = spawnSync(bin("tsx"), ["scripts/migrate.ts"], { cwd: root, env, encoding: "utf8" });
    if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stderr}`);
  }

  const logs: string[] = [];
  let child: ChildProcess;
  const url = `http://localhost:${port}`;

  async function start() {
    child = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => logs.push(String(d)));
    child.stderr!.on("data", (d) => logs.push(String(d)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`app exited early:\n${logs.join("")}`);
      if (Date.now() > deadline) throw new Error(`app did not become healthy:\n${logs.join("")}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  const isDown = () => !child || child.exitCode !== null || child.signalCode !== null;

  async function stop() {
    if (isDown()) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }

  async function kill() {
    if (isDown()) return;
    const gone = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await gone;
  }

  await start();
  return { url, env, logs, stop, kill, process: () => child, restart: async () => (await stop(), await start()) };
}
