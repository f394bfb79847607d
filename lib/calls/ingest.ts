import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Executor } from "@/lib/audit";
import type { Conversation } from "./conversation";
import { recomputeCounters } from "./counters";

// Stores conversations once: one statement per batch, deduplicated by (workspace, conversation id) — a
// repeat, or a webhook racing a sync, changes nothing. Each call is linked to the local campaign whose
// Nedzo id it carries; a call for a campaign we do not (yet) know stays unlinked until one is linked.

export type Ingested = { inserted: number; byCampaign: Map<string, number> };

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

export async function ingestConversations(
  workspaceId: string,
  items: Conversation[],
  source: "sync" | "webhook",
  db: Executor = getDb(),
): Promise<Ingested> {
  if (items.length === 0) return { inserted: 0, byCampaign: new Map() };
  const payload = JSON.stringify(
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
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${payload}::jsonb) as x(
        id text, nedzo_campaign_id uuid, agent_id uuid, contact_phone text, agent_phone text, started_at timestamptz,
        ended_at timestamptz, duration_seconds int, outcome text, outcome_key text, picked_up boolean, ended_reason text,
        appointment_at timestamptz, summary text, transcript text, recording_url text)
    ), ins as (
      insert into calls (workspace_id, campaign_id, nedzo_conversation_id, nedzo_campaign_id, agent_id, contact_phone, agent_phone,
        started_at, ended_at, duration_seconds, outcome, outcome_key, picked_up, ended_reason, appointment_at, summary, transcript,
        recording_url, source)
      select ${workspaceId}::uuid,
        (select c.id from campaigns c where c.workspace_id = ${workspaceId}::uuid and c.nedzo_campaign_id = x.nedzo_campaign_id limit 1),
        x.id, x.nedzo_campaign_id, x.agent_id, x.contact_phone, x.agent_phone, coalesce(x.started_at, clock_timestamp()), x.ended_at,
        x.duration_seconds, x.outcome, x.outcome_key, x.picked_up, x.ended_reason, x.appointment_at, x.summary, x.transcript,
        x.recording_url, ${source}
      from (select distinct on (id) * from input) x
      on conflict (workspace_id, nedzo_conversation_id) do nothing
      returning campaign_id
    )
    select campaign_id, count(*)::int as n from ins group by campaign_id`);
  const byCampaign = new Map<string, number>();
  let inserted = 0;
  for (const r of rowsOf<{ campaign_id: string | null; n: number }>(result)) {
    inserted += Number(r.n);
    if (r.campaign_id) byCampaign.set(r.campaign_id, Number(r.n));
  }
  return { inserted, byCampaign };
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
