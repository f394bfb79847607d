import "server-only";
import { z } from "zod";
import { bucketFor, callSpan, MAX_BUCKETS, type Bucket } from "@/db/queries/call-insights";
import { callListQuery, firstValues, parseQueryLeniently, type Cursor } from "@/lib/api/pagination";
import { dateInZone, zonedDayBounds } from "@/lib/ui/format";
import type { OutcomeKeyName } from "@/components/charts/outcomes";

// The campaign page's query string, read leniently (a value that cannot be read is left out with a note,
// never an error page): `range` for the chart; `outcome`, `from`, `to` (days of the workspace's zone, or
// RFC 3339 instants) and `cursor` for the call log, through the calls API's own schema.

export const RANGES = [
  { id: "24h", label: "Last 24 hours" },
  { id: "7d", label: "Last 7 days" },
  { id: "30d", label: "Last 30 days" },
  { id: "all", label: "All time" },
] as const;
export type RangeId = (typeof RANGES)[number]["id"];
export const DEFAULT_RANGE: RangeId = "7d";

const rangeQuery = z.object({
  range: z
    .enum(RANGES.map((r) => r.id) as [RangeId, ...RangeId[]], { message: `Must be one of ${RANGES.map((r) => r.id).join(", ")}` })
    .optional(),
});

const logQuery = callListQuery.omit({ limit: true });

export type CampaignQuery = {
  range: RangeId;
  outcome?: OutcomeKeyName;
  /** the log's bounds as instants, and as shown in the form (YYYY-MM-DD, or the instant as given) */
  from?: Date;
  to?: Date;
  fromText: string;
  toText: string;
  cursor: Cursor | null;
  ignored: string[];
};

export function readCampaignQuery(query: Record<string, string | string[] | undefined>, timeZone: string): CampaignQuery {
  const raw = firstValues(query);
  const { query: r, ignored: rangeIgnored } = parseQueryLeniently(rangeQuery, { ...(raw.range && { range: raw.range }) });
  // a day is a whole day of the workspace's zone; an instant is taken as it is
  const log = { outcome: raw.outcome, cursor: raw.cursor, from: raw.from, to: raw.to };
  if (raw.from) log.from = zonedDayBounds(raw.from, timeZone)?.start ?? raw.from;
  if (raw.to) log.to = zonedDayBounds(raw.to, timeZone)?.end ?? raw.to;
  const { query: l, ignored: logIgnored } = parseQueryLeniently(logQuery, Object.fromEntries(Object.entries(log).filter(([, v]) => v)));
  return {
    range: r.range ?? DEFAULT_RANGE,
    outcome: l.outcome,
    from: l.from,
    // the API's `to` is exclusive; a day's bound is its last millisecond
    to: l.to ? new Date(l.to.getTime() + 1) : undefined,
    fromText: l.from ? raw.from : "",
    toText: l.to ? raw.to : "",
    cursor: l.cursor,
    ignored: [...rangeIgnored, ...logIgnored].map((e) => e.path),
  };
}

const DAY_MS = 86_400_000;

/** The chart's window for a range: [from, to) and its bucket; null for all time with no calls yet. */
export async function chartWindow(
  range: RangeId,
  ids: { workspaceId: string; campaignId: string },
  timeZone: string,
  now: Date,
): Promise<{ from: Date; to: Date; bucket: Bucket } | null> {
  if (range === "24h") return { from: new Date(now.getTime() - DAY_MS), to: now, bucket: "hour" };
  if (range === "all") {
    const span = await callSpan(ids.workspaceId, ids.campaignId);
    if (!span) return null;
    // a call dated far off (Nedzo's clock, a hostile webhook) does not stretch the axis without bound
    const to = new Date(Math.min(Math.max(now.getTime(), span.last.getTime() + 1), now.getTime() + DAY_MS));
    const from = new Date(Math.max(span.first.getTime(), to.getTime() - MAX_BUCKETS * DAY_MS));
    return { from, to, bucket: bucketFor(from, to) };
  }
  const days = range === "7d" ? 7 : 30;
  // whole days of the workspace's zone, today included
  const first = zonedDayBounds(dateInZone(new Date(now.getTime() - (days - 1) * DAY_MS), timeZone), timeZone);
  return { from: new Date(first!.start), to: now, bucket: "day" };
}

/** "14:00" for an hour, "12 Mar" for a day: a bucket's wall-clock start as the axis and the table show it. */
export function bucketLabel(local: string, bucket: Bucket, spansDays: boolean): string {
  const [day, time] = local.split("T");
  const [, m, d] = day.split("-").map(Number);
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1];
  if (bucket === "day") return `${d} ${month}`;
  return spansDays ? `${d} ${month} ${time}` : time;
}
