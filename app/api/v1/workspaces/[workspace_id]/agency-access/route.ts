import { setAgencyAccess } from "@/lib/agencies/clients";
import { accessSchema } from "@/lib/agencies/schemas";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeAgencyAccess } from "@/lib/api/serialize";

// PUT /api/v1/workspaces/:client_id/agency-access — the client's own owner suspends or restores its agency
export const PUT = withWorkspace({ permission: "agency_access.manage", body: accessSchema }, async ({ membership, actor, body }) => {
  return json(serializeAgencyAccess(await setAgencyAccess(membership, actor, body)));
});
