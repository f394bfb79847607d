// npm run db:migrate — apply committed migrations to DATABASE_URL, or to the PGlite folder when unset.
// `npm start` runs it first, so settings missing in production (AUTH_URL, AUTH_SECRET, …) stop the app
// here, with the reason, before the server starts.
import { closeDatabase, migrateDatabase } from "@/db";
import { env } from "@/lib/env";

let settings: ReturnType<typeof env>;
try {
  settings = env();
} catch (error) {
  console.error(`Campaign Console cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const target = settings.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${settings.PGLITE_DIR}`;
try {
  await migrateDatabase();
  console.log(`Migrations applied to ${target}.`);
} catch (error) {
  console.error(`Migrations failed on ${target}: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
