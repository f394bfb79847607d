import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { getConnection } from "@/db/queries/workspaces";
import { workspaces } from "@/db/schema";
import { json, withWorkspace } from "@/lib/api/guard";
import { parseBody } from "@/lib/api/parse";
import { serializeWorkspace } from "@/lib/api/serialize";
import { updateWorkspaceSchema } from "@/lib/workspaces/schemas";

// GET /api/v1/workspaces/:id — one workspace, with the caller's role and its Nedzo connection state
export const GET = withWorkspace({ permission: "campaigns.view" }, async ({ membership, workspaceId }) => {
  return json({ workspace: serializeWorkspace(membership, await getConnection(workspaceId)) });
});

// PATCH /api/v1/workspaces/:id — rename, or change the time zone campaign windows are shown in
export const PATCH = withWorkspace({ permission: "workspace.edit" }, async ({ req, membership, workspaceId }) => {
  const input = await parseBody(req, updateWorkspaceSchema);
  const [workspace] =
    input.name === undefined && input.timezone === undefined
      ? [membership.workspace]
      : await getDb()
          .update(workspaces)
          .set({ ...(input.name !== undefined && { name: input.name }), ...(input.timezone !== undefined && { timezone: input.timezone }) })
          .where(eq(workspaces.id, workspaceId))
          .returning();
  return json({ workspace: serializeWorkspace({ ...membership, workspace }, await getConnection(workspaceId)) });
});
