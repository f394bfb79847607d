import { withWorkspace } from "@/lib/api/guard";
import { workspaceEvents } from "@/lib/events/stream";

export const dynamic = "force-dynamic";

// GET /api/v1/workspaces/:id/events — server-sent events: `campaign` whenever one is created or changes; an
// agency's stream also carries those of the clients its reader may read (the portfolio board stays live)
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ req, workspaceId, user, membership }) => {
  return new Response(workspaceEvents(workspaceId, user.id, req.signal, { agency: membership.workspace.kind === "agency" }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
});
