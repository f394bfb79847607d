import { getCampaign } from "@/db/queries/campaigns";
import { apiError } from "@/lib/api/errors";
import { isUuid, json, withWorkspace } from "@/lib/api/guard";
import { serializeCampaign } from "@/lib/api/serialize";

// GET /api/v1/workspaces/:id/campaigns/:campaign_id — one campaign from the mirror
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ params, workspaceId }) => {
  const campaign = isUuid(params.campaign_id) ? await getCampaign(workspaceId, params.campaign_id) : null;
  if (!campaign) throw apiError(404, "No such campaign in this workspace.");
  return json({ campaign: serializeCampaign(campaign) });
});
