import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import postgres from "postgres";
import { shot, signInByEmail, startRelayProcess, useBrowserApp } from "../helpers/e2e";

// Issue 8: when the database goes away, a console page says so ("We can't reach the database right now…")
// and offers Retry — not a framework error page — and Retry brings the page back once it returns. The app
// runs on PostgreSQL (PGlite lives inside the process and cannot go away) through a TCP relay the test cuts:
// DATABASE_URL's server, or the local one CI runs (postgres://postgres@127.0.0.1:5432/postgres).

const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `cc_e2e_outage_${randomBytes(4).toString("hex")}`;
let proxy: Awaited<ReturnType<typeof startRelayProcess>>;
let appDatabaseUrl = "";

async function reachable(): Promise<boolean> {
  const sql = postgres(base, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
const onPostgres = await reachable();
if (!onPostgres) console.warn(`[database-outage] no PostgreSQL at ${base}: skipped`);

beforeAll(async () => {
  if (!onPostgres) return;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const direct = new URL(base);
  proxy = await startRelayProcess(direct.hostname, Number(direct.port || 5432));
  const relayed = new URL(base);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(proxy.port());
  relayed.pathname = `/${dbName}`;
  appDatabaseUrl = relayed.toString();
});

const world = useBrowserApp((): Record<string, string> => (onPostgres ? { DATABASE_URL: appDatabaseUrl } : {}));

afterAll(async () => {
  if (!onPostgres) return;
  proxy?.stop();
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
});

const OUTAGE = "We can't reach the database right now…";

/** Retry until the page is back (the app reconnects by itself, a moment after the database returns). */
async function retryUntilBack(page: Page, heading: string) {
  await expect
    .poll(
      async () => {
        if (await page.getByRole("heading", { name: heading }).isVisible()) return true;
        const retry = page.getByRole("button", { name: "Retry" });
        if (await retry.isVisible()) await retry.click();
        return page.getByRole("heading", { name: heading }).isVisible();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

async function expectOutagePage(page: Page) {
  await page.getByRole("heading", { name: OUTAGE }).waitFor();
  expect(await page.getByRole("button", { name: "Retry" }).isVisible()).toBe(true);
  // not Next's own error screen
  expect(await page.getByText(/Application error|This page couldn.t load/i).count()).toBe(0);
}

describe.skipIf(!onPostgres)("the database goes away while someone works", () => {
  let page: Page;

  it("a page loaded during the outage says the database is unreachable; Retry brings it back", async () => {
    const { app, sink, browser } = world();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInByEmail(page, app.url, sink, `outage-${Date.now()}@example.test`);
    await page.waitForURL(/\/w\/new$/);
    await page.getByLabel("Workspace name").fill("Blue Bakery");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/blue-bakery\/settings$/);

    await proxy.cut();
    const res = await page.goto(`${app.url}/w/blue-bakery`);
    expect(res?.status()).toBeGreaterThanOrEqual(500);
    await expectOutagePage(page);
    await shot(page, "database-outage");

    await proxy.restore();
    await retryUntilBack(page, "Campaigns");
  });

  it("a section opened during the outage keeps the console around it, and Retry recovers it", async () => {
    const { app } = world();
    await page.goto(`${app.url}/w/blue-bakery`);
    await page.getByRole("heading", { name: "Campaigns" }).waitFor();
    await proxy.cut();
    await page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Members" }).click();
    await expectOutagePage(page);
    expect(await page.getByRole("link", { name: "Sign out" }).isVisible()).toBe(true);

    await proxy.restore();
    await retryUntilBack(page, "People");
  });
});
