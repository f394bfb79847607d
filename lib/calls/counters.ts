import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Executor } from "@/lib/audit";
import { POSITIVE_OUTCOMES } from "./outcomes";

// A campaign's numbers, recomputed from its calls:
// - dials: every call; the nine outcome counters: calls by outcome key (`other` is listed, not a counter);
// - pickups: calls that connected (lasted more than zero seconds);
// - positive outcomes: appointment booked, callback requested, transferred;
// - minutes used: the calls' durations; minutes used today: those that started today in the workspace's
//   time zone.
// `synced_at` says when the numbers were last confirmed against Nedzo.

const positive = sql.raw(POSITIVE_OUTCOMES.map((o) => `'${o}'`).join(", "));
const count = (key: string) => sql.raw(`count(*) filter (where outcome_key = '${key}')::int`);

export async function recomputeCounters(
  workspaceId: string,
  campaignIds: string[] | "all",
  options: { confirmed: boolean },
  db: Executor = getDb(),
): Promise<void> {
  if (campaignIds !== "all" && campaignIds.length === 0) return;
  const which =
    campaignIds === "all"
      ? sql`true`
      : sql`c.id in (${sql.join(
          campaignIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  await db.execute(sql`
    with tz as (select timezone from workspaces where id = ${workspaceId}),
    today as (select (date_trunc('day', now() at time zone (select timezone from tz)) at time zone (select timezone from tz)) as start),
    agg as (
      select k.campaign_id,
        count(*)::int as dials,
        ${count("appointment_booked")} as appointment_booked, ${count("callback_requested")} as callback_requested,
        ${count("do_not_call")} as do_not_call, ${count("failed")} as failed, ${count("follow_up")} as follow_up,
        ${count("no_answer")} as no_answer, ${count("not_interested")} as not_interested, ${count("transferred")} as transferred,
        ${count("wrong_number")} as wrong_number,
        count(*) filter (where picked_up)::int as pickups,
        count(*) filter (where outcome_key in (${positive}))::int as positive,
        coalesce(sum(duration_seconds), 0)::float8 / 60 as minutes,
        coalesce(sum(duration_seconds) filter (where started_at >= (select start from today)), 0)::float8 / 60 as minutes_today
      from calls k
      where k.workspace_id = ${workspaceId} and k.campaign_id in (select c.id from campaigns c where c.workspace_id = ${workspaceId} and ${which})
      group by k.campaign_id
    )
    update campaigns c set
      dials = coalesce(agg.dials, 0),
      outcome_appointment_booked = coalesce(agg.appointment_booked, 0), outcome_callback_requested = coalesce(agg.callback_requested, 0),
      outcome_do_not_call = coalesce(agg.do_not_call, 0), outcome_failed = coalesce(agg.failed, 0), outcome_follow_up = coalesce(agg.follow_up, 0),
      outcome_no_answer = coalesce(agg.no_answer, 0), outcome_not_interested = coalesce(agg.not_interested, 0),
      outcome_transferred = coalesce(agg.transferred, 0), outcome_wrong_number = coalesce(agg.wrong_number, 0),
      total_pickups = coalesce(agg.pickups, 0), total_positive_outcomes = coalesce(agg.positive, 0),
      total_min_used = round(coalesce(agg.minutes, 0)::numeric, 2)::float8, total_min_used_today = round(coalesce(agg.minutes_today, 0)::numeric, 2)::float8,
      synced_at = case when ${options.confirmed} then now() else c.synced_at end,
      updated_at = now()
    from campaigns c2 left join agg on agg.campaign_id = c2.id
    where c.id = c2.id and c2.workspace_id = ${workspaceId} and c2.status = 'created' and ${which}`);
}
