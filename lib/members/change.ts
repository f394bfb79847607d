import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { lockOwners, getSeat } from "@/db/queries/members";
import type { Membership } from "@/db/queries/workspaces";
import { roles, workspaceMembers, type Role } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/parse";
import { recordAudit, type Actor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";

// Change a member's role, or remove them. Only an owner grants or takes away `owner`; the last owner can be
// neither demoted nor removed (hand ownership over first).

export const roleSchema = z.strictObject({ role: z.enum(roles, { error: `Role must be one of ${roles.join(", ")}` }) });

async function seatOrNotFound(workspaceId: string, userId: string) {
  const seat = await getSeat(workspaceId, userId);
  if (!seat) throw apiError(404, "No such member in this workspace (agency staff are managed in the agency).");
  return seat;
}

export async function changeRole(caller: Membership, actor: Actor, userId: string, body: unknown) {
  const { role } = parseWith(roleSchema, body);
  const workspaceId = caller.workspace.id;
  const seat = await seatOrNotFound(workspaceId, userId);
  if ((role === "owner" || seat.role === "owner") && caller.role !== "owner") {
    throw apiError(403, "Only an owner can grant or take away the owner role.");
  }
  if (seat.role === role) return seat;
  return getDb().transaction(async (tx) => {
    if (seat.role === "owner" && (await lockOwners(tx, workspaceId)) <= 1) {
      throw apiError(409, "This is the last owner: make someone else owner first.", { type: "last-owner" });
    }
    const [updated] = await tx
      .update(workspaceMembers)
      .set({ role })
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
      .returning();
    await recordAudit(tx, actor, { workspaceId, action: "member.role_change", targetType: "user", targetId: userId, metadata: { from: seat.role, to: role } });
    return updated;
  });
}

export async function removeMember(caller: Membership, actor: Actor, userId: string): Promise<void> {
  const workspaceId = caller.workspace.id;
  const self = userId === actor.userId;
  if (!self && !can(caller.role, "members.manage")) throw apiError(403, `Your role (${caller.role}) may not remove members.`);
  const seat = await seatOrNotFound(workspaceId, userId);
  if (seat.role === "owner" && !self && caller.role !== "owner") throw apiError(403, "Only an owner can remove an owner.");
  await getDb().transaction(async (tx) => {
    if (seat.role === "owner" && (await lockOwners(tx, workspaceId)) <= 1) {
      throw apiError(409, "This is the last owner: make someone else owner first.", { type: "last-owner" });
    }
    await tx.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
    await recordAudit(tx, actor, { workspaceId, action: self ? "member.leave" : "member.remove", targetType: "user", targetId: userId, metadata: { role: seat.role as Role } });
  });
}
