import { listMembers } from "@/db/queries/members";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeMember } from "@/lib/api/serialize";
import { changeRole, removeMember } from "@/lib/members/change";
import { roleSchema } from "@/lib/members/schemas";

// PATCH /api/v1/workspaces/:id/members/:user_id — change a role (only an owner grants or removes owner)
export const PATCH = withWorkspace({ permission: "members.manage", body: roleSchema }, async ({ membership, actor, params, body }) => {
  await changeRole(membership, actor, params.user_id, body);
  const member = (await listMembers(membership.workspace)).find((m) => m.userId === params.user_id && m.via === "direct");
  return json({ member: member ? serializeMember(member) : null });
});

// DELETE /api/v1/workspaces/:id/members/:user_id — leave (anyone), or remove someone else (members.manage,
// checked by removeMember against the seat: only an owner removes an owner)
export const DELETE = withWorkspace({ permission: "members.leave" }, async ({ membership, actor, params }) => {
  await removeMember(membership, actor, params.user_id);
  return new Response(null, { status: 204 });
});
