import { getConnection } from "@/db/queries/workspaces";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeWorkspace } from "@/lib/api/serialize";
import { deleteWorkspace } from "@/lib/workspaces/delete";
import { updateWorkspaceSchema } from "@/lib/workspaces/schemas";
import { updateWorkspace } from "@/lib/workspaces/update";

// GET /api/v1/workspaces/:id — one workspace, with the caller's role and its Nedzo connection state
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ membership, workspaceId }) => {
  return json({ workspace: serializeWorkspace(membership, await getConnection(workspaceId)) });
});

// PATCH /api/v1/workspaces/:id — rename, or change the time zone campaign windows are shown in
export const PATCH = withWorkspace(
  { permission: "workspace.edit", body: updateWorkspaceSchema },
  async ({ membership, workspaceId, actor, body }) => {
    const workspace = await updateWorkspace(membership.workspace, actor, body);
    return json({ workspace: serializeWorkspace({ ...membership, workspace }, await getConnection(workspaceId)) });
  },
);

// DELETE /api/v1/workspaces/:id — delete the workspace and its mirror (owner only); the audit trail stays
export const DELETE = withWorkspace({ permission: "workspace.delete" }, async ({ membership, actor }) => {
  await deleteWorkspace(membership, actor);
  return new Response(null, { status: 204 });
});
