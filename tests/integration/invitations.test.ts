import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { invitations, workspaceMembers } from "@/db/schema";
import * as invitationsRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/route";
import * as invitationRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/[invitation_id]/route";
import * as resendRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/[invitation_id]/resend/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as memberRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/route";
import * as membersRoute from "@/app/api/v1/workspaces/[workspace_id]/members/route";
import { call, signedInUser, type TestUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// Mail goes to the log in development mode: the tests read the link from there, as a person would.
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

async function invite(owner: TestUser, workspaceId: string, email: string, role = "member") {
  const res = await call(invitationsRoute.POST, "POST", "", { user: owner, params: { workspace_id: workspaceId }, body: { email, role } });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.invitation.id as string, token: lastToken(email.toLowerCase()), body: res.body };
}

const accept = (user: TestUser, token: string) => call(acceptRoute.POST, "POST", "/api/v1/invitations/accept", { user, body: { token } });

describe("invitations", () => {
  it("mails a link whose token is stored only hashed, expiring in 7 days; accepting joins with the role", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const invitee = await signedInUser(`pat-${Date.now()}@example.test`);
    const { id, token, body } = await invite(owner, ws.id, invitee.email.toUpperCase(), "viewer");
    expect(body.invitation).toMatchObject({ email: invitee.email, role: "viewer", status: "pending" });
    const days = (Date.parse(body.invitation.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const [row] = await getDb().select().from(invitations).where(eq(invitations.id, id));
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);

    const res = await accept(invitee, token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.workspace).toMatchObject({ id: ws.id, role: "viewer" });
    const members = await call(membersRoute.GET, "GET", "", { user: invitee, params: { workspace_id: ws.id } });
    expect(members.body.members.map((m: { email: string }) => m.email)).toContain(invitee.email);
  });

  it("refuses another email (403), a reused link (410), a revoked one (410) and an expired one (410)", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const invitee = await signedInUser();
    const other = await signedInUser();

    const first = await invite(owner, ws.id, invitee.email);
    expect((await accept(other, first.token)).status).toBe(403);
    expect((await accept(invitee, first.token)).status).toBe(200);
    expect((await accept(invitee, first.token)).status).toBe(410);

    const late = await signedInUser();
    const revoked = await invite(owner, ws.id, late.email);
    expect(
      (await call(invitationRoute.DELETE, "DELETE", "", { user: owner, params: { workspace_id: ws.id, invitation_id: revoked.id } }))
        .status,
    ).toBe(204);
    expect((await accept(late, revoked.token)).status).toBe(410);

    const expired = await invite(owner, ws.id, late.email);
    await getDb()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.id));
    expect((await accept(late, expired.token)).status).toBe(410);
    expect((await accept(late, "not-a-token-at-all")).status).toBe(404);
    const seat = await getDb()
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, ws.id), eq(workspaceMembers.userId, late.id)));
    expect(seat).toHaveLength(0);
  });

  it("lets exactly one of two simultaneous accepts through", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const invitee = await signedInUser();
    const { token } = await invite(owner, ws.id, invitee.email, "admin");
    const results = await Promise.all([accept(invitee, token), accept(invitee, token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
    const seats = await getDb().select().from(workspaceMembers).where(eq(workspaceMembers.userId, invitee.id));
    expect(seats).toEqual([expect.objectContaining({ workspaceId: ws.id, role: "admin" })]);
  });

  it("resend issues a new link and kills the old one", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const invitee = await signedInUser();
    const { id, token: oldToken } = await invite(owner, ws.id, invitee.email);
    const resent = await call(resendRoute.POST, "POST", "", { user: owner, params: { workspace_id: ws.id, invitation_id: id } });
    expect(resent.status).toBe(200);
    const newToken = lastToken(invitee.email);
    expect(newToken).not.toBe(oldToken);
    expect((await accept(invitee, oldToken)).status).toBe(404);
    expect((await accept(invitee, newToken)).status).toBe(200);
  });

  it("only lets an owner invite an owner, and refuses to invite someone already a member", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const admin = await signedInUser();
    const { token } = await invite(owner, ws.id, admin.email, "admin");
    await accept(admin, token);
    const asAdmin = await call(invitationsRoute.POST, "POST", "", {
      user: admin,
      params: { workspace_id: ws.id },
      body: { email: "boss@example.test", role: "owner" },
    });
    expect(asAdmin.status).toBe(403);
    const again = await call(invitationsRoute.POST, "POST", "", {
      user: owner,
      params: { workspace_id: ws.id },
      body: { email: admin.email, role: "viewer" },
    });
    expect(again.status).toBe(409);
    const bad = await call(invitationsRoute.POST, "POST", "", {
      user: owner,
      params: { workspace_id: ws.id },
      body: { email: "nope", role: "chief" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "role"]);
  });
});

describe("owners", () => {
  it("keeps the last owner: neither demoted nor removed; ownership can be handed over first", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const params = (u: TestUser) => ({ workspace_id: ws.id, user_id: u.id });
    expect((await call(memberRoute.PATCH, "PATCH", "", { user: owner, params: params(owner), body: { role: "admin" } })).status).toBe(409);
    expect((await call(memberRoute.DELETE, "DELETE", "", { user: owner, params: params(owner) })).status).toBe(409);

    const heir = await signedInUser();
    const { token } = await invite(owner, ws.id, heir.email, "member");
    await accept(heir, token);
    const promoted = await call(memberRoute.PATCH, "PATCH", "", { user: owner, params: params(heir), body: { role: "owner" } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.member).toMatchObject({ user_id: heir.id, email: heir.email, role: "owner", via: "direct" });
    expect((await call(memberRoute.PATCH, "PATCH", "", { user: owner, params: params(owner), body: { role: "member" } })).status).toBe(200);
    // the old owner, now a member, may leave
    expect((await call(memberRoute.DELETE, "DELETE", "", { user: owner, params: params(owner) })).status).toBe(204);
    expect((await call(membersRoute.GET, "GET", "", { user: owner, params: { workspace_id: ws.id } })).status).toBe(404);
  });

  it("does not let an admin grant or take away owner", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const admin = await signedInUser();
    const { token } = await invite(owner, ws.id, admin.email, "admin");
    await accept(admin, token);
    const res = await call(memberRoute.PATCH, "PATCH", "", {
      user: admin,
      params: { workspace_id: ws.id, user_id: admin.id },
      body: { role: "owner" },
    });
    expect(res.status).toBe(403);
    const demote = await call(memberRoute.PATCH, "PATCH", "", {
      user: admin,
      params: { workspace_id: ws.id, user_id: owner.id },
      body: { role: "viewer" },
    });
    expect(demote.status).toBe(403);
  });
});
