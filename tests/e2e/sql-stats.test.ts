import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../helpers/app-server";
import { campaignBody, httpSession, useBrowserApp } from "../helpers/e2e";

// Issue 8: a console page render looked the session up 3 times and the membership 3 times (9 statements
// for the campaigns page). With SQL_STATS=1 the app logs each render's statements; every console page must
// read the session once and the membership once, and the totals are printed for the README.

const world = useBrowserApp(() => ({ SQL_STATS: "1" }));
let app: AppServer;
let me: ReturnType<typeof httpSession>;
const totals: Record<string, number> = {};
const paths: Record<string, string> = {};

type Stats = { tag: string; statements: number; sessions: number; memberships: number; sql: string[] };

/** Renders a page as a browser's first visit would, and reads its render's line from the app's log. */
async function render(path: string): Promise<Stats> {
  const tag = randomUUID();
  const res = await me.http(path, { headers: { "x-sql-stats-tag": tag } });
  await res.text();
  expect(res.status, path).toBe(200);
  const line = () =>
    app.logs
      .join("")
      .split("\n")
      .find((l) => l.startsWith("[sql-stats] ") && l.includes(`"tag":"${tag}"`));
  await expect.poll(line).toBeTruthy();
  return JSON.parse(line()!.slice("[sql-stats] ".length)) as Stats;
}

beforeAll(async () => {
  app = world().app;
  me = httpSession(app, world().sink);
  await me.signIn(`stats-${Date.now()}@example.test`);
  const { workspace } = await me.api("POST", "/api/v1/workspaces", { name: "Blue Bakery" });
  await me.api("PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, { mode: "sandbox" });
  const { campaign } = await me.api("POST", `/api/v1/workspaces/${workspace.id}/campaigns`, campaignBody("Spring renewals"));
  await me.api("POST", `/api/v1/workspaces/${workspace.id}/invitations`, { email: `invitee-${Date.now()}@example.test`, role: "member" });
  const { workspace: agency } = await me.api("POST", "/api/v1/workspaces", { name: "Northwind Agency", kind: "agency" });
  await me.api("POST", "/api/v1/workspaces", { name: "Rye Client", parent_id: agency.id });
  const w = `/w/${workspace.slug}`;
  Object.assign(paths, {
    campaigns: w,
    campaign: `${w}/campaigns/${campaign.id}`,
    "new campaign": `${w}/campaigns/new`,
    members: `${w}/members`,
    settings: `${w}/settings`,
    audit: `${w}/audit`,
    "agency home": `/w/${agency.slug}`,
    "agency members": `/w/${agency.slug}/members`,
  });
});

afterAll(() => {
  console.info(`[sql-stats] statements per render: ${JSON.stringify(totals)}`);
});

describe("statements per page render (SQL_STATS=1)", () => {
  it.each(["campaigns", "campaign", "new campaign", "members", "settings", "audit"])(
    "%s reads the session once and the membership once",
    async (name) => {
      const stats = await render(paths[name]);
      totals[name] = stats.statements;
      expect(stats.sessions, stats.sql.join("\n")).toBe(1);
      expect(stats.memberships, stats.sql.join("\n")).toBe(1);
    },
  );

  it.each(["agency home", "agency members"])("%s reads the session once", async (name) => {
    const stats = await render(paths[name]);
    totals[name] = stats.statements;
    expect(stats.sessions, stats.sql.join("\n")).toBe(1);
  });

  it("counts nothing outside a render: an API request logs no line", async () => {
    const before = app.logs
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("[sql-stats] ")).length;
    await me.api("GET", "/api/v1/workspaces");
    await render(paths.settings); // a render after it: its line is there, and the API call added none
    const after = app.logs
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("[sql-stats] ")).length;
    expect(after).toBe(before + 1);
  });
});
