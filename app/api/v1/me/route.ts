// GET /api/v1/me — who is signed in, and where they are a member
import { listMemberships } from "@/db/queries/workspaces";
import { json, withUser } from "@/lib/api/guard";

export const GET = withUser(async ({ user }) => {
  const memberships = await listMemberships(user.id);
  return json({
    user: { id: user.id, email: user.email, name: user.name },
    memberships: memberships.map((m) => ({ workspace_id: m.workspace.id, role: m.role })),
  });
});
