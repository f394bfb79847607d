import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { workspaceMembers } from "@/db/schema";
import { agencyWorld } from "../helpers/world";

// tests/helpers/world.ts seeds its limited member's limit row only; a limit is the seat's own state
// (`clients_limited`) since issue 7, so mark the seat too, as the API does.
export async function limitedWorld() {
  const w = await agencyWorld();
  await getDb()
    .update(workspaceMembers)
    .set({ clientsLimited: true })
    .where(and(eq(workspaceMembers.workspaceId, w.agency.id), eq(workspaceMembers.userId, w.users.limited.id)));
  return w;
}

export type { AgencyWorld } from "../helpers/world";
