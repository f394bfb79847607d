import { and, eq, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { getCampaign, type CampaignWithCreator } from "@/db/queries/campaigns";
import { getConnection } from "@/db/queries/workspaces";
import { campaigns, type Campaign, type CampaignError, type Job, type NewCampaign } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import { complete, release } from "@/lib/jobs/queue";
import { registerJobHandler } from "@/lib/jobs/worker";
import { countCreate } from "@/lib/metrics/registry";
import { createNedzoCampaign, targetFor, type CreateOutcome, type NedzoTarget } from "@/lib/nedzo/client";
import { holdUntil, reserveSlot, sleep, takeTurn, type Turn } from "@/lib/nedzo/pacer";
import { countersFrom, requestOf } from "./mapping";
import { attachCalls } from "@/lib/calls/ingest";
import { publishCampaigns } from "@/lib/events/bus";
import { requestBackfill } from "@/lib/calls/sync";
import { interruptedCutoffMs, markInterrupted } from "./sweep";

export { CREATE_JOB, jobKey } from "./keys";
import { CREATE_JOB } from "./keys";

// The create job. One state machine, shared by the form's request (which runs its own job at once when the
// token has a free slot) and the worker (which runs what waited, and what a crash left):
//   queued ──(sent_at committed)──▶ pending ──(Nedzo answered)──▶ created | failed | unknown
//     ▲                                │
//     └──── Nedzo's 429 (nothing created) ┘      pending past the cutoff (holder died) ──▶ unknown
// Each move is a compare-and-set on the status, so two runners never both send, and an audit event is
// written only by the move that happened.

export type CreatePayload = { campaign_id: string; workspace_id: string; action: "campaign.create" | "campaign.retry"; actor: Actor };

/** How far ahead the worker takes a token's slots: the same bound a request waits. */
export const horizonMs = () => env().NEDZO_MAX_QUEUE_WAIT_MS;

export type RunResult = { state: "settled" | "queued"; campaign: CampaignWithCreator | null };

/**
 * Runs one create job this process holds. `deadline` (a request's wait bound) limits how far ahead a slot
 * may be taken; past it the job goes back to the queue and the caller answers 202.
 */
export function runCreateJob(job: Pick<Job, "id" | "payload" | "queueKey">, deadline: number | null, known?: Known): Promise<RunResult> {
  // the turn is taken now, synchronously, so that jobs claimed together reserve slots oldest first
  const turn = takeTurn(job.queueKey ?? job.id);
  return runWithTurn(job, deadline, turn, known).finally(() => turn.skip());
}

/**
 * What the request that wrote the row and its job already holds: the row as inserted (`queued`, its job
 * held by this process since that commit, so nobody else moved it) and the workspace's Nedzo target. It
 * spares a create two round trips before its slot; the worker, which knows nothing, reads both. `sent`: the
 * same transaction took the token's free slot and wrote the row `pending` (committed): it goes to Nedzo now.
 */
export type Known = { row: Campaign; target: NedzoTarget; sent?: boolean };

async function runWithTurn(job: Pick<Job, "id" | "payload">, deadline: number | null, turn: Turn, known?: Known): Promise<RunResult> {
  const p = job.payload as unknown as CreatePayload;
  const row = known?.row ?? (await loadRow(p));
  if (!row) {
    await complete(getDb(), job.id); // its workspace was deleted
    return { state: "settled", campaign: null };
  }
  // a row this request wrote `pending` with its slot is ours to send; any other was sent by a runner that died
  if (row.status === "pending" && !known?.sent) return settleInFlight(job.id, p);
  if (row.status !== "queued" && !known?.sent) {
    await complete(getDb(), job.id);
    return { state: "settled", campaign: await getCampaign(p.workspace_id, p.campaign_id) };
  }

  const connection = known ? null : await getConnection(p.workspace_id);
  let target: NedzoTarget | null = known?.target ?? null;
  try {
    target ??= connection ? targetFor(connection) : null;
  } catch {
    target = null;
  }
  if (!target) {
    const detail = connection
      ? "This workspace's stored Nedzo token cannot be read (was NEDZO_TOKEN_KEY changed?): an admin should reconnect it in Settings."
      : "This workspace was disconnected from Nedzo before the campaign was sent.";
    return finish(job.id, p, row, { status: "failed", error: { status: null, kind: "not_sent", detail } }, "queued");
  }

  const started = Date.now();
  const budget = env().NEDZO_MAX_QUEUE_WAIT_MS;
  // the row as it will be answered (creator, agency, agent names), read while Nedzo works
  let decorated: Promise<CampaignWithCreator | null> | undefined;
  if (known?.sent) turn.skip(); // its slot is taken: nobody in this process waits behind it
  for (let slotTaken = known?.sent === true; ; slotTaken = false) {
    let sent: Campaign | null = row;
    if (!slotTaken) {
      const maxWait = deadline === null ? horizonMs() : deadline - Date.now();
      const paceKey = target.paceKey;
      const slot = maxWait >= 0 ? await turn.run(() => reserveSlot(paceKey, maxWait)) : ({ ok: false, retryAfterSec: 1 } as const);
      if (!slot.ok) {
        // the token's queue is longer than we may wait: back to the queue, due when a slot could fit
        await release(job.id, deadline === null ? new Date(Date.now() + slot.retryAfterSec * 1000) : undefined);
        return { state: "queued", campaign: await getCampaign(p.workspace_id, p.campaign_id) };
      }
      // a free slot goes at once: no timer in the path
      if (slot.waitMs > 0) await sleep(slot.waitMs);
      sent = await markSent(p);
      if (!sent) {
        await complete(getDb(), job.id);
        return { state: "settled", campaign: await getCampaign(p.workspace_id, p.campaign_id) };
      }
    }
    decorated ??= getCampaign(p.workspace_id, p.campaign_id).catch(() => null);
    let outcome: CreateOutcome;
    try {
      outcome = await createNedzoCampaign(target, requestOf(sent));
    } catch (error) {
      // our own failure while calling: we cannot say whether the request left
      outcome = { kind: "unknown", reason: "dropped", detail: `The call to Nedzo failed: ${(error as Error).message}` };
    }
    if (outcome.kind === "rejected" && outcome.status === 429) {
      // Nedzo created nothing: hold the token until its Retry-After, and go again if that fits the budget
      const retryAfter = outcome.retryAfter ?? 1;
      await holdUntil(target.paceKey, retryAfter);
      if (Date.now() - started + retryAfter * 1000 <= budget && (await markUnsent(p))) continue;
    }
    return finish(job.id, p, row, finalState(outcome), "pending", await decorated);
  }
}

/** The worker's entry: run without a request's deadline. */
registerJobHandler(CREATE_JOB, async (job) => void (await runCreateJob(job, null)), { horizonMs });

async function loadRow(p: CreatePayload): Promise<Campaign | null> {
  const [row] = await getDb()
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, p.campaign_id), eq(campaigns.workspaceId, p.workspace_id)))
    .limit(1);
  return row ?? null;
}

