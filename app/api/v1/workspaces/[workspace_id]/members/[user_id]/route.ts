import { json, withWorkspace } from "@/lib/api/guard";
import { readJson } from "@/lib/api/parse";
import { changeRole, removeMember } from "@/lib/members/change";

// PATCH /api/v1/workspaces/:id/members/:user_id — change a role (only an owner grants or removes owner)
export const PATCH = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor, params }) => {
  const seat = await changeRole(membership, actor, params.user_id, await readJson(req));
  return json({ member: { user_id: seat.userId, role: seat.role } });
});

// DELETE /api/v1/workspaces/:id/members/:user_id — remove a member, or leave (anyone may remove themself)
export const DELETE = withWorkspace({ permission: "members.view" }, async ({ membership, actor, params }) => {
  await removeMember(membership, actor, params.user_id);
  return new Response(null, { status: 204 });
});
