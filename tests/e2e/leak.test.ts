import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { PGlite } from "@electric-sql/pglite";
import { startApp, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";
import { signInByEmail } from "../helpers/e2e";
import { startSandboxServer, type RunningSandbox } from "@/lib/nedzo/sandbox/server";
import { MAGIC_AGENTS } from "@/lib/nedzo/sandbox/magic";
import { startSmtpSink } from "../helpers/smtp-sink";

// Live tokens go through every path a token takes — verified, stored, replaced, used to create, refused
// upstream with 401 — and then its plaintext is looked for everywhere: every HTTP answer the browser got, the server
// log, a dump of the database and its files, and the client bundles.

const tokens = [`sk_test_LEAKCANARY${Date.now()}aa`, `sk_test_LEAKCANARY${Date.now()}bb`];
let app: AppServer;
let sandbox: RunningSandbox;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let browser: Browser;
let page: Page;
const responses: string[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  sandbox = await startSandboxServer(0, { ratePerSec: 50, burst: 50 });
  app = await startApp({ EMAIL_SERVER: sink.url, NEDZO_API_BASE_URL: sandbox.url });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on("response", async (r) => {
    responses.push(JSON.stringify(r.headers()));
    responses.push(await r.text().catch(() => ""));
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sandbox?.close();
  await sink?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function createCampaign(agentLabel: string, name: string) {
  await page.goto(`${app.url}/w/leak-check/campaigns/new`);
  await expect.poll(() => page.getByLabel("Agent").isEnabled()).toBe(true);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Agent").selectOption({ label: agentLabel });
  await page.getByRole("button", { name: "Create campaign" }).click();
}

describe("no token ever leaks", () => {
  it("uses live tokens everywhere a token goes", async () => {
    await signInByEmail(page, app.url, sink, `leak-${Date.now()}@example.test`);
    await page.waitForURL(/\/w\/new$/);
    await page.getByLabel("Workspace name").fill("Leak Check");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/settings$/);
    for (const [i, token] of tokens.entries()) {
      await page.getByLabel("Live").check();
      await page.getByLabel("Nedzo API token").fill(token);
      await page.getByRole("button", { name: "Verify and save token" }).click();
      await page.getByText(`•••• ${token.slice(-4)}`).waitFor();
      await createCampaign("Ava — appointment setter", `ok ${i}`);
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      await createCampaign(MAGIC_AGENTS.unauthorized.name, `rejected ${i}`);
      await page.getByText("Nedzo rejected this workspace's token").first().waitFor();
      await page.goto(`${app.url}/w/leak-check/settings`);
    }
    await page.goto(`${app.url}/w/leak-check/audit`);
    await page.goto(`${app.url}/w/leak-check`);
    expect(responses.length).toBeGreaterThan(20);
  });

  it("finds no plaintext token in responses, server log, database or client bundles", async () => {
    await app.stop();
    const db = new PGlite(app.env.PGLITE_DIR!);
    const tables = await db.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'");
    const dump: string[] = [];
    for (const { tablename } of tables.rows) {
      const rows = await db.query(`select row_to_json(t)::text as j from "${tablename}" t`);
      dump.push(...rows.rows.map((r) => (r as { j: string }).j));
    }
    await db.close();
    expect(dump.join("\n")).toContain("token_last4"); // the dump really has the audit trail in it
    const dbFiles = filesUnder(app.env.PGLITE_DIR!).map((f) => readFileSync(f));
    const bundles = filesUnder(path.resolve(".next/static")).map((f) => readFileSync(f, "utf8"));
    const logs = app.logs.join("");
    for (const token of tokens) {
      expect(responses.some((r) => r.includes(token))).toBe(false);
      expect(logs).not.toContain(token);
      expect(dump.join("\n")).not.toContain(token);
      expect(dbFiles.some((buf) => buf.includes(token))).toBe(false);
      expect(bundles.some((b) => b.includes(token))).toBe(false);
    }
    console.info(
      `[leak] ${tokens.length} tokens; ${responses.length / 2} responses, ${dump.length} rows, ${dbFiles.length} database files, ${bundles.length} bundles, ${logs.length} log bytes scanned: 0 hits`,
    );
  });
});
