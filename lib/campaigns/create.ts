import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { findByIdempotencyKey, getCampaign, type CampaignWithCreator } from "@/db/queries/campaigns";
import { getConnection } from "@/db/queries/workspaces";
import { and, eq, sql } from "drizzle-orm";
import { campaigns, workspaces, type NedzoConnection, type NewCampaign } from "@/db/schema";
import { apiError, validationError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/parse";
import type { Actor } from "@/lib/audit";
import { hashJson } from "@/lib/crypto";
import { env } from "@/lib/env";
import { drop, enqueue, queueDepth, release } from "@/lib/jobs/queue";
import { publishCampaigns } from "@/lib/events/bus";
import { runningWorker } from "@/lib/jobs/worker";
import { targetFor, type NedzoTarget } from "@/lib/nedzo/client";
import { sleep, takeFreeSlot } from "@/lib/nedzo/pacer";
import { campaignInputSchema, type CampaignRequest } from "@/lib/nedzo/schemas";
import { rowFieldsOf } from "./mapping";
import { resultOf, type CreateResult } from "./result";
import { CREATE_JOB, jobKey, runCreateJob, type CreatePayload, type Known } from "./send";

// Create a campaign: validate → write the row with its idempotency key and its job, in one transaction —
// `pending` with the token's slot when one is free right now, else `queued` → run the job at once (call
// Nedzo once, or first wait for a slot and mark it sent; store the answer). A request waits for the result
// up to NEDZO_MAX_QUEUE_WAIT_MS; past it the job stays queued for the worker and the request answers 202.
// A repeated key never queues anything and never takes a slot: it answers the first result.

export type CreateCampaignInput = {
  workspaceId: string;
  actor: Actor;
  body: unknown;
  idempotencyKey: string | null;
};

const KEY = /^[\x21-\x7e]{1,255}$/;

export async function createCampaign(input: CreateCampaignInput): Promise<CreateResult> {
  const request = parseWith(campaignInputSchema, input.body);
  if (input.idempotencyKey !== null && !KEY.test(input.idempotencyKey)) {
    throw validationError([{ path: "Idempotency-Key", message: "Must be 1–255 visible ASCII characters" }]);
  }
  const started = Date.now();
  const deadline = started + env().NEDZO_MAX_QUEUE_WAIT_MS;
  const requestHash = hashJson(request);
  // independent reads, sent together
  const [existing, connection] = await Promise.all([
    input.idempotencyKey ? findByIdempotencyKey(input.workspaceId, input.idempotencyKey) : null,
    getConnection(input.workspaceId),
  ]);
  if (existing) return replay(existing, requestHash, deadline);
  if (!connection) {
    throw apiError(409, "This workspace is not connected to Nedzo yet: connect it in Settings first.", { type: "no-connection" });
  }
  const target = readableTarget(connection);

  const idempotencyKey = input.idempotencyKey ?? `auto:${randomUUID()}`;
  const queued = await enqueueCreate(input.workspaceId, pendingRow(input, request, idempotencyKey, requestHash), target, input.actor);
  if (!queued) {
    const existing = await findByIdempotencyKey(input.workspaceId, idempotencyKey);
    if (!existing) throw apiError(409, "This Idempotency-Key was just used; retry the request.");
    return replay(existing, requestHash, deadline);
  }
  return runNow(queued, deadline);
}

class NotInserted extends Error {}
class QueueFull extends Error {
  constructor(readonly depth: number) {
    super("queue full");
  }
}

/**
 * Writes the row and its job (held by this process) in one transaction, its statements sent together: the
 * row, the job, the event, the token's queue depth and — when the token's pacer has a slot free right now —
 * that slot. With the slot, the row is written `pending` (its send committed before the request leaves, as
 * markSent does) and the request calls Nedzo right after this one commit; without it, the row is `queued`
 * and the job waits for a slot as before. Null when the idempotency key exists (nothing kept, no slot spent).
 */
async function enqueueCreate(workspaceId: string, row: NewCampaign, target: NedzoTarget, actor: Actor): Promise<QueuedJob | null> {
  const campaignId = randomUUID();
  const cap = env().NEDZO_MAX_QUEUED_PER_TOKEN;
  const payload: CreatePayload = { campaign_id: campaignId, workspace_id: workspaceId, action: "campaign.create", actor };
  let jobId: string | null = null;
  try {
    return await getDb().transaction(async (tx) => {
      const [[inserted], job, , depth, slot] = await Promise.all([
        tx
          .insert(campaigns)
          .values({ ...row, id: campaignId, status: "pending", sentAt: sql`clock_timestamp()` } as never)
          .onConflictDoNothing({ target: [campaigns.workspaceId, campaigns.idempotencyKey] })
          .returning(),
        // held by this process from here: remembered at once, so that any failure below lets go of it
        enqueue(tx, { kind: CREATE_JOB, key: jobKey(campaignId), queueKey: target.paceKey, payload }, { claim: true }).then((j) => {
          jobId = j.id;
          return j;
        }),
        publishCampaigns(tx, workspaceId, [campaignId]),
        queueDepth(CREATE_JOB, target.paceKey, cap, tx),
        takeFreeSlot(target.paceKey, tx),
      ]);
      if (!inserted) throw new NotInserted();
      // our own job is counted too
      if (depth - 1 >= cap) throw new QueueFull(depth - 1);
      let known: Known = { row: inserted, target, sent: true };
      if (!slot) {
        // no free slot now: queued, to wait for one (up to the request's bound) as any job does
        const [waiting] = await tx
          .update(campaigns)
          .set({ status: "queued", sentAt: null })
          .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)))
          .returning();
        known = { row: waiting, target, sent: false };
      }
      return { id: job.id, payload: job.payload, queueKey: job.queueKey, known };
    });
  } catch (error) {
    if (jobId) drop(jobId);
    if (error instanceof NotInserted) return null;
    if (error instanceof QueueFull) throw queueFull(error.depth, cap);
    throw error;
  }
}

