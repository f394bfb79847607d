import { getConnection } from "@/db/queries/workspaces";
import { json, withUser } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";
import { serializeWorkspace } from "@/lib/api/serialize";
import { acceptInvitation } from "@/lib/invitations/accept";

// POST /api/v1/invitations/accept — join the workspace, signed in with the invited email
export const POST = withUser(async ({ req, actor }) => {
  const membership = await acceptInvitation(actor, await readJson(req));
  return json({ workspace: serializeWorkspace(membership, await getConnection(membership.workspace.id)) });
});