const rowIs = (p: CreatePayload, status: Campaign["status"]) =>
  and(eq(campaigns.id, p.campaign_id), eq(campaigns.workspaceId, p.workspace_id), eq(campaigns.status, status));

/** queued → pending, committed before the request leaves: from here on a crash means "unknown". */
async function markSent(p: CreatePayload): Promise<Campaign | null> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ status: "pending", sentAt: sql`clock_timestamp()` } as never)
      .where(rowIs(p, "queued"))
      .returning();
    if (row) await publishCampaigns(tx, p.workspace_id, [p.campaign_id]);
    return row ?? null;
  });
}

/** pending → queued after Nedzo's 429, which created nothing. */
async function markUnsent(p: CreatePayload): Promise<boolean> {
  const rows = await getDb()
    .update(campaigns)
    .set({ status: "queued", sentAt: null })
    .where(rowIs(p, "pending"))
    .returning({ id: campaigns.id });
  return rows.length > 0;
}

/** A job found `pending`: its runner died after sending. Past the cutoff it is unknown; before, wait. */
async function settleInFlight(jobId: string, p: CreatePayload): Promise<RunResult> {
  // the cutoff is measured on the database's clock, as sent_at was written
  if ((await markInterrupted([p.campaign_id])) === 0) {
    await release(jobId, new Date(Date.now() + interruptedCutoffMs() / 2));
    return { state: "queued", campaign: await getCampaign(p.workspace_id, p.campaign_id) };
  }
  await complete(getDb(), jobId);
  return { state: "settled", campaign: await getCampaign(p.workspace_id, p.campaign_id) };
}

