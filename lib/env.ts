import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// The only module that reads process.env. Parsed once, lazily: `next build` imports route modules
// without a request, and must not need production secrets to do so.

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(16).optional(),
  AUTH_URL: z.string().url().optional(),
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
  DATA_DIR: z.string().min(1).default(".data"),
  SANDBOX_PORT: z.coerce.number().int().positive().default(4010),
  SANDBOX_SLOW_MS: z.coerce.number().int().nonnegative().optional(),
  SANDBOX_RATE_PER_SEC: z.coerce.number().positive().default(1),
  SANDBOX_BURST: z.coerce.number().int().positive().default(5),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; NEDZO_TOKEN_KEY: string; isProduction: boolean };

let cached: Env | undefined;

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
  if (!AUTH_SECRET || !NEDZO_TOKEN_KEY) {
    if (isProduction) {
      const missing = [!AUTH_SECRET && "AUTH_SECRET", !NEDZO_TOKEN_KEY && "NEDZO_TOKEN_KEY"].filter(Boolean);
      throw new Error(`${missing.join(" and ")} must be set in production (see README, Settings).`);
    }
    const dev = developmentSecrets(value.DATA_DIR);
    AUTH_SECRET ??= dev.AUTH_SECRET;
    NEDZO_TOKEN_KEY ??= dev.NEDZO_TOKEN_KEY;
  }
  if (Buffer.from(NEDZO_TOKEN_KEY, "base64").length !== 32) {
    throw new Error("NEDZO_TOKEN_KEY must be base64 of exactly 32 bytes.");
  }
  cached = { ...value, AUTH_SECRET, NEDZO_TOKEN_KEY, isProduction };
  return cached;
}

/** Tests change settings between files; production code never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
