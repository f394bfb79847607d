import { decodeCursor, listCampaigns } from "@/db/queries/campaigns";
import { campaignStatuses } from "@/db/schema";
import { json, withWorkspace } from "@/lib/api/guard";
import { validationError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/parse";
import { serializeCampaign } from "@/lib/api/serialize";
import { createCampaign } from "@/lib/campaigns/create";

// GET /api/v1/workspaces/:id/campaigns — newest first, from the local mirror only
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ req, workspaceId }) => {
  const params = new URL(req.url).searchParams;
  const limitText = params.get("limit") ?? "50";
  const limit = Number(limitText);
  const errors = [];
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 200) errors.push({ path: "limit", message: "Must be a whole number from 1 to 200" });
  const cursorText = params.get("cursor");
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  if (cursorText && !cursor) errors.push({ path: "cursor", message: "Is not a cursor this API returned" });
  const status = params.get("status") || undefined;
  if (status && !campaignStatuses.includes(status as never)) {
    errors.push({ path: "status", message: `Must be one of ${campaignStatuses.join(", ")}` });
  }
  const q = (params.get("q") ?? "").trim().slice(0, 255);
  if (errors.length) throw validationError(errors);
  const page = await listCampaigns(workspaceId, { limit, cursor, q: q || undefined, status: status as never });
  return json({ campaigns: page.campaigns.map(serializeCampaign), next_cursor: page.nextCursor });
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
