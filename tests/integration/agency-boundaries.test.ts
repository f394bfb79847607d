import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { workspaceMembers } from "@/db/schema";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[workspace_id]/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as clientsRoute from "@/app/api/v1/workspaces/[workspace_id]/clients/route";
import * as accessRoute from "@/app/api/v1/workspaces/[workspace_id]/agency-access/route";
import * as membersRoute from "@/app/api/v1/workspaces/[workspace_id]/members/route";
import * as memberRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/route";
import * as memberClientsRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/clients/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/route";
import * as resendRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/[invitation_id]/resend/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as auditRoute from "@/app/api/v1/workspaces/[workspace_id]/audit-events/route";
import { addMember, call, signedInUser, type TestUser } from "../helpers/api";
import { sandboxToken, useSandbox } from "../helpers/sandbox";
import { campaignBody, createWorkspaceAs } from "../helpers/workspaces";

// Agency boundaries (issue 7): client limits that fail closed, staff who cannot give themselves seats,
// limits for members and viewers only, suspended clients that show nothing but their name, and role
// changes that are checked against the seat as it is when they apply.

useSandbox();
const printed: string[] = [];
beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(args.join(" ")));
});

function lastToken(email: string): string {
  const mail = [...printed].reverse().find((m) => m.includes(`To: ${email}`));
  const token = mail?.match(/invitations\/accept\?token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no invitation mail to ${email}`);
  return token;
}

const get = (handler: typeof workspaceRoute.GET, user: TestUser, workspaceId: string) =>
  call(handler, "GET", "", { user, params: { workspace_id: workspaceId } });
const invite = (user: TestUser, workspaceId: string, email: string, role: string) =>
  call(invitationsRoute.POST, "POST", "", { user, params: { workspace_id: workspaceId }, body: { email, role } });
const accept = (user: TestUser, token: string) => call(acceptRoute.POST, "POST", "/api/v1/invitations/accept", { user, body: { token } });
const limit = (user: TestUser, agencyId: string, userId: string, body: unknown) =>
  call(memberClientsRoute.PUT, "PUT", "", { user, params: { workspace_id: agencyId, user_id: userId }, body });
const setRole = (user: TestUser, workspaceId: string, userId: string, role: string) =>
  call(memberRoute.PATCH, "PATCH", "", { user, params: { workspace_id: workspaceId, user_id: userId }, body: { role } });

/** An agency (owner, admin, member staff) with two clients that have no owner of their own yet. */
async function agency() {
  const [agencyOwner, agencyAdmin, staffer] = await Promise.all([signedInUser(), signedInUser(), signedInUser()]);
  const agencyWs = await createWorkspaceAs(agencyOwner, "Northwind Agency", { kind: "agency" });
  const a = await createWorkspaceAs(agencyOwner, "Client A", { parent_id: agencyWs.id });
  const b = await createWorkspaceAs(agencyOwner, "Client B", { parent_id: agencyWs.id });
  await addMember(agencyWs.id, agencyAdmin, "admin");
  await addMember(agencyWs.id, staffer, "member");
  return { agency: agencyWs, a, b, agencyOwner, agencyAdmin, staffer };
}

async function roleOf(workspaceId: string, userId: string) {
  const [seat] = await getDb()
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return seat?.role ?? null;
}

async function owners(workspaceId: string) {
  const rows = await getDb()
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")));
  return rows.map((r) => r.userId);
}

describe("client limits fail closed", () => {
  it("a member limited to a client that is then deleted reaches no client, not every client", async () => {
    const w = await agency();
    expect((await limit(w.agencyOwner, w.agency.id, w.staffer.id, { client_ids: [w.a.id] })).status).toBe(200);
    expect((await get(workspaceRoute.GET, w.staffer, w.a.id)).status).toBe(200);
    expect((await get(workspaceRoute.GET, w.staffer, w.b.id)).status).toBe(404);

    const clientOwner = await signedInUser();
    await addMember(w.a.id, clientOwner, "owner");
    expect((await call(workspaceRoute.DELETE, "DELETE", "", { user: clientOwner, params: { workspace_id: w.a.id } })).status).toBe(204);

    expect((await get(workspaceRoute.GET, w.staffer, w.b.id)).status).toBe(404);
    expect((await get(clientsRoute.GET, w.staffer, w.agency.id)).body.workspaces).toEqual([]);
    const mine = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user: w.staffer });
    expect(mine.body.workspaces.map((x: { id: string }) => x.id)).toEqual([w.agency.id]);
    // the client's own list of people does not show them either
    const bOwner = await signedInUser();
    await addMember(w.b.id, bOwner, "owner");
    const people = await get(membersRoute.GET, bOwner, w.b.id);
    expect(people.body.members.map((m: { user_id: string }) => m.user_id)).not.toContain(w.staffer.id);
    // the agency's admins see the state: limited, to no client
    const staff = await get(membersRoute.GET, w.agencyOwner, w.agency.id);
    expect(staff.body.members.find((m: { user_id: string }) => m.user_id === w.staffer.id)).toMatchObject({
      clients_limited: true,
      client_ids: [],
    });
  });

  it("a limit is a state: a list limits, [] and null lift it (both audited)", async () => {
    const w = await agency();
    const limited = await limit(w.agencyOwner, w.agency.id, w.staffer.id, { client_ids: [w.b.id] });
    expect(limited.body).toEqual({ user_id: w.staffer.id, clients_limited: true, client_ids: [w.b.id] });
    const lifted = await limit(w.agencyOwner, w.agency.id, w.staffer.id, { client_ids: null });
    expect(lifted.status, lifted.text).toBe(200);
    expect(lifted.body).toEqual({ user_id: w.staffer.id, clients_limited: false, client_ids: null });
    expect((await get(workspaceRoute.GET, w.staffer, w.a.id)).status).toBe(200);
    await limit(w.agencyOwner, w.agency.id, w.staffer.id, { client_ids: [w.b.id] });
    const empty = await limit(w.agencyOwner, w.agency.id, w.staffer.id, { client_ids: [] });
    expect(empty.body).toEqual({ user_id: w.staffer.id, clients_limited: false, client_ids: null });
    expect((await get(workspaceRoute.GET, w.staffer, w.a.id)).status).toBe(200);
    const trail = await call(auditRoute.GET, "GET", "", {
      user: w.agencyOwner,
      params: { workspace_id: w.agency.id },
      query: "action=member.client_limit",
    });
    expect(trail.body.events.map((e: { metadata: { clients_limited: boolean } }) => e.metadata.clients_limited)).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });
});

describe("client limits are for members and viewers", () => {
  it("refuses to limit an owner or an admin (422 on user_id); lifting is always allowed", async () => {
    const w = await agency();
    for (const target of [w.agencyAdmin, w.agencyOwner]) {
      const res = await limit(w.agencyOwner, w.agency.id, target.id, { client_ids: [w.a.id] });
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors[0].path).toBe("user_id");
      expect((await limit(w.agencyOwner, w.agency.id, target.id, { client_ids: [] })).status).toBe(200);
    }
    expect((await get(workspaceRoute.GET, w.agencyAdmin, w.b.id)).status).toBe(200);
  });

  it("promoting a limited member to admin lifts the limit, in the trail; demoting them again keeps every client", async () => {
    const w = await agency();
    await limit(w.agencyOwner, w.agency.id, w.staffer.id, { client_ids: [w.a.id] });
    expect((await get(workspaceRoute.GET, w.staffer, w.b.id)).status).toBe(404);
    expect((await setRole(w.agencyOwner, w.agency.id, w.staffer.id, "admin")).status).toBe(200);
    expect((await get(workspaceRoute.GET, w.staffer, w.b.id)).status).toBe(200);
    const staff = await get(membersRoute.GET, w.agencyOwner, w.agency.id);
    expect(staff.body.members.find((m: { user_id: string }) => m.user_id === w.staffer.id)).toMatchObject({
      role: "admin",
      clients_limited: false,
      client_ids: null,
    });
    const trail = await call(auditRoute.GET, "GET", "", {
      user: w.agencyOwner,
      params: { workspace_id: w.agency.id },
      query: "action=member.client_limit",
    });
    expect(trail.body.events[0]).toMatchObject({
      target_id: w.staffer.id,
      metadata: { clients_limited: false, reason: "promoted to admin" },
    });
    expect((await setRole(w.agencyOwner, w.agency.id, w.staffer.id, "member")).status).toBe(200);
    expect((await get(workspaceRoute.GET, w.staffer, w.b.id)).status).toBe(200);
  });
});

describe("a suspended client shows the agency its name and nothing else", () => {
  it("no token digits, connection mode, campaign count or activity", async () => {
    const w = await agency();
    const owner = await signedInUser();
    await addMember(w.a.id, owner, "owner");
    const token = sandboxToken();
    expect(
      (await call(connectionRoute.PUT, "PUT", "", { user: owner, params: { workspace_id: w.a.id }, body: { mode: "live", token } })).status,
    ).toBe(200);
    expect(
      (await call(campaignsRoute.POST, "POST", "", { user: owner, params: { workspace_id: w.a.id }, body: campaignBody() })).status,
    ).toBe(201);
    expect(
      (await call(accessRoute.PUT, "PUT", "", { user: owner, params: { workspace_id: w.a.id }, body: { suspended: true } })).status,
    ).toBe(200);

    const res = await get(clientsRoute.GET, w.agencyOwner, w.agency.id);
    const row = res.body.workspaces.find((c: { id: string }) => c.id === w.a.id);
    expect(row).toEqual({
      id: w.a.id,
      name: "Client A",
      kind: "team",
      parent_id: w.agency.id,
      role: null,
      agency_access: "suspended",
      agency_access_suspended_at: expect.any(String),
      nedzo: null,
      campaign_count: null,
      last_activity_at: null,
    });
    expect(JSON.stringify(row)).not.toMatch(/token_last4|live|verified/);
    // the other client is listed in full
    expect(res.body.workspaces.find((c: { id: string }) => c.id === w.b.id)).toMatchObject({
      agency_access: "active",
      campaign_count: 0,
      nedzo: { connected: false },
    });
  });
});

describe("agency staff cannot give themselves seats in a client", () => {
  it("refuses an invitation for oneself or a colleague (422 on email), whatever the role", async () => {
    const w = await agency();
    for (const role of ["owner", "admin", "member"]) {
      const self = await invite(w.agencyAdmin, w.a.id, w.agencyAdmin.email, role);
      expect(self.status, self.text).toBe(422);
      expect(self.body.errors[0].path).toBe("email");
      expect(self.body.detail).toMatch(/yourself/);
    }
    for (const colleague of [w.agencyOwner, w.staffer]) {
      const res = await invite(w.agencyAdmin, w.a.id, colleague.email.toUpperCase(), "owner");
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors[0].path).toBe("email");
      expect(res.body.detail).toMatch(/Northwind Agency/);
    }
  });

  it("staff invite the first owner (and members or viewers) only while the client has no owner; never an admin", async () => {
    const w = await agency();
    const asAdmin = await invite(w.agencyAdmin, w.a.id, "someone@example.test", "admin");
    expect(asAdmin.status).toBe(403);
    const first = await signedInUser();
    expect((await invite(w.agencyAdmin, w.a.id, first.email, "owner")).status).toBe(201);
    expect((await invite(w.agencyAdmin, w.a.id, "helper@example.test", "member")).status).toBe(201);
    expect((await accept(first, lastToken(first.email))).status).toBe(200);
    const later = await invite(w.agencyAdmin, w.a.id, "late@example.test", "viewer");
    expect(later.status).toBe(403);
    expect(later.body.detail).toMatch(/own owner/);
    // the client's owner invites whoever they choose, agency staff included
    expect((await invite(first, w.a.id, w.staffer.email, "viewer")).status).toBe(201);
  });

  it("staff cannot appoint a client's admin by promotion either", async () => {
    const w = await agency();
    const m = await signedInUser();
    await addMember(w.a.id, m, "member");
    const res = await setRole(w.agencyAdmin, w.a.id, m.id, "admin");
    expect(res.status, res.text).toBe(403);
    expect(res.body.detail).toMatch(/admins/);
    expect((await setRole(w.agencyAdmin, w.a.id, m.id, "viewer")).status).toBe(200);
    expect(await roleOf(w.a.id, m.id)).toBe("viewer");
  });

  it("a second first-owner invitation dies once the client has an owner", async () => {
    const w = await agency();
    const [x, y] = await Promise.all([signedInUser(), signedInUser()]);
    await invite(w.agencyAdmin, w.a.id, x.email, "owner");
    await invite(w.agencyAdmin, w.a.id, y.email, "owner");
    expect((await accept(x, lastToken(x.email))).status).toBe(200);
    const second = await accept(y, lastToken(y.email));
    expect(second.status, second.text).toBe(410);
    expect(second.body.detail).toMatch(/can no longer/);
    expect(await owners(w.a.id)).toEqual([x.id]);
  });

  it("refuses an accept when the inviter lost their agency seat or role meanwhile", async () => {
    const w = await agency();
    const x = await signedInUser();
    await invite(w.agencyAdmin, w.a.id, x.email, "owner");
    expect((await setRole(w.agencyOwner, w.agency.id, w.agencyAdmin.id, "member")).status).toBe(200);
    const res = await accept(x, lastToken(x.email));
    expect(res.status, res.text).toBe(410);
    expect(res.body.detail).toMatch(/can no longer/);
    expect(await roleOf(w.a.id, x.id)).toBeNull();
    // once the inviter has the right again, the same link works
    expect((await setRole(w.agencyOwner, w.agency.id, w.agencyAdmin.id, "admin")).status).toBe(200);
    expect((await accept(x, lastToken(x.email))).status).toBe(200);
  });

  it("refuses an accept when a direct inviter lost their seat or role meanwhile", async () => {
    const owner = await signedInUser();
    const team = await createWorkspaceAs(owner, "Team");
    const [admin, m1, m2] = await Promise.all([signedInUser(), signedInUser(), signedInUser()]);
    await addMember(team.id, admin, "admin");
    expect((await invite(admin, team.id, m1.email, "member")).status).toBe(201);
    expect((await invite(admin, team.id, m2.email, "viewer")).status).toBe(201);
    expect((await setRole(owner, team.id, admin.id, "member")).status).toBe(200);
    expect((await accept(m1, lastToken(m1.email))).status).toBe(410);
    expect(
      (await call(memberRoute.DELETE, "DELETE", "", { user: owner, params: { workspace_id: team.id, user_id: admin.id } })).status,
    ).toBe(204);
    const gone = await accept(m2, lastToken(m2.email));
    expect(gone.status).toBe(410);
    expect(gone.body.detail).toMatch(/can no longer/);
    expect(await roleOf(team.id, m1.id)).toBeNull();
    expect(await roleOf(team.id, m2.id)).toBeNull();
  });

  it("refuses an accept while the client has suspended the agency, and staff cannot invite then", async () => {
    const w = await agency();
    const [x, y] = await Promise.all([signedInUser(), signedInUser()]);
    await invite(w.agencyAdmin, w.a.id, x.email, "owner");
    await invite(w.agencyAdmin, w.a.id, y.email, "member");
    expect((await accept(x, lastToken(x.email))).status).toBe(200);
    expect((await call(accessRoute.PUT, "PUT", "", { user: x, params: { workspace_id: w.a.id }, body: { suspended: true } })).status).toBe(
      200,
    );
    const res = await accept(y, lastToken(y.email));
    expect(res.status, res.text).toBe(410);
    expect(res.body.detail).toMatch(/suspended/);
    expect(await roleOf(w.a.id, y.id)).toBeNull();
    expect((await invite(w.agencyAdmin, w.a.id, "new@example.test", "member")).status).toBe(404);
  });

  it("resending needs the right to send that invitation", async () => {
    const w = await agency();
    const owner = await signedInUser();
    const admin = await signedInUser();
    await addMember(w.a.id, owner, "owner");
    await addMember(w.a.id, admin, "admin");
    const member = await invite(owner, w.a.id, "pat@example.test", "member");
    const ownerInvite = await invite(owner, w.a.id, "co-owner@example.test", "owner");
    const resend = (user: TestUser, id: string) =>
      call(resendRoute.POST, "POST", "", { user, params: { workspace_id: w.a.id, invitation_id: id } });
    // staff may not invite here (the client has its owner), so they may not resend either
    expect((await resend(w.agencyAdmin, member.body.invitation.id)).status).toBe(403);
    // an admin may not invite an owner, so may not resend an owner's invitation
    expect((await resend(admin, ownerInvite.body.invitation.id)).status).toBe(403);
    expect((await resend(admin, member.body.invitation.id)).status).toBe(200);
    expect((await resend(owner, ownerInvite.body.invitation.id)).status).toBe(200);
  });
});

describe("role changes race safely", () => {
  it("two owners demoting each other at once leave one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const a = await signedInUser();
      const team = await createWorkspaceAs(a, "Team");
      const b = await signedInUser();
      await addMember(team.id, b, "owner");
      const results = await Promise.all([setRole(a, team.id, b.id, "admin"), setRole(b, team.id, a.id, "admin")]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      // the loser either raced (409) or came after and is an admin now (403)
      expect([403, 409]).toContain(statuses[1]);
      expect(await owners(team.id)).toHaveLength(1);
    }
  });

  it("two owners removing each other at once leave one owner", async () => {
    const a = await signedInUser();
    const team = await createWorkspaceAs(a, "Team");
    const b = await signedInUser();
    await addMember(team.id, b, "owner");
    const results = await Promise.all([
      call(memberRoute.DELETE, "DELETE", "", { user: a, params: { workspace_id: team.id, user_id: b.id } }),
      call(memberRoute.DELETE, "DELETE", "", { user: b, params: { workspace_id: team.id, user_id: a.id } }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(204);
    expect([403, 404, 409]).toContain(statuses[1]);
    expect(await owners(team.id)).toHaveLength(1);
  });

  it("an admin's demotion racing an owner's promotion never demotes the new owner", async () => {
    const owner = await signedInUser();
    const team = await createWorkspaceAs(owner, "Team");
    const admin = await signedInUser();
    await addMember(team.id, admin, "admin");
    for (let round = 0; round < 10; round++) {
      const m = await signedInUser();
      await addMember(team.id, m, "member");
      const [demote, promote] = await Promise.all([setRole(admin, team.id, m.id, "viewer"), setRole(owner, team.id, m.id, "owner")]);
      expect(promote.status, promote.text).toBe(200);
      expect([200, 403, 409]).toContain(demote.status);
      // whichever went first, the member ends as owner: a demotion after the promotion is refused
      expect(await roleOf(team.id, m.id)).toBe("owner");
    }
  });
});

describe("agency staff and client seats, whichever came first (review)", () => {
  it("refuses to put someone with a seat of their own in a client on the agency's staff, at sending and at accepting", async () => {
    const w = await agency();
    const person = await signedInUser();
    await addMember(w.a.id, person, "member"); // a client's own member
    const refused = await invite(w.agencyOwner, w.agency.id, person.email, "admin");
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe("email");
    expect(refused.body.detail).toContain("Client A");

    // invited to the agency first, seated in a client meanwhile: the accept is refused
    const other = await signedInUser();
    expect((await invite(w.agencyOwner, w.agency.id, other.email, "member")).status).toBe(201);
    const token = lastToken(other.email);
    await addMember(w.b.id, other, "viewer");
    const accepted = await accept(other, token);
    expect(accepted.status).toBe(403);
    expect(accepted.body.detail).toContain("Client B");
    expect(await roleOf(w.agency.id, other.id)).toBeNull();
  });

  it("knows a staffer's +tag alias is the staffer: no seat of their own that way", async () => {
    const w = await agency();
    const [local, domain] = w.agencyAdmin.email.split("@");
    const alias = `${local}+client@${domain}`;
    const res = await invite(w.agencyAdmin, w.a.id, alias, "owner");
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("email");
  });
});
