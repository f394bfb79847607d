import { limitMemberToClients } from "@/lib/agencies/clients";
import { json, withWorkspace } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";

// PUT /api/v1/workspaces/:agency_id/members/:user_id/clients — limit an agency member or viewer to chosen clients ([] or null lifts it)
export const PUT = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor, params }) => {
  const { clientsLimited, clientIds } = await limitMemberToClients(membership, actor, params.user_id, await readJson(req));
  return json({ user_id: params.user_id, clients_limited: clientsLimited, client_ids: clientIds });
});
