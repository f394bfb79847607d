import { and, desc, eq, gte, lte } from "drizzle-orm";
import { getDb } from "@/db";
import { keysetAfter, pageOf, type Cursor } from "@/lib/api/pagination";
import { auditEvents, type AuditEvent } from "@/db/schema";

// Reads of the audit trail, newest first, keyset-paginated; every one takes the workspace id first.

export type AuditFilter = { action?: string; actorId?: string; from?: Date; to?: Date; cursor?: Cursor | null; limit: number };

export async function listAuditEvents(workspaceId: string, f: AuditFilter): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  const where = [eq(auditEvents.workspaceId, workspaceId)];
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.actorId) where.push(eq(auditEvents.actorId, f.actorId));
  if (f.from) where.push(gte(auditEvents.createdAt, f.from));
  if (f.to) where.push(lte(auditEvents.createdAt, f.to));
  if (f.cursor) where.push(keysetAfter(auditEvents.createdAt, auditEvents.id, f.cursor));
  const rows = await getDb()
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(f.limit + 1);
  const page = pageOf(rows, f.limit);
  return { events: page.items, nextCursor: page.nextCursor };
}

export async function auditActionsAndActors(workspaceId: string) {
  const rows = await getDb()
    .selectDistinct({ action: auditEvents.action, actorId: auditEvents.actorId, actorEmail: auditEvents.actorEmail })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .limit(1000);
  const actions = [...new Set(rows.map((r) => r.action))].sort();
  const actors = [...new Map(rows.filter((r) => r.actorId).map((r) => [r.actorId!, r.actorEmail ?? r.actorId!])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return { actions, actors };
}

export function serializeAuditEvent(e: AuditEvent) {
  return {
    id: e.id,
    action: e.action,
    actor: e.actorId ? { id: e.actorId, email: e.actorEmail } : null,
    via_workspace_id: e.viaWorkspaceId,
    target_type: e.targetType,
    target_id: e.targetId,
    outcome: e.outcome,
    ip: e.ip,
    user_agent: e.userAgent,
    created_at: e.createdAt.toISOString(),
    metadata: e.metadata,
  };
}
