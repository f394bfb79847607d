import { beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { AppServer } from "../helpers/app-server";
import { linkIn, shot, signInByEmail, useBrowserApp, type E2eWorld } from "../helpers/e2e";

// An agency runs a client in the browser: creates it, connects the sandbox, creates a campaign for it,
// invites the client's owner — who signs in, accepts, and sees the campaign attributed to the agency
// user — while a member of another client cannot reach it.

const world = useBrowserApp();
let app: AppServer;
let sink: E2eWorld["sink"];
let browser: Browser;
const stamp = Date.now();
const staff = `staff-${stamp}@northwind.test`;
const clientOwner = `owner-${stamp}@bluebakery.test`;
const outsider = `outsider-${stamp}@otherclient.test`;
let staffPage: Page;
let clientUrl = "";

beforeAll(async () => {
  ({ app, sink, browser } = world());
  staffPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

async function invite(page: Page, slug: string, email: string, role: string) {
  await page.goto(`${app.url}/w/${slug}/members`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByRole("cell", { name: email, exact: true }).waitFor();
  const mail = await sink.waitForMail(email);
  return linkIn(mail.text, /http:\/\/localhost:\d+\/invitations\/accept\?token=[\w-]+/);
}

async function acceptAsNewPerson(link: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.waitForURL(/\/sign-in\?callbackUrl=/);
  await signInByEmail(page, app.url, sink, email, "");
  await page.waitForURL(/\/invitations\/accept\?token=/);
  await page.getByRole("button", { name: /^Join / }).click();
  await page.waitForURL(/\/w\/[\w-]+$/);
  return page;
}

describe("an agency and its client, in the browser", () => {
  it("agency staff create an agency, a client, its sandbox connection and a campaign for it", async () => {
    const page = staffPage;
    await signInByEmail(page, app.url, sink, staff);
    await page.waitForURL(/\/w\/new$/);
    await page.getByLabel("Workspace name").fill("Northwind Agency");
    await page.getByLabel("Kind").selectOption("agency");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/northwind-agency\/settings$/);
    await page.getByRole("link", { name: "Clients" }).click();
    await page.getByText("No clients yet").waitFor();
    await page.getByLabel("Client name").fill("Blue Bakery");
    await page.getByRole("button", { name: "Add client" }).click();
    await page.waitForURL(/\/w\/blue-bakery\/settings$/);
    await page.getByText(/Acting for\s+Blue Bakery/).waitFor();
    await page.getByRole("button", { name: "Use the sandbox" }).click();
    await page.getByText("Connected (sandbox)").waitFor();

    await page.getByRole("link", { name: "New campaign" }).click();
    await page.waitForURL(/\/campaigns\/new$/);
    await expect.poll(() => page.getByLabel("Agent").isEnabled()).toBe(true);
    await page.getByLabel("Name").fill("Bakery winback");
    await page.getByLabel("Agent").selectOption({ label: "Leo — lead qualifier" });
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    clientUrl = `${app.url}/w/blue-bakery`;
    expect(await page.locator("dl").last().textContent()).toContain(`${staff} (through Northwind Agency)`);

    // the agency's home lists the client, its connection and its campaign
    await page.goto(`${app.url}/w/northwind-agency`);
    const row = page.getByRole("row", { name: /Blue Bakery/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Sandbox.*1/);
    await shot(page, "agency-home");
  });

  it("the client's owner accepts the invitation and sees the campaign attributed to the agency user", async () => {
    const link = await invite(staffPage, "blue-bakery", clientOwner, "owner");
    const page = await acceptAsNewPerson(link, clientOwner);
    expect(page.url()).toBe(clientUrl);
    const row = page.getByRole("row", { name: /Bakery winback/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(staff);
    expect(await row.textContent()).toContain("via Northwind Agency");
    await shot(page, "client-owner-list");
    await page.goto(`${clientUrl}/members`);
    await shot(page, "client-members");
    // the client never sees the agency
    const switcher = await page.getByRole("button", { name: /Switch workspace/ }).textContent();
    expect(switcher).toContain("Blue Bakery");
    const agency = await page.goto(`${app.url}/w/northwind-agency`);
    expect(agency?.status()).toBe(404);
  });

  it("a member of another client cannot reach it, in the page or the API", async () => {
    await staffPage.goto(`${app.url}/w/northwind-agency`);
    await staffPage.getByLabel("Client name").fill("Other Client");
    await staffPage.getByRole("button", { name: "Add client" }).click();
    await staffPage.waitForURL(/\/w\/other-client\/settings$/);
    const link = await invite(staffPage, "other-client", outsider, "member");
    const page = await acceptAsNewPerson(link, outsider);
    expect(page.url()).toBe(`${app.url}/w/other-client`);
    expect((await page.goto(clientUrl))?.status()).toBe(404);
    const api = await page.request.get(`${app.url}/api/v1/workspaces`);
    const names = ((await api.json()).workspaces as { name: string }[]).map((w) => w.name);
    expect(names).toEqual(["Other Client"]);
    await staffPage.goto(`${clientUrl}/audit`);
    await shot(staffPage, "client-audit");
  });

  it("changes a role, revokes an invitation and suspends the agency only once confirmed", async () => {
    const page = staffPage;
    await page.goto(`${app.url}/w/other-client/members`);
    const role = page.getByLabel(`Role of ${outsider}`);
    const dialog = page.getByRole("alertdialog");
    await role.selectOption("viewer");
    await dialog.getByRole("heading", { name: new RegExp(`^Make ${outsider} a viewer of `) }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await role.inputValue()).toBe("member"); // Cancel changed nothing
    expect(await role.evaluate((el) => el === document.activeElement)).toBe(true);
    await role.selectOption("viewer");
    await dialog.getByRole("button", { name: "Make viewer" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.reload();
    expect(await page.getByLabel(`Role of ${outsider}`).inputValue()).toBe("viewer");

    // a refusal only the server knows lands under its field, focused, and describes it
    const email = page.getByLabel("Email");
    await email.fill(staff);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await email.getAttribute("aria-describedby")}`).textContent()).toContain("yourself");
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);

    const invited = `invited-${stamp}@otherclient.test`;
    await invite(page, "other-client", invited, "member");
    await page.getByRole("button", { name: `Revoke the invitation to ${invited}` }).click();
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("cell", { name: invited, exact: true }).waitFor({ state: "detached" });

    const owner = await (await browser.newContext()).newPage();
    await signInByEmail(owner, app.url, sink, clientOwner);
    await owner.goto(`${clientUrl}/settings`);
    await owner.getByRole("button", { name: "Suspend the agency's access" }).click();
    await owner.getByRole("alertdialog").getByRole("button", { name: "Suspend access" }).click();
    await owner.getByRole("button", { name: "Restore the agency's access" }).waitFor();
    expect((await page.goto(clientUrl))?.status()).toBe(404);
    await owner.getByRole("button", { name: "Restore the agency's access" }).click();
    await owner.getByRole("alertdialog").getByRole("button", { name: "Restore access" }).click();
    await owner.getByRole("button", { name: "Suspend the agency's access" }).waitFor();
    expect((await page.goto(clientUrl))?.status()).toBe(200);
  });
});
