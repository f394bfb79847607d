import { listAuditEvents } from "@/db/queries/audit";
import { json, withWorkspace } from "@/lib/api/guard";
import { auditListQuery } from "@/lib/api/pagination";
import { serializeAuditEvent, serializeCursors } from "@/lib/api/serialize";

// GET /api/v1/workspaces/:id/audit-events — the trail, newest first; filters: action, actor_id, from, to
export const GET = withWorkspace({ permission: "audit.read", query: auditListQuery }, async ({ workspaceId, query }) => {
  const page = await listAuditEvents(workspaceId, {
    limit: query.limit,
    cursor: query.cursor,
    action: query.action,
    actorId: query.actor_id,
    from: query.from,
    to: query.to,
  });
  return json({ events: page.events.map(serializeAuditEvent), ...serializeCursors(page) });
});
