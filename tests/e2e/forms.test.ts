import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page, Response } from "playwright-core";
import { signInByEmail, useBrowserApp } from "../helpers/e2e";

// Issue 10, target 2: forms and dialogs without zod or Radix in the first load. zod comes after the page's
// load event (or at the first check); the checks still name the field before anything is sent, the server's
// field errors still land under their field, and the confirm dialog (a native <dialog>) still traps the
// page, says what it asks, closes on Escape and gives focus back.

const world = useBrowserApp();
let url = "";
let context: BrowserContext;
let page: Page;
let members = "";
let settings = "";
let newCampaign = "";
let workspaceId = "";

beforeAll(async () => {
  url = world().app.url;
  context = await world().browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signInByEmail(page, url, world().sink, `forms-${Date.now()}@example.test`);
  await page.waitForURL(/\/w\/new$/);
  const api = async (method: string, path: string, data?: unknown) => {
    const res = await page.request.fetch(`${url}${path}`, { method, data, headers: { origin: url } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const { workspace } = await api("POST", "/api/v1/workspaces", { name: "Form Bakery", timezone: "Europe/Paris" });
  await api("PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, { mode: "sandbox" });
  members = `${url}/w/${workspace.slug}/members`;
  settings = `${url}/w/${workspace.slug}/settings`;
  newCampaign = `${url}/w/${workspace.slug}/campaigns/new`;
  workspaceId = workspace.id;
});

/** The error text that describes a control (its aria-describedby), as a screen reader reads it. */
const description = (p: Page, label: string) =>
  p.getByLabel(label).evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

describe("a form", () => {
  it("has no zod in its first load, and still names the field before sending", async () => {
    // every script fetched before the load event, read whole (as tests/helpers/first-load.ts counts them)
    const early: Promise<string | null>[] = [];
    let loaded = false;
    const listener = (res: Response) => {
      if (loaded || res.request().resourceType() !== "script") return;
      early.push(
        res.text().then(
          (body) => (body.includes("This is a bug in Zod") ? res.url() : null),
          () => null,
        ),
      );
    };
    page.on("response", listener);
    const posts: string[] = [];
    page.on("request", (req) => req.method() === "POST" && req.url().includes("/invitations") && posts.push(req.url()));
    await page.goto(members, { waitUntil: "load" });
    loaded = true;
    page.off("response", listener);
    expect(early.length).toBeGreaterThan(0);
    expect((await Promise.all(early)).filter(Boolean)).toEqual([]);

    await page.getByLabel("Email").fill("not an email");
    await page.getByLabel("Email").blur();
    await expect.poll(() => description(page, "Email")).toContain("Enter a valid email address");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => page.getByLabel("Email").evaluate((el) => el === document.activeElement)).toBe(true);
    expect(posts).toEqual([]); // nothing sent
  });

  it("puts the server's field error (problem+json errors[].path) under its field", async () => {
    await page.goto(members);
    await page.route("**/api/v1/workspaces/*/invitations", (route) =>
      route.request().method() !== "POST"
        ? route.fallback()
        : route.fulfill({
            status: 422,
            contentType: "application/problem+json",
            body: JSON.stringify({
              type: "validation",
              title: "Invalid request",
              status: 422,
              detail: "Check the highlighted fields.",
              errors: [{ path: "email", message: "This address bounced last week" }],
            }),
          }),
    );
    await page.getByLabel("Email").fill("someone@example.test");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => description(page, "Email")).toContain("This address bounced last week");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await page.unroute("**/api/v1/workspaces/*/invitations");
  });

  it("says at its top when its checks could not be fetched, sends nothing, and works once they arrive", async () => {
    const fresh = await context.newPage();
    try {
      // the connection drops once the page has loaded: every script asked for after the load event fails
      let offline = false;
      fresh.on("load", () => (offline = true));
      await fresh.route("**/_next/static/chunks/**", (route) => (offline ? route.abort("internetdisconnected") : route.fallback()));
      const posts: string[] = [];
      fresh.on("request", (req) => req.method() === "POST" && req.url().includes("/campaigns") && posts.push(req.url()));
      await fresh.goto(newCampaign, { waitUntil: "load" });
      await fresh.getByLabel("Name").fill("Spring renewals");
      await fresh.getByRole("button", { name: "Create campaign" }).click();
      await fresh.getByRole("alert").filter({ hasText: "This form could not be checked" }).waitFor();
      expect(posts).toEqual([]);
      // back online: the next check fetches them and names the empty required field
      offline = false;
      await fresh.getByLabel("Name").fill("");
      await fresh.getByLabel("Name").blur();
      await expect.poll(() => description(fresh, "Name")).not.toBe("");
      expect(posts).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe("the confirm dialog", () => {
  it("is a labelled modal: focus on Cancel, kept inside, Escape closes it and focus returns", async () => {
    await page.goto(settings);
    const trigger = page.getByRole("button", { name: "Disconnect" });
    await trigger.click();
    const dialog = page.getByRole("alertdialog", { name: "Disconnect from Nedzo?" });
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el instanceof HTMLDialogElement && el.open && el.matches(":modal"))).toBe(true);
    const describedBy = await dialog.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent);
    expect(describedBy?.length).toBeGreaterThan(0);
    expect(await dialog.getByRole("button", { name: "Keep connected" }).evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((el) => el.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
    }
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText("Connected (sandbox)").waitFor(); // Escape changed nothing
  });

  it("gives focus back to its trigger even when the click did not focus it (Safari, Firefox on macOS)", async () => {
    await page.goto(settings);
    const trigger = (await page.getByRole("button", { name: "Disconnect" }).elementHandle())!;
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(false);
    await trigger.evaluate((el: HTMLElement) => el.click()); // a click that leaves the focus where it was
    const dialog = page.getByRole("alertdialog", { name: "Disconnect from Nedzo?" });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

describe("a toast", () => {
  it("is still said when its code could not be fetched (the connection dropped after the page loaded)", async () => {
    const fresh = await context.newPage();
    try {
      let offline = false;
      fresh.on("load", () => (offline = true));
      await fresh.route("**/_next/static/chunks/**", (route) => (offline ? route.abort("internetdisconnected") : route.fallback()));
      await fresh.goto(settings, { waitUntil: "load" });
      await fresh.getByRole("button", { name: "Disconnect" }).click();
      const dialog = fresh.getByRole("alertdialog", { name: "Disconnect from Nedzo?" });
      await dialog.getByRole("button", { name: "Disconnect" }).click();
      await fresh.getByRole("status").filter({ hasText: "Disconnected from Nedzo" }).waitFor();
    } finally {
      await fresh.close();
      const res = await page.request.fetch(`${url}/api/v1/workspaces/${workspaceId}/nedzo-connection`, {
        method: "PUT",
        data: { mode: "sandbox" },
        headers: { origin: url },
      });
      expect(res.status()).toBeLessThan(300);
    }
  });
});
