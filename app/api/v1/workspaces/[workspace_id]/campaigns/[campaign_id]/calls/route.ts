import { listCalls } from "@/db/queries/calls";
import { getCampaign } from "@/db/queries/campaigns";
import { apiError } from "@/lib/api/errors";
import { isUuid, json, withWorkspace } from "@/lib/api/guard";
import { callListQuery } from "@/lib/api/pagination";
import { serializeCall, serializeCursors } from "@/lib/api/serialize";
import { can } from "@/lib/auth/permissions";

// GET /api/v1/workspaces/:id/campaigns/:campaign_id/calls — the call log, newest first, from the mirror
export const GET = withWorkspace(
  { permission: "campaigns.view", query: callListQuery },
  async ({ workspaceId, params, query, membership }) => {
    if (!isUuid(params.campaign_id) || !(await getCampaign(workspaceId, params.campaign_id)))
      throw apiError(404, "No such campaign in this workspace.");
    const page = await listCalls(workspaceId, params.campaign_id, query);
    const wholeContact = can(membership.role, "calls.view_contacts");
    return json({ calls: page.items.map((c) => serializeCall(c, { wholeContact })), ...serializeCursors(page) });
  },
);
