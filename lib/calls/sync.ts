import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { compactCampaignTotals } from "@/db/queries/portfolio";
import { calls, nedzoAgents, syncStates, type SyncState } from "@/db/calls-schema";
import { getConnection } from "@/db/queries/workspaces";
import { campaigns, type Job } from "@/db/schema";
import type { Executor } from "@/lib/audit";
import { env } from "@/lib/env";
import { complete, release, reschedule, schedule } from "@/lib/jobs/queue";
import { registerJobHandler } from "@/lib/jobs/worker";
import { listNedzoAgents, listNedzoConversations, targetFor, type NedzoTarget, type ReadOutcome } from "@/lib/nedzo/client";
import { readConversation, type Conversation } from "./conversation";
import { publishCampaigns } from "@/lib/events/bus";
import { recomputeCounters } from "./counters";
import { ingestConversations } from "./ingest";

// Sync: pulls what is new from Nedzo's conversation list into the calls mirror, for one workspace at a
// time (one job per workspace: never twice at once, on any instance), on a schedule, after every create
// and on "Sync now". It resumes from the newest call it has (a day of overlap; repeats change nothing),
// backs off on 429 (Retry-After) and 5xx, and on 401 marks the workspace "needs attention" instead of
// trying forever.

export const SYNC_JOB = "calls.sync";
export const syncKey = (workspaceId: string) => `sync:${workspaceId}`;
const PAGE = 1000;
const DAY_MS = 86_400_000;

/**
 * Asks for a sync now (or at `at`): brings the workspace's sync job forward, or creates it. `byHand` (Sync
 * now) also lifts "needs attention": a person asks to try the token again.
 */
export async function requestSync(
  workspaceId: string,
  tx: Executor = getDb(),
  at = new Date(),
  options: { byHand?: boolean } = {},
): Promise<void> {
  // brought forward (never later) or, while a sync runs, moved past the moment that run was claimed, so that
  // reschedule() runs it again as soon as this run ends: a Sync now pressed during a sync is not swallowed
  await schedule(tx, { kind: SYNC_JOB, key: syncKey(workspaceId), payload: { workspace_id: workspaceId }, runAt: at });
  await tx.execute(sql`
    insert into sync_states (workspace_id, status, requested_at) values (${workspaceId}, 'queued', now())
    on conflict (workspace_id) do update set requested_at = now(),
      status = case when sync_states.status = 'running' then 'running' else 'queued' end
      ${options.byHand ? sql`, needs_attention_at = null` : sql``}`);
}

/** Where a workspace's mirror stands: its sync state and how many calls it holds. */
export async function syncStatus(workspaceId: string): Promise<{ state: SyncState | null; calls: number }> {
  const [[state], [{ n }]] = await Promise.all([
    getDb().select().from(syncStates).where(eq(syncStates.workspaceId, workspaceId)),
    getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(calls)
      .where(eq(calls.workspaceId, workspaceId)),
  ]);
  return { state: state ?? null, calls: Number(n) };
}

type Failure = Extract<ReadOutcome<unknown>, { ok: false }>;

class SyncStopped extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail);
  }
}

function must<T>(outcome: ReadOutcome<T>): T {
  if (!outcome.ok) throw new SyncStopped(outcome);
  return outcome.value;
}

async function setState(workspaceId: string, values: Partial<typeof syncStates.$inferInsert>): Promise<void> {
  await getDb()
    .insert(syncStates)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: syncStates.workspaceId, set: values });
}

export type SyncResult = { fetched: number; inserted: number; campaigns: number };

