import "server-only";
import { cache } from "react";
import { serializeSync } from "@/lib/api/serialize";
import { syncStatus } from "@/lib/calls/sync";

/** The workspace's sync state as GET …/sync answers it, read once per render (the layout's banner and the home page share it). */
export const workspaceSync = cache(async (workspaceId: string) => {
  const { state, calls } = await syncStatus(workspaceId);
  return serializeSync(state, calls);
});
