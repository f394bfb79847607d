import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { findMembership, type Membership } from "@/db/queries/workspaces";
import { invitations, workspaceMembers, type Invitation } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/parse";
import { recordAudit, type Actor } from "@/lib/audit";
import { higherRole } from "@/lib/auth/permissions";
import { sha256 } from "@/lib/crypto";
import { invitationStatus } from "./manage";

// Accept an invitation: only with the invited email; once; before it expires or is revoked. Two accepts
// at the same moment: the conditional update lets exactly one through.

export const acceptSchema = z.strictObject({ token: z.string({ error: "Token is required" }).min(10, "Token is not valid").max(200, "Token is not valid") });

export async function findInvitationByToken(token: string): Promise<Invitation | null> {
  const [row] = await getDb().select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).limit(1);
  return row ?? null;
}

export async function acceptInvitation(actor: Actor, body: unknown): Promise<Membership> {
  const { token } = parseWith(acceptSchema, body);
  const invitation = await findInvitationByToken(token);
  if (!invitation) throw apiError(404, "This invitation link is not valid. Ask for a new invitation.");
  if (invitation.email !== actor.email.toLowerCase()) {
    throw apiError(403, `This invitation is for another email address. Sign in as the invited address to accept it.`, { type: "wrong-email" });
  }
  const status = invitationStatus(invitation);
  if (status !== "pending") throw apiError(410, `This invitation was ${status === "accepted" ? "already used" : status}. Ask for a new one.`);

  await getDb().transaction(async (tx) => {
    const now = new Date();
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: actor.userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .returning();
    if (!claimed) throw apiError(410, "This invitation was already used. Ask for a new one.");
    const [seat] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, invitation.workspaceId), eq(workspaceMembers.userId, actor.userId)))
      .for("update");
    const role = higherRole(seat?.role ?? null, invitation.role)!;
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: invitation.workspaceId, userId: actor.userId, role })
      .onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.userId], set: { role } });
    await recordAudit(tx, { ...actor, viaWorkspaceId: null }, {
      workspaceId: invitation.workspaceId,
      action: "invitation.accept",
      targetType: "invitation",
      targetId: invitation.id,
      metadata: { email: invitation.email, role },
    });
  });
  const membership = await findMembership({ id: invitation.workspaceId }, actor.userId);
  if (!membership) throw apiError(409, "The invitation was accepted, but this workspace is not reachable now.");
  return membership;
}