/** One pass for one workspace: conversations newest first until what is already known, then agents. */
export async function syncWorkspace(workspaceId: string, target: NedzoTarget): Promise<SyncResult> {
  const [{ newest }] = await getDb()
    .select({ newest: sql<string | null>`max(${calls.startedAt})` })
    .from(calls)
    .where(and(eq(calls.workspaceId, workspaceId), eq(calls.source, "sync")));
  // where the sync itself stopped: calls that came by webhook say nothing about what came before them
  const watermark = newest ? new Date(newest) : null;
  const startDate = watermark ? new Date(watermark.getTime() - DAY_MS).toISOString().slice(0, 10) : undefined;
  const touched = new Set<string>();
  let fetched = 0;
  let inserted = 0;
  // the next page is fetched while this one is stored: Nedzo's time and ours overlap
  const fetchPage = (skip: number) => listNedzoConversations(target, { skip, limit: PAGE, startDate });
  let next = fetchPage(0);
  for (let skip = 0; ; skip += PAGE) {
    const page = must(await next);
    if (page.items.length === PAGE) next = fetchPage(skip + PAGE);
    const items = page.items.map(readConversation).filter((c): c is Conversation => c !== null);
    fetched += page.items.length;
    const stored = await ingestConversations(workspaceId, items, "sync");
    inserted += stored.inserted;
    for (const id of stored.byCampaign.keys()) touched.add(id);
    const oldest = items.at(-1)?.startedAt;
    const caughtUp = stored.inserted === 0 && watermark && oldest && oldest <= watermark;
    if (page.items.length < PAGE || caughtUp) {
      if (page.items.length === PAGE) void next.catch(() => {}); // a page read ahead and not needed
      break;
    }
  }
  // the agents by name (a read of their own: a failure here does not undo the calls)
  const agents = await listNedzoAgents(target);
  if (agents.ok && agents.agents.length) {
    await getDb()
      .insert(nedzoAgents)
      .values(agents.agents.map((a) => ({ workspaceId, agentId: a.id, name: a.name })))
      .onConflictDoUpdate({
        target: [nedzoAgents.workspaceId, nedzoAgents.agentId],
        set: { name: sql`excluded.name`, syncedAt: sql`now()` },
      });
  }
  // the numbers: recomputed where calls came in, or where "today" may have rolled over; all confirmed now
  const rollover = await getDb()
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.status, "created"), sql`${campaigns.totalMinUsedToday} > 0`));
  for (const r of rollover) touched.add(r.id);
  await getDb().transaction(async (tx) => {
    await recomputeCounters(workspaceId, [...touched], { confirmed: true }, tx);
    await publishCampaigns(tx, workspaceId, [...touched]);
    await tx
      .update(campaigns)
      .set({ syncedAt: sql`now()` } as never)
      .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.status, "created")));
  });
  await compactCampaignTotals(workspaceId);
  return { fetched, inserted, campaigns: touched.size };
}

async function runSyncJob(job: Job): Promise<void> {
  const workspaceId = String(job.payload.workspace_id);
  const connection = await getConnection(workspaceId);
  if (!connection) {
    await complete(getDb(), job.id); // disconnected: nothing to sync until it is connected again
    await setState(workspaceId, { status: "idle" });
    return;
  }
  await setState(workspaceId, { status: "running", lastAttemptAt: new Date() });
  try {
    let target: NedzoTarget;
    try {
      target = targetFor(connection);
    } catch {
      throw new SyncStopped({
        ok: false,
        status: null,
        reason: "unauthorized",
        detail: "This workspace's stored Nedzo token cannot be read: reconnect it in Settings.",
      });
    }
    await syncWorkspace(workspaceId, target);
    await setState(workspaceId, { status: "idle", lastSuccessAt: new Date(), lastError: null, needsAttentionAt: null, failures: 0 });
    await reschedule(job, new Date(Date.now() + env().SYNC_INTERVAL_MS));
  } catch (error) {
    const failure: Failure =
      error instanceof SyncStopped
        ? error.failure
        : { ok: false, status: null, reason: "failed", detail: (error as Error).message.split("\n")[0].slice(0, 300) };
    if (failure.reason === "unauthorized") {
      // no retrying forever: a person must reconnect the token (which asks for a sync), or press Sync now
      await setState(workspaceId, {
        status: "failing",
        lastError: `Nedzo rejected this workspace's token: ${failure.detail}`,
        needsAttentionAt: new Date(),
      });
      await complete(getDb(), job.id);
      return;
    }
    const [state] = await getDb().select({ failures: syncStates.failures }).from(syncStates).where(eq(syncStates.workspaceId, workspaceId));
    const failures = (state?.failures ?? 0) + 1;
    const waitMs =
      failure.reason === "rate_limited" ? (failure.retryAfter ?? 5) * 1000 : Math.min(300_000, 5000 * 2 ** Math.min(failures - 1, 6));
    await setState(workspaceId, { status: "failing", lastError: failure.detail, failures });
    await release(job.id, new Date(Date.now() + waitMs), failure.detail);
  }
}

