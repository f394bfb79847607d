import { listCampaigns } from "@/db/queries/campaigns";
import { json, withWorkspace } from "@/lib/api/guard";
import { campaignListQuery, parseQuery } from "@/lib/api/pagination";
import { readJson } from "@/lib/api/parse";
import { serializeCampaign } from "@/lib/api/serialize";
import { createCampaign } from "@/lib/campaigns/create";

// GET /api/v1/workspaces/:id/campaigns — from the local mirror only, in the order asked (newest first by
// default), a page at a time both ways
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ req, workspaceId }) => {
  const query = parseQuery(campaignListQuery, new URL(req.url).searchParams);
  const page = await listCampaigns(workspaceId, query);
  return json({ campaigns: page.campaigns.map(serializeCampaign), next_cursor: page.nextCursor, prev_cursor: page.prevCursor });
});

// POST /api/v1/workspaces/:id/campaigns — create through Nedzo, mirror locally
export const POST = withWorkspace({ permission: "campaigns.create" }, async ({ req, actor, workspaceId }) => {
  const result = await createCampaign({
    workspaceId,
    actor,
    body: await readJson(req),
    idempotencyKey: req.headers.get("idempotency-key"),
  });
  return json(result.body, result.status, result.headers);
});
