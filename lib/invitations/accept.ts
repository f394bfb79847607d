import { and, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db";
import { lockWorkspace } from "@/db/queries/members";
import { findMembership, type Membership } from "@/db/queries/workspaces";
import { agencyMemberClients, invitations, workspaceMembers, type Invitation, type Role, type Workspace } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";
import { mayBeLimitedToClients } from "@/lib/auth/permissions";
import { higherRole } from "@/lib/auth/roles";
import { sha256 } from "@/lib/crypto";
import { invitationRefusal, type Refusal } from "./right";
import type { acceptSchema } from "./schemas";
import { invitationStatus } from "./status";

// Accept an invitation: only with the invited email; once; before it expires or is revoked; and only while
// whoever sent it could still send it (./right.ts: still a member with the role it needs, through the same
// path; an agency not suspended; a client's first owner only while it has none). Two accepts at the same
// moment: the workspace's membership lock and the conditional update let exactly one through.

export async function findInvitationByToken(token: string): Promise<Invitation | null> {
  const [row] = await getDb()
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  return row ?? null;
}

function acceptRefusal(workspace: Workspace, role: Role, refusal: Refusal) {
  if (refusal.agencySuspended) {
    return apiError(
      410,
      `This invitation was sent through the agency, and ${workspace.name} has suspended the agency's access: it no longer counts. Ask ${workspace.name}'s owner for a new one.`,
      {
        type: "agency-suspended",
      },
    );
  }
  if (refusal.error.options.errors?.some((e) => e.path === "email")) {
    return apiError(
      403,
      workspace.kind === "agency"
        ? refusal.error.message // a seat of their own in one of its clients
        : `This address holds a seat in the agency: agency staff act in ${workspace.name} through the agency, not with a seat of their own.`,
      { type: "agency-staff" },
    );
  }
  return apiError(
    410,
    `Whoever invited you can no longer invite you to ${workspace.name} as ${role} (their seat or role changed, or the workspace has an owner now). Ask for a new invitation.`,
    {
      type: "inviter-lost-right",
    },
  );
}

export async function acceptInvitation(actor: Actor, { token }: z.output<typeof acceptSchema>): Promise<Membership> {
  const invitation = await findInvitationByToken(token);
  if (!invitation) throw apiError(404, "This invitation link is not valid. Ask for a new invitation.");
  if (invitation.email !== actor.email.toLowerCase()) {
    throw apiError(403, `This invitation is for another email address. Sign in as the invited address to accept it.`, {
      type: "wrong-email",
    });
  }
  const status = invitationStatus(invitation);
  if (status !== "pending")
    throw apiError(410, `This invitation was ${status === "accepted" ? "already used" : status}. Ask for a new one.`);

  await getDb().transaction(async (tx) => {
    const now = new Date();
    const workspace = await lockWorkspace(tx, invitation.workspaceId);
    if (!workspace) throw apiError(404, "This invitation link is not valid. Ask for a new invitation.");
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: actor.userId })
      .where(
        and(
          eq(invitations.id, invitation.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning();
    if (!claimed) throw apiError(410, "This invitation was already used. Ask for a new one.");
    // the invitation counts only if whoever sent it could still send it now (throwing undoes the claim)
    const refusal = await invitationRefusal(tx, workspace, claimed.invitedBy, claimed.role, claimed.email);
    if (refusal) throw acceptRefusal(workspace, claimed.role, refusal);
    const [seat] = await tx
      .select({ role: workspaceMembers.role, clientsLimited: workspaceMembers.clientsLimited })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, invitation.workspaceId), eq(workspaceMembers.userId, actor.userId)))
      .for("update");
    const role = higherRole(seat?.role ?? null, invitation.role)!;
    // a client limit is for members and viewers: joining an agency as admin or owner lifts it
    const liftLimit = Boolean(seat?.clientsLimited) && !mayBeLimitedToClients(role);
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: invitation.workspaceId, userId: actor.userId, role })
      .onConflictDoUpdate({
        target: [workspaceMembers.workspaceId, workspaceMembers.userId],
        set: { role, ...(liftLimit ? { clientsLimited: false } : {}) },
      });
    const self = { ...actor, viaWorkspaceId: null };
    await recordAudit(tx, self, {
      workspaceId: invitation.workspaceId,
      action: "invitation.accept",
      targetType: "invitation",
      targetId: invitation.id,
      metadata: { email: invitation.email, role },
    });
    if (liftLimit) {
      await tx
        .delete(agencyMemberClients)
        .where(and(eq(agencyMemberClients.agencyId, invitation.workspaceId), eq(agencyMemberClients.userId, actor.userId)));
      await recordAudit(tx, self, {
        workspaceId: invitation.workspaceId,
        action: "member.client_limit",
        targetType: "user",
        targetId: actor.userId,
        metadata: { clients_limited: false, client_ids: null, reason: `joined as ${role}` },
      });
    }
  });
  const membership = await findMembership({ id: invitation.workspaceId }, actor.userId);
  if (!membership) throw apiError(409, "The invitation was accepted, but this workspace is not reachable now.");
  return membership;
}
