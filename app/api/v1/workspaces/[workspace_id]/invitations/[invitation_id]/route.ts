import { apiError } from "@/lib/api/errors";
import { isUuid, withWorkspace } from "@/lib/api/guard";
import { revokeInvitation } from "@/lib/invitations/manage";

// DELETE /api/v1/workspaces/:id/invitations/:invitation_id — revoke: the emailed link stops working
export const DELETE = withWorkspace({ permission: "members.manage" }, async ({ workspaceId, actor, params }) => {
  if (!isUuid(params.invitation_id)) throw apiError(404, "No such invitation in this workspace.");
  await revokeInvitation(workspaceId, params.invitation_id, actor);
  return new Response(null, { status: 204 });
});
