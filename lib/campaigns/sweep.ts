import { and, eq, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns, jobs, type CampaignError } from "@/db/schema";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { env } from "@/lib/env";
import { jobKey } from "./keys";

// A create that was sent (its `sent_at` committed) but whose answer was never stored — the app died during
// the call — stays `pending`. Past the longest a call can take, it becomes `unknown`: Nedzo may or may not
// have it, and a person decides (link it, mark it failed, or retry). Rows still `queued` were never sent:
// the job queue sends them, they never become unknown.

export function interruptedCutoffMs(): number {
  return 2 * env().NEDZO_TIMEOUT_MS + 30_000;
}

/** pending (sent before the cutoff) → unknown, with its audit event, in one transaction. */
export async function markInterrupted(ids?: string[], now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - interruptedCutoffMs());
  const error: CampaignError = { status: null, kind: "interrupted", detail: "The app stopped before Nedzo's answer was stored." };
  return getDb().transaction(async (tx) => {
    const where = [eq(campaigns.status, "pending"), lt(campaigns.sentAt, cutoff)];
    if (ids) where.push(inArray(campaigns.id, ids));
    const swept = await tx
      .update(campaigns)
      .set({ status: "unknown", error })
      .where(and(...where))
      .returning({ id: campaigns.id, workspaceId: campaigns.workspaceId, name: campaigns.name });
    for (const c of swept) {
      await recordAudit(tx, SYSTEM_ACTOR, {
        workspaceId: c.workspaceId,
        action: "campaign.create",
        targetType: "campaign",
        targetId: c.id,
        outcome: "unknown",
        metadata: { name: c.name, status: "unknown", reason: "interrupted" },
      });
    }
    if (swept.length) await tx.delete(jobs).where(inArray(jobs.key, swept.map((c) => jobKey(c.id))));
    return swept.length;
  });
}

/** The sweeper's pass (every server start, then every minute). */
export function sweepStalePending(now = new Date()): Promise<number> {
  return markInterrupted(undefined, now);
}
