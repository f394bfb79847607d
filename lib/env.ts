import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// The only module that reads process.env. Parsed once, lazily: `next build` imports route modules
// without a request, and must not need production secrets to do so.

/** An absolute http(s) URL that names an origin only: no path, query, fragment or credentials. */
function isOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return /^https?:$/.test(u.protocol) && u.pathname === "/" && !u.search && !u.hash && !u.username && !u.password;
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(16).optional(),
  AUTH_URL: z.string().refine(isOrigin, "Must be the app's absolute http(s) URL with no path, like https://console.example.com").optional(),
  // Next sets PORT to the port its server listens on (`next dev -p 4000` too): the development origin.
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^\d{1,2}$/, "Must be the number of reverse proxies in front of the app (0 = none)")
    .transform(Number)
    .default(0),
  EMAIL_SERVER: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).default("Campaign Console <no-reply@localhost>"),
  NEDZO_API_BASE_URL: z.string().url().default("https://api.nedzo.ai"),
  NEDZO_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  NEDZO_TOKEN_KEY: z.string().optional(),
  NEDZO_TOKEN_KEY_VERSION: z.coerce.number().int().positive().default(1),
  NEDZO_TOKEN_KEYS_PREVIOUS: z
    .string()
    .regex(/^(\d+:[A-Za-z0-9+/=]+)(,\d+:[A-Za-z0-9+/=]+)*$/, 'Must be "version:base64key" pairs separated by commas')
    .optional(),
  NEDZO_WRITES_PER_SEC: z.coerce.number().positive().default(1),
  NEDZO_MAX_QUEUE_WAIT_MS: z.coerce.number().int().nonnegative().default(30_000),
  NEDZO_MAX_QUEUED_PER_TOKEN: z.coerce.number().int().positive().default(1000),
  SYNC_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** reads (agents, conversations) write nothing, so they may take longer than a create before we give up */
  NEDZO_READ_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  DATA_DIR: z.string().min(1).default(".data"),
  SANDBOX_PORT: z.coerce.number().int().positive().default(4010),
  SANDBOX_SLOW_MS: z.coerce.number().int().nonnegative().optional(),
  SANDBOX_RATE_PER_SEC: z.coerce.number().positive().default(1),
  SANDBOX_BURST: z.coerce.number().int().positive().default(5),
  /** the bearer token /api/metrics asks for; unset, /api/metrics answers 404 */
  METRICS_TOKEN: z.string().min(16, "Must be at least 16 characters").optional(),
  /** on SIGTERM/SIGINT: how long running jobs and requests may take before what is left goes back to the queue */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export type Env = z.infer<typeof schema> & {
  AUTH_SECRET: string;
  NEDZO_TOKEN_KEY: string;
  /** The app's public origin (AUTH_URL's, or http://localhost:<PORT> in development): every mailed
   *  link, every redirect Auth.js builds and the API's Origin check use it, never a request header. */
  APP_ORIGIN: string;
  isProduction: boolean;
};

let cached: Env | undefined;
/** The AUTH_URL this module put into process.env (see below), so tests can take it back. */
let wroteAuthUrl: { value: string; previous: string | undefined } | undefined;

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === "" ? undefined : v;
  return out;
}

/** Development secrets are made once and kept under DATA_DIR, so sessions and tokens survive restarts. */
function developmentSecrets(dataDir: string): { AUTH_SECRET: string; NEDZO_TOKEN_KEY: string } {
  const file = path.resolve(dataDir, "secrets.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { AUTH_SECRET: string; NEDZO_TOKEN_KEY: string };
    if (saved.AUTH_SECRET && saved.NEDZO_TOKEN_KEY) return saved;
  }
  const fresh = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEDZO_TOKEN_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(fresh, null, 2) + "\n", { mode: 0o600, flag: "wx" });
    return fresh;
  } catch (error) {
    // Another process wrote it first: use theirs, so both agree.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(file, "utf8"));
  }
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(blankToUndefined(process.env));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment settings — ${fields}`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  let { AUTH_SECRET, NEDZO_TOKEN_KEY } = value;
  if (isProduction) {
    const missing = [!AUTH_SECRET && "AUTH_SECRET", !NEDZO_TOKEN_KEY && "NEDZO_TOKEN_KEY", !value.AUTH_URL && "AUTH_URL"].filter(Boolean);
    if (missing.length) {
      const urlHint = value.AUTH_URL
        ? ""
        : " AUTH_URL is the app's public URL, like https://console.example.com: sign-in links are built on it.";
      throw new Error(`${missing.join(" and ")} must be set in production (see README, Settings).${urlHint}`);
    }
  }
  const APP_ORIGIN = value.AUTH_URL ? new URL(value.AUTH_URL).origin : `http://localhost:${value.PORT ?? 3000}`;
  // Auth.js reads process.env.AUTH_URL itself (next-auth's reqWithEnvURL, @auth/core's createActionURL):
  // when it is set, every URL Auth.js builds — the mailed sign-in link, its redirects — is on that
  // origin; when it is not, they follow the request's Host / X-Forwarded-Host, which anyone can forge.
  // So it always holds the configured origin.
  if (process.env.AUTH_URL !== APP_ORIGIN) {
    wroteAuthUrl = { value: APP_ORIGIN, previous: process.env.AUTH_URL };
    process.env.AUTH_URL = APP_ORIGIN;
  }
  if (!AUTH_SECRET || !NEDZO_TOKEN_KEY) {
    const dev = developmentSecrets(value.DATA_DIR);
    AUTH_SECRET ??= dev.AUTH_SECRET;
    NEDZO_TOKEN_KEY ??= dev.NEDZO_TOKEN_KEY;
  }
  if (Buffer.from(NEDZO_TOKEN_KEY, "base64").length !== 32) {
    throw new Error("NEDZO_TOKEN_KEY must be base64 of exactly 32 bytes.");
  }
  cached = { ...value, AUTH_SECRET, NEDZO_TOKEN_KEY, APP_ORIGIN, isProduction };
  return cached;
}

/** Tests change settings between files; production code never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
  if (wroteAuthUrl && process.env.AUTH_URL === wroteAuthUrl.value) {
    if (wroteAuthUrl.previous === undefined) delete process.env.AUTH_URL;
    else process.env.AUTH_URL = wroteAuthUrl.previous;
  }
  wroteAuthUrl = undefined;
}

/**
 * The SQL_STATS debugging switch (`1`: count each page render's statements). Read without the full parse
 * above: it is consulted when modules load, where `next build` has no production settings to validate.
 */
export function sqlStatsEnabled(): boolean {
  return process.env.SQL_STATS === "1";
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * LOG_LEVEL (default info). Read without the full parse above, like SQL_STATS: the logger is made when
 * modules load, also in scripts that run before the settings are known to be valid.
 */
export function logLevel(): (typeof LOG_LEVELS)[number] {
  const value = (process.env.LOG_LEVEL ?? "").trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value) ? (value as (typeof LOG_LEVELS)[number]) : "info";
}

/** Whether Next leaves SIGTERM/SIGINT to us (NEXT_MANUAL_SIG_HANDLE, which our start script sets). */
export function manualSignalHandling(): boolean {
  return Boolean(process.env.NEXT_MANUAL_SIG_HANDLE);
}
