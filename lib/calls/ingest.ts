import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import type { Executor } from "@/lib/audit";
import type { Conversation } from "./conversation";
import { recomputeCounters } from "./counters";
import { RECOUNT_JOB } from "./counters-job";

// Stores conversations once: one statement per batch, deduplicated by (workspace, conversation id) — a
// repeat, or a webhook racing a sync, changes nothing. Each call is linked to the local campaign whose
// Nedzo id it carries; a call for a campaign we do not (yet) know stays unlinked until one is linked.

export type Ingested = { inserted: number; byCampaign: Map<string, number> };

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

const payloadOf = (items: Conversation[]) =>
  JSON.stringify(
    items.map((c) => ({
      id: c.id,
      nedzo_campaign_id: c.nedzoCampaignId,
      agent_id: c.agentId,
      contact_phone: c.contactPhone,
      agent_phone: c.agentPhone,
      started_at: c.startedAt?.toISOString() ?? null,
      ended_at: c.endedAt?.toISOString() ?? null,
      duration_seconds: c.durationSeconds,
      outcome: c.outcome,
      outcome_key: c.outcomeKey,
      picked_up: (c.durationSeconds ?? 0) > 0,
      ended_reason: c.endedReason,
      appointment_at: c.appointmentAt?.toISOString() ?? null,
      summary: c.summary,
      transcript: c.transcript,
      recording_url: c.recordingUrl,
    })),
  );

/** The conversations as rows (`x`), one per id. */
const inputOf = (payload: string) => sql`
  select distinct on (id) * from jsonb_to_recordset(${payload}::jsonb) as x(
    id text, nedzo_campaign_id uuid, agent_id uuid, contact_phone text, agent_phone text, started_at timestamptz,
    ended_at timestamptz, duration_seconds int, outcome text, outcome_key text, picked_up boolean, ended_reason text,
    appointment_at timestamptz, summary text, transcript text, recording_url text)`;

/**
 * insert … select of `input x` joined to the workspace id `ws` (a column or a parameter), deduplicated. A call
 * stored before its campaign was known (a webhook post while the create's last transaction was still open, so
 * attachCalls could not see it) is attached when it comes again (the backfill, a sync): returned as if new, so
 * its campaign is recounted; a call already attached is left as it is and not returned.
 */
const insertCalls = (ws: SQL, from: SQL, source: "sync" | "webhook") => sql`
  insert into calls (workspace_id, campaign_id, nedzo_conversation_id, nedzo_campaign_id, agent_id, contact_phone, agent_phone,
    started_at, ended_at, duration_seconds, outcome, outcome_key, picked_up, ended_reason, appointment_at, summary, transcript,
    recording_url, source)
  select ${ws},
    (select c.id from campaigns c where c.workspace_id = ${ws} and c.nedzo_campaign_id = x.nedzo_campaign_id limit 1),
    x.id, x.nedzo_campaign_id, x.agent_id, x.contact_phone, x.agent_phone, coalesce(x.started_at, clock_timestamp()), x.ended_at,
    x.duration_seconds, x.outcome, x.outcome_key, x.picked_up, x.ended_reason, x.appointment_at, x.summary, x.transcript,
    x.recording_url, ${source}
  ${from}
  on conflict (workspace_id, nedzo_conversation_id) do update set campaign_id = excluded.campaign_id
    where calls.campaign_id is null and excluded.campaign_id is not null`;

export async function ingestConversations(
  workspaceId: string,
  items: Conversation[],
  source: "sync" | "webhook",
  db: Executor = getDb(),
): Promise<Ingested> {
  if (items.length === 0) return { inserted: 0, byCampaign: new Map() };
  const result = await db.execute(sql`
    with input as (${inputOf(payloadOf(items))}),
    ins as (${insertCalls(sql`${workspaceId}::uuid`, sql`from input x`, source)} returning campaign_id)
    select campaign_id, count(*)::int as n from ins group by campaign_id`);
  const byCampaign = new Map<string, number>();
  let inserted = 0;
  for (const r of rowsOf<{ campaign_id: string | null; n: number }>(result)) {
    inserted += Number(r.n);
    if (r.campaign_id) byCampaign.set(r.campaign_id, Number(r.n));
  }
  return { inserted, byCampaign };
}

export type WebhookIngest = { workspaceId: string; inserted: boolean; recountQueued: boolean } | null;

/**
 * One webhook post in one statement (one round trip, nothing held between statements): find the endpoint by
 * its secret's hash, store the conversation once, ask for its campaign's recount (a job that coalesces: a
 * waiting one absorbs this post), and note when the endpoint last received something (at most every 10 s,
 * so a storm of posts does not queue on the endpoint's row). Null when no endpoint has this secret.
 */
export async function ingestWebhookPost(secretHash: string, conversation: Conversation): Promise<WebhookIngest> {
  const result = await getDb().execute(sql`
    with ep as (select workspace_id from webhook_endpoints where secret_hash = ${secretHash}),
    input as (${inputOf(payloadOf([conversation]))}),
    ins as (${insertCalls(sql`ep.workspace_id`, sql`from ep, input x`, "webhook")} returning workspace_id, campaign_id),
    job as (
      insert into jobs (kind, key, payload)
      select ${RECOUNT_JOB}, 'recount:' || ins.campaign_id,
        jsonb_build_object('workspace_id', ins.workspace_id, 'campaign_id', ins.campaign_id)
      from ins where ins.campaign_id is not null
      on conflict (key) do nothing
      returning 1
    ),
    touch as (
      update webhook_endpoints w set last_received_at = now()
      from ep where w.workspace_id = ep.workspace_id
        and (w.last_received_at is null or w.last_received_at < now() - interval '10 seconds')
    )
    select ep.workspace_id, (select count(*) from ins)::int as inserted, (select count(*) from job)::int as queued from ep`);
  const [row] = rowsOf<{ workspace_id: string; inserted: number; queued: number }>(result);
  if (!row) return null;
  return { workspaceId: row.workspace_id, inserted: Number(row.inserted) > 0, recountQueued: Number(row.queued) > 0 };
}

/**
 * A campaign just got its Nedzo id (created, or linked by a person): its calls that came first join it,
 * and its numbers are recomputed from them.
 */
export async function attachCalls(db: Executor, workspaceId: string, campaignId: string, nedzoCampaignId: string): Promise<number> {
  const result = await db.execute(sql`
    update calls set campaign_id = ${campaignId}
    where workspace_id = ${workspaceId} and nedzo_campaign_id = ${nedzoCampaignId} and campaign_id is null
    returning 1`);
  const attached = rowsOf(result).length;
  if (attached > 0) await recomputeCounters(workspaceId, [campaignId], { confirmed: false }, db);
  return attached;
}
