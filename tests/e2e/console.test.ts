import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import type { AppServer } from "../helpers/app-server";
import { shot as takeShot, signInByEmail, useBrowserApp, type E2eWorld } from "../helpers/e2e";

// A new user's first session, in a real browser against the built app: magic-link sign-in, a workspace,
// the sandbox connection, a campaign created through the proxy, found again after a restart.

const world = useBrowserApp(() => ({ EMAIL_FROM: "Campaign Console <console@example.test>" }));
let app: AppServer;
let sink: E2eWorld["sink"];
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];
const email = `ana-${Date.now()}@example.test`;
const shot = (name: string) => takeShot(page, name);

beforeAll(async () => {
  ({ app, sink } = world());
  context = await world().browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});

describe("a new user, end to end", () => {
  it("signs in with an emailed magic link", async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/sign-in/);
    await shot("01-sign-in");
    await signInByEmail(page, app.url, sink, email, "");
    await page.waitForURL(/\/w\/new$/);
    expect(await page.getByTestId("signed-in-as").textContent()).toBe(email);
  });

  it("creates a workspace and connects it to the sandbox", async () => {
    await page.getByLabel("Workspace name").fill("Acme Outreach");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/acme-outreach\/settings$/);
    await page.getByRole("button", { name: "Use the sandbox" }).click();
    await page.getByText("Connected (sandbox)").waitFor();
    await shot("02-settings");
  });

  it("rejects a bad form with errors under the fields, then creates the campaign once on a double click", async () => {
    await page.getByRole("link", { name: "New campaign" }).click();
    await page.waitForURL(/\/campaigns\/new$/);
    const agent = page.getByLabel("Agent");
    await expect.poll(() => agent.isEnabled()).toBe(true);

    await page.getByLabel("Name").fill("Spring renewals");
    await agent.selectOption({ label: "Ava — appointment setter" });
    await page.getByLabel("Start time").fill("18:00");
    await page.getByLabel("End time").fill("09:00");
    await page.getByLabel("Min calls per hour").fill("5");
    await page.getByLabel("Max calls per hour").fill("40");
    await page.getByLabel("Daily usage cap").fill("120");
    await page.getByLabel("Max dials per contact").fill("3");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.getByText("End time must be after the start time").waitFor();
    await shot("03-form-error");

    await page.getByLabel("Start time").fill("09:00");
    await page.getByLabel("End time").fill("17:30");
    await page.getByRole("button", { name: "Create campaign" }).dblclick();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Spring renewals" }).waitFor();
    await expect.poll(() => page.getByText("Created", { exact: true }).count()).toBeGreaterThan(0);
    const settings = await page.locator("dl").last().textContent();
    expect(settings).toContain("09:00:00");
    expect(settings).toContain("17:30:00");
    expect(settings).toContain("120");
    // a campaign Nedzo has not called from yet says so, rather than drawing empty charts
    await page.getByText("No calls yet").waitFor();
    expect(await page.getByText("Pickup rate").count()).toBeGreaterThan(0);
    await shot("04-campaign");
  });

  it("lists the campaign once, and still has it after a reload and a restart", async () => {
    await page.getByRole("link", { name: "All campaigns" }).click();
    await page.waitForURL(/\/w\/acme-outreach$/);
    const rows = page.getByRole("row", { name: /Spring renewals/ });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(email);
    await shot("05-list");

    await app.restart();
    await page.reload();
    await page
      .getByRole("row", { name: /Spring renewals/ })
      .first()
      .waitFor();
    expect(await page.getByRole("row", { name: /Spring renewals/ }).count()).toBe(1);
  });

  it("serves pages with a nonce CSP that the app itself never trips, and that blocks injected script", async () => {
    const res = await page.goto(`${app.url}/w/acme-outreach`);
    const csp = res!.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res!.headers()).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "strict-transport-security": expect.stringContaining("max-age="),
    });
    expect(cspViolations).toEqual([]);

    // Simulate a successful HTML injection: the page as served, plus an inline script an attacker slipped in.
    await page.route(`${app.url}/w/acme-outreach`, async (route) => {
      const original = await route.fetch();
      const html = (await original.text()).replace("<body", "<script>window.__injected = true</script><body");
      await route.fulfill({ response: original, body: html });
    });
    await page.goto(`${app.url}/w/acme-outreach`);
    await page
      .getByRole("row", { name: /Spring renewals/ })
      .first()
      .waitFor(); // the app's own scripts still run
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected ?? false)).toBe(false);
    expect(cspViolations.length).toBeGreaterThan(0);
    await page.unroute(`${app.url}/w/acme-outreach`);
  });

  it("never sends the browser anything secret", async () => {
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const html = await page.content();
    expect(html).not.toContain(app.env.NEDZO_TOKEN_KEY!);
    expect(html).not.toContain(app.env.AUTH_SECRET!);
  });

  it("asks before disconnecting, and deletes the workspace only once its name is typed", async () => {
    await page.goto(`${app.url}/w/acme-outreach/settings`);
    const dialog = page.getByRole("alertdialog");
    const disconnect = page.getByRole("button", { name: "Disconnect" });
    await disconnect.click();
    await dialog.getByRole("heading", { name: "Disconnect from Nedzo?" }).waitFor();
    await dialog.getByRole("button", { name: "Keep connected" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await disconnect.evaluate((el) => el === document.activeElement)).toBe(true); // focus back on its trigger
    await page.getByText("Connected (sandbox)").waitFor();

    await page.getByRole("button", { name: "Delete workspace" }).click();
    const confirm = dialog.getByRole("button", { name: "Delete", exact: true });
    const name = dialog.getByLabel("Type Acme Outreach to confirm");
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill("Acme");
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill("Acme Outreach");
    await confirm.click();
    await page.waitForURL((url) => !url.pathname.startsWith("/w/acme-outreach"));
    expect((await page.goto(`${app.url}/w/acme-outreach`))?.status()).toBe(404);
  });
});
