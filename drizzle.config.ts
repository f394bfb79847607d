import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and committed; the same files serve PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/calls-schema.ts"],
  out: "./db/migrations",
  casing: "snake_case",
});
