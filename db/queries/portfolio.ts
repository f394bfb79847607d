import { sql } from "drizzle-orm";
import { getDb } from "@/db";

// The figures of a portfolio board: per workspace, its campaigns and what their calls add up to. Without a
// date range the campaigns' own counters are summed (kept current from their calls: O(campaigns)); with a
// range, the calls in it are counted. "Minutes today" is always today in each workspace's time zone.

export type PortfolioFigures = {
  workspaceId: string;
  campaigns: number;
  dials: number;
  pickups: number;
  appointments: number;
  positive: number;
  minutes: number;
  minutesToday: number;
  /** the oldest confirmation among its created campaigns: how fresh the whole row is */
  syncedAt: Date | null;
};

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));
const ids = (workspaceIds: string[]) =>
  sql.join(
    workspaceIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export async function portfolioFigures(
  workspaceIds: string[],
  range: { from?: Date; to?: Date } = {},
): Promise<Map<string, PortfolioFigures>> {
  const out = new Map<string, PortfolioFigures>();
  if (workspaceIds.length === 0) return out;
  const ranged = Boolean(range.from || range.to);
  const totals = await getDb().execute(sql`
    select c.workspace_id,
      count(*)::int as campaigns,
      coalesce(sum(c.dials), 0)::int as dials, coalesce(sum(c.total_pickups), 0)::int as pickups,
      coalesce(sum(c.outcome_appointment_booked), 0)::int as appointments, coalesce(sum(c.total_positive_outcomes), 0)::int as positive,
      coalesce(sum(c.total_min_used), 0)::float8 as minutes, coalesce(sum(c.total_min_used_today), 0)::float8 as minutes_today,
      min(c.synced_at) filter (where c.status = 'created') as synced_at
    from campaigns c
    where c.workspace_id in (${ids(workspaceIds)})
    group by c.workspace_id`);
  for (const r of rowsOf<Record<string, unknown>>(totals)) {
    out.set(String(r.workspace_id), {
      workspaceId: String(r.workspace_id),
      campaigns: Number(r.campaigns),
      dials: Number(r.dials),
      pickups: Number(r.pickups),
      appointments: Number(r.appointments),
      positive: Number(r.positive),
      minutes: Math.round(Number(r.minutes) * 100) / 100,
      minutesToday: Math.round(Number(r.minutes_today) * 100) / 100,
      syncedAt: r.synced_at ? new Date(String(r.synced_at)) : null,
    });
  }
  if (ranged) {
    const inRange = await getDb().execute(sql`
      select k.workspace_id, count(*)::int as dials, count(*) filter (where k.picked_up)::int as pickups,
        count(*) filter (where k.outcome_key = 'appointment_booked')::int as appointments,
        count(*) filter (where k.outcome_key in ('appointment_booked', 'callback_requested', 'transferred'))::int as positive,
        coalesce(sum(k.duration_seconds), 0)::float8 / 60 as minutes
      from calls k
      where k.workspace_id in (${ids(workspaceIds)}) and k.campaign_id is not null
        ${range.from ? sql`and k.started_at >= ${range.from.toISOString()}::timestamptz` : sql``}
        ${range.to ? sql`and k.started_at < ${range.to.toISOString()}::timestamptz` : sql``}
      group by k.workspace_id`);
    const found = new Map(rowsOf<Record<string, unknown>>(inRange).map((r) => [String(r.workspace_id), r]));
    for (const f of out.values()) {
      const r = found.get(f.workspaceId);
      Object.assign(f, {
        dials: Number(r?.dials ?? 0),
        pickups: Number(r?.pickups ?? 0),
        appointments: Number(r?.appointments ?? 0),
        positive: Number(r?.positive ?? 0),
        minutes: Math.round(Number(r?.minutes ?? 0) * 100) / 100,
      });
    }
  }
  for (const id of workspaceIds) {
    if (!out.has(id)) out.set(id, { workspaceId: id, ...noFigures() });
  }
  return out;
}

/** A workspace with no campaigns, and where totals start. */
function noFigures(): Omit<PortfolioFigures, "workspaceId"> {
  return { campaigns: 0, dials: 0, pickups: 0, appointments: 0, positive: 0, minutes: 0, minutesToday: 0, syncedAt: null };
}

/** The totals row of a board. */
export function sumFigures(rows: PortfolioFigures[]): Omit<PortfolioFigures, "workspaceId"> {
  const t = noFigures();
  for (const r of rows) {
    t.campaigns += r.campaigns;
    t.dials += r.dials;
    t.pickups += r.pickups;
    t.appointments += r.appointments;
    t.positive += r.positive;
    t.minutes += r.minutes;
    t.minutesToday += r.minutesToday;
    if (r.syncedAt && (!t.syncedAt || r.syncedAt < t.syncedAt)) t.syncedAt = r.syncedAt;
  }
  t.minutes = Math.round(t.minutes * 100) / 100;
  t.minutesToday = Math.round(t.minutesToday * 100) / 100;
  return t;
}
