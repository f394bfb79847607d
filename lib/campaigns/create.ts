import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { findByIdempotencyKey, getCampaign, type CampaignWithCreator } from "@/db/queries/campaigns";
import { getConnection } from "@/db/queries/workspaces";
import { campaigns, type CampaignError, type NedzoConnection, type NewCampaign } from "@/db/schema";
import { apiError, validationError } from "@/lib/api/errors";
import { parseWith } from "@/lib/api/parse";
import { recordAudit, type Actor } from "@/lib/audit";
import { hashJson } from "@/lib/crypto";
import { createNedzoCampaign, targetFor, type CreateOutcome, type NedzoTarget } from "@/lib/nedzo/client";
import { holdUntil, reserveSlot, sleep } from "@/lib/nedzo/pacer";
import { env } from "@/lib/env";
import { campaignInputSchema, type CampaignRequest, type UpstreamCampaign } from "@/lib/nedzo/schemas";
import { resultOf, type CreateResult } from "./result";

// Create a campaign: validate → write the row as `pending` (with its idempotency key) → call Nedzo once
// → store what is known: `created`, `failed`, or `unknown` when Nedzo may have created it.

export type CreateCampaignInput = {
  workspaceId: string;
  actor: Actor;
  body: unknown;
  idempotencyKey: string | null;
};

const KEY = /^[\x21-\x7e]{1,255}$/;

function auditOutcome(status: string | undefined): string {
  return status === "created" ? "success" : status === "failed" ? "failure" : "unknown";
}

export async function createCampaign(input: CreateCampaignInput): Promise<CreateResult> {
  const request = parseWith(campaignInputSchema, input.body);
  if (input.idempotencyKey !== null && !KEY.test(input.idempotencyKey)) {
    throw validationError([{ path: "Idempotency-Key", message: "Must be 1–255 visible ASCII characters" }]);
  }
  const connection = await getConnection(input.workspaceId);
  if (!connection) {
    throw apiError(409, "This workspace is not connected to Nedzo yet: connect it in Settings first.", { type: "no-connection" });
  }
  const target = readableTarget(connection);
  const idempotencyKey = input.idempotencyKey ?? `auto:${randomUUID()}`;
  const requestHash = hashJson(request);
  if (input.idempotencyKey && (await findByIdempotencyKey(input.workspaceId, idempotencyKey))) {
    return replay(input.workspaceId, idempotencyKey, requestHash);
  }

  // Take this token's next write slot before writing anything: a queue too long is our 429, nothing stored.
  const started = Date.now();
  const slot = await takeSlotOrRefuse(target);

  const [inserted] = await getDb()
    .insert(campaigns)
    .values(pendingRow(input, request, idempotencyKey, requestHash))
    .onConflictDoNothing({ target: [campaigns.workspaceId, campaigns.idempotencyKey] })
    .returning({ id: campaigns.id });

  if (!inserted) return replay(input.workspaceId, idempotencyKey, requestHash);

  const row = await sendAndStore({ workspaceId: input.workspaceId, campaignId: inserted.id, actor: input.actor, action: "campaign.create" }, target, request, slot.waitMs, started);
  return resultOf(row);
}

/** Where this workspace's creates go; a stored token that no key decrypts is a clear 502, not a crash. */
export function readableTarget(connection: NedzoConnection): NedzoTarget {
  try {
    return targetFor(connection);
  } catch {
    throw apiError(502, "This workspace's stored Nedzo token cannot be read (was NEDZO_TOKEN_KEY changed?): an admin should reconnect it in Settings.", { type: "token-unreadable" });
  }
}

/** Our 429 when the token's queue is longer than the budget; otherwise the slot to wait for. */
export async function takeSlotOrRefuse(target: NedzoTarget): Promise<{ waitMs: number }> {
  const slot = await reserveSlot(target.paceKey);
  if (!slot.ok) {
    throw apiError(429, `Too many campaigns are waiting for this Nedzo token: try again in ${slot.retryAfterSec} s.`, {
      type: "queue-full",
      headers: { "retry-after": String(slot.retryAfterSec) },
    });
  }
  return slot;
}

/**
 * Sends a `pending` campaign to Nedzo (paced), then stores what is known and its audit event together.
 * Used by a first create and by a confirmed retry of an unknown one.
 */
