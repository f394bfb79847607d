import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns, jobs, users, type CampaignError } from "@/db/schema";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { env } from "@/lib/env";
import { getConnection } from "@/db/queries/workspaces";
import { targetFor } from "@/lib/nedzo/client";
import { CREATE_JOB, jobKey } from "./keys";

// A create that was sent (its `sent_at` committed) but whose answer was never stored — the app died during
// the call — stays `pending`. Past the longest a call can take, it becomes `unknown`: Nedzo may or may not
// have it, and a person decides (link it, mark it failed, or retry). Rows still `queued` were never sent:
// the job queue sends them, they never become unknown.

export function interruptedCutoffMs(): number {
  return 2 * env().NEDZO_TIMEOUT_MS + 30_000;
}

/** pending (sent before the cutoff) → unknown, with its audit event, in one transaction. */
export async function markInterrupted(ids?: string[], aheadMs = 0): Promise<number> {
  // on the database's clock, as sent_at was written; `aheadMs` looks that far into the future (benches)
  const cutoff = sql`clock_timestamp() - ${`${interruptedCutoffMs() - aheadMs} milliseconds`}::interval`;
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
    if (swept.length)
      await tx.delete(jobs).where(
        inArray(
          jobs.key,
          swept.map((c) => jobKey(c.id)),
        ),
      );
    return swept.length;
  });
}

/** The sweeper's pass (every server start, then every minute). */
export async function sweepStalePending(aheadMs = 0): Promise<number> {
  const swept = await markInterrupted(undefined, aheadMs);
  await requeueOrphans();
  return swept;
}

/**
 * A `queued` row must have its job. Should one ever be without (its job was removed by a runner that lost
 * a race, say), it gets a new one, sent in its turn as its creator's: never left waiting for nobody.
 */
export async function requeueOrphans(): Promise<number> {
  const orphans = await getDb()
    .select({
      id: campaigns.id,
      workspaceId: campaigns.workspaceId,
      createdBy: campaigns.createdBy,
      via: campaigns.viaWorkspaceId,
      email: users.email,
    })
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.createdBy))
    .where(
      and(
        eq(campaigns.status, "queued"),
        lt(campaigns.updatedAt, sql`clock_timestamp() - interval '1 minute'`),
        sql`not exists (select 1 from jobs j where j.key = 'campaign:' || ${campaigns.id})`,
      ),
    )
    .limit(1000);
  let requeued = 0;
  for (const o of orphans) {
    const connection = await getConnection(o.workspaceId);
    let queueKey: string | null = null;
    try {
      queueKey = connection ? targetFor(connection).paceKey : null;
    } catch {
      queueKey = null; // unreadable token: the job itself fails the campaign with a clear message
    }
    const actor = { userId: o.createdBy ?? "", email: o.email ?? "unknown", viaWorkspaceId: o.via, ip: null, userAgent: "sweeper" };
    await getDb().execute(sql`
      insert into jobs (kind, key, queue_key, payload) values (${CREATE_JOB}, ${jobKey(o.id)}, ${queueKey},
        ${JSON.stringify({ campaign_id: o.id, workspace_id: o.workspaceId, action: "campaign.create", actor })}::jsonb)
      on conflict (key) do nothing`);
    requeued += 1;
  }
  return requeued;
}