function auditOutcome(status: string | undefined): string {
  return status === "created" ? "success" : status === "failed" ? "failure" : "unknown";
}

/**
 * Stores the final state, its audit event and the job's end together — only if the row was still `from`.
 * `decorated`, the row as read before (for the names it is answered with), spares a read after the commit.
 */
async function finish(
  jobId: string,
  p: CreatePayload,
  row: Campaign,
  final: Partial<NewCampaign>,
  from: Campaign["status"],
  decorated?: CampaignWithCreator | null,
): Promise<RunResult> {
  const stored = await getDb().transaction(async (tx) => {
    // from `pending`, also a row the sweeper gave up on meanwhile: Nedzo's real answer beats "unknown"
    const where =
      from === "pending"
        ? or(rowIs(p, "pending"), and(rowIs(p, "unknown"), sql`${campaigns.error}->>'kind' = 'interrupted'`))
        : rowIs(p, from);
    const [moved] = await tx.update(campaigns).set(final).where(where).returning();
    if (!moved) {
      await complete(tx, jobId);
      return null;
    }
    const linked = final.status === "created" && final.nedzoCampaignId ? final.nedzoCampaignId : null;
    // independent statements of one transaction, sent together (postgres.js pipelines them on its connection)
    await Promise.all([
      // calls that arrived (by webhook) before the answer join it; a backfill job reads its older calls
      linked && attachCalls(tx, p.workspace_id, p.campaign_id, linked),
      linked && requestBackfill(p.workspace_id, p.campaign_id, linked, tx),
      publishCampaigns(tx, p.workspace_id, [p.campaign_id]),
      recordAudit(tx, p.actor, {
        workspaceId: p.workspace_id,
        action: p.action,
        targetType: "campaign",
        targetId: p.campaign_id,
        outcome: auditOutcome(final.status),
        metadata: {
          name: row.name,
          status: final.status,
          nedzo_campaign_id: final.nedzoCampaignId ?? null,
          upstream_status: final.error?.status ?? null,
        },
      }),
      complete(tx, jobId),
    ]);
    countCreate(final.status);
    return moved;
  });
  const campaign = stored && decorated ? { ...decorated, ...stored } : await getCampaign(p.workspace_id, p.campaign_id);
  return { state: "settled", campaign };
}

function finalState(outcome: CreateOutcome): Partial<NewCampaign> {
  const now = new Date();
  switch (outcome.kind) {
    case "created":
      return { status: "created", ...countersFrom(outcome.campaign), upstreamRaw: outcome.raw, error: null, syncedAt: now };
    case "rejected": {
      const error: CampaignError = { status: outcome.status, detail: outcome.detail, kind: "rejected" };
      if (outcome.errors?.length) error.errors = outcome.errors;
      if (outcome.retryAfter !== undefined) error.retry_after = outcome.retryAfter;
      return { status: "failed", error };
    }
    case "not_sent":
      return { status: "failed", error: { status: null, detail: outcome.detail, kind: "not_sent" } };
    case "unknown":
      return {
        status: "unknown",
        upstreamRaw: outcome.raw ?? null,
        error: { status: outcome.status ?? null, detail: outcome.detail, kind: outcome.reason },
      };
  }
}
