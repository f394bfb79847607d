import "server-only";
import { cache } from "react";
import { serializeSync } from "@/lib/api/serialize";
import { workspaceState } from "@/lib/auth/page-guard";

/**
 * The workspace's sync state as GET …/sync answers it, without the count of calls (no page shows it): read
 * once per render with the connection (every workspace page's layout banner, and the home page's Sync control).
 */
export const workspaceSync = cache(async (workspaceId: string) => {
  const { sync: state } = await workspaceState(workspaceId);
  const { calls: _calls, ...sync } = serializeSync(state, 0);
  return sync;
});
