import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertTriangle, ArrowLeft, Loader2, XCircle } from "lucide-react";
import { createsAhead } from "@/db/queries/jobs";
import { serializeCampaign } from "@/lib/api/serialize";
import { findWorkspace, requireWorkspace } from "@/lib/auth/page-guard";
import { outcomeFields } from "@/lib/nedzo/schemas";
import { formatCount, formatMinutes, OUTCOME_LABELS } from "@/lib/ui/format";
import { StatusBadge } from "@/components/status-badge";
import { LiveUpdates } from "@/components/live-updates";
import { Time } from "@/components/time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { campaignOf } from "./campaign";
import { OutcomeChart } from "./outcome-chart";
import { RefreshWhileWaiting } from "./refresh-while-waiting";
import { ResolveUnknown } from "./resolve-unknown";

type Props = { params: Promise<{ slug: string; campaign_id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, campaign_id } = await params;
  const ws = await findWorkspace(slug);
  const row = ws ? await campaignOf(ws.workspace.id, campaign_id) : null;
  return ws && row ? { title: { absolute: `${row.name} · ${ws.workspace.name}` } } : { title: "Campaign" };
}

export default async function CampaignPage({ params }: Props) {
  const { slug, campaign_id } = await params;
  const membership = await requireWorkspace(slug, `/w/${slug}/campaigns/${campaign_id}`);
  const row = await campaignOf(membership.workspace.id, campaign_id);
  if (!row) notFound();
  const c = serializeCampaign(row);
  const ahead = c.status === "queued" ? await createsAhead(membership.workspace.id, c.id) : null;
  const tz = membership.workspace.timezone;
  const now = new Date();
  const outcomes = outcomeFields.map((f) => ({ label: OUTCOME_LABELS[f], value: c[f] }));

  const stats = [
    ["Dials", formatCount(c.dials)],
    ["Pickups", formatCount(c.total_pickups)],
    ["Positive outcomes", formatCount(c.total_positive_outcomes)],
    ["Minutes used", formatMinutes(c.total_min_used)],
    ["Minutes used today", formatMinutes(c.total_min_used_today)],
  ];
  const settings: [string, ReactNode][] = [
    ["Agent", c.agent_id],
    // the calling window is in the zone the campaign was created with, whatever the workspace uses now
    ["Start time", `${c.start_time} (${c.timezone})`],
    ["End time", `${c.end_time} (${c.timezone})`],
    ["Min calls per hour", String(c.min_calls_per_hour)],
    ["Max calls per hour", String(c.max_calls_per_hour)],
    ["Daily usage cap", c.daily_usage_cap === null ? "No cap" : formatCount(c.daily_usage_cap)],
    ["Max dials per contact", c.max_dials_per_contact === null ? "No limit" : String(c.max_dials_per_contact)],
    ["Active", c.is_active === null ? "—" : c.is_active ? "Yes" : "No"],
    ["Nedzo campaign ID", c.nedzo_campaign_id ?? "—"],
    ["Created by", `${c.created_by?.email ?? "—"}${c.via_workspace_name ? ` (through ${c.via_workspace_name})` : ""}`],
    ["Created", <Time key="created" value={c.created_at} timeZone={tz} now={now} />],
    ["Last synced from Nedzo", <Time key="synced" value={c.synced_at} timeZone={tz} now={now} />],
  ];

  return (
    <article className="grid grid-cols-1 gap-6" aria-labelledby="campaign-name">
      <LiveUpdates workspaceId={membership.workspace.id} campaignIds={[c.id]} />
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

      {c.status === "unknown" ? (
        <Alert variant="warning">
          <AlertTriangle aria-hidden />
          <AlertTitle>Nedzo may have created this campaign</AlertTitle>
          <AlertDescription>
            <p>{c.error?.detail}</p>
            <p>Check your Nedzo account for a campaign named “{c.name}” before creating it again, so it is not created twice.</p>
            {membership.can("campaigns.create") ? (
              <div className="mt-4">
                <ResolveUnknown workspaceId={membership.workspace.id} campaignId={c.id} />
              </div>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : c.status === "failed" ? (
        <Alert variant="destructive">
          <XCircle aria-hidden />
          <AlertTitle>Nedzo did not create this campaign{c.error?.status ? ` (HTTP ${c.error.status})` : ""}</AlertTitle>
          <AlertDescription>
            <p>{c.error?.detail}</p>
          </AlertDescription>
        </Alert>
      ) : c.status === "queued" || c.status === "pending" ? (
        <Alert aria-live="polite">
          <Loader2 aria-hidden className="animate-spin" />
          <AlertTitle>{c.status === "queued" ? "Queued for Nedzo" : "Sent to Nedzo"}</AlertTitle>
          <AlertDescription>
            <p>
              {c.status === "queued"
                ? ahead
                  ? `Waiting for this Nedzo token's next write slot: ${formatCount(ahead)} ${ahead === 1 ? "create is" : "creates are"} ahead of it (Nedzo takes about one a second).`
                  : "Next in line for this Nedzo token's write slot."
                : "Waiting for Nedzo to answer…"}
            </p>
            <p>This page updates by itself; you can leave it, the campaign will be created all the same.</p>
          </AlertDescription>
          <RefreshWhileWaiting />
        </Alert>
      ) : null}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded-xl border bg-card p-4 text-card-foreground shadow-sm">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle>Outcomes</CardTitle>
            <CardDescription>Calls by outcome, as Nedzo last reported them.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <OutcomeChart data={outcomes} />
            <table className="w-full text-sm">
              <caption className="sr-only">Calls by outcome</caption>
              <tbody>
                {outcomes.map((o) => (
                  <tr key={o.label} className="border-b last:border-0">
                    <th scope="row" className="py-1.5 text-left font-normal text-muted-foreground">
                      {o.label}
                    </th>
                    <td className="py-1.5 text-right tabular-nums">{formatCount(o.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Settings</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              {settings.map(([label, value]) => (
                <div key={label} className="grid grid-cols-[10rem_1fr] gap-2">
                  <dt className="text-muted-foreground">{label}</dt>
                  <dd className="break-all">{value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
    </article>
  );
}
