import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { campaignBody, linkIn, shot, signInByEmail, useBrowserApp } from "../helpers/e2e";

// Issue 8, as agencies use the console all day: tab titles that name the workspace, one way to show a time
// (the workspace's zone, named; relative when recent; exact on hover), a campaign's calling window in its own
// zone, an audit trail with readable targets and days in the workspace's zone, a searchable switcher grouped
// by agency, a tab bar that scrolls on a phone, a chart that reads in dark mode, a skeleton while a page loads,
// and a plain "your role may not" where the API says 403.

const world = useBrowserApp();
let url = "";
let owner: BrowserContext;
let page: Page;
const stamp = Date.now();
const viewerEmail = `viewer-${stamp}@example.test`;
let workspaceId = "";
let campaignId = "";
let api: (method: string, path: string, data?: unknown) => Promise<any>;

beforeAll(async () => {
  url = world().app.url;
  owner = await world().browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await owner.newPage();
  await signInByEmail(page, url, world().sink, `owner-${stamp}@example.test`);
  await page.waitForURL(/\/w\/new$/);
  api = async (method, path, data) => {
    const res = await page.request.fetch(`${url}${path}`, { method, data, headers: { origin: url } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.status() === 204 ? null : res.json();
  };
  // the campaign is created while the workspace is on New York time; the workspace then moves to Paris
  const { workspace } = await api("POST", "/api/v1/workspaces", { name: "Blue Bakery", timezone: "America/New_York" });
  workspaceId = workspace.id;
  await api("PUT", `/api/v1/workspaces/${workspaceId}/nedzo-connection`, { mode: "sandbox" });
  ({
    campaign: { id: campaignId },
  } = await api("POST", `/api/v1/workspaces/${workspaceId}/campaigns`, campaignBody("Spring renewals")));
  await api("PATCH", `/api/v1/workspaces/${workspaceId}`, { timezone: "Europe/Paris" });
  await api("POST", `/api/v1/workspaces/${workspaceId}/invitations`, { email: viewerEmail, role: "viewer" });
  const { workspace: agency } = await api("POST", "/api/v1/workspaces", { name: "Northwind Agency", kind: "agency" });
  await api("POST", "/api/v1/workspaces", { name: "Rye Client", parent_id: agency.id });
});

const zoneDay = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));

