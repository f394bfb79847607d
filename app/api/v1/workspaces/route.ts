import { connectionsFor, listMemberships } from "@/db/queries/workspaces";
import { json, withUser } from "@/lib/api/guard";
import { serializeWorkspace } from "@/lib/api/serialize";
import { createWorkspace } from "@/lib/workspaces/create";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";

// GET /api/v1/workspaces — every workspace the caller can act in
export const GET = withUser({}, async ({ user }) => {
  const memberships = await listMemberships(user.id);
  const connections = await connectionsFor(memberships.map((m) => m.workspace.id));
  return json({ workspaces: memberships.map((m) => serializeWorkspace(m, connections.get(m.workspace.id))) });
});

// POST /api/v1/workspaces — create a team, an agency, or (with parent_id) an agency's client
export const POST = withUser({ body: createWorkspaceSchema }, async ({ actor, body }) => {
  return json({ workspace: serializeWorkspace(await createWorkspace(actor, body), null) }, 201);
});
