import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startSandboxServer, type RunningSandbox } from "@/lib/nedzo/sandbox/server";
import { campaignBody, httpSession, linkIn, shot, signInByEmail, useBrowserApp } from "../helpers/e2e";
import { axe } from "../helpers/axe";

// Issue 9, Webhooks: in Settings an admin sees the workspace's secret URL, rotates it (the old URL answers 404
// at once, the new one 2xx), and sets it on the agents in one click — an agent that already posts elsewhere
// is named, with its URL, in a confirmation first. After that, the sandbox's calls arrive through the
// webhook. A member sees that a webhook exists, never its URL. axe finds nothing serious in either theme.

// Nedzo for the live-mode workspace: the sandbox as its own HTTP server, so the test can set an agent's URL
// the way someone else would (PATCH /v1/agents/{id}) and see what the app set
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandboxServer(0, { ratePerSec: 100, burst: 100 });
});
afterAll(async () => {
  await sandbox?.close();
});

const world = useBrowserApp(() => ({
  NEDZO_API_BASE_URL: sandbox.url,
  NEDZO_WRITES_PER_SEC: "100",
  // only the webhook brings calls after the create's backfill
  SYNC_INTERVAL_MS: "3600000",
}));

const stamp = Date.now();
const token = `sk_test_webhooks${stamp}`;
const OTHER_URL = "https://hooks.example.test/zapier/abc123";
let url = "";
let context: BrowserContext;
let page: Page;
let ws: { id: string; slug: string };

async function api(method: string, p: string, data?: unknown) {
  const res = await page.request.fetch(`${url}${p}`, { method, data, headers: { origin: url } });
  expect(res.status(), `${method} ${p}: ${await res.text()}`).toBeLessThan(300);
  return res.status() === 204 ? null : res.json();
}

/** Nedzo's own view of the agents (what the sandbox holds for this token). */
async function nedzoAgents(): Promise<{ id: string; name: string; postConversationWebhookUrl: string | null }[]> {
  const res = await fetch(`${sandbox.url}/v1/agents`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()).data;
}

const postTo = (hook: string, body: unknown) =>
  fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const urlField = () => page.getByLabel("Webhook URL", { exact: true });

beforeAll(async () => {
  url = world().app.url;
  // axe goes in as an inline script, which the app's CSP (rightly) refuses: this context ignores CSP
  context = await world().browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
  page = await context.newPage();
  await signInByEmail(page, url, world().sink, `hooks-${stamp}@example.test`);
  await page.waitForURL(/\/w\/new$/);
  ws = (await api("POST", "/api/v1/workspaces", { name: "Hook Bakery" })).workspace;
  await api("PUT", `/api/v1/workspaces/${ws.id}/nedzo-connection`, { mode: "live", token });
});

