import Link from "next/link";
import { ArrowLeft, ArrowRight, Download } from "lucide-react";
import type { serializeCall } from "@/lib/api/serialize";
import { formatCount } from "@/lib/ui/format";
import { OUTCOME_NAMES, OUTCOME_ORDER, isOutcomeKey } from "@/components/charts/outcomes";
import { Time } from "@/components/time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type CallJson = ReturnType<typeof serializeCall>;

/** "2:05" for 125 seconds; "—" when Nedzo did not say. */
export const formatDuration = (s: number | null) => (s === null ? "—" : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`);

/** The outcome key as people read it, with Nedzo's own words when they are none of the nine. */
export function outcomeText(c: Pick<CallJson, "outcome" | "outcome_key">) {
  const name = isOutcomeKey(c.outcome_key) ? OUTCOME_NAMES[c.outcome_key] : c.outcome_key;
  return c.outcome_key === "other" && c.outcome ? `${name} (${c.outcome})` : name;
}

type Props = {
  calls: CallJson[];
  action: string;
  filters: { outcome?: string; fromText: string; toText: string; range?: string };
  callHref: (id: string) => string;
  prevHref: string | null;
  nextHref: string | null;
  exportHref: string | null;
  timeZone: string;
  now: Date;
  masked: boolean;
};

/** The campaign's calls, newest first, from the mirror: filter by outcome and days, page both ways, open one. */
export function CallLog({ calls, action, filters, callHref, prevHref, nextHref, exportHref, timeZone, now, masked }: Props) {
  const filtered = Boolean(filters.outcome || filters.fromText || filters.toText);
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle id="call-log-heading">Call log</CardTitle>
          <CardDescription>
            Newest first. Days are in {timeZone}.{masked ? " Your role sees contact numbers by their last 4 digits." : ""}
          </CardDescription>
        </div>
        {exportHref ? (
          <Button asChild variant="outline" size="sm">
            <a href={exportHref} download>
              <Download aria-hidden /> Download CSV
            </a>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        <form action={action} method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the call log">
          {filters.range ? <input type="hidden" name="range" value={filters.range} /> : null}
          <div className="grid gap-1.5">
            <Label htmlFor="log-outcome">Outcome</Label>
            <NativeSelect id="log-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
              <option value="">Any outcome</option>
              {OUTCOME_ORDER.map((k) => (
                <option key={k} value={k}>
                  {OUTCOME_NAMES[k]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="log-from">From</Label>
            <Input id="log-from" name="from" type="date" defaultValue={filters.fromText} className="w-40" />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="log-to">To</Label>
            <Input id="log-to" name="to" type="date" defaultValue={filters.toText} className="w-40" />
          </div>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Link href={filters.range ? `${action}?range=${filters.range}` : action} className="text-sm underline underline-offset-4">
              Clear filters
            </Link>
          ) : null}
        </form>

        {calls.length === 0 ? (
          <p className="text-sm text-muted-foreground">{filtered ? "No calls match these filters." : "No calls yet."}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableCaption className="sr-only">Calls of this campaign, newest first</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Time</TableHead>
                  <TableHead>Contact</TableHead>
                  <TableHead>Outcome</TableHead>
                  <TableHead className="text-right">Duration</TableHead>
                  <TableHead>Summary</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {calls.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="whitespace-nowrap">
                      <Link href={callHref(c.id)} className="font-medium underline underline-offset-4">
                        <Time value={c.started_at} timeZone={timeZone} now={now} />
                      </Link>
                    </TableCell>
                    <TableCell className="font-mono text-xs whitespace-nowrap" data-contact>
                      {c.contact_phone ?? "—"}
                    </TableCell>
                    <TableCell className="whitespace-nowrap" data-outcome={c.outcome_key}>
                      {outcomeText(c)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatDuration(c.duration_seconds)}</TableCell>
                    <TableCell className="max-w-md truncate text-muted-foreground" title={c.summary ?? undefined}>
                      {c.summary ?? "—"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {prevHref || nextHref ? (
          <nav aria-label="Call log pages" className="flex items-center justify-between gap-2 text-sm">
            <span className="text-muted-foreground">{formatCount(calls.length)} calls on this page</span>
            <span className="flex gap-2">
              {prevHref ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={prevHref} scroll={false}>
                    <ArrowLeft aria-hidden /> Previous page
                  </Link>
                </Button>
              ) : null}
              {nextHref ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={nextHref} scroll={false}>
                    Next page <ArrowRight aria-hidden />
                  </Link>
                </Button>
              ) : null}
            </span>
          </nav>
        ) : null}
      </CardContent>
    </Card>
  );
}
