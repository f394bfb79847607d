import { json, withWorkspace } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";
import { appBaseUrl } from "@/lib/invitations/mail";
import { createInvitation, listInvitations, serializeInvitation } from "@/lib/invitations/manage";

// GET /api/v1/workspaces/:id/invitations — every invitation, newest first, with its status
export const GET = withWorkspace({ permission: "members.manage" }, async ({ workspaceId }) => {
  return json({ invitations: (await listInvitations(workspaceId)).map(serializeInvitation) });
});

// POST /api/v1/workspaces/:id/invitations — invite by email with a role; the invitee is mailed a link
export const POST = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor }) => {
  const invitation = await createInvitation(membership, actor, await readJson(req), appBaseUrl(req));
  return json({ invitation: serializeInvitation(invitation) }, 201);
});
