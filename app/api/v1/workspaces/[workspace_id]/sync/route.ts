import { getConnection } from "@/db/queries/workspaces";
import { apiError } from "@/lib/api/errors";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeSync } from "@/lib/api/serialize";
import { requestSync, syncStatus } from "@/lib/calls/sync";

// GET /api/v1/workspaces/:id/sync — where the mirror of calls stands
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ workspaceId }) => {
  const { state, calls } = await syncStatus(workspaceId);
  return json({ sync: serializeSync(state, calls) });
});

// POST /api/v1/workspaces/:id/sync — "Sync now" (after Nedzo refused the token too: a person asks to try again)
export const POST = withWorkspace({ permission: "sync.request" }, async ({ workspaceId }) => {
  if (!(await getConnection(workspaceId)))
    throw apiError(409, "This workspace is not connected to Nedzo yet: connect it in Settings first.", { type: "no-connection" });
  await requestSync(workspaceId, undefined, new Date(), { byHand: true });
  const { state, calls } = await syncStatus(workspaceId);
  return json({ sync: serializeSync(state, calls) }, 202);
});
