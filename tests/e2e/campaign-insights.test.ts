import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { campaignBody, linkIn, SANDBOX_AGENT_AVA, shot, signInByEmail, useBrowserApp } from "../helpers/e2e";
import { axe } from "../helpers/axe";
import { firstLoadJs } from "../helpers/first-load";

// Issue 9: a campaign's life after creation, on its page. A sandbox campaign named `[history:200]` brings
// 200 calls from the week before it; after a sync the page shows the numbers with their definitions, the
// charts (and their tables), a call log that filters by outcome and pages on, a call with its transcript and
// recording; a viewer sees contact numbers by their last 4 digits; axe finds nothing serious in either theme.

const world = useBrowserApp();
const stamp = Date.now();
const viewerEmail = `insights-viewer-${stamp}@example.test`;
let url = "";
let context: BrowserContext;
let page: Page;
let workspaceId = "";
let campaignPath = "";
let callPath = "";

const log = (p: Page) => p.getByRole("table", { name: "Calls of this campaign, newest first" });
const contacts = (p: Page) => log(p).locator("td[data-contact]").allTextContents();
const outcomes = (p: Page) =>
  log(p)
    .locator("td[data-outcome]")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-outcome")));

beforeAll(async () => {
  url = world().app.url;
  // axe goes in as an inline script, which the app's CSP (rightly) refuses: this context ignores CSP
  context = await world().browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  page = await context.newPage();
  await signInByEmail(page, url, world().sink, `insights-${stamp}@example.test`);
  await page.waitForURL(/\/w\/new$/);
  const api = async (method: string, p: string, data?: unknown) => {
    const res = await page.request.fetch(`${url}${p}`, { method, data, headers: { origin: url } });
    expect(res.status(), `${method} ${p}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const { workspace } = await api("POST", "/api/v1/workspaces", { name: "Green Grocer", timezone: "America/New_York" });
  workspaceId = workspace.id;
  await api("PUT", `/api/v1/workspaces/${workspaceId}/nedzo-connection`, { mode: "sandbox" });
  const { campaign } = await api(
    "POST",
    `/api/v1/workspaces/${workspaceId}/campaigns`,
    campaignBody("Harvest [history:200]", { daily_usage_cap: 90 }),
  );
  campaignPath = `/w/${workspace.slug}/campaigns/${campaign.id}`;
  await api("POST", `/api/v1/workspaces/${workspaceId}/invitations`, { email: viewerEmail, role: "viewer" });
  await api("POST", `/api/v1/workspaces/${workspaceId}/sync`);
  // the sync runs on the app's job queue: wait until it is done and has the history (expect.poll is for tests)
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { sync } = await api("GET", `/api/v1/workspaces/${workspaceId}/sync`);
    if (sync.status === "idle" && sync.calls >= 200) break;
    if (Date.now() > deadline) throw new Error(`the sync did not bring the history: ${JSON.stringify(sync)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

describe("the campaign page", () => {
  it("shows the numbers with their definitions, fresh, and the charts with their tables", async () => {
    await page.goto(`${url}${campaignPath}`);
    await expect.poll(() => page.locator('[data-kpi="pickup-rate"]').textContent(), { timeout: 20_000 }).toMatch(/^\d+(\.\d)?%$/);
    expect(await page.locator('[data-kpi="positive-rate"]').textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(await page.getByText(/^Pickups ÷ dials: \d+ of [\d,]+ calls connected/).count()).toBe(1);
    expect(await page.getByText(/^Positive outcomes ÷ pickups/).count()).toBe(1);
    const usage = page.getByRole("progressbar", { name: "Minutes used today" });
    expect(await usage.getAttribute("aria-valuemax")).toBe("90");
    expect(await page.getByText(/^updated /).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Sync now" }).count()).toBe(1);
    // agent by name, its id beside it
    expect(await page.getByText("Ava — appointment setter").count()).toBeGreaterThan(0);
    expect(await page.getByText(SANDBOX_AGENT_AVA).count()).toBeGreaterThan(0);

    // both charts drawn (recharts, loaded after the page), each with its numbers in a table
    await expect.poll(() => page.locator(".recharts-wrapper").count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByRole("table", { name: "Calls by outcome" }).getByRole("rowheader", { name: "Other" }).count()).toBe(1);
    await page.getByRole("link", { name: "All time" }).click();
    await page.waitForURL(/range=all/);
    await page.getByText("Show the numbers as a table").click();
    const perDay = page.getByRole("table", { name: "Calls per day by outcome" });
    await perDay.waitFor();
    const totals = await perDay.locator("tbody tr td:last-child").allTextContents();
    expect(totals.reduce((s, t) => s + Number(t.replace(/,/g, "")), 0)).toBeGreaterThanOrEqual(200);
    await shot(page, "campaign-insights");
  });

  it("keeps recharts out of the page's first-load JS (it comes after, with the charts)", async () => {
    const firstLoad = (href: string) => firstLoadJs(context, `${url}${href}`);
    // the Members page has no chart: what every console page loads anyway
    const base = await firstLoad(`${campaignPath.split("/campaigns/")[0]}/members`);
    const campaign = await firstLoad(campaignPath);
    console.info(`[campaign-insights] first-load JS: campaign page ${campaign.kb.toFixed(1)} kB gzip, Members ${base.kb.toFixed(1)} kB`);
    expect(campaign.recharts).toBe(false);
    expect(campaign.kb - base.kb).toBeLessThan(15);
  });

  it("filters the call log by outcome, pages on and back, keeping the filter", async () => {
    await page.getByLabel("Outcome").selectOption("no_answer");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/outcome=no_answer/);
    expect(page.url()).toContain("range=all");
    const first = await contacts(page);
    expect(first).toHaveLength(25);
    expect(new Set(await outcomes(page))).toEqual(new Set(["no_answer"]));
    expect(await page.getByRole("link", { name: "Previous page" }).count()).toBe(0);

    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => contacts(page)).not.toEqual(first);
    expect(new Set(await outcomes(page))).toEqual(new Set(["no_answer"]));
    expect(page.url()).toContain("outcome=no_answer");
    await page.getByRole("link", { name: "Previous page" }).click();
    await expect.poll(() => contacts(page)).toEqual(first);

    // a filter that cannot be read is left out with a note, not an error page
    const res = await page.goto(`${url}${campaignPath}?outcome=maybe&from=2026-02-31&range=forever`);
    expect(res?.status()).toBe(200);
    expect(await page.getByText(/could not be read and was left out: .*outcome/).count()).toBe(1);
  });

  it("opens a call: every field, the transcript by speaker, the recording", async () => {
    await page.goto(`${url}${campaignPath}?outcome=appointment_booked`);
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toContain("outcome=appointment_booked");
    await log(page).locator("tbody tr").first().getByRole("link").click();
    await page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
    callPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: /^Call with \+1555\d{7}$/ }).waitFor();
    expect(await page.getByText("Appointment booked").count()).toBeGreaterThan(0);
    const turns = page.getByRole("list", { name: "Transcript" }).getByRole("listitem");
    expect(await turns.count()).toBe(3);
    expect(await turns.first().textContent()).toMatch(/^AIHello! This is Harvest calling/);
    expect(await turns.nth(1).textContent()).toMatch(/^ContactHi, who is this\?/);
    expect(await page.locator("audio[controls]").getAttribute("src")).toMatch(/^https:\/\/sandbox\.nedzo\.invalid\/recordings\//);
  });

  it("shows a viewer contact numbers by their last 4 digits, and no transcript, export or Sync now", async () => {
    const link = linkIn((await world().sink.waitForMail(viewerEmail)).text, /http:\/\/localhost:\d+\/invitations\/accept\?token=[\w-]+/);
    const viewerContext = await world().browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(link);
    await viewer.waitForURL(/\/sign-in\?callbackUrl=/);
    await signInByEmail(viewer, url, world().sink, viewerEmail, "");
    await viewer.waitForURL(/\/invitations\/accept\?token=/);
    await viewer.getByRole("button", { name: "Join Green Grocer" }).click();
    await viewer.waitForURL(/\/w\/green-grocer$/);
    await viewer.goto(`${url}${campaignPath}`);
    // read the log once its rows are in the page (allTextContents does not wait; it once read an empty log)
    await log(viewer).locator("td[data-contact]").first().waitFor();
    const shown = await contacts(viewer);
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) expect(c).toMatch(/^•••\d{4}$/);
    expect(await viewer.getByRole("link", { name: "Download CSV" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Sync now" }).count()).toBe(0);
    await viewer.goto(`${url}${callPath}`);
    await viewer.getByRole("heading", { name: /^Call with •••\d{4}$/ }).waitFor();
    expect(await viewer.getByRole("list", { name: "Transcript" }).count()).toBe(0);
    expect(await viewer.locator("audio").count()).toBe(0);
    await viewerContext.close();
  });

  it.each(["light", "dark"])("passes axe in the %s theme (campaign page and call view)", async (theme) => {
    await context.addCookies([{ name: "theme", value: theme, url }]);
    const found: string[] = [];
    for (const href of [campaignPath, `${campaignPath}?range=24h&outcome=no_answer`, callPath]) {
      await page.goto(`${url}${href}`);
      await page.waitForLoadState("networkidle");
      expect(await page.locator("html").getAttribute("class")).toContain(theme);
      await page
        .locator("details summary")
        .first()
        .click({ timeout: 1000 })
        .catch(() => {}); // the chart's table, open
      for (const v of await axe(page)) found.push(`[${theme}] ${href}: ${v}`);
    }
    expect(found).toEqual([]);
  });
});
