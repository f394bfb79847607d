import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, ArrowRight, Download, Megaphone, Plus, Search } from "lucide-react";
import { listCampaigns } from "@/db/queries/campaigns";
import { campaignSortColumns, campaignStatuses } from "@/db/schema";
import { campaignListQuery, campaignOrder, defaultOrder, parseQueryLeniently, type CampaignSort } from "@/lib/api/pagination";
import { serializeCampaign } from "@/lib/api/serialize";
import { findWorkspace, requireWorkspace, workspaceConnection, workspaceTitle } from "@/lib/auth/page-guard";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LiveUpdates } from "@/components/live-updates";
import { SyncControl } from "@/components/sync-control";
import { workspaceFigures } from "@/db/queries/portfolio";
import { serializeFigures } from "@/lib/api/serialize";
import { isStale } from "@/lib/calls/freshness";
import { zoneName } from "@/lib/ui/format";
import { FigureDefinitions, PortfolioFigures, type FiguresJson } from "@/components/portfolio-figures";
import { PortfolioRange } from "@/components/portfolio-range";
import { PortfolioCompareChart } from "@/components/portfolio-chart-lazy";
import { AgencyHome } from "./agency-home";
import { CampaignTable } from "./campaign-table";
import { campaignRow } from "./campaign-row";
import { PRESETS, presetDays, readRange } from "./range";
import { workspaceSync } from "./sync-status";

const PAGE_SIZE = 25;

const SORT_LABELS: Record<CampaignSort, string> = {
  created_at: "created",
  name: "name",
  status: "status",
  dials: "dials",
  total_pickups: "pickups",
  total_positive_outcomes: "positive outcomes",
  total_min_used: "minutes used",
};

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const ws = await findWorkspace(slug);
  return workspaceTitle(slug, ws?.workspace.kind === "agency" ? "Clients" : "Campaigns");
}

