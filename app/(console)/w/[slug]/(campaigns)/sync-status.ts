import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { syncStates } from "@/db/calls-schema";
import { serializeSync } from "@/lib/api/serialize";

/**
 * The workspace's sync state as GET …/sync answers it, without the count of calls (no page shows it): one
 * statement, read once per render (every workspace page's layout banner, and the home page's Sync control).
 */
export const workspaceSync = cache(async (workspaceId: string) => {
  const [state] = await getDb().select().from(syncStates).where(eq(syncStates.workspaceId, workspaceId));
  const { calls: _calls, ...sync } = serializeSync(state ?? null, 0);
  return sync;
});
