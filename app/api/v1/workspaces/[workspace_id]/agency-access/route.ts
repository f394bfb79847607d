import { setAgencyAccess } from "@/lib/agencies/clients";
import { json, withWorkspace } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";

// PUT /api/v1/workspaces/:client_id/agency-access — the client's owner suspends or restores its agency
export const PUT = withWorkspace({ permission: "workspace.delete" }, async ({ req, membership, actor }) => {
  const w = await setAgencyAccess(membership, actor, await readJson(req));
  return json({ agency_access: w.agencyAccessSuspendedAt ? "suspended" : "active", agency_access_suspended_at: w.agencyAccessSuspendedAt?.toISOString() ?? null });
});
