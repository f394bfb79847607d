import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { agencyMemberClients, workspaceMembers } from "@/db/schema";
import * as accessRoute from "@/app/api/v1/workspaces/[workspace_id]/agency-access/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as portfolioRoute from "@/app/api/v1/workspaces/[workspace_id]/portfolio/route";
import { addMember, call, signedInUser, type TestUser } from "../helpers/api";
import { openEvents } from "../helpers/event-stream";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, createWorkspaceAs } from "../helpers/workspaces";

// The agency's portfolio board shows a limited member only its clients, a suspended client by name only,
// and is live: the agency's event stream carries the campaigns of the clients its
// reader may read there — not those of a client that suspended the agency (even one suspended while the
// stream is open), not those of clients outside a member's client limit, nothing of another agency.
useSandbox({ slowMs: 2500 });

function open(user: TestUser, workspaceId: string) {
  const { events, close, reading } = openEvents(user, workspaceId);
  const names = () => [...new Set(events.filter((e) => e.event === "campaign").map((e) => e.data.campaign.name as string))];
  const ready = () => expect.poll(() => events.some((e) => e.event === "ready")).toBe(true);
  return { events, names, ready, close, reading };
}

async function connectedClient(agencyOwner: TestUser, agencyId: string, name: string) {
  const client = await createWorkspaceAs(agencyOwner, name, { parent_id: agencyId });
  const res = await call(connectionRoute.PUT, "PUT", "", {
    user: agencyOwner,
    params: { workspace_id: client.id },
    body: { mode: "sandbox" },
  });
  expect(res.status, res.text).toBe(200);
  return client;
}

async function create(user: TestUser, workspaceId: string, name: string) {
  const res = await call(campaignsRoute.POST, "POST", "", { user, params: { workspace_id: workspaceId }, body: campaignBody({ name }) });
  expect(res.status, res.text).toBeLessThan(300);
  return res.body.campaign.id as string;
}

async function agencyWithClients() {
  const agencyOwner = await signedInUser();
  const agency = await createWorkspaceAs(agencyOwner, "Northwind Agency", { kind: "agency" });
  const one = await connectedClient(agencyOwner, agency.id, "Client One");
  const two = await connectedClient(agencyOwner, agency.id, "Client Two");
  return { agencyOwner, agency, one, two };
}

describe("an agency's live events", () => {
  it("carry a client's new campaign within 2 s, and nothing of another agency's client", async () => {
    const { agencyOwner, agency, one } = await agencyWithClients();
    const other = await agencyWithClients();
    const stream = open(agencyOwner, agency.id);
    await stream.ready();
    const started = Date.now();
    const id = await create(agencyOwner, one.id, "Client one live");
    await create(other.agencyOwner, other.one.id, "Another agency's");
    await expect.poll(() => stream.events.some((e) => e.event === "campaign" && e.data.campaign.id === id), { timeout: 2000 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    const seen = stream.events.find((e) => e.event === "campaign" && e.data.campaign.id === id)!.data.campaign;
    expect(seen.workspace_id).toBe(one.id);
    // give the other agency's create time to have been published, then check it never came
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.names()).toEqual(["Client one live"]);
    stream.close();
    await stream.reading;
  });

  it("stop carrying a client that suspends the agency while the stream is open", async () => {
    const { agencyOwner, agency, one, two } = await agencyWithClients();
    const clientOwner = await signedInUser();
    await addMember(two.id, clientOwner, "owner");
    const stream = open(agencyOwner, agency.id);
    await stream.ready();
    await create(clientOwner, two.id, "Before suspension");
    await expect.poll(stream.names, { timeout: 2000 }).toContain("Before suspension");
    const suspended = await call(accessRoute.PUT, "PUT", "", {
      user: clientOwner,
      params: { workspace_id: two.id },
      body: { suspended: true },
    });
    expect(suspended.status, suspended.text).toBe(200);
    await create(clientOwner, two.id, "While suspended");
    await create(agencyOwner, one.id, "Still flowing");
    await expect.poll(stream.names, { timeout: 2000 }).toContain("Still flowing");
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.names()).not.toContain("While suspended");
    stream.close();
    await stream.reading;
  });

  it("carry to a member limited to some clients only those clients' campaigns", async () => {
    const { agencyOwner, agency, one, two } = await agencyWithClients();
    const limited = await signedInUser();
    await getDb().insert(workspaceMembers).values({ workspaceId: agency.id, userId: limited.id, role: "viewer", clientsLimited: true });
    await getDb().insert(agencyMemberClients).values({ agencyId: agency.id, userId: limited.id, clientId: two.id });
    const unlimited = await signedInUser();
    await addMember(agency.id, unlimited, "viewer");
    const narrow = open(limited, agency.id);
    const wide = open(unlimited, agency.id);
    await narrow.ready();
    await wide.ready();
    await create(agencyOwner, one.id, "Outside the limit");
    await create(agencyOwner, two.id, "Inside the limit");
    await expect.poll(narrow.names, { timeout: 2000 }).toContain("Inside the limit");
    await expect.poll(wide.names, { timeout: 2000 }).toEqual(expect.arrayContaining(["Outside the limit", "Inside the limit"]));
    await new Promise((r) => setTimeout(r, 500));
    expect(narrow.names()).toEqual(["Inside the limit"]);
    narrow.close();
    wide.close();
    await Promise.all([narrow.reading, wide.reading]);
  });
});

describe("the board's rows", () => {
  it("are a limited member's clients only; a suspended client is a name to the agency's admins, nothing to a limited member", async () => {
    const { agencyOwner, agency, two } = await agencyWithClients();
    const three = await connectedClient(agencyOwner, agency.id, "Client Three");
    await create(agencyOwner, two.id, "Two's campaign");
    await create(agencyOwner, three.id, "Three's campaign");
    const threeOwner = await signedInUser();
    await addMember(three.id, threeOwner, "owner");
    const limited = await signedInUser();
    await getDb().insert(workspaceMembers).values({ workspaceId: agency.id, userId: limited.id, role: "member", clientsLimited: true });
    await getDb()
      .insert(agencyMemberClients)
      .values([two.id, three.id].map((clientId) => ({ agencyId: agency.id, userId: limited.id, clientId })));
    const suspended = await call(accessRoute.PUT, "PUT", "", {
      user: threeOwner,
      params: { workspace_id: three.id },
      body: { suspended: true },
    });
    expect(suspended.status, suspended.text).toBe(200);
    const board = async (user: TestUser) => {
      const res = await call(portfolioRoute.GET, "GET", "", { user, params: { workspace_id: agency.id } });
      expect(res.status, res.text).toBe(200);
      return res.body as { rows: { workspace: { name: string; slug: string | null }; suspended: boolean; campaigns: number | null }[] };
    };
    const mine = await board(limited);
    expect(mine.rows.map((r) => r.workspace.name)).toEqual(["Client Two"]);
    const all = await board(agencyOwner);
    expect(all.rows.map((r) => [r.workspace.name, r.suspended, r.campaigns])).toEqual([
      ["Client One", false, 0],
      ["Client Three", true, null],
      ["Client Two", false, 1],
    ]);
    expect(all.rows.find((r) => r.suspended)!.workspace.slug).toBeNull();
  });
});
