import type { CampaignJson } from "@/lib/api/serialize";
import { formatCount } from "@/lib/ui/format";
import { LazyOutcomeChart } from "@/components/charts/lazy";
import { OUTCOME_COLORS, OUTCOME_NAMES, OUTCOME_ORDER } from "@/components/charts/outcomes";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The campaign's nine outcome counters plus `other` (dials whose outcome is none of the nine: never dropped). */
export function outcomeMix(c: CampaignJson) {
  const nine = OUTCOME_ORDER.filter((k) => k !== "other").map((k) => ({
    key: k,
    value: c[`outcome_${k}` as keyof CampaignJson] as number,
  }));
  const other = Math.max(0, c.dials - nine.reduce((s, o) => s + o.value, 0));
  return [...nine, { key: "other" as const, value: other }].map((o) => ({
    ...o,
    label: OUTCOME_NAMES[o.key],
    color: OUTCOME_COLORS[o.key],
  }));
}

export function OutcomeCard({ c }: { c: CampaignJson }) {
  const mix = outcomeMix(c);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Outcome mix</CardTitle>
        <CardDescription>All calls by outcome. “Other” is any outcome Nedzo reported that is none of the nine.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {c.dials > 0 ? <LazyOutcomeChart data={mix} /> : null}
        <table className="w-full text-sm">
          <caption className="sr-only">Calls by outcome</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Calls</th>
            </tr>
          </thead>
          <tbody>
            {mix.map((o) => (
              <tr key={o.key} className="border-b last:border-0">
                <th scope="row" className="py-1.5 text-left font-normal text-muted-foreground">
                  <span aria-hidden className="mr-2 inline-block size-2.5 rounded-sm" style={{ background: o.color }} />
                  {o.label}
                </th>
                <td className="py-1.5 text-right tabular-nums">{formatCount(o.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}
