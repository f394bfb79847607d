import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { campaignBody, shot, signInByEmail, useBrowserApp } from "../helpers/e2e";

// Issue 8: the campaign list sorts by name, created, status and the numbers (server-side, across pages; the
// headers are links that say their order with aria-sort), and pages both ways, every link keeping the
// search, the status filter and the order.

const world = useBrowserApp(() => ({ NEDZO_WRITES_PER_SEC: "100", SANDBOX_RATE_PER_SEC: "100", SANDBOX_BURST: "100" }));
let page: Page;
let url = "";
const COUNT = 30; // the page shows 25
const pad = (n: number) => String(n).padStart(2, "0");
// created in an order that is not the names' order
const names = Array.from({ length: COUNT }, (_, i) => `Campaign ${pad(((i * 7) % COUNT) + 1)}`);
const byName = [...names].sort();

const rowNames = () => page.locator("tbody tr td:first-child").allTextContents();
// "Created", not "Created by"
const header = (name: string) => page.getByRole("columnheader", { name: new RegExp(`^${name}(?! by)`) });

beforeAll(async () => {
  url = world().app.url;
  page = await (await world().browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await signInByEmail(page, url, world().sink, `lists-${Date.now()}@example.test`);
  await page.waitForURL(/\/w\/new$/);
  const post = (path: string, data: unknown) => page.request.post(`${url}${path}`, { data, headers: { origin: url } });
  const { workspace } = await (await post("/api/v1/workspaces", { name: "Blue Bakery" })).json();
  await page.request.put(`${url}/api/v1/workspaces/${workspace.id}/nedzo-connection`, {
    data: { mode: "sandbox" },
    headers: { origin: url },
  });
  for (const name of names)
    expect((await post(`/api/v1/workspaces/${workspace.id}/campaigns`, campaignBody(name))).status(), name).toBe(201);
  // one that Nedzo refuses: the only `failed` among `created`
  const refused = await post(
    `/api/v1/workspaces/${workspace.id}/campaigns`,
    campaignBody("Zz refused", { agent_id: "00000000-0000-4000-8000-000000000422" }),
  );
  expect(refused.status()).toBe(422);
});

describe("the campaign list", () => {
  it("is newest first by default, with a next page and no previous one", async () => {
    await page.goto(`${url}/w/blue-bakery`);
    expect(await header("Created").getAttribute("aria-sort")).toBe("descending");
    expect(await header("Name").getAttribute("aria-sort")).toBeNull();
    const rows = await rowNames();
    expect(rows).toEqual(["Zz refused", ...[...names].reverse()].slice(0, 25));
    expect(await page.getByRole("link", { name: "Previous page" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Next page" }).count()).toBe(1);
  });

  it("sorts by name through the header's link, and pages forwards and back in that order", async () => {
    await header("Name").getByRole("link").click();
    await page.waitForURL(/sort=name/);
    expect(await header("Name").getAttribute("aria-sort")).toBe("ascending");
    expect(await header("Created").getAttribute("aria-sort")).toBeNull();
    expect(await rowNames()).toEqual([...byName, "Zz refused"].slice(0, 25));
    await shot(page, "list-by-name");

    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/sort=name.*cursor=/);
    expect(await rowNames()).toEqual([...byName, "Zz refused"].slice(25));
    expect(await page.getByRole("link", { name: "Next page" }).count()).toBe(0);

    await page.getByRole("link", { name: "Previous page" }).click();
    await expect.poll(rowNames).toEqual([...byName, "Zz refused"].slice(0, 25));
    expect(page.url()).toContain("sort=name");

    await header("Name").getByRole("link").click();
    await page.waitForURL(/sort=name&order=desc/);
    expect(await header("Name").getAttribute("aria-sort")).toBe("descending");
    expect((await rowNames())[0]).toBe("Zz refused");
  });

  it("a search keeps the order, and the pages keep the search", async () => {
    await page.getByLabel("Search by name").fill("Campaign 2");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=Campaign\+2/);
    expect(page.url()).toMatch(/sort=name/);
    expect(page.url()).toMatch(/order=desc/);
    expect(await rowNames()).toEqual(byName.filter((n) => n.startsWith("Campaign 2")).reverse());
  });

  it("sorts by status and by the numbers", async () => {
    await page.goto(`${url}/w/blue-bakery?status=failed`);
    expect(await rowNames()).toEqual(["Zz refused"]);
    await header("Status").getByRole("link").click();
    await page.waitForURL(/status=failed&sort=status/);
    expect(await rowNames()).toEqual(["Zz refused"]); // the status filter is kept

    await page.goto(`${url}/w/blue-bakery?sort=status`);
    expect(await header("Status").getAttribute("aria-sort")).toBe("ascending");
    expect((await rowNames()).includes("Zz refused")).toBe(false); // created first, failed last (next page)
    await header("Status").getByRole("link").click();
    await page.waitForURL(/sort=status&order=desc/);
    expect((await rowNames())[0]).toBe("Zz refused");

    for (const column of ["Dials", "Pickups", "Positive", "Minutes used"]) {
      await header(column).getByRole("link").click();
      await expect.poll(() => header(column).getAttribute("aria-sort")).toBe("descending");
      expect(await page.locator("tbody tr").count()).toBe(25);
    }
  });
});
