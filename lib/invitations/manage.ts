import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db";
import { invitations, users, workspaceMembers, type Invitation, type Workspace } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";
import { listInvitationPage } from "@/db/queries/invitations";
import { lockWorkspace } from "@/db/queries/members";
import type { Membership } from "@/db/queries/workspaces";
import { sha256 } from "@/lib/crypto";
import { sendMail } from "@/lib/mail";
import { invitationMail } from "./mail";
import { invitationRefusal } from "./right";
import type { inviteSchema } from "./schemas";
import { invitationStatus } from "./status";
import { log } from "@/lib/log/logger";

// Invite by email: the token is mailed once and stored only as its hash; it expires after 7 days and
// can be revoked or re-sent (a resend issues a new token and a new expiry). Who may send (and resend) what
// is decided in ./right.ts, under the workspace's membership lock.

export const INVITATION_DAYS = 7;

export { invitationStatus };

function freshToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) };
}

async function mailInvitation(workspace: Workspace, invitation: Invitation, token: string, actor: Actor, baseUrl: string) {
  const url = `${baseUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
  try {
    await sendMail(invitationMail(invitation.email, workspace, invitation.role, actor.email, url));
  } catch (error) {
    log.error({ invitation_id: invitation.id, error: (error as Error).message }, "invitation mail could not be sent");
    throw apiError(502, "The invitation is saved, but its mail could not be sent: try Resend in a moment.", { type: "mail-failed" });
  }
}

export async function createInvitation(caller: Membership, actor: Actor, input: z.output<typeof inviteSchema>, baseUrl: string) {
  const workspaceId = caller.workspace.id;
  const { token, tokenHash, expiresAt } = freshToken();
  const { workspace, invitation } = await getDb().transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    if (!workspace) throw apiError(404, "No such workspace.");
    const [already] = await tx
      .select({ userId: users.id })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(users.email, input.email)))
      .limit(1);
    if (already) throw apiError(409, `${input.email} is already a member of this workspace.`, { type: "already-member" });
    const refusal = await invitationRefusal(tx, workspace, actor.userId, input.role, input.email);
    if (refusal) throw refusal.error;
    // a new invitation replaces any still-pending one for the same address
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({ workspaceId, email: input.email, role: input.role, tokenHash, invitedBy: actor.userId, expiresAt })
      .returning();
    await recordAudit(tx, actor, {
      workspaceId,
      action: "invitation.create",
      targetType: "invitation",
      targetId: row.id,
      metadata: { email: row.email, role: row.role },
    });
    return { workspace, invitation: row };
  });
  await mailInvitation(workspace, invitation, token, actor, baseUrl);
  return invitation;
}

/** The newest 200, for the Members page (the API pages through them all: db/queries/invitations.ts). */
export async function listInvitations(workspaceId: string) {
  return (await listInvitationPage(workspaceId, { limit: 200 })).items;
}

async function pendingInvitation(workspaceId: string, invitationId: string) {
  const [row] = await getDb()
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, invitationId)))
    .limit(1);
  if (!row) throw apiError(404, "No such invitation in this workspace.");
  const status = invitationStatus(row);
  if (status === "accepted" || status === "revoked") throw apiError(409, `This invitation was already ${status}.`);
  return row;
}

export async function revokeInvitation(workspaceId: string, invitationId: string, actor: Actor) {
  const row = await pendingInvitation(workspaceId, invitationId);
  await getDb().transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, row.id), eq(invitations.workspaceId, workspaceId)));
    await recordAudit(tx, actor, {
      workspaceId,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: row.id,
      metadata: { email: row.email, role: row.role },
    });
  });
}

/** A new link and 7 more days. Resending is sending again: it needs the right to send this invitation now,
 * and the resender becomes its inviter (whose right an accept checks). */
export async function resendInvitation(caller: Membership, invitationId: string, actor: Actor, baseUrl: string) {
  const row = await pendingInvitation(caller.workspace.id, invitationId);
  const { token, tokenHash, expiresAt } = freshToken();
  const { workspace, updated } = await getDb().transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, caller.workspace.id);
    if (!workspace) throw apiError(404, "No such workspace.");
    const refusal = await invitationRefusal(tx, workspace, actor.userId, row.role, row.email);
    if (refusal) throw refusal.error;
    const [u] = await tx
      .update(invitations)
      .set({ tokenHash, expiresAt, sentAt: new Date(), invitedBy: actor.userId })
      .where(
        and(
          eq(invitations.id, row.id),
          eq(invitations.workspaceId, workspace.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!u) throw apiError(409, "This invitation changed meanwhile; reload and try again.");
    await recordAudit(tx, actor, {
      workspaceId: workspace.id,
      action: "invitation.resend",
      targetType: "invitation",
      targetId: row.id,
      metadata: { email: row.email, role: row.role },
    });
    return { workspace, updated: u };
  });
  await mailInvitation(workspace, updated, token, actor, baseUrl);
  return updated;
}
