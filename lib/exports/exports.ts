import { getCampaign, listCampaigns, type ListOptions } from "@/db/queries/campaigns";
import { decodeCursor, type Cursor } from "@/db/queries/keyset";
import { campaignSortColumns } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { getDb } from "@/db";
import { csvStream, csvTextStream } from "./csv";
import { callsCsvPage, CALLS_HEADER } from "./calls-csv";
import type { CallListOptions } from "@/db/queries/calls";

// The two exports: campaigns (the list's filters and order) and a campaign's calls (the call log's filters,
// formatted by the database: lib/exports/calls-csv.ts), streamed 1000 rows a page, each audited when it starts.

const PAGE = 1000;

export async function exportCampaigns(workspaceId: string, actor: Actor, options: Omit<ListOptions, "limit" | "cursor">) {
  await recordAudit(getDb(), actor, {
    workspaceId,
    action: "export.campaigns",
    targetType: "workspace",
    targetId: workspaceId,
    metadata: { q: options.q ?? null, status: options.status ?? null },
  });
  return csvStream(
    [
      "id",
      "name",
      "status",
      "agent_id",
      "agent_name",
      "start_time",
      "end_time",
      "timezone",
      "min_calls_per_hour",
      "max_calls_per_hour",
      "daily_usage_cap",
      "max_dials_per_contact",
      "dials",
      "pickups",
      "positive_outcomes",
      "appointments_booked",
      "minutes_used",
      "minutes_used_today",
      "nedzo_campaign_id",
      "created_by",
      "created_at",
      "synced_at",
    ],
    async (cursor: string | null) => {
      const page = await listCampaigns(workspaceId, {
        ...options,
        limit: PAGE,
        cursor: cursor ? decodeCursor(cursor, campaignSortColumns) : null,
      });
      return { rows: page.campaigns, next: page.nextCursor };
    },
    (c) => [
      c.id,
      c.name,
      c.status,
      c.agentId,
      c.agentName,
      c.startTime,
      c.endTime,
      c.timezone,
      c.minCallsPerHour,
      c.maxCallsPerHour,
      c.dailyUsageCap,
      c.maxDialsPerContact,
      c.dials,
      c.totalPickups,
      c.totalPositiveOutcomes,
      c.outcomeAppointmentBooked,
      c.totalMinUsed,
      c.totalMinUsedToday,
      c.nedzoCampaignId,
      c.creatorEmail,
      c.createdAt,
      c.syncedAt,
    ],
  );
}

export async function exportCalls(
  workspaceId: string,
  campaignId: string,
  actor: Actor,
  options: Omit<CallListOptions, "limit" | "cursor">,
  wholeContact: boolean,
) {
  const campaign = await getCampaign(workspaceId, campaignId);
  if (!campaign) return null;
  await recordAudit(getDb(), actor, {
    workspaceId,
    action: "export.calls",
    targetType: "campaign",
    targetId: campaignId,
    metadata: { name: campaign.name, outcome: options.outcome ?? null },
  });
  const columns = { wholeContact, agentName: campaign.agentName ?? null };
  return csvTextStream<Cursor>(CALLS_HEADER, (cursor) => callsCsvPage(workspaceId, campaignId, options, cursor, columns));
}
