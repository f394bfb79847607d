// Runs before `npm run dev` / `npm start`: make the development secrets (once) and migrate the database,
// in this process, before the server opens it (PGlite allows one process per folder).
import { closeDatabase, migrateDatabase } from "@/db";
import { env } from "@/lib/env";

const settings = env();
await migrateDatabase();
await closeDatabase();
console.log(
  `Campaign Console: database ready (${settings.DATABASE_URL ? "PostgreSQL" : `PGlite in ${settings.PGLITE_DIR}`}); ` +
    `sign-in links ${settings.EMAIL_SERVER ? "are mailed" : "are printed in this terminal"}, ` +
    `on ${settings.AUTH_URL ? settings.APP_ORIGIN : "http://localhost:<the dev server's port>"}.`,
);
