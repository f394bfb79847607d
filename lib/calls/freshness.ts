import "server-only";
import { env } from "@/lib/env";

/**
 * How old a campaign's numbers may be before the console calls them stale: three sync intervals (a sync
 * runs every SYNC_INTERVAL_MS; one late or failed run is not yet news, three are).
 */
export function staleAfterMs(): number {
  return env().SYNC_INTERVAL_MS * 3;
}

/** Whether numbers confirmed at `syncedAt` are stale at `now` (never synced counts as stale). */
export function isStale(syncedAt: Date | string | null, now: Date, limitMs = staleAfterMs()): boolean {
  if (!syncedAt) return true;
  return now.getTime() - new Date(syncedAt).getTime() > limitMs;
}
