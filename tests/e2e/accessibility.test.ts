import { beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { campaignBody, signInByEmail, useBrowserApp } from "../helpers/e2e";
import { axe } from "../helpers/axe";

// Issue 8: every page passes axe-core (WCAG 2.1 A and AA) with no serious or critical violation, in the
// light and the dark theme. The world: a team workspace on the sandbox with a campaign, an agency with a
// client; then every console page, the switcher open, and the signed-out pages.

const THEMES = ["light", "dark"] as const;

const world = useBrowserApp();
let url = "";
let browser: Browser;
let signedIn: BrowserContext;
const pages: Record<string, string> = {};

async function themed(context: BrowserContext, theme: string) {
  await context.addCookies([{ name: "theme", value: theme, url }]);
}

async function visit(page: Page, href: string) {
  const res = await page.goto(`${url}${href}`);
  expect(res?.status(), href).toBeLessThan(500);
  await page.waitForLoadState("networkidle");
  // nothing still loading (a skeleton) when axe looks
  await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
}

beforeAll(async () => {
  url = world().app.url;
  browser = world().browser;
  // axe goes in as an inline script, which the app's CSP (rightly) refuses: this context ignores CSP
  signedIn = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await signedIn.newPage();
  await signInByEmail(page, url, world().sink, `a11y-${Date.now()}@example.test`);
  await page.waitForURL(/\/w\/new$/);
  const api = async (method: string, path: string, data?: unknown) => {
    const res = await page.request.fetch(`${url}${path}`, { method, data, headers: { origin: url } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const { workspace } = await api("POST", "/api/v1/workspaces", { name: "Blue Bakery", timezone: "Europe/Paris" });
  await api("PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, { mode: "sandbox" });
  const { campaign } = await api("POST", `/api/v1/workspaces/${workspace.id}/campaigns`, campaignBody("Spring renewals"));
  await api("POST", `/api/v1/workspaces/${workspace.id}/invitations`, { email: `invitee-${Date.now()}@example.test`, role: "member" });
  const { workspace: agency } = await api("POST", "/api/v1/workspaces", { name: "Northwind Agency", kind: "agency" });
  await api("POST", "/api/v1/workspaces", { name: "Rye Client", parent_id: agency.id });
  const w = `/w/${workspace.slug}`;
  Object.assign(pages, {
    campaigns: w,
    campaign: `${w}/campaigns/${campaign.id}`,
    "new campaign": `${w}/campaigns/new`,
    members: `${w}/members`,
    settings: `${w}/settings`,
    audit: `${w}/audit`,
    "agency home": `/w/${agency.slug}`,
    "agency members": `/w/${agency.slug}/members`,
    "new workspace": "/w/new",
    "sign out": "/sign-out",
    "a bad invitation": "/invitations/accept?token=not-a-real-token",
    "not found": "/w/no-such-workspace",
  });
  await page.close();
});

describe.each(THEMES)("axe, %s theme", (theme) => {
  it("every console page: no serious or critical violation", async () => {
    await themed(signedIn, theme);
    const page = await signedIn.newPage();
    const found: string[] = [];
    for (const [name, href] of Object.entries(pages)) {
      await visit(page, href);
      expect(await page.locator("html").getAttribute("class")).toContain(theme);
      for (const v of await axe(page)) found.push(`[${theme}] ${name} (${href}): ${v}`);
    }
    await page.close();
    if (found.length) console.error(found.join("\n\n"));
    expect(found, found.join("\n\n")).toEqual([]);
  });

  it("the workspace switcher, open and filtered", async () => {
    await themed(signedIn, theme);
    const page = await signedIn.newPage();
    await visit(page, pages.campaigns);
    await page.getByRole("button", { name: /Switch workspace/ }).click();
    await page.getByRole("combobox", { name: "Find a workspace" }).fill("e");
    const found = (await axe(page)).map((v) => `[${theme}] switcher: ${v}`);
    await page.close();
    if (found.length) console.error(found.join("\n\n"));
    expect(found, found.join("\n\n")).toEqual([]);
  });

  it("the signed-out pages", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    await themed(context, theme);
    const page = await context.newPage();
    const found: string[] = [];
    for (const href of ["/sign-in", "/sign-in?error=Verification", "/sign-in/check-email", "/invitations/accept?token=nope"]) {
      await visit(page, href);
      for (const v of await axe(page)) found.push(`[${theme}] ${href}: ${v}`);
    }
    await context.close();
    if (found.length) console.error(found.join("\n\n"));
    expect(found, found.join("\n\n")).toEqual([]);
  });
});