/** Runs a job this request holds, up to the deadline; what is still queued then is answered with 202. */
export type QueuedJob = { id: string; payload: Record<string, unknown>; queueKey: string | null; known?: Known };

export async function runNow(job: QueuedJob, deadline: number): Promise<CreateResult> {
  let run;
  try {
    run = await runCreateJob(job, deadline, job.known);
  } catch (error) {
    // give the job back (a worker sends it), or at least stop renewing its lease: never strand it
    await release(job.id).catch(() => drop(job.id));
    throw error;
  }
  if (run.state === "queued") runningWorker()?.wake();
  if (!run.campaign) throw apiError(404, "This campaign's workspace is gone.");
  return resultOf(run.campaign);
}

/** Where this workspace's creates go; a stored token that no key decrypts is a clear 502, not a crash. */
export function readableTarget(connection: NedzoConnection): NedzoTarget {
  try {
    return targetFor(connection);
  } catch {
    throw apiError(
      502,
      "This workspace's stored Nedzo token cannot be read (was NEDZO_TOKEN_KEY changed?): an admin should reconnect it in Settings.",
      { type: "token-unreadable" },
    );
  }
}

/** Our 429, past the hard limit of creates waiting for one token (NEDZO_MAX_QUEUED_PER_TOKEN). */
function queueFull(depth: number, cap: number) {
  const retryAfter = Math.max(1, Math.ceil(depth / env().NEDZO_WRITES_PER_SEC));
  return apiError(429, `${cap} campaigns are already waiting for this Nedzo token: try again in ${retryAfter} s.`, {
    type: "queue-full",
    headers: { "retry-after": String(retryAfter) },
  });
}

function pendingRow(input: CreateCampaignInput, r: CampaignRequest, idempotencyKey: string, requestHash: string): NewCampaign {
  return {
    workspaceId: input.workspaceId,
    status: "queued",
    ...rowFieldsOf(r),
    // its calling window is read in the zone the workspace had when it was created
    timezone: sql`(select ${workspaces.timezone} from ${workspaces} where ${workspaces.id} = ${input.workspaceId})` as never,
    idempotencyKey,
    requestHash,
    createdBy: input.actor.userId,
    viaWorkspaceId: input.actor.viaWorkspaceId,
  };
}

const settled = (c: CampaignWithCreator) => c.status !== "queued" && c.status !== "pending";

/** A repeated key: the first request's result, waited for up to the same bound; never a second create. */
async function replay(existing: CampaignWithCreator, requestHash: string, deadline: number): Promise<CreateResult> {
  if (existing.requestHash !== requestHash) {
    throw apiError(409, "This Idempotency-Key was already used with a different body.", { type: "idempotency-key-reused" });
  }
  let row = existing;
  for (let pause = 50; !settled(row) && Date.now() < deadline; pause = Math.min(pause * 2, 500)) {
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    row = (await getCampaign(existing.workspaceId, existing.id)) ?? row;
  }
  return resultOf(row);
}
