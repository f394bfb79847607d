import { listMembers } from "@/db/queries/members";
import { serializeMember } from "@/lib/api/serialize";
import { clientLimitsOf } from "@/lib/agencies/clients";
import { json, withWorkspace } from "@/lib/api/guard";
import { can } from "@/lib/auth/permissions";

// GET /api/v1/workspaces/:id/members — everyone who can act here: own seats and agency staff
export const GET = withWorkspace({ permission: "members.view" }, async ({ membership }) => {
  const members = await listMembers(membership.workspace);
  const limits = membership.workspace.kind === "agency" && can(membership.role, "members.manage") ? await clientLimitsOf(membership.workspace.id) : null;
  return json({
    // for an agency's admins: whether each seat is limited to chosen clients, and to which ([] = none)
    members: members.map((m) => ({ ...serializeMember(m), ...(limits ? { clients_limited: limits.has(m.userId), client_ids: limits.get(m.userId) ?? null } : {}) })),
  });
});
