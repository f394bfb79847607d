import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { agencyMemberClients, users, workspaceMembers, type Role, type Workspace } from "@/db/schema";
import { higherRole, roleThroughAgency } from "@/lib/auth/permissions";

// Who is in a workspace: its own seats, and (for a client whose agency access is not suspended) the
// agency's staff with the role they get here.

export type MemberRow = { userId: string; email: string; name: string | null; role: Role; via: "direct" | "agency"; joinedAt: Date };

export async function listMembers(workspace: Workspace): Promise<MemberRow[]> {
  const db = getDb();
  const own = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspace.id));
  const byUser = new Map<string, MemberRow>();
  for (const m of own) byUser.set(m.userId, { userId: m.userId, email: m.email ?? "", name: m.name, role: m.role, via: "direct", joinedAt: m.joinedAt });
  if (workspace.parentId && workspace.agencyAccessSuspendedAt === null) {
    const staff = await db
      .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(
        and(
          eq(workspaceMembers.workspaceId, workspace.parentId),
          sql`(not exists (select 1 from ${agencyMemberClients} r where r.agency_id = ${workspace.parentId} and r.user_id = ${workspaceMembers.userId})
               or exists (select 1 from ${agencyMemberClients} r where r.agency_id = ${workspace.parentId} and r.user_id = ${workspaceMembers.userId} and r.client_id = ${workspace.id}))`,
        ),
      );
    for (const s of staff) {
      const role = roleThroughAgency(s.role);
      const existing = byUser.get(s.userId);
      if (existing && higherRole(existing.role, role) === existing.role) continue;
      byUser.set(s.userId, { userId: s.userId, email: s.email ?? "", name: s.name, role, via: "agency", joinedAt: existing?.joinedAt ?? s.joinedAt });
    }
  }
  return [...byUser.values()].sort((a, b) => a.email.localeCompare(b.email));
}

export async function getSeat(workspaceId: string, userId: string) {
  const [row] = await getDb()
    .select()
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Counts owners, locking their seats so two concurrent demotions cannot leave none. */
export async function lockOwners(db: Pick<ReturnType<typeof getDb>, "select">, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")))
    .for("update");
  return rows.length;
}
