// npm start [-- -p PORT] [-H HOST] — serve the production build: the standalone server Next builds
// (.next/standalone/server.js, `next start` does not serve `output: "standalone"`), with the static
// files and public/ put beside it as it expects. `npm start` runs scripts/migrate.ts first.
//
// The server runs with NEXT_MANUAL_SIG_HANDLE: Next then leaves SIGTERM/SIGINT to instrumentation.ts, which
// drains the job worker before it exits (Next's own handler exits at once with 143).
import { spawn } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";

const root = process.cwd();
const standalone = path.join(root, ".next/standalone");
const server = path.join(standalone, "server.js");

if (!existsSync(server)) {
  console.error("No standalone build in .next/standalone: run `npm run build` first.");
  process.exit(1);
}

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  allowPositionals: true,
  strict: false,
});

// what server.js serves from its own folder, as the Dockerfile lays it out
cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true, force: true });
if (existsSync(path.join(root, "public")))
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true, force: true });

// the server runs in its own folder: relative data folders still mean the ones under this checkout
const settings = env();
const absolute = (dir: string) => (dir.startsWith("memory://") ? dir : path.resolve(root, dir));
const child = spawn(process.execPath, [server], {
  cwd: standalone,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: String(values.port ?? settings.PORT ?? 3000),
    HOSTNAME: String(values.hostname ?? "0.0.0.0"),
    PGLITE_DIR: absolute(settings.PGLITE_DIR),
    DATA_DIR: absolute(settings.DATA_DIR),
    NEXT_MANUAL_SIG_HANDLE: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 143)));
