// GET /api/v1/me — who is signed in, and where they are a member
import { listMemberships } from "@/db/queries/workspaces";
import { json, withUser } from "@/lib/api/guard";
import { serializeMe } from "@/lib/api/serialize";

export const GET = withUser({}, async ({ user }) => {
  return json(serializeMe(user, await listMemberships(user.id)));
});
