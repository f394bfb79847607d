import { getConnection } from "@/db/queries/workspaces";
import { json, withUser } from "@/lib/api/guard";
import { serializeWorkspace } from "@/lib/api/serialize";
import { acceptInvitation } from "@/lib/invitations/accept";
import { acceptSchema } from "@/lib/invitations/schemas";

// POST /api/v1/invitations/accept — join the workspace, signed in with the invited email
export const POST = withUser({ body: acceptSchema }, async ({ actor, body }) => {
  const membership = await acceptInvitation(actor, body);
  return json({ workspace: serializeWorkspace(membership, await getConnection(membership.workspace.id)) });
});
