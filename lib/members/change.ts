import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db";
import { getSeat, lockOwners, lockWorkspace } from "@/db/queries/members";
import { findMembership, type Membership } from "@/db/queries/workspaces";
import { agencyMemberClients, workspaceMembers, type Role } from "@/db/schema";
import { apiError, type ApiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";
import { agencyStaffMayGrant, can, mayBeLimitedToClients, mayChangeSeat, takesOwnership } from "@/lib/auth/permissions";
import type { roleSchema } from "./schemas";

// Change a member's role, or remove them. Only an owner grants or takes away `owner`; the last owner can be
// neither demoted nor removed (hand ownership over first). Each change is checked and applied in one
// transaction under the workspace's membership lock, against the seats as they are then (compare-and-set):
// two people changing roles at once cannot demote a new owner or leave no owner.

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** The workspace locked, the caller's role and the target's seat as they are now. */
async function lockForChange(tx: Tx, caller: Membership, actorId: string, userId: string) {
  const workspaceId = caller.workspace.id;
  if (!(await lockWorkspace(tx, workspaceId))) throw apiError(404, "No such workspace.");
  const me = await findMembership({ id: workspaceId }, actorId, tx);
  if (!me) throw apiError(404, "No such workspace.");
  const seat = await getSeat(workspaceId, userId, tx, true);
  if (!seat) throw apiError(404, "No such member in this workspace (agency staff are managed in the agency).");
  return { me, seat };
}

/**
 * Refuses with the caller's current role. When the role the request came in with would have allowed it,
 * the caller's role changed meanwhile: 409, so they reload rather than read a 403 they did not expect.
 */
function refuseWith(check: (role: Role) => ApiError | null, before: Role, now: Role): void {
  const refusal = check(now);
  if (!refusal) return;
  if (!check(before))
    throw apiError(409, `Your role here changed meanwhile (you are now ${now}): reload and try again.`, { type: "role-changed" });
  throw refusal;
}

const lastOwner = () => apiError(409, "This is the last owner: make someone else owner first.", { type: "last-owner" });

export async function changeRole(caller: Membership, actor: Actor, userId: string, { role }: z.output<typeof roleSchema>) {
  const workspaceId = caller.workspace.id;
  return getDb().transaction(async (tx) => {
    const { me, seat } = await lockForChange(tx, caller, actor.userId, userId);
    refuseWith(
      (r) => {
        if (!can(r, "members.manage")) return apiError(403, `Your role (${r}) may not change roles here.`);
        if (!mayChangeSeat(r, seat.role, role)) return apiError(403, "Only an owner can grant or take away the owner role.");
        return null;
      },
      caller.role,
      me.role,
    );
    // as for invitations (lib/invitations/right.ts): staff never appoint a client's admins
    if (me.via === "agency" && !agencyStaffMayGrant(role, seat.role)) {
      throw apiError(403, "Through the agency you may not appoint admins: the client's owner does.");
    }
    if (seat.role === role) return seat;
    if (takesOwnership(seat.role, role) && (await lockOwners(tx, workspaceId)) <= 1) throw lastOwner();
    // a client limit is for members and viewers: promotion lifts it
    const liftLimit = caller.workspace.kind === "agency" && seat.clientsLimited && !mayBeLimitedToClients(role);
    const [updated] = await tx
      .update(workspaceMembers)
      .set({ role, ...(liftLimit ? { clientsLimited: false } : {}) })
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId), eq(workspaceMembers.role, seat.role)))
      .returning();
    if (!updated) throw apiError(409, "This member's role changed meanwhile: reload and try again.", { type: "role-changed" });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "member.role_change",
      targetType: "user",
      targetId: userId,
      metadata: { from: seat.role, to: role },
    });
    if (liftLimit) {
      await tx
        .delete(agencyMemberClients)
        .where(and(eq(agencyMemberClients.agencyId, workspaceId), eq(agencyMemberClients.userId, userId)));
      await recordAudit(tx, actor, {
        workspaceId,
        action: "member.client_limit",
        targetType: "user",
        targetId: userId,
        metadata: { clients_limited: false, client_ids: null, reason: `promoted to ${role}` },
      });
    }
    return updated;
  });
}

export async function removeMember(caller: Membership, actor: Actor, userId: string): Promise<void> {
  const workspaceId = caller.workspace.id;
  const self = userId === actor.userId;
  if (!self && !can(caller.role, "members.manage")) throw apiError(403, `Your role (${caller.role}) may not remove members.`);
  await getDb().transaction(async (tx) => {
    const { me, seat } = await lockForChange(tx, caller, actor.userId, userId);
    if (!self) {
      refuseWith(
        (r) => {
          if (!can(r, "members.manage")) return apiError(403, `Your role (${r}) may not remove members.`);
          if (!mayChangeSeat(r, seat.role, null)) return apiError(403, "Only an owner can remove an owner.");
          return null;
        },
        caller.role,
        me.role,
      );
    }
    if (takesOwnership(seat.role, null) && (await lockOwners(tx, workspaceId)) <= 1) throw lastOwner();
    const [removed] = await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId), eq(workspaceMembers.role, seat.role)))
      .returning({ userId: workspaceMembers.userId });
    if (!removed) throw apiError(409, "This member's role changed meanwhile: reload and try again.", { type: "role-changed" });
    // an agency seat's client limit goes with it (a later seat starts unlimited, as documented)
    await tx.delete(agencyMemberClients).where(and(eq(agencyMemberClients.agencyId, workspaceId), eq(agencyMemberClients.userId, userId)));
    await recordAudit(tx, actor, {
      workspaceId,
      action: self ? "member.leave" : "member.remove",
      targetType: "user",
      targetId: userId,
      metadata: { role: seat.role as Role },
    });
  });
}
