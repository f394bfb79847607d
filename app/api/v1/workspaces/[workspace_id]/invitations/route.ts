import { listInvitationPage } from "@/db/queries/invitations";
import { json, withWorkspace } from "@/lib/api/guard";
import { invitationListQuery } from "@/lib/api/pagination";
import { serializeCursors, serializeInvitation } from "@/lib/api/serialize";
import { appBaseUrl } from "@/lib/invitations/mail";
import { createInvitation } from "@/lib/invitations/manage";
import { inviteSchema } from "@/lib/invitations/schemas";

// GET /api/v1/workspaces/:id/invitations — every invitation with its status, newest first, 200 a page
export const GET = withWorkspace({ permission: "members.manage", query: invitationListQuery }, async ({ workspaceId, query }) => {
  const page = await listInvitationPage(workspaceId, query);
  return json({ invitations: page.items.map(serializeInvitation), ...serializeCursors(page) });
});

// POST /api/v1/workspaces/:id/invitations — invite by email with a role; the invitee is mailed a link
export const POST = withWorkspace({ permission: "members.manage", body: inviteSchema }, async ({ req, membership, actor, body }) => {
  const invitation = await createInvitation(membership, actor, body, appBaseUrl(req));
  return json({ invitation: serializeInvitation(invitation) }, 201);
});
