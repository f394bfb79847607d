import { listCampaigns } from "@/db/queries/campaigns";
import { json, withWorkspace } from "@/lib/api/guard";
import { campaignListQuery } from "@/lib/api/pagination";
import { serializeCampaign, serializeCursors } from "@/lib/api/serialize";
import { createCampaign } from "@/lib/campaigns/create";
import { campaignInputSchema } from "@/lib/nedzo/schemas";

// GET /api/v1/workspaces/:id/campaigns — from the local mirror only, in the order asked (newest first by
// default), a page at a time both ways
export const GET = withWorkspace({ permission: "campaigns.view", query: campaignListQuery }, async ({ workspaceId, query }) => {
  const page = await listCampaigns(workspaceId, query);
  return json({ campaigns: page.campaigns.map(serializeCampaign), ...serializeCursors(page) });
});

// POST /api/v1/workspaces/:id/campaigns — create through Nedzo, mirror locally
export const POST = withWorkspace(
  { permission: "campaigns.create", body: campaignInputSchema },
  async ({ req, actor, workspaceId, body }) => {
    const result = await createCampaign({ workspaceId, actor, body, idempotencyKey: req.headers.get("idempotency-key") });
    return json(result.body, result.status, result.headers);
  },
);
