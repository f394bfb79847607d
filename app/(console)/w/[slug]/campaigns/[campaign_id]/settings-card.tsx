import type { ReactNode } from "react";
import type { CampaignJson } from "@/lib/api/serialize";
import { formatCount } from "@/lib/ui/format";
import { Time } from "@/components/time";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

/** The eight fields the campaign was created with, and where it came from. */
export function SettingsCard({ c, timeZone, now }: { c: CampaignJson; timeZone: string; now: Date }) {
  const settings: [string, ReactNode][] = [
    [
      "Agent",
      <span key="agent" className="grid">
        <span>{c.agent_name ?? "Unknown agent"}</span>
        <span className="font-mono text-xs text-muted-foreground">{c.agent_id}</span>
      </span>,
    ],
    // the calling window is in the zone the campaign was created with, whatever the workspace uses now
    ["Start time", `${c.start_time} (${c.timezone})`],
    ["End time", `${c.end_time} (${c.timezone})`],
    ["Min calls per hour", String(c.min_calls_per_hour)],
    ["Max calls per hour", String(c.max_calls_per_hour)],
    ["Daily usage cap", c.daily_usage_cap === null ? "No cap" : `${formatCount(c.daily_usage_cap)} min`],
    ["Max dials per contact", c.max_dials_per_contact === null ? "No limit" : String(c.max_dials_per_contact)],
    ["Active", c.is_active === null ? "—" : c.is_active ? "Yes" : "No"],
    ["Nedzo campaign ID", c.nedzo_campaign_id ?? "—"],
    ["Created by", `${c.created_by?.email ?? "—"}${c.via_workspace_name ? ` (through ${c.via_workspace_name})` : ""}`],
    ["Created", <Time key="created" value={c.created_at} timeZone={timeZone} now={now} />],
    ["Last synced from Nedzo", <Time key="synced" value={c.synced_at} timeZone={timeZone} now={now} />],
  ];
  return (
    <Card>
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
  );
}
