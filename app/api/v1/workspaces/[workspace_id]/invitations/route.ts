import { listInvitationPage } from "@/db/queries/invitations";
import { json, withWorkspace } from "@/lib/api/guard";
import { invitationListQuery, parseQuery } from "@/lib/api/pagination";
import { readJson } from "@/lib/api/parse";
import { appBaseUrl } from "@/lib/invitations/mail";
import { createInvitation, serializeInvitation } from "@/lib/invitations/manage";

// GET /api/v1/workspaces/:id/invitations — every invitation with its status, newest first, 200 a page
export const GET = withWorkspace({ permission: "members.manage" }, async ({ req, workspaceId }) => {
  const query = parseQuery(invitationListQuery, new URL(req.url).searchParams);
  const page = await listInvitationPage(workspaceId, query);
  return json({ invitations: page.items.map(serializeInvitation), next_cursor: page.nextCursor, prev_cursor: page.prevCursor });
});

// POST /api/v1/workspaces/:id/invitations — invite by email with a role; the invitee is mailed a link
export const POST = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor }) => {
  const invitation = await createInvitation(membership, actor, await readJson(req), appBaseUrl(req));
  return json({ invitation: serializeInvitation(invitation) }, 201);
});
