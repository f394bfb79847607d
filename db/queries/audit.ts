import { and, eq, gte, lte } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, type AuditEvent } from "@/db/schema";
import { keysetOrder, keysetWhere, newestFirst, pageOf, type Cursor } from "./keyset";

// Reads of the audit trail, newest first, keyset-paginated; every one takes the workspace id first.

export type AuditFilter = { action?: string; actorId?: string; from?: Date; to?: Date; cursor?: Cursor | null; limit: number };

const order = (cursor?: Cursor | null) => newestFirst(auditEvents.createdAt, auditEvents.id, cursor);

/** The trail's query, as built for the API and the Audit page (the plan test EXPLAINs this very query). */
export function auditListSelect(workspaceId: string, f: AuditFilter) {
  const where = [eq(auditEvents.workspaceId, workspaceId), keysetWhere(order(f.cursor))];
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.actorId) where.push(eq(auditEvents.actorId, f.actorId));
  if (f.from) where.push(gte(auditEvents.createdAt, f.from));
  if (f.to) where.push(lte(auditEvents.createdAt, f.to));
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(...keysetOrder(order(f.cursor)))
    .limit(f.limit + 1);
}

export async function listAuditEvents(
  workspaceId: string,
  f: AuditFilter,
): Promise<{ events: AuditEvent[]; nextCursor: string | null; prevCursor: string | null }> {
  const page = pageOf(await auditListSelect(workspaceId, f), f.limit, order(f.cursor));
  return { events: page.items, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

export async function auditActionsAndActors(workspaceId: string) {
  const rows = await getDb()
    .selectDistinct({ action: auditEvents.action, actorId: auditEvents.actorId, actorEmail: auditEvents.actorEmail })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .limit(1000);
  const actions = [...new Set(rows.map((r) => r.action))].sort();
  const actors = [...new Map(rows.filter((r) => r.actorId).map((r) => [r.actorId!, r.actorEmail ?? r.actorId!])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  return { actions, actors };
}
