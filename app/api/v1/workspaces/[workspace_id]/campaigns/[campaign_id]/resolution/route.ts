import { apiError } from "@/lib/api/errors";
import { isUuid, json, withWorkspace } from "@/lib/api/guard";
import { serializeCampaign } from "@/lib/api/serialize";
import { resolveUnknown } from "@/lib/campaigns/resolve";
import { resolutionSchema } from "@/lib/campaigns/schemas";

// POST /api/v1/workspaces/:id/campaigns/:campaign_id/resolution — settle an `unknown` campaign:
// {"action":"link","nedzo_campaign_id"} | {"action":"mark_failed"} | {"action":"retry","confirm":true}
export const POST = withWorkspace(
  { permission: "campaigns.create", body: resolutionSchema },
  async ({ workspaceId, actor, params, body }) => {
    if (!isUuid(params.campaign_id)) throw apiError(404, "No such campaign in this workspace.");
    const campaign = await resolveUnknown(workspaceId, params.campaign_id, actor, body);
    return json({ campaign: serializeCampaign(campaign) });
  },
);
