import Link from "next/link";
import type { Bucket, SeriesPoint } from "@/db/queries/call-insights";
import { formatCount, zoneName } from "@/lib/ui/format";
import { LazyCallsOverTimeChart } from "@/components/charts/lazy";
import { OUTCOME_NAMES, OUTCOME_ORDER } from "@/components/charts/outcomes";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { bucketLabel, RANGES, type RangeId } from "./query";

/**
 * Calls per hour (a range of two days or less) or per day, stacked by outcome, on the workspace's wall
 * clock; the range is a link each (`?range=`), the numbers also in a table for screen readers and anyone
 * who wants them exact.
 */
export function CallsOverTime({
  points,
  bucket,
  range,
  rangeHref,
  timeZone,
  now,
}: {
  points: SeriesPoint[];
  bucket: Bucket | null;
  range: RangeId;
  rangeHref: (range: RangeId) => string;
  timeZone: string;
  now: Date;
}) {
  const keys = OUTCOME_ORDER.filter((k) => points.some((p) => p[k] > 0));
  const total = points.reduce((s, p) => s + p.total, 0);
  const data = points.map((p) => ({
    label: bucketLabel(p.local, bucket ?? "day", false),
    ...Object.fromEntries(keys.map((k) => [k, p[k]])),
  }));
  const per = bucket === "hour" ? "hour" : "day";
  const rangeName = RANGES.find((r) => r.id === range)!.label.toLowerCase();
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle id="over-time-heading">Calls over time</CardTitle>
          <CardDescription>
            Calls per {per}, by outcome, {rangeName} ({timeZone}, {zoneName(now, timeZone)}): {formatCount(total)} in all.
          </CardDescription>
        </div>
        <nav aria-label="Chart range" className="flex flex-wrap gap-1">
          {RANGES.map((r) => (
            <Link
              key={r.id}
              href={rangeHref(r.id)}
              scroll={false}
              aria-current={r.id === range ? "true" : undefined}
              className={cn(
                "rounded-md border px-2.5 py-1 text-xs font-medium",
                r.id === range ? "border-primary bg-primary text-primary-foreground" : "hover:bg-muted",
              )}
            >
              {r.label}
            </Link>
          ))}
        </nav>
      </CardHeader>
      <CardContent className="grid gap-3">
        {total === 0 ? (
          <p className="text-sm text-muted-foreground">No calls in this range.</p>
        ) : (
          <>
            <LazyCallsOverTimeChart data={data} keys={keys} />
            <details className="text-sm">
              <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Show the numbers as a table</summary>
              <div className="mt-2 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={`Calls per ${per}, the numbers`}>
                <table className="w-full text-xs tabular-nums">
                  <caption className="sr-only">Calls per {per} by outcome</caption>
                  <thead>
                    <tr className="border-b">
                      <th scope="col" className="py-1 pr-2 text-left font-medium">
                        {bucket === "hour" ? "Hour" : "Day"}
                      </th>
                      {keys.map((k) => (
                        <th key={k} scope="col" className="px-1 py-1 text-right font-medium">
                          {OUTCOME_NAMES[k]}
                        </th>
                      ))}
                      <th scope="col" className="py-1 pl-2 text-right font-medium">
                        Total
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {points
                      .filter((p) => p.total > 0)
                      .map((p) => (
                        <tr key={p.local} className="border-b last:border-0">
                          <th scope="row" className="py-1 pr-2 text-left font-normal whitespace-nowrap">
                            {bucketLabel(p.local, bucket ?? "day", true)}
                          </th>
                          {keys.map((k) => (
                            <td key={k} className="px-1 py-1 text-right">
                              {formatCount(p[k])}
                            </td>
                          ))}
                          <td className="py-1 pl-2 text-right font-medium">{formatCount(p.total)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
                <p className="mt-1 text-xs text-muted-foreground">Periods without calls are left out of the table.</p>
              </div>
            </details>
          </>
        )}
      </CardContent>
    </Card>
  );
}
