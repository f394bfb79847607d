import { apiError } from "@/lib/api/errors";
import { isUuid, json, withWorkspace } from "@/lib/api/guard";
import { serializeInvitation } from "@/lib/api/serialize";
import { appBaseUrl } from "@/lib/invitations/mail";
import { resendInvitation } from "@/lib/invitations/manage";

// POST /api/v1/workspaces/:id/invitations/:invitation_id/resend — a new link and 7 more days; the old link dies
export const POST = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor, params }) => {
  if (!isUuid(params.invitation_id)) throw apiError(404, "No such invitation in this workspace.");
  const invitation = await resendInvitation(membership, params.invitation_id, actor, appBaseUrl(req));
  return json({ invitation: serializeInvitation(invitation) });
});
