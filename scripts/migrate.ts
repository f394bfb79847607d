// npm run db:migrate — apply committed migrations to DATABASE_URL, or to the PGlite folder when unset.
// `npm start` runs it first, so settings missing in production (AUTH_URL, AUTH_SECRET, …) stop the app
// here, with the reason, before the server starts.
//
// Several instances may start at once on one PostgreSQL: the migrations run under a session advisory
// lock, so exactly one applies them while the others wait, then find nothing left to do. (PGlite is one
// process's own database: no lock needed.)
import postgres from "postgres";
import { closeDatabase, migrateDatabase } from "@/db";
import { env } from "@/lib/env";
import pino from "pino";
import { createLogger } from "@/lib/log/logger";

/** The advisory lock's key: any fixed 64-bit number, the same in every instance ("campaign-console migrate"). */
const MIGRATION_LOCK = 4_242_020_261_010n;

// a command's diagnostics go to stderr (JSON lines, like the server's)
const log = createLogger(pino.destination({ fd: 2, sync: true }));

let settings: ReturnType<typeof env>;
try {
  settings = env();
} catch (error) {
  // the reason in the message itself: this is the line a person reads when a deploy does not come up
  log.fatal(`Campaign Console cannot start: ${(error as Error).message}`);
  log.flush();
  process.exit(1);
}
const target = settings.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${settings.PGLITE_DIR}`;

/** Runs `work` while holding the migration lock on its own connection (released when that connection ends). */
async function underLock(url: string, work: () => Promise<void>): Promise<void> {
  const lockClient = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await lockClient`select pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await work();
    await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`;
  } finally {
    await lockClient.end({ timeout: 5 });
  }
}

try {
  const started = Date.now();
  if (settings.DATABASE_URL) await underLock(settings.DATABASE_URL, migrateDatabase);
  else await migrateDatabase();
  log.info({ target, ms: Date.now() - started }, "migrations applied");
} catch (error) {
  log.error({ target, error: (error as Error).message }, "migrations failed");
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