registerJobHandler(SYNC_JOB, runSyncJob);

// A campaign that just got its Nedzo id (created, or linked by a person long after) may already have calls
// older than where the workspace's sync resumes: one backfill job reads all of that campaign's calls.
export const BACKFILL_JOB = "calls.backfill";

export async function requestBackfill(
  workspaceId: string,
  campaignId: string,
  nedzoCampaignId: string,
  tx: Executor = getDb(),
): Promise<void> {
  await schedule(tx, {
    kind: BACKFILL_JOB,
    key: `backfill:${campaignId}`,
    payload: { workspace_id: workspaceId, campaign_id: campaignId, nedzo_campaign_id: nedzoCampaignId },
    runAt: new Date(),
  });
}

/** Every call of one Nedzo campaign, stored once; its numbers recomputed. */
export async function backfillCampaign(
  workspaceId: string,
  campaignId: string,
  nedzoCampaignId: string,
  target: NedzoTarget,
): Promise<number> {
  let inserted = 0;
  let listed = 0;
  const fetchPage = (skip: number) => listNedzoConversations(target, { skip, limit: PAGE, campaignId: nedzoCampaignId });
  let next = fetchPage(0);
  for (let skip = 0; ; skip += PAGE) {
    const page = must(await next);
    if (page.items.length === PAGE) next = fetchPage(skip + PAGE);
    listed += page.items.length;
    const items = page.items.map(readConversation).filter((c): c is Conversation => c !== null);
    inserted += (await ingestConversations(workspaceId, items, "sync")).inserted;
    if (page.items.length < PAGE) break;
  }
  // Nedzo has no call of it (a campaign just created, the usual case): nothing to recount or announce
  if (listed === 0) return 0;
  await getDb().transaction(async (tx) => {
    await recomputeCounters(workspaceId, [campaignId], { confirmed: true }, tx);
    await publishCampaigns(tx, workspaceId, [campaignId]);
  });
  return inserted;
}

async function runBackfillJob(job: Job): Promise<void> {
  const { workspace_id: workspaceId, campaign_id: campaignId, nedzo_campaign_id: nedzoCampaignId } = job.payload as Record<string, string>;
  const connection = await getConnection(workspaceId);
  let target: NedzoTarget | null = null;
  try {
    target = connection ? targetFor(connection) : null;
  } catch {
    target = null;
  }
  if (!target) return void (await complete(getDb(), job.id)); // disconnected: the next connection's sync starts over
  try {
    await backfillCampaign(workspaceId, campaignId, nedzoCampaignId, target);
    await complete(getDb(), job.id);
  } catch (error) {
    const failure: Failure | null = error instanceof SyncStopped ? error.failure : null;
    if (failure?.reason === "unauthorized") return void (await complete(getDb(), job.id)); // the sync marks the workspace
    const waitMs =
      failure?.reason === "rate_limited" ? (failure.retryAfter ?? 5) * 1000 : Math.min(300_000, 5000 * 2 ** Math.min(job.attempts, 6));
    await release(job.id, new Date(Date.now() + waitMs), (error as Error).message.slice(0, 300));
  }
}

// two at a time: each create brings one, and a second's worth must not take every pooled connection at once
registerJobHandler(BACKFILL_JOB, runBackfillJob, { concurrency: 2 });

/**
 * Every connected workspace has its sync job (on server start, then every minute) — except one whose
 * token Nedzo refused, until the connection is saved again after that.
 */
export async function ensureSyncJobs(): Promise<void> {
  await getDb().execute(sql`
    insert into jobs (kind, key, payload, run_at)
    select ${SYNC_JOB}, 'sync:' || n.workspace_id, jsonb_build_object('workspace_id', n.workspace_id), now()
    from nedzo_connections n
    left join sync_states s on s.workspace_id = n.workspace_id
    where s.needs_attention_at is null or n.updated_at > s.needs_attention_at
    on conflict (key) do nothing`);
}
