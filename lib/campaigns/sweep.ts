import { and, eq, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns, type CampaignError } from "@/db/schema";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { env } from "@/lib/env";

// A create that was interrupted (the app crashed or was killed between writing the row and storing
// Nedzo's answer) leaves a `pending` row. Past the longest a create can take, it becomes `unknown`: Nedzo
// may or may not have it, and a person decides (link it, mark it failed, or retry).

export function stalePendingAfterMs(): number {
  const { NEDZO_TIMEOUT_MS, NEDZO_MAX_QUEUE_WAIT_MS } = env();
  return NEDZO_MAX_QUEUE_WAIT_MS + 2 * NEDZO_TIMEOUT_MS + 30_000;
}

export async function sweepStalePending(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - stalePendingAfterMs());
  const error: CampaignError = {
    status: null,
    kind: "interrupted",
    detail: "The app stopped before Nedzo's answer was stored.",
  };
  return getDb().transaction(async (tx) => {
    const swept = await tx
      .update(campaigns)
      .set({ status: "unknown", error })
      .where(and(eq(campaigns.status, "pending"), lt(campaigns.createdAt, cutoff)))
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
    return swept.length;
  });
}
