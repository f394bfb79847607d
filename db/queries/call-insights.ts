import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { outcomeKeys } from "@/db/calls-schema";

// A campaign's calls over time, for its page: one row per hour or day of the workspace's time zone (the
// wall clock its people read), every bucket of the range present (zero rows included, so a chart's axis has
// no holes), each with its calls by outcome key. Bucketing happens in SQL on the calls mirror with
// `at time zone`, which PostgreSQL 15 and PGlite read the same way; the wall-clock hours a DST change
// repeats fall into one bucket, and the hour it skips is an empty one.

export type Bucket = "hour" | "day";
export type OutcomeCounts = Record<(typeof outcomeKeys)[number], number>;
/** `local`: the bucket's start on the workspace's wall clock, `YYYY-MM-DDTHH:MI` (no zone: it is the zone's). */
export type SeriesPoint = { local: string; total: number } & OutcomeCounts;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

/** At most this many buckets: a range longer than that is cut at its newest end. */
export const MAX_BUCKETS = 2000;

/** Hours when the range spans two days or less, days beyond. */
export function bucketFor(from: Date, to: Date): Bucket {
  return to.getTime() - from.getTime() <= 2 * 86_400_000 ? "hour" : "day";
}

/** The first and last call of a campaign (null when it has none): what "all time" spans. */
export async function callSpan(workspaceId: string, campaignId: string): Promise<{ first: Date; last: Date } | null> {
  const [row] = rowsOf<{ first: string | Date | null; last: string | Date | null }>(
    await getDb().execute(sql`
      select min(started_at) as first, max(started_at) as last from calls
      where workspace_id = ${workspaceId} and campaign_id = ${campaignId}`),
  );
  if (!row?.first || !row.last) return null;
  return { first: new Date(row.first), last: new Date(row.last) };
}

/**
 * Calls of a campaign that started in [from, to), by hour or day of the workspace's zone and by outcome
 * key, oldest bucket first. The zone is read from the workspace row, so a stranger's workspace id finds
 * nothing of this campaign's.
 */
export async function callSeries(
  workspaceId: string,
  campaignId: string,
  options: { from: Date; to: Date; bucket: Bucket },
): Promise<SeriesPoint[]> {
  const unit = options.bucket; // 'hour' | 'day': both a date_trunc field and an interval
  const step = `1 ${unit}`;
  const counts = sql.raw(outcomeKeys.map((k) => `count(*) filter (where k.outcome_key = '${k}')::int as "${k}"`).join(", "));
  const picks = sql.raw(outcomeKeys.map((k) => `coalesce(agg."${k}", 0)::int as "${k}"`).join(", "));
  const from = options.from.toISOString();
  const to = options.to.toISOString();
  const result = await getDb().execute(sql`
    with z as (select timezone as tz from workspaces where id = ${workspaceId}),
    span as (
      select date_trunc(${unit}, ${from}::timestamptz at time zone z.tz) as first,
        (${to}::timestamptz - interval '1 millisecond') at time zone z.tz as last
      from z
    ),
    buckets as (
      select b as local from span, generate_series(span.first, span.last, ${step}::interval) as b
      order by b desc limit ${MAX_BUCKETS}
    ),
    agg as (
      select date_trunc(${unit}, k.started_at at time zone z.tz) as local, count(*)::int as total, ${counts}
      from calls k, z
      where k.workspace_id = ${workspaceId} and k.campaign_id = ${campaignId}
        and k.started_at >= ${from}::timestamptz and k.started_at < ${to}::timestamptz
      group by 1
    )
    select to_char(b.local, 'YYYY-MM-DD"T"HH24:MI') as local, coalesce(agg.total, 0)::int as total, ${picks}
    from buckets b left join agg on agg.local = b.local
    order by b.local`);
  return rowsOf<Record<string, unknown>>(result).map((r) => {
    const point: Record<string, unknown> = { local: String(r.local), total: Number(r.total) };
    for (const k of outcomeKeys) point[k] = Number(r[k]);
    return point as SeriesPoint;
  });
}
