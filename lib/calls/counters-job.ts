import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Job } from "@/db/schema";
import type { Executor } from "@/lib/audit";
import { publishCampaigns } from "@/lib/events/bus";
import { complete } from "@/lib/jobs/queue";
import { registerJobHandler } from "@/lib/jobs/worker";
import { recomputeCounters } from "./counters";

// A campaign's numbers recounted from its calls after webhook posts: one job per campaign, so a storm of
// posts costs one recount at a time. Asking takes no lock (insert, or nothing if one is waiting); a recount
// that ends looks for calls stored while it ran and, if there are any, asks for one more — so no post is
// left uncounted and no post waits on another.

export const RECOUNT_JOB = "calls.recount";

export async function requestRecount(workspaceId: string, campaignId: string, db: Executor = getDb()): Promise<void> {
  await db.execute(sql`
    insert into jobs (kind, key, payload) values (${RECOUNT_JOB}, ${`recount:${campaignId}`}, ${JSON.stringify({ workspace_id: workspaceId, campaign_id: campaignId })}::jsonb)
    on conflict (key) do nothing`);
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

// A recount claimed during a storm of posts waits this long first: the posts meanwhile find its job and add
// nothing, and one recount counts them all (without it, a recount fast enough to end between two posts ran
// for most of them). The numbers move this much later; the live-update bound is 2 s.
const GATHER_MS = 100;

registerJobHandler(RECOUNT_JOB, async (job: Job) => {
  const { workspace_id: workspaceId, campaign_id: campaignId } = job.payload as Record<string, string>;
  await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
  const [{ started }] = rowsOf<{ started: string }>(await getDb().execute(sql`select clock_timestamp() as started`));
  await getDb().transaction(async (tx) => {
    await recomputeCounters(workspaceId, [campaignId], { confirmed: false }, tx);
    await publishCampaigns(tx, workspaceId, [campaignId]);
  });
  await complete(getDb(), job.id);
  // calls stored while this ran (a second's margin for statements that began before it and ended after)
  const late = rowsOf(
    await getDb().execute(sql`
    select 1 from calls where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and created_at >= ${started}::timestamptz - interval '1 second' limit 1`),
  );
  if (late.length) await requestRecount(workspaceId, campaignId);
});
