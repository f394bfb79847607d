import { limitMemberToClients } from "@/lib/agencies/clients";
import { json, withWorkspace } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";

// PUT /api/v1/workspaces/:agency_id/members/:user_id/clients — limit an agency member to chosen clients ([] lifts it)
export const PUT = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor, params }) => {
  const clientIds = await limitMemberToClients(membership, actor, params.user_id, await readJson(req));
  return json({ user_id: params.user_id, client_ids: clientIds.length ? clientIds : null });
});
