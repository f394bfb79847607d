import { connectionsFor, listMemberships } from "@/db/queries/workspaces";
import { json, withUser } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";
import { serializeWorkspace } from "@/lib/api/serialize";
import { createWorkspace } from "@/lib/workspaces/create";

// GET /api/v1/workspaces — every workspace the caller can act in
export const GET = withUser(async ({ user }) => {
  const memberships = await listMemberships(user.id);
  const connections = await connectionsFor(memberships.map((m) => m.workspace.id));
  return json({ workspaces: memberships.map((m) => serializeWorkspace(m, connections.get(m.workspace.id))) });
});

// POST /api/v1/workspaces — create a team, an agency, or (with parent_id) an agency's client
export const POST = withUser(async ({ req, actor }) => {
  const membership = await createWorkspace(actor, await readJson(req));
  return json({ workspace: serializeWorkspace(membership, null) }, 201);
});
