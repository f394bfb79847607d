import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import postgres from "postgres";
import { closeDatabase, migrateDatabase } from "@/db";
import { resetEnvForTests } from "@/lib/env";

// Each test file gets its own database: PGlite in memory, or a fresh PostgreSQL database created from
// DATABASE_URL and dropped afterwards. Secrets are fixed test values, never the developer's own.

const baseUrl = process.env.DATABASE_URL;
let dbName: string | null = null;

process.env.AUTH_SECRET = "test-auth-secret-0123456789abcdef";
process.env.NEDZO_TOKEN_KEY = Buffer.alloc(32, 7).toString("base64");
process.env.NEDZO_TIMEOUT_MS ??= "1000";
process.env.SANDBOX_SLOW_MS ??= "2500";
// Pacing stays on, at a pace and a queue that keep the suite quick; tests of the pacer set their own.
process.env.NEDZO_WRITES_PER_SEC ??= "50";
process.env.NEDZO_MAX_QUEUE_WAIT_MS ??= "2000";
process.env.EMAIL_SERVER = "";

beforeAll(async () => {
  if (baseUrl) {
    dbName = `cc_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${dbName}"`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${dbName}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    process.env.PGLITE_DIR = "memory://";
  }
  resetEnvForTests();
  await migrateDatabase();
});

afterAll(async () => {
  await closeDatabase();
  if (baseUrl && dbName) {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
});
