import { and, eq, sql, type AnyColumn } from "drizzle-orm";
import { getDb } from "@/db";
import { limitAdmits } from "@/db/queries/workspaces";
import { users, workspaceMembers, workspaces, type Role, type Workspace } from "@/db/schema";
import { higherRole, roleThroughAgency } from "@/lib/auth/roles";

// Who is in a workspace: its own seats, and (for a client whose agency access is not suspended) the
// agency's staff with the role they get here.

export type MemberRow = {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  via: "direct" | "agency";
  joinedAt: Date;
  /** an agency's own seats: limited to chosen clients (see agency_member_clients) */
  clientsLimited: boolean;
};

export async function listMembers(workspace: Workspace): Promise<MemberRow[]> {
  const db = getDb();
  const own = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: workspaceMembers.role,
      joinedAt: workspaceMembers.createdAt,
      clientsLimited: workspaceMembers.clientsLimited,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspace.id));
  const byUser = new Map<string, MemberRow>();
  for (const m of own) byUser.set(m.userId, { ...m, email: m.email ?? "", via: "direct" });
  if (workspace.parentId && workspace.agencyAccessSuspendedAt === null) {
    const staff = await db
      .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(and(eq(workspaceMembers.workspaceId, workspace.parentId), limitAdmits(workspaceMembers, workspace.id)));
    for (const s of staff) {
      const role = roleThroughAgency(s.role);
      const existing = byUser.get(s.userId);
      if (existing && higherRole(existing.role, role) === existing.role) continue;
      byUser.set(s.userId, {
        userId: s.userId,
        email: s.email ?? "",
        name: s.name,
        role,
        via: "agency",
        joinedAt: existing?.joinedAt ?? s.joinedAt,
        clientsLimited: false,
      });
    }
  }
  return [...byUser.values()].sort((a, b) => a.email.localeCompare(b.email));
}

type Reader = Pick<ReturnType<typeof getDb>, "select">;

/** One seat, as `db` (a transaction, after its locks) sees it; `forUpdate` locks it for the change. */
export async function getSeat(workspaceId: string, userId: string, db: Reader = getDb(), forUpdate = false) {
  const query = db
    .select()
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

/**
 * Takes the workspace's membership lock: every change of its seats (role change, removal, an accepted
 * invitation, a client limit), an invitation sent, and the agency's suspension take it first, so each
 * one checks and applies against the seats as they are, and owner counts cannot race. `no key update`
 * leaves inserts that merely reference the workspace (campaigns, audit) unblocked.
 */
export async function lockWorkspace(db: Reader, workspaceId: string): Promise<Workspace | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for("no key update");
  return row ?? null;
}

/** Counts owners, locking their seats so two concurrent demotions cannot leave none. */
export async function lockOwners(db: Reader, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")))
    .for("update");
  return rows.length;
}

/** Whether this address holds a seat of this workspace (an agency's staff, for instance). */
/** One mailbox, however it is written: lower case, `+tag` dropped (as the sign-in limit counts it). */
const mailbox = (email: AnyColumn | string) => sql`regexp_replace(lower(${email}), '[+][^@]*@', '@')`;

export async function emailHoldsSeat(db: Reader, workspaceId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: users.id })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), sql`${mailbox(users.email)} = ${mailbox(email)}`))
    .limit(1);
  return Boolean(row);
}

/** Whether this mailbox holds a seat of its own in any client of the agency (then it may not join its staff). */
export async function emailHoldsClientSeat(db: Reader, agencyId: string, email: string): Promise<string | null> {
  const [row] = await db
    .select({ name: workspaces.name })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaces.parentId, agencyId), sql`${mailbox(users.email)} = ${mailbox(email)}`))
    .limit(1);
  return row?.name ?? null;
}
