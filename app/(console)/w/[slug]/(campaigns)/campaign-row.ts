import type { CampaignJson } from "@/lib/api/serialize";

// A row of the campaigns page's list, as the server hands it to the table (./campaign-table.tsx, a client
// component): only what the row shows, so only that travels in the page's payload.

/** What a row of the list shows of a campaign (CampaignJson's fields), and whether its numbers are stale. */
export type CampaignRow = Pick<
  CampaignJson,
  | "id"
  | "name"
  | "status"
  | "agent_id"
  | "agent_name"
  | "is_active"
  | "start_time"
  | "end_time"
  | "timezone"
  | "min_calls_per_hour"
  | "max_calls_per_hour"
  | "dials"
  | "total_pickups"
  | "total_positive_outcomes"
  | "total_min_used"
  | "synced_at"
  | "via_workspace_name"
  | "created_at"
> & { creator_email: string | null; stale: boolean };

/** A campaign as a row (on the server: `stale` is decided there, lib/calls/freshness.ts). */
export function campaignRow(c: CampaignJson, stale: boolean): CampaignRow {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    agent_id: c.agent_id,
    agent_name: c.agent_name,
    is_active: c.is_active,
    start_time: c.start_time,
    end_time: c.end_time,
    timezone: c.timezone,
    min_calls_per_hour: c.min_calls_per_hour,
    max_calls_per_hour: c.max_calls_per_hour,
    dials: c.dials,
    total_pickups: c.total_pickups,
    total_positive_outcomes: c.total_positive_outcomes,
    total_min_used: c.total_min_used,
    synced_at: c.synced_at,
    via_workspace_name: c.via_workspace_name,
    created_at: c.created_at,
    creator_email: c.created_by?.email ?? null,
    stale,
  };
}