describe("the webhook in Settings", () => {
  it("shows an admin the URL; rotating it stops the old one at once and the new one takes posts", async () => {
    await page.goto(`${url}/w/${ws.slug}/settings`);
    const first = await urlField().inputValue();
    expect(first).toMatch(new RegExp(`^${url}/api/webhooks/nedzo/[A-Za-z0-9_-]{40,}$`));
    await expect.poll(() => page.getByText("Last post received: none yet").count()).toBe(1);

    await page.getByRole("button", { name: "Rotate URL" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect.poll(() => dialog.textContent()).toContain("stops working at once");
    await dialog.getByRole("button", { name: "Rotate URL" }).click();
    await expect.poll(() => urlField().inputValue(), { timeout: 15_000 }).not.toBe(first);
    const second = await urlField().inputValue();
    expect(second).toMatch(/\/api\/webhooks\/nedzo\/[A-Za-z0-9_-]{40,}$/);

    expect((await postTo(first, { id: `e2e-old-${stamp}` })).status).toBe(404);
    const fresh = await postTo(second, { id: `e2e-new-${stamp}` });
    expect(fresh.status).toBeGreaterThanOrEqual(200);
    expect(fresh.status).toBeLessThan(300);
    await page.reload();
    await expect.poll(() => page.getByText("Last post received: none yet").count()).toBe(0);
  });

  it("sets the URL on every agent in one click, asking first about the agent that posts elsewhere", async () => {
    const [ava, other] = (await nedzoAgents()).filter((a) => !a.id.startsWith("00000000-"));
    // someone set another URL on one agent, in Nedzo
    const patched = await fetch(`${sandbox.url}/v1/agents/${other.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ postConversationWebhookUrl: OTHER_URL }),
    });
    expect(patched.status).toBe(200);

    await page.goto(`${url}/w/${ws.slug}/settings`);
    const ours = await urlField().inputValue();
    const table = page.getByRole("table", { name: "Agents' post-conversation webhook" });
    await table.waitFor({ timeout: 15_000 });
    const row = (name: string) => table.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
    await expect.poll(() => row(other.name).textContent()).toContain(OTHER_URL);
    await expect.poll(() => row(ava.name).textContent()).toContain("None");

    const total = (await nedzoAgents()).length;
    await page.getByRole("button", { name: `Set on ${total} agents…` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect.poll(() => dialog.textContent()).toContain(other.name);
    expect(await dialog.textContent()).toContain(OTHER_URL);
    expect(await dialog.textContent()).not.toContain(ava.name); // only the agent whose URL is replaced is named
    await shot(page, "webhook-replace-dialog");
    // cancel first: nothing changes in Nedzo
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await nedzoAgents()).find((a) => a.id === other.id)!.postConversationWebhookUrl).toBe(OTHER_URL);
    expect((await nedzoAgents()).find((a) => a.id === ava.id)!.postConversationWebhookUrl).toBeNull();

    await page.getByRole("button", { name: `Set on ${total} agents…` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Replace and set" }).click();
    await expect
      .poll(async () => (await nedzoAgents()).every((a) => a.postConversationWebhookUrl === ours), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => page.getByText("Every agent posts its calls to this workspace.").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row(other.name).textContent()).toContain("This workspace");
    await shot(page, "webhook-installed");
  });

  it("after the install, a campaign's calls arrive through the webhook", async () => {
    const { campaign } = await api("POST", `/api/v1/workspaces/${ws.id}/campaigns`, campaignBody("Hooked", { max_calls_per_hour: 120 }));
    const postsBefore = sandbox.webhookPosts();
    const calls = async () => (await api("GET", `/api/v1/workspaces/${ws.id}/campaigns/${campaign.id}/calls?limit=100`)).calls.length;
    const atCreate = await calls();
    // the sandbox posts calls as they end (about one a second at 120 an hour); no sync runs meanwhile
    await expect.poll(() => sandbox.webhookPosts() - postsBefore, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(calls, { timeout: 30_000 }).toBeGreaterThan(atCreate);
    await expect
      .poll(async () => (await api("GET", `/api/v1/workspaces/${ws.id}/campaigns/${campaign.id}`)).campaign.dials, { timeout: 10_000 })
      .toBeGreaterThan(0);
  });

  it("shows a member that a webhook exists, never its URL", async () => {
    const email = `member-${stamp}@example.test`;
    await api("POST", `/api/v1/workspaces/${ws.id}/invitations`, { email, role: "member" });
    const link = linkIn((await world().sink.waitForMail(email)).text, /http:\/\/localhost:\d+\/invitations\/accept\?token=[\w-]+/);
    const member = httpSession(world().app, world().sink);
    await member.signIn(email);
    await member.api("POST", "/api/v1/invitations/accept", { token: new URL(link).searchParams.get("token") });
    const html = await (await member.http(`/w/${ws.slug}/settings`)).text();
    expect(html).toContain("This workspace has a webhook URL");
    expect(html).not.toContain("/api/webhooks/nedzo/");
    expect((await member.http(`/api/v1/workspaces/${ws.id}/webhook`)).status).toBe(403);
  });

  it("passes axe in light and dark, with the agents listed", async () => {
    for (const theme of ["light", "dark"]) {
      await context.addCookies([{ name: "theme", value: theme, url }]);
      await page.goto(`${url}/w/${ws.slug}/settings`);
      await page.getByRole("table", { name: "Agents' post-conversation webhook" }).waitFor({ timeout: 15_000 });
      expect(await axe(page), `settings (${theme})`).toEqual([]);
      await page.getByRole("button", { name: "Rotate URL" }).click();
      await page.getByRole("alertdialog").waitFor();
      expect(await axe(page), `rotate dialog (${theme})`).toEqual([]);
      await page.keyboard.press("Escape");
    }
  });
});