/** 0 (black) … 1 (white), from a computed colour: rgb(), oklch() or lab(). */
function lightness(color: string): number {
  const oklch = /oklch\(([\d.]+)(%?)/.exec(color);
  if (oklch) return Number(oklch[1]) / (oklch[2] ? 100 : 1);
  const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(color);
  if (srgb) return 0.2126 * Number(srgb[1]) + 0.7152 * Number(srgb[2]) + 0.0722 * Number(srgb[3]);
  const lab = /lab\(([\d.]+)/.exec(color);
  if (lab) return Number(lab[1]) / 100;
  const rgb = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)/.exec(color);
  if (rgb) return (0.2126 * Number(rgb[1]) + 0.7152 * Number(rgb[2]) + 0.0722 * Number(rgb[3])) / 255;
  throw new Error(`cannot read the colour ${color}`);
}

describe("the console, polished", () => {
  it("names the workspace in every tab title", async () => {
    const titles: Record<string, string> = {
      "/w/blue-bakery": "Campaigns · Blue Bakery",
      "/w/blue-bakery/members": "Members · Blue Bakery",
      "/w/blue-bakery/settings": "Settings · Blue Bakery",
      "/w/blue-bakery/audit": "Audit trail · Blue Bakery",
      "/w/blue-bakery/campaigns/new": "New campaign · Blue Bakery",
      [`/w/blue-bakery/campaigns/${campaignId}`]: "Spring renewals · Blue Bakery",
      "/w/northwind-agency": "Clients · Northwind Agency",
    };
    for (const [href, title] of Object.entries(titles)) {
      await page.goto(`${url}${href}`);
      expect(await page.title(), href).toBe(title);
    }
  });

  it("shows times in the workspace's zone, named, relative when recent, exact on hover; the calling window in the campaign's own zone", async () => {
    await page.goto(`${url}/w/blue-bakery`);
    const row = page.getByRole("row", { name: /Spring renewals/ });
    const time = row.locator("td").last().locator("time");
    const { campaign } = await api("GET", `/api/v1/workspaces/${workspaceId}/campaigns/${campaignId}`);
    expect(await time.getAttribute("datetime")).toBe(campaign.created_at);
    expect(await time.textContent()).toMatch(/^(just now|\d+ min ago|\d+ hours? ago)$/);
    expect(await time.getAttribute("title")).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} (CET|CEST) \(Europe\/Paris\)$/);
    expect(await row.textContent()).toContain("09:00–17:30 America/New_York");

    await page.goto(`${url}/w/blue-bakery/campaigns/${campaignId}`);
    const settings = await page.locator("dl").last().textContent();
    expect(settings).toContain("09:00:00 (America/New_York)");
    expect(settings).toContain("17:30:00 (America/New_York)");
    expect(await page.locator("dl").last().locator("time").first().getAttribute("title")).toContain("(Europe/Paris)");
  });

  it("audit: readable targets, and days picked in the workspace's zone", async () => {
    await page.goto(`${url}/w/blue-bakery/audit`);
    const created = page.getByRole("row", { name: /campaign\.create/ });
    await expect.poll(() => created.getByRole("link", { name: "Spring renewals" }).count()).toBe(1);
    expect(await page.getByRole("row", { name: /invitation\.create/ }).textContent()).toContain(viewerEmail);
    expect(await page.getByRole("row", { name: /workspace\.update/ }).textContent()).toContain("Blue Bakery");
    const targets = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    for (const t of targets) expect(t).not.toMatch(/[0-9a-f]{8}…/);
    const at = (await created.locator("time").getAttribute("datetime"))!;

    // 25 hours apart: the event's day differs in these two zones, so only a day read in the workspace's zone
    // finds it in both (a day read as UTC misses it in one of them, whatever the hour)
    for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      await api("PATCH", `/api/v1/workspaces/${workspaceId}`, { timezone: zone });
      const day = zoneDay(at, zone);
      await page.goto(`${url}/w/blue-bakery/audit`);
      expect(await page.getByText(/time zone/).textContent()).toContain(zone);
      await page.getByLabel("From").fill(day);
      await page.getByLabel("To").fill(day);
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL(new RegExp(`from=${day}&to=${day}`));
      await expect.poll(() => page.getByRole("row", { name: /campaign\.create/ }).count(), { message: `${zone} ${day}` }).toBe(1);
      expect(await page.getByLabel("From").inputValue()).toBe(day);
    }
    const otherDay = zoneDay(at, "Pacific/Kiritimati"); // never the event's day in Pago Pago
    await page.goto(`${url}/w/blue-bakery/audit?from=${otherDay}&to=${otherDay}`);
    expect(await page.getByRole("row", { name: /campaign\.create/ }).count()).toBe(0);
    await api("PATCH", `/api/v1/workspaces/${workspaceId}`, { timezone: "Europe/Paris" });
  });

  it("the workspace switcher: type to filter, grouped by agency, by keyboard", async () => {
    await page.goto(`${url}/w/blue-bakery`);
    const trigger = page.getByRole("button", { name: /Switch workspace/ });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const search = page.getByRole("combobox", { name: "Find a workspace" });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    const listbox = page.getByRole("listbox", { name: "Workspaces" });
    const agencyGroup = listbox.getByRole("group", { name: "Northwind Agency" });
    expect(await agencyGroup.getByRole("option").allTextContents()).toEqual([
      expect.stringContaining("Northwind Agency"),
      expect.stringContaining("Rye Client"),
    ]);
    expect(await listbox.getByRole("group", { name: "Other workspaces" }).getByRole("option").allTextContents()).toEqual([
      expect.stringContaining("Blue Bakery"),
    ]);
    await shot(page, "switcher-open");

    await page.keyboard.type("rye");
    await expect.poll(() => listbox.getByRole("option").allTextContents()).toEqual([expect.stringContaining("Rye Client")]);
    expect(await search.getAttribute("aria-activedescendant")).toBe(await listbox.getByRole("option").first().getAttribute("id"));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/w\/rye-client$/);

    await page.getByRole("button", { name: /Switch workspace/ }).click();
    await page.keyboard.type("zzz");
    await page.getByText("No workspace matches").waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => search.count()).toBe(0);
    await expect
      .poll(() => page.getByRole("button", { name: /Switch workspace/ }).evaluate((el) => el === document.activeElement))
      .toBe(true);
  });

  it("on a phone (390 px) the tab bar scrolls sideways on one line, and the page never does", async () => {
    const phone = await world().browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await owner.storageState() });
    const p = await phone.newPage();
    await p.goto(`${url}/w/blue-bakery`);
    const nav = p.getByRole("navigation", { name: "Workspace sections" });
    const layout = await nav.evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      tops: [...el.querySelectorAll("a")].map((a) => a.getBoundingClientRect().top),
      page: document.documentElement.scrollWidth,
    }));
    expect(layout.scrolls).toBe(true);
    expect(new Set(layout.tops).size).toBe(1);
    expect(layout.page).toBeLessThanOrEqual(390);
    await shot(p, "phone-tabs");
    await nav.getByRole("link", { name: "Settings" }).click();
    await p.waitForURL(/\/settings$/);
    await expect.poll(() => nav.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await phone.close();
  });

  it("the outcome chart reads in dark mode: axis, grid and tooltip take the theme's colours", async () => {
    // a chart is drawn once a campaign has calls: one with a sandbox history, synced
    const {
      campaign: { id: withCalls },
    } = await api("POST", `/api/v1/workspaces/${workspaceId}/campaigns`, campaignBody("Autumn follow-ups [history:40]"));
    await api("POST", `/api/v1/workspaces/${workspaceId}/sync`);
    await expect
      .poll(async () => (await api("GET", `/api/v1/workspaces/${workspaceId}/campaigns/${withCalls}`)).campaign.dials, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await owner.addCookies([{ name: "theme", value: "dark", url }]);
    await page.goto(`${url}/w/blue-bakery/campaigns/${withCalls}`);
    const tick = page.locator(".recharts-cartesian-axis-tick-value").first();
    await tick.waitFor();
    expect(lightness(await tick.evaluate((el) => getComputedStyle(el).fill))).toBeGreaterThan(0.55);
    const grid = page.locator(".recharts-cartesian-grid line").first();
    expect(lightness(await grid.evaluate((el) => getComputedStyle(el).stroke))).toBeGreaterThan(0.2);
    const chart = page.locator(".recharts-wrapper").first();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = chart.locator(".recharts-default-tooltip");
    await tooltip.waitFor();
    expect(lightness(await tooltip.evaluate((el) => getComputedStyle(el).backgroundColor))).toBeLessThan(0.35);
    expect(lightness(await tooltip.evaluate((el) => getComputedStyle(el).color))).toBeGreaterThan(0.6);
    await shot(page, "chart-dark");
    await owner.addCookies([{ name: "theme", value: "light", url }]);
  });

  it("shows the page's skeleton while it loads", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = false;
    let prefetched = false;
    // the Members page's answer is held until the skeleton has been seen; its prefetch (the loading state) is not
    await page.route(/\/w\/blue-bakery\/members(\?|$)/, async (route) => {
      const headers = route.request().headers();
      if (headers.rsc && !headers["next-router-prefetch"]) {
        held = true;
        await gate;
      }
      const response = await route.fetch();
      await route.fulfill({ response });
      // the router has the page's loading state once its prefetch (not only the route tree's) has arrived
      if (headers["next-router-prefetch"] && !headers["next-router-segment-prefetch"]) prefetched = true;
    });
    await page.goto(`${url}/w/blue-bakery`);
    const tab = page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Members" });
    await tab.hover();
    await expect.poll(() => prefetched).toBe(true);
    await tab.click();
    await page.getByRole("status").filter({ hasText: "Loading the members…" }).waitFor();
    expect(held).toBe(true);
    release();
    await page.getByRole("heading", { name: "People" }).waitFor();
    await page.unrouteAll();
  });

  it("a viewer gets a plain 'your role may not' where the API answers 403", async () => {
    const link = linkIn((await world().sink.waitForMail(viewerEmail)).text, /http:\/\/localhost:\d+\/invitations\/accept\?token=[\w-]+/);
    const context = await world().browser.newContext();
    const viewer = await context.newPage();
    await viewer.goto(link);
    await viewer.waitForURL(/\/sign-in\?callbackUrl=/);
    await signInByEmail(viewer, url, world().sink, viewerEmail, "");
    await viewer.waitForURL(/\/invitations\/accept\?token=/);
    await viewer.getByRole("button", { name: "Join Blue Bakery" }).click();
    await viewer.waitForURL(/\/w\/blue-bakery$/);
    const tabs = await viewer.getByRole("navigation", { name: "Workspace sections" }).getByRole("link").allTextContents();
    expect(tabs).toEqual(["Campaigns", "Members", "Settings"]);
    await viewer.goto(`${url}/w/blue-bakery/audit`);
    await viewer.getByRole("heading", { name: "Your role may not read the audit trail here" }).waitFor();
    expect(await viewer.getByText("you need to be owner or admin").count()).toBe(1);
    await viewer.goto(`${url}/w/blue-bakery/campaigns/new`);
    await viewer.getByRole("heading", { name: "Your role may not create campaigns here" }).waitFor();
    await context.close();
  });
});
