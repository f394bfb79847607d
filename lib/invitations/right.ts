import { eq } from "drizzle-orm";
import type { getDb } from "@/db";
import { emailHoldsClientSeat, emailHoldsSeat, getSeat, lockOwners } from "@/db/queries/members";
import { emailLimitKey } from "@/lib/auth/email-address";
import { findMembership } from "@/db/queries/workspaces";
import { users, workspaces, type Role, type Workspace } from "@/db/schema";
import { apiError, validationError, type ApiError } from "@/lib/api/errors";
import { agencyStaffMayGrant, can, mayChangeSeat } from "@/lib/auth/permissions";

// Who may send an invitation — and so resend it, and whose invitation may still be accepted: the same
// rule, evaluated inside the transaction that acts on it, after the workspace's membership lock.
//
// - A workspace's own owners and admins invite anyone (only an owner invites an owner).
// - Agency staff acting through the agency (owner/admin there) invite only while the client has no owner
//   of its own yet: its first owner, and members or viewers — never an admin, and never themselves or
//   anyone else holding a seat in the agency (staff act through the agency, never with a seat of their
//   own, so a client's suspension of the agency reaches all of them). Once the client has an owner, its
//   own people invite. While the client has suspended the agency, staff cannot act there at all.
//
// These two paths never grant the same invitation (through the agency: only with no owner; directly, an
// owner invitation needs an owner), so re-deriving the right from the inviter's seats now also checks
// that it holds through the path it was sent by.

type Reader = Pick<ReturnType<typeof getDb>, "select">;

/** Why the inviter may not (or no longer) send this invitation; `agencySuspended` when that is why. */
export type Refusal = { error: ApiError; agencySuspended: boolean };

const refuse = (error: ApiError): Refusal => ({ error, agencySuspended: false });

/** `workspace` as read under its membership lock (see lockWorkspace). */
export async function invitationRefusal(
  db: Reader,
  workspace: Workspace,
  inviterId: string | null,
  role: Role,
  email: string,
): Promise<Refusal | null> {
  const inviter = inviterId ? await findMembership({ id: workspace.id }, inviterId, db) : null;
  if (!inviter || !can(inviter.role, "members.manage")) {
    const error = apiError(403, `Your role${inviter ? ` (${inviter.role})` : ""} may not invite people here.`);
    // staff of an agency the client suspended lost their right that way
    const suspended = Boolean(
      inviterId && workspace.parentId && workspace.agencyAccessSuspendedAt && (await getSeat(workspace.parentId, inviterId, db)),
    );
    return { error, agencySuspended: suspended };
  }
  if (inviter.via === "direct") {
    // someone with a seat of their own in a client may not also be the agency's staff: a suspension by that
    // client must reach every one of its staff (whichever seat came first)
    const client = workspace.kind === "agency" ? await emailHoldsClientSeat(db, workspace.id, email) : null;
    if (client) {
      const message = `${email} has a seat of their own in the client ${client}: agency staff act in clients through the agency only`;
      return refuse(validationError([{ path: "email", message }], `${message}.`));
    }
    return mayChangeSeat(inviter.role, null, role) ? null : refuse(apiError(403, "Only an owner can invite an owner."));
  }
  const agencyId = inviter.viaWorkspaceId!;
  const [agency] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, agencyId)).limit(1);
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, inviterId!)).limit(1);
  if (me?.email && emailLimitKey(me.email) === emailLimitKey(email)) {
    const message = "You cannot invite yourself: agency staff act in a client through the agency, never with a seat of their own";
    return refuse(validationError([{ path: "email", message }], `${message}.`));
  }
  if (await emailHoldsSeat(db, agencyId, email)) {
    const message = `${email} is on the staff of ${agency?.name ?? "the agency"}: staff act in its clients through the agency, never with a seat of their own`;
    return refuse(validationError([{ path: "email", message }], `${message}.`));
  }
  if ((await lockOwners(db, workspace.id)) > 0) {
    return refuse(apiError(403, `${workspace.name} has its own owner now: its owners and admins invite its people, not the agency.`));
  }
  if (!agencyStaffMayGrant(role)) {
    return refuse(
      apiError(
        403,
        "Through the agency you may invite the client's first owner, members or viewers; admins are appointed by the client's owner.",
      ),
    );
  }
  return null;
}
