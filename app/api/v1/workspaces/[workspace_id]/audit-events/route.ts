import { listAuditEvents, serializeAuditEvent } from "@/db/queries/audit";
import { json, withWorkspace } from "@/lib/api/guard";
import { auditListQuery, parseQuery } from "@/lib/api/pagination";

// GET /api/v1/workspaces/:id/audit-events — the trail, newest first; filters: action, actor_id, from, to
export const GET = withWorkspace({ permission: "audit.read" }, async ({ req, workspaceId }) => {
  const q = parseQuery(auditListQuery, new URL(req.url).searchParams);
  const page = await listAuditEvents(workspaceId, { limit: q.limit, cursor: q.cursor, action: q.action, actorId: q.actor_id, from: q.from, to: q.to });
  return json({ events: page.events.map(serializeAuditEvent), next_cursor: page.nextCursor, prev_cursor: page.prevCursor });
});