export async function sendAndStore(
  at: { workspaceId: string; campaignId: string; actor: Actor; action: "campaign.create" | "campaign.retry" },
  target: NedzoTarget,
  request: CampaignRequest,
  waitMs: number,
  started: number,
): Promise<CampaignWithCreator> {
  let outcome: CreateOutcome;
  try {
    outcome = await sendPaced(target, request, waitMs, started);
  } catch (error) {
    // Our own failure while calling: we cannot say whether the request left, so say unknown.
    outcome = { kind: "unknown", reason: "dropped", detail: `The call to Nedzo failed: ${(error as Error).message}` };
  }
  const final = finalState(outcome);
  await getDb().transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set(final)
      .where(and(eq(campaigns.id, at.campaignId), eq(campaigns.workspaceId, at.workspaceId), eq(campaigns.status, "pending")));
    await recordAudit(tx, at.actor, {
      workspaceId: at.workspaceId,
      action: at.action,
      targetType: "campaign",
      targetId: at.campaignId,
      outcome: auditOutcome(final.status),
      metadata: { name: request.name, status: final.status, nedzo_campaign_id: final.nedzoCampaignId ?? null, upstream_status: final.error?.status ?? null },
    });
  });
  return (await getCampaign(at.workspaceId, at.campaignId))!;
}

/**
 * Waits for the slot, sends once, and only after Nedzo's own 429 (which creates nothing) takes a later slot
 * and sends again — while that stays within the queue budget.
 */
async function sendPaced(target: NedzoTarget, request: CampaignRequest, firstWaitMs: number, started: number): Promise<CreateOutcome> {
  const budget = env().NEDZO_MAX_QUEUE_WAIT_MS;
  let waitMs = firstWaitMs;
  for (;;) {
    await sleep(waitMs);
    const outcome = await createNedzoCampaign(target, request);
    if (outcome.kind !== "rejected" || outcome.status !== 429) return outcome;
    const retryAfter = outcome.retryAfter ?? 1;
    await holdUntil(target.paceKey, retryAfter);
    const remaining = budget - (Date.now() - started);
    if (retryAfter * 1000 > remaining) return outcome;
    const next = await reserveSlot(target.paceKey, remaining);
    if (!next.ok) return outcome;
    waitMs = next.waitMs;
  }
}

function pendingRow(input: CreateCampaignInput, r: CampaignRequest, idempotencyKey: string, requestHash: string): NewCampaign {
  return {
    workspaceId: input.workspaceId,
    status: "pending",
    name: r.name,
    agentId: r.agent_id,
    startTime: r.start_time,
    endTime: r.end_time,
    minCallsPerHour: r.min_calls_per_hour,
    maxCallsPerHour: r.max_calls_per_hour,
    dailyUsageCap: r.daily_usage_cap,
    maxDialsPerContact: r.max_dials_per_contact,
    idempotencyKey,
    requestHash,
    createdBy: input.actor.userId,
    viaWorkspaceId: input.actor.viaWorkspaceId,
  };
}

async function replay(workspaceId: string, key: string, requestHash: string): Promise<CreateResult> {
  const existing: CampaignWithCreator | null = await findByIdempotencyKey(workspaceId, key);
  if (!existing) throw apiError(409, "This Idempotency-Key was just used; retry the request.");
  if (existing.requestHash !== requestHash) {
    throw apiError(409, "This Idempotency-Key was already used with a different body.", { type: "idempotency-key-reused" });
  }
  if (existing.status === "pending") {
    throw apiError(409, "A request with this Idempotency-Key is still in progress.", {
      type: "idempotency-key-in-progress",
      headers: { "retry-after": "1" },
    });
  }
  return resultOf(existing);
}

function countersFrom(c: UpstreamCampaign): Partial<NewCampaign> {
  return {
    nedzoCampaignId: c.id,
    dials: c.dials,
    outcomeAppointmentBooked: c.outcome_appointment_booked,
    outcomeCallbackRequested: c.outcome_callback_requested,
    outcomeDoNotCall: c.outcome_do_not_call,
    outcomeFailed: c.outcome_failed,
    outcomeFollowUp: c.outcome_follow_up,
    outcomeNoAnswer: c.outcome_no_answer,
    outcomeNotInterested: c.outcome_not_interested,
    outcomeTransferred: c.outcome_transferred,
    outcomeWrongNumber: c.outcome_wrong_number,
    isActive: c.is_active,
    totalMinUsedToday: c.total_min_used_today,
    totalMinUsed: c.total_min_used,
    totalPickups: c.total_pickups,
    totalPositiveOutcomes: c.total_positive_outcomes,
  };
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
