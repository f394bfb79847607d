import { decodeCursor } from "@/db/queries/campaigns";
import { listAuditEvents, serializeAuditEvent } from "@/db/queries/audit";
import { validationError, type FieldError } from "@/lib/api/errors";
import { json, withWorkspace } from "@/lib/api/guard";

// GET /api/v1/workspaces/:id/audit-events — the trail, newest first; filters: action, actor_id, from, to
export const GET = withWorkspace({ permission: "audit.read" }, async ({ req, workspaceId }) => {
  const p = new URL(req.url).searchParams;
  const errors: FieldError[] = [];
  const limitText = p.get("limit") ?? "50";
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 200) errors.push({ path: "limit", message: "Must be a whole number from 1 to 200" });
  const cursorText = p.get("cursor");
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  if (cursorText && !cursor) errors.push({ path: "cursor", message: "Is not a cursor this API returned" });
  const date = (name: string) => {
    const text = p.get(name);
    if (!text) return undefined;
    const d = new Date(text);
    if (Number.isNaN(d.getTime())) errors.push({ path: name, message: "Must be an RFC 3339 date or date-time" });
    return d;
  };
  const from = date("from");
  const to = date("to");
  if (errors.length) throw validationError(errors);
  const page = await listAuditEvents(workspaceId, {
    limit,
    cursor,
    action: p.get("action") || undefined,
    actorId: p.get("actor_id") || undefined,
    from,
    to,
  });
  return json({ events: page.events.map(serializeAuditEvent), next_cursor: page.nextCursor });
});
