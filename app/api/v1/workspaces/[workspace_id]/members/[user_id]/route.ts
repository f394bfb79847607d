import { listMembers } from "@/db/queries/members";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeMember } from "@/lib/api/serialize";
import { readJson } from "@/lib/api/parse";
import { changeRole, removeMember } from "@/lib/members/change";

// PATCH /api/v1/workspaces/:id/members/:user_id — change a role (only an owner grants or removes owner)
export const PATCH = withWorkspace({ permission: "members.manage" }, async ({ req, membership, actor, params }) => {
  await changeRole(membership, actor, params.user_id, await readJson(req));
  const member = (await listMembers(membership.workspace)).find((m) => m.userId === params.user_id && m.via === "direct");
  return json({ member: member ? serializeMember(member) : null });
});

// DELETE /api/v1/workspaces/:id/members/:user_id — remove a member, or leave (anyone may remove themself)
export const DELETE = withWorkspace({ permission: "members.view" }, async ({ membership, actor, params }) => {
  await removeMember(membership, actor, params.user_id);
  return new Response(null, { status: 204 });
});
