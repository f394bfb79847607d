import { apiError } from "@/lib/api/errors";
import { isUuid, json, withWorkspace } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";
import { serializeCampaign } from "@/lib/api/serialize";
import { resolveUnknown } from "@/lib/campaigns/resolve";

// POST /api/v1/workspaces/:id/campaigns/:campaign_id/resolution — settle an `unknown` campaign:
// {"action":"link","nedzo_campaign_id"} | {"action":"mark_failed"} | {"action":"retry","confirm":true}
export const POST = withWorkspace({ permission: "campaigns.create" }, async ({ req, workspaceId, actor, params }) => {
  if (!isUuid(params.campaign_id)) throw apiError(404, "No such campaign in this workspace.");
  const campaign = await resolveUnknown(workspaceId, params.campaign_id, actor, await readJson(req));
  return json({ campaign: serializeCampaign(campaign) });
});
