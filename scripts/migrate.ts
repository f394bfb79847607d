// npm run db:migrate — apply committed migrations to DATABASE_URL, or to the PGlite folder when unset.
import { closeDatabase, migrateDatabase } from "@/db";
import { env } from "@/lib/env";

const target = env().DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${env().PGLITE_DIR}`;
try {
  await migrateDatabase();
  console.log(`Migrations applied to ${target}.`);
} catch (error) {
  console.error(`Migrations failed on ${target}: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
