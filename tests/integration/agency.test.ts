import { beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[workspace_id]/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as clientsRoute from "@/app/api/v1/workspaces/[workspace_id]/clients/route";
import * as accessRoute from "@/app/api/v1/workspaces/[workspace_id]/agency-access/route";
import * as memberClientsRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/clients/route";
import * as membersRoute from "@/app/api/v1/workspaces/[workspace_id]/members/route";
import * as auditRoute from "@/app/api/v1/workspaces/[workspace_id]/audit-events/route";
import { call, type TestUser } from "../helpers/api";
import { useSandbox, sandboxToken } from "../helpers/sandbox";
import { campaignBody } from "../helpers/workspaces";
import { agencyWorld } from "../helpers/world";

useSandbox();
beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

const get = (handler: typeof workspaceRoute.GET, user: TestUser, workspaceId: string) =>
  call(handler, "GET", "", { user, params: { workspace_id: workspaceId } });

describe("agencies", () => {
  it("agency staff create campaigns for a client, attributed to them through the agency", async () => {
    const w = await agencyWorld();
    const { agencyOwner, owner } = w.users;
    const created = await call(campaignsRoute.POST, "POST", "", {
      user: agencyOwner,
      params: { workspace_id: w.client.id },
      body: campaignBody({ name: "For the client" }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.campaign).toMatchObject({
      created_by: { id: agencyOwner.id, email: agencyOwner.email },
      via_workspace_id: w.agency.id,
    });
    // the client's owner sees it, and who made it through which agency
    const list = await get(campaignsRoute.GET, owner, w.client.id);
    expect(list.body.campaigns.find((c: { name: string }) => c.name === "For the client")).toMatchObject({
      via_workspace_id: w.agency.id,
      created_by: { email: agencyOwner.email },
    });
    // and their own campaigns are direct
    expect(list.body.campaigns.find((c: { name: string }) => c.name !== "For the client").via_workspace_id).toBeNull();
  });

  it("a client's people never see the agency or its other clients", async () => {
    const w = await agencyWorld();
    expect((await get(workspaceRoute.GET, w.users.owner, w.agency.id)).status).toBe(404);
    expect((await get(workspaceRoute.GET, w.users.owner, w.sibling.id)).status).toBe(404);
    const mine = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user: w.users.owner });
    expect(mine.body.workspaces.map((x: { id: string }) => x.id)).toEqual([w.client.id]);
    // the agency's staff see the agency and both clients
    const staff = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user: w.users.agencyOwner });
    expect(staff.body.workspaces.map((x: { id: string }) => x.id).sort()).toEqual([w.agency.id, w.client.id, w.sibling.id].sort());
    expect(staff.body.workspaces.find((x: { id: string }) => x.id === w.client.id).role).toBe("admin");
  });

  it("the client's owner suspends the agency: its staff get 404, the agency sees it suspended; restoring brings it back", async () => {
    const w = await agencyWorld();
    const { owner, agencyOwner } = w.users;
    const suspend = await call(accessRoute.PUT, "PUT", "", {
      user: owner,
      params: { workspace_id: w.client.id },
      body: { suspended: true },
    });
    expect(suspend.status).toBe(200);
    expect(suspend.body.agency_access).toBe("suspended");
    expect((await get(workspaceRoute.GET, agencyOwner, w.client.id)).status).toBe(404);
    const clients = await get(clientsRoute.GET, agencyOwner, w.agency.id);
    expect(clients.body.workspaces.find((c: { id: string }) => c.id === w.client.id)).toMatchObject({
      agency_access: "suspended",
      role: null,
    });
    const members = await get(membersRoute.GET, owner, w.client.id);
    expect(members.body.members.some((m: { via: string }) => m.via === "agency")).toBe(false);

    await call(accessRoute.PUT, "PUT", "", { user: owner, params: { workspace_id: w.client.id }, body: { suspended: false } });
    expect((await get(workspaceRoute.GET, agencyOwner, w.client.id)).status).toBe(200);
  });

  it("an agency admin limits a member to chosen clients, and can lift the limit", async () => {
    const w = await agencyWorld();
    const { agencyOwner, limited } = w.users;
    expect((await get(workspaceRoute.GET, limited, w.client.id)).status).toBe(404);
    expect((await get(workspaceRoute.GET, limited, w.sibling.id)).status).toBe(200);
    const lift = await call(memberClientsRoute.PUT, "PUT", "", {
      user: agencyOwner,
      params: { workspace_id: w.agency.id, user_id: limited.id },
      body: { client_ids: [] },
    });
    expect(lift.status).toBe(200);
    expect((await get(workspaceRoute.GET, limited, w.client.id)).status).toBe(200);
    const foreign = await call(memberClientsRoute.PUT, "PUT", "", {
      user: agencyOwner,
      params: { workspace_id: w.agency.id, user_id: limited.id },
      body: { client_ids: [crypto.randomUUID()] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].path).toBe("client_ids");
  });

  it("keeps an agency with clients from being deleted; a deleted client leaves its trail behind", async () => {
    const w = await agencyWorld();
    const { agencyOwner, owner } = w.users;
    const agencyDelete = await call(workspaceRoute.DELETE, "DELETE", "", { user: agencyOwner, params: { workspace_id: w.agency.id } });
    expect(agencyDelete.status).toBe(409);
    expect((await call(workspaceRoute.DELETE, "DELETE", "", { user: owner, params: { workspace_id: w.client.id } })).status).toBe(204);
    expect((await get(workspaceRoute.GET, owner, w.client.id)).status).toBe(404);
    const trail = await get(auditRoute.GET, agencyOwner, w.agency.id);
    expect(trail.body.events.map((e: { action: string }) => e.action)).toContain("client.delete");
  });

  it("lists clients with connection state, campaign count and last activity", async () => {
    const w = await agencyWorld();
    const res = await get(clientsRoute.GET, w.users.agencyOwner, w.agency.id);
    const one = res.body.workspaces.find((c: { id: string }) => c.id === w.client.id);
    expect(one).toMatchObject({
      name: "Client One",
      agency_access: "active",
      campaign_count: 1,
      nedzo: { connected: true, mode: "sandbox" },
    });
    expect(Date.parse(one.last_activity_at)).toBeGreaterThan(Date.now() - 60_000);
    const two = res.body.workspaces.find((c: { id: string }) => c.id === w.sibling.id);
    expect(two).toMatchObject({ campaign_count: 0, last_activity_at: null, nedzo: { connected: false } });
  });
});

