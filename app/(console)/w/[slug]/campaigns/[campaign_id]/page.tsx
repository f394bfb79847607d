import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Info, PhoneOff } from "lucide-react";
import { callSeries } from "@/db/queries/call-insights";
import { listCalls } from "@/db/queries/calls";
import { createsAhead } from "@/db/queries/jobs";
import { serializeCall, serializeCampaign, serializeSync } from "@/lib/api/serialize";
import { findWorkspace, requireWorkspace, workspaceConnection } from "@/lib/auth/page-guard";
import { isStale } from "@/lib/calls/freshness";
import { syncStatus } from "@/lib/calls/sync";
import { Freshness } from "@/components/freshness";
import { LiveUpdates } from "@/components/live-updates";
import { StatusBadge } from "@/components/status-badge";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CallLog } from "./call-log";
import { CallsOverTime } from "./calls-over-time";
import { campaignOf } from "./campaign";
import { Kpis } from "./kpis";
import { OutcomeCard } from "./outcome-card";
import { chartWindow, DEFAULT_RANGE, readCampaignQuery, type RangeId } from "./query";
import { SettingsCard } from "./settings-card";
import { StatusAlerts } from "./status-alerts";
import { SyncNow } from "./sync-now";

const PAGE_SIZE = 25;

type Props = {
  params: Promise<{ slug: string; campaign_id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, campaign_id } = await params;
  const ws = await findWorkspace(slug);
  const row = ws ? await campaignOf(ws.workspace.id, campaign_id) : null;
  return ws && row ? { title: { absolute: `${row.name} · ${ws.workspace.name}` } } : { title: "Campaign" };
}

export default async function CampaignPage({ params, searchParams }: Props) {
  const { slug, campaign_id } = await params;
  const membership = await requireWorkspace(slug, `/w/${slug}/campaigns/${campaign_id}`);
  const workspaceId = membership.workspace.id;
  const row = await campaignOf(workspaceId, campaign_id);
  if (!row) notFound();
  const c = serializeCampaign(row);
  const tz = membership.workspace.timezone;
  const now = new Date();
  const q = readCampaignQuery(await searchParams, tz);
  const created = c.status === "created";
  const ids = { workspaceId, campaignId: c.id };

  const [ahead, connection, sync, chart, page] = await Promise.all([
    c.status === "queued" ? createsAhead(workspaceId, c.id) : null,
    workspaceConnection(workspaceId),
    syncStatus(workspaceId),
    created ? chartWindow(q.range, ids, tz, now) : null,
    created ? listCalls(workspaceId, c.id, { limit: PAGE_SIZE, cursor: q.cursor, outcome: q.outcome, from: q.from, to: q.to }) : null,
  ]);
  const points = chart ? await callSeries(workspaceId, c.id, chart) : [];
  const wholeContact = membership.can("calls.view_contacts");
  const calls = (page?.items ?? []).map((k) => serializeCall(k, { wholeContact }));
  const noCalls = created && c.dials === 0 && calls.length === 0 && !q.outcome && !q.from && !q.to && !q.cursor;

  // every link keeps the other half's state: the chart's range, the log's filters
  const base = `/w/${slug}/campaigns/${c.id}`;
  const state = (over: { range?: RangeId; cursor?: string | null }) => {
    const p = new URLSearchParams();
    const range = over.range ?? q.range;
    if (range !== DEFAULT_RANGE) p.set("range", range);
    if (q.outcome) p.set("outcome", q.outcome);
    if (q.fromText) p.set("from", q.fromText);
    if (q.toText) p.set("to", q.toText);
    if (over.cursor) p.set("cursor", over.cursor);
    return `${base}${p.size ? `?${p}` : ""}`;
  };
  const exportParams = new URLSearchParams({
    ...(q.outcome && { outcome: q.outcome }),
    ...(q.from && { from: q.from.toISOString() }),
    ...(q.to && { to: q.to.toISOString() }),
  });
  const exportHref = membership.can("exports.download")
    ? `/api/v1/workspaces/${workspaceId}/campaigns/${c.id}/calls/export.csv${exportParams.size ? `?${exportParams}` : ""}`
    : null;

  return (
    <article className="grid grid-cols-1 gap-6" aria-labelledby="campaign-name">
      <LiveUpdates workspaceId={workspaceId} campaignIds={[c.id]} />
      <div className="grid gap-2">
        <Link href={`/w/${slug}`} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft aria-hidden className="size-4" /> All campaigns
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="campaign-name" className="text-xl font-semibold">
            {c.name}
          </h1>
          <StatusBadge status={c.status} />
        </div>
      </div>

      <StatusAlerts c={c} ahead={ahead} workspaceId={workspaceId} canResolve={membership.can("campaigns.create")} />

      {q.ignored.length ? (
        <Alert>
          <Info aria-hidden />
          <AlertDescription>Part of this link could not be read and was left out: {[...new Set(q.ignored)].join(", ")}.</AlertDescription>
        </Alert>
      ) : null}

      {created ? (
        <section aria-label="Insights" className="grid gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Freshness syncedAt={c.synced_at} stale={isStale(c.synced_at, now)} timeZone={tz} now={now} />
            <SyncNow
              workspaceId={workspaceId}
              initial={serializeSync(sync.state, sync.calls)}
              canRequest={membership.can("sync.request") && Boolean(connection)}
            />
          </div>
          <Kpis c={c} />
          {noCalls ? (
            <Card>
              <CardHeader>
                <CardTitle className="flex items-center gap-2">
                  <PhoneOff aria-hidden className="size-4" /> No calls yet
                </CardTitle>
                <CardDescription>
                  Calls appear here as Nedzo makes them: the console syncs every minute, or when someone presses Sync now.
                </CardDescription>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">
                {connection?.mode === "sandbox"
                  ? "This workspace uses the sandbox: a sandbox campaign places its first call within a minute of being created, and more as time goes by."
                  : "Nedzo calls within the campaign's calling window, up to its max calls per hour."}
              </CardContent>
            </Card>
          ) : (
            <>
              <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
                <div className="xl:col-span-3">
                  <CallsOverTime
                    points={points}
                    bucket={chart?.bucket ?? null}
                    range={q.range}
                    rangeHref={(range) => state({ range })}
                    timeZone={tz}
                    now={now}
                  />
                </div>
                <div className="xl:col-span-2">
                  <OutcomeCard c={c} />
                </div>
              </div>
              <CallLog
                calls={calls}
                action={base}
                filters={{
                  outcome: q.outcome,
                  fromText: q.fromText,
                  toText: q.toText,
                  range: q.range === DEFAULT_RANGE ? undefined : q.range,
                }}
                callHref={(id) => `${base}/calls/${id}`}
                prevHref={page?.prevCursor ? state({ cursor: page.prevCursor }) : null}
                nextHref={page?.nextCursor ? state({ cursor: page.nextCursor }) : null}
                exportHref={exportHref}
                timeZone={tz}
                now={now}
                masked={!wholeContact}
              />
            </>
          )}
        </section>
      ) : null}

      <SettingsCard c={c} timeZone={tz} now={now} />
    </article>
  );
}
