import { listMembers } from "@/db/queries/members";
import { clientLimitsOf } from "@/lib/agencies/clients";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeMember } from "@/lib/api/serialize";
import { can } from "@/lib/auth/permissions";

// GET /api/v1/workspaces/:id/members — everyone who can act here: own seats and agency staff; for an
// agency's admins, whether each seat is limited to chosen clients, and to which ([] = none)
export const GET = withWorkspace({ permission: "members.view" }, async ({ membership }) => {
  const members = await listMembers(membership.workspace);
  const limits =
    membership.workspace.kind === "agency" && can(membership.role, "members.limit_clients")
      ? await clientLimitsOf(membership.workspace.id)
      : null;
  return json({ members: members.map((m) => serializeMember(m, limits)) });
});
