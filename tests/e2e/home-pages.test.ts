import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { startSandboxServer, type RunningSandbox } from "@/lib/nedzo/sandbox/server";
import { campaignBody, httpSession, linkIn, shot, signInByEmail, useBrowserApp } from "../helpers/e2e";
import { axe } from "../helpers/axe";
import { firstLoadJs } from "../helpers/first-load";

// Issue 9: the home pages. A team's home shows its own figures (the portfolio API's) matching its
// campaigns, and Sync now moves its status; an agency's board has a row per client with totals, sorts by a
// column, shows a suspended client by name only, and moves without a reload when a client's numbers change;
// a token Nedzo rejects puts up the "sync is paused" banner; axe finds nothing serious in either theme.

// Nedzo for live-mode workspaces: the sandbox behind a gate that can start answering 401 to everything
let sandbox: RunningSandbox;
let gate: Server;
let gateUrl = "";
let rejecting = false;
beforeAll(async () => {
  sandbox = await startSandboxServer(0, {});
  gate = createServer(async (req, res) => {
    if (rejecting) {
      res.writeHead(401, { "content-type": "application/problem+json" });
      return void res.end(
        JSON.stringify({
          type: "https://api.nedzo.ai/errors/unauthorized",
          title: "Unauthorized",
          status: 401,
          detail: "Invalid or missing API key",
        }),
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${sandbox.url}${req.url}`, {
      method: req.method,
      headers: { authorization: req.headers.authorization ?? "", "content-type": req.headers["content-type"] ?? "application/json" },
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => gate.listen(0, "127.0.0.1", r));
  gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => gate?.close(r));
  await sandbox?.close();
});

const world = useBrowserApp(() => ({
  NEDZO_API_BASE_URL: gateUrl,
  NEDZO_WRITES_PER_SEC: "100",
  SANDBOX_RATE_PER_SEC: "100",
  SANDBOX_BURST: "100",
}));

const stamp = Date.now();
const me = `home-${stamp}@example.test`;
let url = "";
let context: BrowserContext;
let page: Page;
const ws: Record<string, { id: string; slug: string }> = {};

async function api(method: string, p: string, data?: unknown) {
  const res = await page.request.fetch(`${url}${p}`, { method, data, headers: { origin: url } });
  expect(res.status(), `${method} ${p}: ${await res.text()}`).toBeLessThan(300);
  return res.status() === 204 ? null : res.json();
}

async function dials(workspaceId: string): Promise<number> {
  const { campaigns } = await api("GET", `/api/v1/workspaces/${workspaceId}/campaigns?limit=200`);
  return (campaigns as { dials: number }[]).reduce((n, c) => n + c.dials, 0);
}

/** The figure a home page shows under a label, as a number. */
async function figure(label: string): Promise<number> {
  const dd = page.locator("dl[aria-label^='Figures'] > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) });
  return Number((await dd.locator("dd").textContent())!.replace(/[^\d.]/g, ""));
}

async function until(ok: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error("the sandbox's history did not arrive in time");
    await new Promise((r) => setTimeout(r, 250));
  }
}

const num = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));
/** A board row's cells (Client is the row header, then Nedzo, Campaigns, Dials, …). */
const boardRow = (name: string) => page.locator(`tbody tr[data-client="${name}"]`);
const cellOf = async (name: string, index: number) => (await boardRow(name).locator("td").nth(index).textContent()) ?? "";

beforeAll(async () => {
  url = world().app.url;
  context = await world().browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  page = await context.newPage();
  await signInByEmail(page, url, world().sink, me);
  await page.waitForURL(/\/w\/new$/);

  // a team on the sandbox with two campaigns that have calls of the past week
  ws.team = (await api("POST", "/api/v1/workspaces", { name: "Blue Bakery" })).workspace;
  await api("PUT", `/api/v1/workspaces/${ws.team.id}/nedzo-connection`, { mode: "sandbox" });
  await api("POST", `/api/v1/workspaces/${ws.team.id}/campaigns`, campaignBody("Spring renewals [history:40]"));
  await api("POST", `/api/v1/workspaces/${ws.team.id}/campaigns`, campaignBody("Winback [history:25]"));

  // an agency with two connected clients and one that will suspend it
  ws.agency = (await api("POST", "/api/v1/workspaces", { name: "Northwind Agency", kind: "agency" })).workspace;
  ws.blue = (await api("POST", "/api/v1/workspaces", { name: "Blue Client", parent_id: ws.agency.id })).workspace;
  ws.green = (await api("POST", "/api/v1/workspaces", { name: "Green Client", parent_id: ws.agency.id })).workspace;
  ws.rye = (await api("POST", "/api/v1/workspaces", { name: "Rye Client", parent_id: ws.agency.id })).workspace;
  for (const c of [ws.blue, ws.green, ws.rye]) await api("PUT", `/api/v1/workspaces/${c.id}/nedzo-connection`, { mode: "sandbox" });
  await api("POST", `/api/v1/workspaces/${ws.blue.id}/campaigns`, campaignBody("Blue one [history:10]"));
  await api("POST", `/api/v1/workspaces/${ws.green.id}/campaigns`, campaignBody("Green one [history:30]"));
  await api("POST", `/api/v1/workspaces/${ws.green.id}/campaigns`, campaignBody("Green two [history:20]"));
  await api("POST", `/api/v1/workspaces/${ws.rye.id}/campaigns`, campaignBody("Rye secret [history:15]"));
  // Rye's own owner suspends the agency
  const ryeOwner = `rye-${stamp}@example.test`;
  await api("POST", `/api/v1/workspaces/${ws.rye.id}/invitations`, { email: ryeOwner, role: "owner" });
  const link = linkIn((await world().sink.waitForMail(ryeOwner)).text, /http:\/\/localhost:\d+\/invitations\/accept\?token=[\w-]+/);
  const owner = httpSession(world().app, world().sink);
  await owner.signIn(ryeOwner);
  await owner.api("POST", "/api/v1/invitations/accept", { token: new URL(link).searchParams.get("token") });
  await owner.api("PUT", `/api/v1/workspaces/${ws.rye.id}/agency-access`, { suspended: true });

  // every history is in before the pages are read (expect.poll is for tests, not hooks)
  await until(async () => (await dials(ws.team.id)) >= 65);
  // one sync mirrors the agents' names (the list shows them)
  await api("POST", `/api/v1/workspaces/${ws.team.id}/sync`);
  await until(async () => Boolean((await api("GET", `/api/v1/workspaces/${ws.team.id}/sync`)).sync.last_success_at));
  await until(async () => (await dials(ws.blue.id)) + (await dials(ws.green.id)) >= 60);
});

describe("the team home", () => {
  it("shows the workspace's figures, matching its campaigns, with what they count", async () => {
    // the figures and the list are two reads: reload until both saw the same calls
    const listedDials = async () => {
      let sum = 0;
      for (const r of await page.locator("tbody tr").all()) sum += num(await r.locator("td").nth(6).textContent());
      return sum;
    };
    await expect
      .poll(
        async () => {
          await page.goto(`${url}/w/${ws.team.slug}`);
          return (await figure("Dials")) === (await listedDials());
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const dialsShown = await figure("Dials");
    expect(await page.locator("tbody tr").count()).toBe(2);
    expect(await figure("Campaigns")).toBe(2);
    expect(dialsShown).toBeGreaterThanOrEqual(65);
    expect(await figure("Pickups")).toBeLessThanOrEqual(dialsShown);
    await page.getByText("What these numbers count").click();
    await page.getByText("calls that connected (lasted more than zero seconds)").waitFor();
    await page.getByText("appointment booked, callback requested or transferred").waitFor();
    // each campaign says how fresh its numbers are, and which agent calls
    expect(await page.locator("tbody tr").first().textContent()).toMatch(/updated/);
    // the agent by name once the sync mirrored the workspace's agents
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator("tbody tr").first().textContent();
        },
        { timeout: 20_000 },
      )
      .toMatch(/Ava — appointment setter/);
    // the CSV of the list, with its filters
    const csv = page.getByRole("link", { name: "Download CSV" });
    expect(await csv.getAttribute("href")).toBe(`/api/v1/workspaces/${ws.team.id}/campaigns/export.csv`);
    await page.getByLabel("Search by name").fill("Winback");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=Winback/);
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toContain("q=Winback");
    const download = await page.request.get(`${url}${await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain("Winback");
    await shot(page, "team-home");
  });

  it("counts only the days asked for", async () => {
    await page.goto(`${url}/w/${ws.team.slug}`);
    await page.getByRole("link", { name: "Last 7 days" }).click();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=/);
    expect(await page.getByRole("link", { name: "Last 7 days" }).getAttribute("aria-current")).toBe("true");
    // a range before any call: nothing dialled then, the campaigns still counted
    await page.goto(`${url}/w/${ws.team.slug}?from=2001-01-01&to=2001-01-31`);
    expect(await figure("Dials")).toBe(0);
    expect(await figure("Campaigns")).toBe(2);
    expect(await page.getByLabel("From").inputValue()).toBe("2001-01-01");
  });

  it("Sync now moves the sync status and its last success", async () => {
    await page.goto(`${url}/w/${ws.team.slug}`);
    const last = page.locator("[data-last-success]");
    const before = (await last.getAttribute("data-last-success")) ?? "";
    const clicked = new Date().toISOString();
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText("Sync requested").waitFor();
    await expect.poll(() => last.getAttribute("data-last-success"), { timeout: 20_000 }).not.toBe(before);
    expect((await last.getAttribute("data-last-success"))! > clicked).toBe(true);
    expect(await page.locator("[data-sync-status]").textContent()).toBe("Up to date");
  });
});

describe("the agency board", () => {
  it("has a row per client with totals; a suspended client shows only its name", async () => {
    await page.goto(`${url}/w/${ws.agency.slug}`);
    expect(await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-client")))).toEqual([
      "Blue Client",
      "Green Client",
      "Rye Client",
    ]);
    expect(await cellOf("Green Client", 1)).toBe("2");
    expect(await cellOf("Blue Client", 0)).toBe("Sandbox");
    const total = (i: number) => page.locator("tfoot tr td").nth(i).textContent();
    expect(num(await total(2))).toBe(num(await cellOf("Blue Client", 2)) + num(await cellOf("Green Client", 2)));
    expect(num(await total(1))).toBe(3); // Rye's campaign is not the agency's to count
    const rye = await boardRow("Rye Client").textContent();
    expect(rye).toBe("Rye ClientSuspended by the client");
    expect(await boardRow("Rye Client").getByRole("link").count()).toBe(0);
    expect(await page.getByText("Rye secret").count()).toBe(0);
    await shot(page, "agency-board");
  });

  it("sorts by a column on the server, and opens a client in one click", async () => {
    await page.goto(`${url}/w/${ws.agency.slug}`);
    await page
      .getByRole("columnheader", { name: /^Dials/ })
      .getByRole("link")
      .click();
    await page.waitForURL(/sort=dials&order=desc/);
    expect(await page.getByRole("columnheader", { name: /^Dials/ }).getAttribute("aria-sort")).toBe("descending");
    // Green dialled more; the suspended client stays last
    expect(await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-client")))).toEqual([
      "Green Client",
      "Blue Client",
      "Rye Client",
    ]);
    await page
      .getByRole("columnheader", { name: /^Dials/ })
      .getByRole("link")
      .click();
    await page.waitForURL(/sort=dials&order=asc/);
    expect(await page.locator("tbody tr").first().getAttribute("data-client")).toBe("Blue Client");
    await boardRow("Blue Client").getByRole("link", { name: "Blue Client" }).click();
    await page.waitForURL(new RegExp(`/w/${ws.blue.slug}$`));
  });

  it("moves without a reload when a client's campaign is created", async () => {
    await page.goto(`${url}/w/${ws.agency.slug}`);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await cellOf("Blue Client", 1)).toBe("1");
    await api("POST", `/api/v1/workspaces/${ws.blue.id}/campaigns`, campaignBody("Blue live"));
    const created = Date.now(); // the campaign is committed (and published) before the answer
    await expect.poll(() => cellOf("Blue Client", 1), { timeout: 5000, interval: 50 }).toBe("2");
    const delay = Date.now() - created;
    console.info(`[home-pages] agency board moved ${delay} ms after the client's campaign was created`);
    expect(delay).toBeLessThan(2000);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});

describe("a token Nedzo rejects", () => {
  it("puts up the sync-paused banner, with the way to Settings for who may reconnect", async () => {
    ws.gated = (await api("POST", "/api/v1/workspaces", { name: "Gated Co" })).workspace;
    await api("PUT", `/api/v1/workspaces/${ws.gated.id}/nedzo-connection`, { mode: "live", token: `sk_test_gated${stamp}` });
    await page.goto(`${url}/w/${ws.gated.slug}`);
    expect(await page.getByText("Nedzo rejected this workspace's token").count()).toBe(0);
    rejecting = true;
    try {
      await page.getByRole("button", { name: "Sync now" }).click();
      await page.getByText("Nedzo rejected this workspace's token — sync is paused.").waitFor({ timeout: 20_000 });
      expect(await page.getByRole("link", { name: "Reconnect the token in Settings" }).getAttribute("href")).toBe(
        `/w/${ws.gated.slug}/settings`,
      );
      expect(await page.locator("[data-sync-status]").textContent()).toBe("Needs attention");
      await shot(page, "needs-attention");
    } finally {
      rejecting = false;
    }
  });
});

describe("first-load JavaScript", () => {
  async function firstLoad(href: string) {
    const js = await firstLoadJs(context, `${url}${href}`);
    console.info(`[home-pages] first-load JS of ${href}: ${js.kb.toFixed(1)} kB gzip in ${js.scripts} scripts`);
    return js;
  }

  it("adds little to the console's own (the charts' recharts is loaded after the page)", async () => {
    // the Members page has no chart and no figures: what every console page loads anyway
    const base = await firstLoad(`/w/${ws.team.slug}/members`);
    for (const href of [`/w/${ws.team.slug}`, `/w/${ws.agency.slug}`]) {
      const home = await firstLoad(href);
      expect(home.recharts, href).toBe(false);
      expect(home.kb - base.kb, href).toBeLessThan(15);
    }
  });
});

describe.each(["light", "dark"] as const)("axe, %s theme", (theme) => {
  it("the team home and the agency board: no serious or critical violation", async () => {
    await context.addCookies([{ name: "theme", value: theme, url }]);
    const p = await context.newPage();
    const found: string[] = [];
    for (const href of [`/w/${ws.team.slug}`, `/w/${ws.agency.slug}`, `/w/${ws.gated.slug}`]) {
      await p.goto(`${url}${href}`);
      await p.waitForLoadState("networkidle");
      await p
        .locator(".recharts-surface")
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => {});
      expect(await p.locator("html").getAttribute("class")).toContain(theme);
      for (const v of await axe(p)) found.push(`[${theme}] ${href}: ${v}`);
    }
    await p.close();
    expect(found, found.join("\n\n")).toEqual([]);
  });
});
