import { getCall } from "@/db/queries/calls";
import { apiError } from "@/lib/api/errors";
import { isUuid, json, withWorkspace } from "@/lib/api/guard";
import { serializeCall } from "@/lib/api/serialize";
import { can } from "@/lib/auth/permissions";

// GET /api/v1/workspaces/:id/calls/:call_id — one call, with its transcript and recording (members and up)
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ workspaceId, params, membership }) => {
  const call = isUuid(params.call_id) ? await getCall(workspaceId, params.call_id) : null;
  if (!call) throw apiError(404, "No such call in this workspace.");
  return json({ call: serializeCall(call, { wholeContact: can(membership.role, "calls.view_contacts"), detail: true }) });
});
