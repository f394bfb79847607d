import { limitMemberToClients } from "@/lib/agencies/clients";
import { clientLimitSchema } from "@/lib/agencies/schemas";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeClientLimit } from "@/lib/api/serialize";

// PUT /api/v1/workspaces/:agency_id/members/:user_id/clients — limit an agency member or viewer to chosen clients ([] or null lifts it)
export const PUT = withWorkspace(
  { permission: "members.limit_clients", body: clientLimitSchema },
  async ({ membership, actor, params, body }) => {
    return json(serializeClientLimit(params.user_id, await limitMemberToClients(membership, actor, params.user_id, body)));
  },
);
