import { withWorkspace } from "@/lib/api/guard";
import { campaignListQuery } from "@/lib/api/pagination";
import { csvResponse } from "@/lib/exports/csv";
import { exportCampaigns } from "@/lib/exports/exports";

// GET /api/v1/workspaces/:id/campaigns/export.csv — every campaign the list's filters select, streamed
export const GET = withWorkspace(
  { permission: "exports.download", query: campaignListQuery },
  async ({ workspaceId, actor, query, membership }) => {
    const { limit: _limit, cursor: _cursor, ...filters } = query;
    return csvResponse(await exportCampaigns(workspaceId, actor, filters), `campaigns-${membership.workspace.slug}.csv`);
  },
);
