import { Building2 } from "lucide-react";
import { portfolio } from "@/lib/agencies/portfolio";
import type { PageWorkspace } from "@/lib/auth/page-guard";
import { mayAddClient } from "@/lib/auth/permissions";
import { isStale } from "@/lib/calls/freshness";
import { zoneName } from "@/lib/ui/format";
import { timeZones } from "@/lib/ui/time-zones";
import { LiveUpdates } from "@/components/live-updates";
import { PortfolioCompareChart } from "@/components/portfolio-chart-lazy";
import { FigureDefinitions } from "@/components/portfolio-figures";
import { PortfolioRange } from "@/components/portfolio-range";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AddClientForm } from "../add-client-form";
import { PortfolioBoard, readBoardSort, sortBoard, type BoardSort } from "./portfolio-board";
import { PRESETS, presetDays, readRange } from "./range";

/**
 * An agency's home: the portfolio board — per client its figures over a date range, freshness and
 * connection, sortable, with totals and a chart — each client one click away. It stays live: the agency's
 * event stream carries its readable clients' campaign events.
 */
export async function AgencyHome({
  membership,
  query,
}: {
  membership: PageWorkspace;
  query: Record<string, string | string[] | undefined>;
}) {
  const agency = membership.workspace;
  const tz = agency.timezone;
  const now = new Date();
  const range = readRange(query, tz, now);
  const { sorting, ignored: sortIgnored } = readBoardSort(query);
  const board = await portfolio(membership, membership.user.id, { from: range.from, to: range.to });
  const rows = sortBoard(board.rows, sorting);
  const ignored = [...sortIgnored, ...range.ignored];
  const base = `/w/${agency.slug}`;
  const link = (p: { sort?: BoardSort; days?: { from?: string; to?: string } }) => {
    const params = new URLSearchParams();
    const days = p.days ?? { ...(range.fromDay && { from: range.fromDay }), ...(range.toDay && { to: range.toDay }) };
    for (const [k, v] of Object.entries(days)) params.set(k, v);
    const s = p.sort ?? sorting;
    if (s.column !== "name") params.set("sort", s.column);
    if (s.order !== "asc" || s.column !== "name") params.set("order", s.order);
    return `${base}${params.size ? `?${params}` : ""}`;
  };
  const presets = PRESETS.map((p) => ({ label: p.label, href: link({ days: presetDays(p.id, tz, now) }), current: range.preset === p.id }));
  const rangeLabel = range.preset
    ? PRESETS.find((p) => p.id === range.preset)!.label
    : `${range.fromDay || "the start"} to ${range.toDay || "today"}`;
  const keep: Record<string, string> =
    sorting.column === "name" && sorting.order === "asc" ? {} : { sort: sorting.column, order: sorting.order };
  const chart = rows
    .filter((r) => !r.suspended)
    .map((r) => ({ label: r.workspace.name, dials: r.dials ?? 0, pickups: r.pickups ?? 0, positive: r.positive ?? 0 }));

  return (
    <section aria-labelledby="clients-heading" className="grid grid-cols-1 gap-6">
      <LiveUpdates workspaceId={agency.id} />
      <h1 id="clients-heading" className="text-lg font-semibold">
        Clients
      </h1>
      {ignored.length ? (
        <Alert role="status" variant="warning">
          <AlertDescription>{`This link had something we could not read (${[...new Set(ignored)].join(", ")}); it was left out.`}</AlertDescription>
        </Alert>
      ) : null}
      {rows.length === 0 ? (
        <Card>
          <CardContent className="grid place-items-center gap-2 px-6 py-12 text-center">
            <Building2 aria-hidden className="size-10 text-muted-foreground" />
            <p className="font-medium">No clients yet</p>
            <p className="text-sm text-muted-foreground">
              Add a client workspace below, connect its Nedzo token, and create campaigns for it.
            </p>
          </CardContent>
        </Card>
      ) : (
        <Card aria-labelledby="board-heading">
          <CardHeader className="gap-3">
            <div>
              <CardTitle id="board-heading">Portfolio</CardTitle>
              <CardDescription className="mt-1.5">{rangeLabel}, counted from each client&apos;s calls</CardDescription>
            </div>
            <PortfolioRange
              action={base}
              presets={presets}
              fromDay={range.fromDay}
              toDay={range.toDay}
              keep={keep}
              zone={`${tz}, ${zoneName(now, tz)}`}
            />
          </CardHeader>
          <CardContent className="grid gap-4 p-0 pb-4">
            <PortfolioBoard
              rows={rows}
              totals={board.totals}
              sorting={sorting}
              sortHref={(column, order) => link({ sort: { column, order } })}
              caption={`Clients of ${agency.name}: figures for ${rangeLabel.toLowerCase()}`}
              timeZone={tz}
              now={now}
              stale={(syncedAt, campaigns) => campaigns > 0 && isStale(syncedAt, now)}
            />
            <div className="grid gap-4 px-6">
              <FigureDefinitions />
              {chart.length > 1 ? (
                <div className="grid gap-1">
                  <h3 className="text-sm font-medium">Dials, pickups and positive outcomes per client ({rangeLabel.toLowerCase()})</h3>
                  <PortfolioCompareChart data={chart} />
                </div>
              ) : null}
            </div>
          </CardContent>
        </Card>
      )}
      {mayAddClient(membership) ? (
        <Card className="max-w-lg">
          <CardHeader>
            <CardTitle>Add a client</CardTitle>
            <CardDescription>
              A workspace for one client: its own Nedzo token, campaigns and people. Your agency&apos;s staff act in it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AddClientForm agencyId={agency.id} zones={timeZones()} defaultZone={tz} />
          </CardContent>
        </Card>
      ) : null}
    </section>
  );
}
