import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db";
import { connectionsFor, listMemberships, type Membership } from "@/db/queries/workspaces";
import { getSeat, lockWorkspace } from "@/db/queries/members";
import { agencyMemberClients, campaigns, workspaceMembers, workspaces } from "@/db/schema";
import { apiError, validationError } from "@/lib/api/errors";
import { serializeClient, serializeSuspendedClient, type ClientRow } from "@/lib/api/serialize";
import { recordAudit, type Actor } from "@/lib/audit";
import { can, mayBeLimitedToClients, mayManageAgencyAccess } from "@/lib/auth/permissions";
import type { accessSchema, clientLimitSchema } from "./schemas";

// An agency's clients: what its staff may reach, with connection state, campaign count and last activity.
// Clients that suspended the agency are listed too (admins see them), by name and "suspended" only: while
// suspended, nothing of theirs reaches the agency — no connection, token digits, counts or activity.

export type { ClientRow };

export async function listClients(agency: Membership, userId: string): Promise<ClientRow[]> {
  if (agency.workspace.kind !== "agency") throw apiError(404, "This workspace is not an agency.");
  // a client reachable directly (its own people invited this person) is theirs to see in full
  const reachable = (await listMemberships(userId)).filter((m) => m.workspace.parentId === agency.workspace.id);
  const reachableIds = new Set(reachable.map((m) => m.workspace.id));
  const suspended = can(agency.role, "clients.manage")
    ? (
        await getDb()
          .select()
          .from(workspaces)
          .where(and(eq(workspaces.parentId, agency.workspace.id), sql`${workspaces.agencyAccessSuspendedAt} is not null`))
      ).filter((w) => !reachableIds.has(w.id))
    : [];
  const ids = [...reachableIds];
  const stats = ids.length
    ? await getDb()
        .select({
          workspaceId: campaigns.workspaceId,
          count: sql<number>`count(*)::int`,
          last: sql<string | null>`max(${campaigns.createdAt})`,
        })
        .from(campaigns)
        .where(inArray(campaigns.workspaceId, ids))
        .groupBy(campaigns.workspaceId)
    : [];
  const statsBy = new Map(stats.map((s) => [s.workspaceId, s]));
  const connections = await connectionsFor(ids);
  return [
    ...reachable.map((m) => serializeClient(m.workspace, m.role, connections.get(m.workspace.id), statsBy.get(m.workspace.id))),
    ...suspended.map(serializeSuspendedClient),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** A client's own owner suspends (or restores) every access its agency's staff have. */
export async function setAgencyAccess(client: Membership, actor: Actor, { suspended }: z.output<typeof accessSchema>) {
  if (!client.workspace.parentId) throw apiError(409, "This workspace does not belong to an agency.");
  if (!mayManageAgencyAccess(client)) throw apiError(403, "Only the client's own owner can change the agency's access.");
  return getDb().transaction(async (tx) => {
    // under the membership lock: still its own owner now, and no invitation is accepted meanwhile
    const w = await lockWorkspace(tx, client.workspace.id);
    const seat = w && (await getSeat(w.id, actor.userId, tx));
    if (!w || !seat || !mayManageAgencyAccess({ role: seat.role, via: "direct" }))
      throw apiError(403, "Only the client's own owner can change the agency's access.");
    const [updated] = await tx
      .update(workspaces)
      .set({ agencyAccessSuspendedAt: suspended ? (w.agencyAccessSuspendedAt ?? new Date()) : null })
      .where(eq(workspaces.id, w.id))
      .returning();
    const action = suspended ? "agency_access.suspend" : "agency_access.restore";
    await recordAudit(tx, actor, { workspaceId: w.id, action, targetType: "workspace", targetId: w.parentId });
    // the agency sees it in its own trail too
    await recordAudit(tx, actor, {
      workspaceId: w.parentId!,
      action,
      targetType: "workspace",
      targetId: w.id,
      metadata: { client: w.name },
    });
    return updated;
  });
}

/**
 * An agency admin limits an agency member or viewer to chosen clients: a list limits the seat (and the limit
 * stays when those clients are deleted: limited to none); `[]` or `null` lifts it. Owners and admins are
 * never limited (they could lift it themselves): 422 on `user_id`.
 */
export async function limitMemberToClients(
  agency: Membership,
  actor: Actor,
  userId: string,
  { client_ids }: z.output<typeof clientLimitSchema>,
) {
  if (agency.workspace.kind !== "agency") throw apiError(404, "This workspace is not an agency.");
  const agencyId = agency.workspace.id;
  const unique = [...new Set(client_ids ?? [])];
  const limited = unique.length > 0;
  return getDb().transaction(async (tx) => {
    await lockWorkspace(tx, agencyId);
    const seat = await getSeat(agencyId, userId, tx, true);
    if (!seat) throw apiError(404, "No such member in this agency.");
    if (limited && !mayBeLimitedToClients(seat.role)) {
      throw validationError([
        {
          path: "user_id",
          message: `Only members and viewers can be limited to chosen clients; this person is ${seat.role} in the agency`,
        },
      ]);
    }
    if (limited) {
      const owned = await tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(and(eq(workspaces.parentId, agencyId), inArray(workspaces.id, unique)));
      if (owned.length !== unique.length)
        throw validationError([{ path: "client_ids", message: "Every id must be a client of this agency" }]);
    }
    await tx.delete(agencyMemberClients).where(and(eq(agencyMemberClients.agencyId, agencyId), eq(agencyMemberClients.userId, userId)));
    if (limited) await tx.insert(agencyMemberClients).values(unique.map((clientId) => ({ agencyId, userId, clientId })));
    await tx
      .update(workspaceMembers)
      .set({ clientsLimited: limited })
      .where(and(eq(workspaceMembers.workspaceId, agencyId), eq(workspaceMembers.userId, userId)));
    const metadata = { clients_limited: limited, client_ids: limited ? unique : null };
    await recordAudit(tx, actor, { workspaceId: agencyId, action: "member.client_limit", targetType: "user", targetId: userId, metadata });
    return { clientsLimited: limited, clientIds: limited ? unique : null };
  });
}

/** The agency's limited seats and the clients each may reach ([] when limited to none). */
export async function clientLimitsOf(agencyId: string): Promise<Map<string, string[]>> {
  const rows = await getDb()
    .select({ userId: workspaceMembers.userId, clientId: agencyMemberClients.clientId })
    .from(workspaceMembers)
    .leftJoin(
      agencyMemberClients,
      and(eq(agencyMemberClients.agencyId, workspaceMembers.workspaceId), eq(agencyMemberClients.userId, workspaceMembers.userId)),
    )
    .where(and(eq(workspaceMembers.workspaceId, agencyId), eq(workspaceMembers.clientsLimited, true)));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), ...(r.clientId ? [r.clientId] : [])]);
  return map;
}
