import { listClients } from "@/lib/agencies/clients";
import { json, withWorkspace } from "@/lib/api/guard";

// GET /api/v1/workspaces/:agency_id/clients — the agency's clients the caller can reach (admins: all)
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ membership, user }) => {
  return json({ workspaces: await listClients(membership, user.id) });
});
