import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { connectionsFor, listMemberships, type Membership } from "@/db/queries/workspaces";
import { agencyMemberClients, campaigns, workspaceMembers, workspaces, type Role, type Workspace } from "@/db/schema";
import { apiError, validationError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/parse";
import { workspaceJson } from "@/lib/api/serialize";
import { recordAudit, type Actor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";

// An agency's clients: what its staff may reach, with connection state, campaign count and last activity.
// Clients that suspended the agency are listed too (admins see them), marked as such.

export async function listClients(agency: Membership, userId: string) {
  if (agency.workspace.kind !== "agency") throw apiError(404, "This workspace is not an agency.");
  const reachable = (await listMemberships(userId)).filter((m) => m.workspace.parentId === agency.workspace.id);
  const suspended = can(agency.role, "members.manage")
    ? await getDb()
        .select()
        .from(workspaces)
        .where(and(eq(workspaces.parentId, agency.workspace.id), sql`${workspaces.agencyAccessSuspendedAt} is not null`))
    : [];
  const ids = [...reachable.map((m) => m.workspace.id), ...suspended.map((w) => w.id)];
  const stats = ids.length
    ? await getDb()
        .select({ workspaceId: campaigns.workspaceId, count: sql<number>`count(*)::int`, last: sql<string | null>`max(${campaigns.createdAt})` })
        .from(campaigns)
        .where(inArray(campaigns.workspaceId, ids))
        .groupBy(campaigns.workspaceId)
    : [];
  const statsBy = new Map(stats.map((s) => [s.workspaceId, s]));
  const connections = await connectionsFor(ids);
  const row = (w: Workspace, role: Role | null) => {
    const last = statsBy.get(w.id)?.last;
    return {
      ...workspaceJson(w, role, connections.get(w.id)),
      agency_access: w.agencyAccessSuspendedAt ? ("suspended" as const) : ("active" as const),
      agency_access_suspended_at: w.agencyAccessSuspendedAt?.toISOString() ?? null,
      campaign_count: Number(statsBy.get(w.id)?.count ?? 0),
      last_activity_at: last ? new Date(last).toISOString() : null,
    };
  };
  return [...reachable.map((m) => row(m.workspace, m.role)), ...suspended.map((w) => row(w, null))].sort((a, b) => a.name.localeCompare(b.name));
}

export const accessSchema = z.strictObject({ suspended: z.boolean({ error: "suspended must be true or false" }) });

/** A client's own owner suspends (or restores) every access its agency's staff have. */
export async function setAgencyAccess(client: Membership, actor: Actor, body: unknown) {
  const { suspended } = parseWith(accessSchema, body);
  const w = client.workspace;
  if (!w.parentId) throw apiError(409, "This workspace does not belong to an agency.");
  if (client.via !== "direct" || client.role !== "owner") throw apiError(403, "Only the client's own owner can change the agency's access.");
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(workspaces)
      .set({ agencyAccessSuspendedAt: suspended ? (w.agencyAccessSuspendedAt ?? new Date()) : null })
      .where(eq(workspaces.id, w.id))
      .returning();
    const action = suspended ? "agency_access.suspend" : "agency_access.restore";
    await recordAudit(tx, actor, { workspaceId: w.id, action, targetType: "workspace", targetId: w.parentId });
    // the agency sees it in its own trail too
    await recordAudit(tx, actor, { workspaceId: w.parentId!, action, targetType: "workspace", targetId: w.id, metadata: { client: w.name } });
    return updated;
  });
}

export const clientLimitSchema = z.strictObject({ client_ids: z.array(z.guid("Each client id must be a UUID")).max(500) });

/** An agency admin limits an agency member to chosen clients; an empty list lifts the limit. */
export async function limitMemberToClients(agency: Membership, actor: Actor, userId: string, body: unknown) {
  if (agency.workspace.kind !== "agency") throw apiError(404, "This workspace is not an agency.");
  const { client_ids } = parseWith(clientLimitSchema, body);
  const agencyId = agency.workspace.id;
  const [seat] = await getDb()
    .select()
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, agencyId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  if (!seat) throw apiError(404, "No such member in this agency.");
  const unique = [...new Set(client_ids)];
  if (unique.length) {
    const owned = await getDb()
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(and(eq(workspaces.parentId, agencyId), inArray(workspaces.id, unique)));
    if (owned.length !== unique.length) throw validationError([{ path: "client_ids", message: "Every id must be a client of this agency" }]);
  }
  await getDb().transaction(async (tx) => {
    await tx.delete(agencyMemberClients).where(and(eq(agencyMemberClients.agencyId, agencyId), eq(agencyMemberClients.userId, userId)));
    if (unique.length) await tx.insert(agencyMemberClients).values(unique.map((clientId) => ({ agencyId, userId, clientId })));
    await recordAudit(tx, actor, { workspaceId: agencyId, action: "member.client_limit", targetType: "user", targetId: userId, metadata: { client_ids: unique } });
  });
  return unique;
}

export async function clientLimitsOf(agencyId: string): Promise<Map<string, string[]>> {
  const rows = await getDb().select().from(agencyMemberClients).where(eq(agencyMemberClients.agencyId, agencyId));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.clientId]);
  return map;
}