describe("audit trail", () => {
  it("records every change with who, for whom, from where — and never a secret", async () => {
    const w = await agencyWorld();
    const { owner, agencyOwner } = w.users;
    const token = sandboxToken();
    await call(connectionRoute.PUT, "PUT", "", {
      user: agencyOwner,
      params: { workspace_id: w.client.id },
      body: { mode: "live", token },
      headers: { "user-agent": "audit-test/1.0", "x-forwarded-for": "203.0.113.9" },
    });
    await call(workspaceRoute.PATCH, "PATCH", "", {
      user: owner,
      params: { workspace_id: w.client.id },
      body: { name: "Client One Renamed" },
    });
    await call(accessRoute.PUT, "PUT", "", { user: owner, params: { workspace_id: w.client.id }, body: { suspended: true } });

    const trail = await get(auditRoute.GET, owner, w.client.id);
    const actions = trail.body.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "workspace.create",
        "connection.update",
        "campaign.create",
        "invitation.create",
        "workspace.update",
        "agency_access.suspend",
      ]),
    );
    const connection = trail.body.events.find(
      (e: { action: string; actor: { id: string } }) => e.action === "connection.update" && e.actor.id === agencyOwner.id,
    );
    expect(connection).toMatchObject({
      via_workspace_id: w.agency.id,
      ip: "203.0.113.9",
      target_type: "nedzo_connection",
      metadata: { mode: "live", token_last4: token.slice(-4) },
    });
    expect(trail.text).not.toContain(token);
    const byOwner = await call(auditRoute.GET, "GET", "", {
      user: owner,
      params: { workspace_id: w.client.id },
      query: `actor_id=${owner.id}&action=workspace.update`,
    });
    expect(byOwner.body.events).toHaveLength(1);
    expect(byOwner.body.events[0].metadata).toEqual({ before: { name: "Client One" }, after: { name: "Client One Renamed" } });
    // the agency sees that it was suspended, in its own trail
    const agencyTrail = await get(auditRoute.GET, agencyOwner, w.agency.id);
    expect(agencyTrail.body.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["client.create", "agency_access.suspend"]),
    );
  });

  it("pages with a cursor and filters by date", async () => {
    const w = await agencyWorld();
    const first = await call(auditRoute.GET, "GET", "", { user: w.users.owner, params: { workspace_id: w.client.id }, query: "limit=2" });
    expect(first.body.events).toHaveLength(2);
    const second = await call(auditRoute.GET, "GET", "", {
      user: w.users.owner,
      params: { workspace_id: w.client.id },
      query: `limit=2&cursor=${first.body.next_cursor}`,
    });
    expect(second.body.events[0].id).not.toBe(first.body.events[1].id);
    const future = await call(auditRoute.GET, "GET", "", {
      user: w.users.owner,
      params: { workspace_id: w.client.id },
      query: "from=2999-01-01",
    });
    expect(future.body.events).toEqual([]);
    const bad = await call(auditRoute.GET, "GET", "", {
      user: w.users.owner,
      params: { workspace_id: w.client.id },
      query: "from=yesterday",
    });
    expect(bad.status).toBe(422);
  });

  it("is append-only", async () => {
    await agencyWorld();
    const reason = (e: unknown) => String((e as { cause?: Error }).cause?.message ?? (e as Error).message);
    await expect(
      getDb()
        .execute(sql`update audit_events set action = 'forged'`)
        .catch(reason),
    ).resolves.toMatch(/append-only/);
    await expect(
      getDb()
        .execute(sql`delete from audit_events`)
        .catch(reason),
    ).resolves.toMatch(/append-only/);
  });

  it("rolls the change back when its audit row cannot be written", async () => {
    const w = await agencyWorld();
    await getDb().execute(
      sql`create or replace function refuse_audit() returns trigger as $$ begin raise exception 'audit store unavailable'; end; $$ language plpgsql`,
    );
    await getDb().execute(sql`create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()`);
    try {
      const rename = await call(workspaceRoute.PATCH, "PATCH", "", {
        user: w.users.owner,
        params: { workspace_id: w.client.id },
        body: { name: "Should not stick" },
      });
      expect(rename.status).toBe(500);
      const disconnect = await call(connectionRoute.DELETE, "DELETE", "", { user: w.users.owner, params: { workspace_id: w.client.id } });
      expect(disconnect.status).toBe(500);
    } finally {
      await getDb().execute(sql`drop trigger refuse_audit on audit_events`);
    }
    const after = await get(workspaceRoute.GET, w.users.owner, w.client.id);
    expect(after.body.workspace.name).toBe("Client One");
    expect(after.body.workspace.nedzo.connected).toBe(true);
  });
});