export default async function CampaignsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const membership = await requireWorkspace(slug);
  if (membership.workspace.kind === "agency") return <AgencyHome membership={membership} query={query} />;
  const workspaceId = membership.workspace.id;
  const tz = membership.workspace.timezone;
  const now = new Date();
  // the API's own query schemas; a bad filter, sort, cursor or day is left out with a note, never a 500
  const { from: _from, to: _to, ...listParams } = query;
  const { query: list, ignored: listIgnored } = parseQueryLeniently(campaignListQuery.omit({ limit: true }), listParams);
  const range = readRange(query, tz, now);
  const ignored = [...listIgnored.map((e) => e.path), ...range.ignored];
  const { q = "", status, cursor, sort } = list;
  const order = campaignOrder(list);
  const [page, connection, figureRow, sync] = await Promise.all([
    listCampaigns(workspaceId, { limit: PAGE_SIZE, cursor, q: q || undefined, status, sort, order }),
    // the layout's read of the connection and sync state (one statement per render, shared)
    workspaceConnection(workspaceId),
    // the portfolio API's own figures (db/queries/portfolio.ts), for this one workspace
    workspaceFigures(workspaceId, { from: range.from, to: range.to }),
    workspaceSync(workspaceId),
  ]);
  const figures: FiguresJson = serializeFigures(figureRow);
  const filtered = Boolean(q || status);
  const canCreate = membership.can("campaigns.create");
  // every link keeps the filters and the order; sort and order only where they are not the defaults
  const isDefault = (s: CampaignSort, o: string) => o === defaultOrder(campaignSortColumns[s]);
  // …and the figures' date range
  const days = { ...(range.fromDay && { from: range.fromDay }), ...(range.toDay && { to: range.toDay }) };
  const listKeep = (s: CampaignSort, o: string) => {
    const params = new URLSearchParams({ ...(q && { q }), ...(status && { status }) });
    if (s !== "created_at") params.set("sort", s);
    if (!isDefault(s, o)) params.set("order", o);
    return params;
  };
  const href = (p: { sort?: CampaignSort; order?: string; cursor?: string }) => {
    const params = listKeep(p.sort ?? sort, p.order ?? order);
    for (const [k, v] of Object.entries(days)) params.set(k, v);
    if (p.cursor) params.set("cursor", p.cursor);
    return `/w/${slug}${params.size ? `?${params}` : ""}`;
  };
  const presets = PRESETS.map((p) => {
    const params = listKeep(sort, order);
    for (const [k, v] of Object.entries(presetDays(p.id, tz, now))) params.set(k, v);
    return { label: p.label, href: `/w/${slug}${params.size ? `?${params}` : ""}`, current: range.preset === p.id };
  });
  const rangeLabel = range.preset
    ? PRESETS.find((p) => p.id === range.preset)!.label
    : `${range.fromDay || "the start"} to ${range.toDay || "today"}`;
  const exportParams = listKeep(sort, order);
  const exportHref = `/api/v1/workspaces/${workspaceId}/campaigns/export.csv${exportParams.size ? `?${exportParams}` : ""}`;
  const chart = page.campaigns
    .filter((c) => c.status === "created")
    .slice(0, 12)
    .map((c) => ({
      label: c.name.length > 16 ? `${c.name.slice(0, 15)}…` : c.name,
      dials: c.dials,
      pickups: c.totalPickups,
      positive: c.totalPositiveOutcomes,
    }));
  // a column's link: the other way round when it is the current sort, else that column in its natural order
  const sortHref = (column: string) => {
    const s = column as CampaignSort;
    return s === sort ? href({ order: order === "asc" ? "desc" : "asc" }) : href({ sort: s, order: defaultOrder(campaignSortColumns[s]) });
  };
  const prevHref = page.prevCursor ? href({ cursor: page.prevCursor }) : null;
  const nextHref = page.nextCursor ? href({ cursor: page.nextCursor }) : null;
  const sortedBy = `${SORT_LABELS[sort]}, ${order === "asc" ? "ascending" : "descending"}`;

  return (
    <section aria-labelledby="campaigns-heading" className="grid grid-cols-1 gap-4">
      <LiveUpdates workspaceId={workspaceId} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="campaigns-heading" className="text-lg font-semibold">
          Campaigns
        </h1>
        <SyncControl
          workspaceId={workspaceId}
          initial={sync}
          canRequest={membership.can("sync.request")}
          connected={Boolean(connection)}
          timeZone={tz}
        />
      </div>
      <Card aria-labelledby="figures-heading">
        <CardHeader className="gap-3">
          <div>
            <CardTitle id="figures-heading">Figures</CardTitle>
            <CardDescription className="mt-1.5">{rangeLabel}, counted from this workspace&apos;s calls</CardDescription>
          </div>
          <PortfolioRange
            action={`/w/${slug}`}
            presets={presets}
            fromDay={range.fromDay}
            toDay={range.toDay}
            keep={Object.fromEntries(listKeep(sort, order))}
            zone={`${tz}, ${zoneName(now, tz)}`}
          />
        </CardHeader>
        <CardContent className="grid gap-4">
          <PortfolioFigures
            figures={figures}
            rangeLabel={rangeLabel}
            stale={figures.campaigns > 0 && isStale(figures.synced_at, now)}
            timeZone={tz}
            now={now}
          />
          <FigureDefinitions />
          {chart.length > 1 ? (
            <div className="grid gap-1">
              <h3 className="text-sm font-medium">Dials, pickups and positive outcomes per campaign (this page of the list, all time)</h3>
              <PortfolioCompareChart data={chart} />
            </div>
          ) : null}
        </CardContent>
      </Card>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-base font-semibold">Campaign list</h2>
        <form role="search" className="flex flex-wrap items-end gap-2" action={`/w/${slug}`}>
          {Object.entries(days).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {/* a search keeps the order the list is in */}
          {sort !== "created_at" ? <input type="hidden" name="sort" value={sort} /> : null}
          {!isDefault(sort, order) ? <input type="hidden" name="order" value={order} /> : null}
          <div className="grid gap-1">
            <Label htmlFor="q">Search by name</Label>
            <Input id="q" name="q" type="search" defaultValue={q} placeholder="e.g. renewals" className="w-56" />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="status">Status</Label>
            <NativeSelect id="status" name="status" defaultValue={status ?? ""} className="w-36">
              <option value="">Any status</option>
              {campaignStatuses.map((s) => (
                <option key={s} value={s}>
                  {s[0].toUpperCase() + s.slice(1)}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" variant="secondary">
            <Search aria-hidden /> Search
          </Button>
          {membership.can("exports.download") ? (
            <Button asChild variant="outline">
              {/* a download, not a page: the list's filters and order, every page of it */}
              <a href={exportHref} download>
                <Download aria-hidden /> Download CSV
              </a>
            </Button>
          ) : null}
        </form>
      </div>

      {ignored.length ? (
        <Alert role="status" variant="warning">
          <AlertDescription>{`This link had something we could not read (${[...new Set(ignored)].join(", ")}); it was left out.`}</AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardContent className="p-0">
          {page.campaigns.length === 0 ? (
            <div className="grid place-items-center gap-3 px-6 py-16 text-center">
              <Megaphone aria-hidden className="size-10 text-muted-foreground" />
              {filtered ? (
                <>
                  <p className="font-medium">No campaign matches this search.</p>
                  <Link className="text-sm underline underline-offset-4" href={`/w/${slug}`}>
                    Clear the search
                  </Link>
                </>
              ) : (
                <>
                  <p className="font-medium">No campaigns yet</p>
                  <p className="max-w-md text-sm text-muted-foreground">
                    {connection
                      ? "Create a campaign: it is sent to Nedzo, and its numbers show up here."
                      : "Connect this workspace to Nedzo (or to the built-in sandbox) in Settings, then create your first campaign."}
                  </p>
                  {canCreate && connection ? (
                    <Button asChild>
                      <Link href={`/w/${slug}/campaigns/new`}>
                        <Plus aria-hidden /> Create your first campaign
                      </Link>
                    </Button>
                  ) : membership.can("connection.manage") ? (
                    <Button asChild>
                      <Link href={`/w/${slug}/settings`}>Connect Nedzo</Link>
                    </Button>
                  ) : null}
                </>
              )}
            </div>
          ) : (
            <CampaignTable
              campaigns={page.campaigns.map((c) => campaignRow(serializeCampaign(c), isStale(c.syncedAt, now)))}
              slug={slug}
              timeZone={tz}
              caption={`Campaigns of ${membership.workspace.name}, sorted by ${sortedBy}`}
              sorting={{ sort, order }}
              sortHrefs={Object.fromEntries(Object.keys(SORT_LABELS).map((s) => [s, sortHref(s)]))}
              now={now.toISOString()}
            />
          )}
        </CardContent>
      </Card>
      {prevHref || nextHref ? (
        <nav aria-label="Pages of campaigns" className="flex justify-between gap-3 text-sm">
          {prevHref ? (
            <Link className="inline-flex items-center gap-1 underline underline-offset-4" href={prevHref} rel="prev">
              <ArrowLeft aria-hidden className="size-4" /> Previous page
            </Link>
          ) : (
            <span />
          )}
          {nextHref ? (
            <Link className="inline-flex items-center gap-1 underline underline-offset-4" href={nextHref} rel="next">
              Next page <ArrowRight aria-hidden className="size-4" />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
