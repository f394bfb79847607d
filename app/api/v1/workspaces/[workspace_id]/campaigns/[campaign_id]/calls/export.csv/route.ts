import { apiError } from "@/lib/api/errors";
import { isUuid, withWorkspace } from "@/lib/api/guard";
import { callListQuery } from "@/lib/api/pagination";
import { can } from "@/lib/auth/permissions";
import { csvResponse } from "@/lib/exports/csv";
import { exportCalls } from "@/lib/exports/exports";

// GET /api/v1/workspaces/:id/campaigns/:campaign_id/calls/export.csv — the call log's selection, streamed
export const GET = withWorkspace(
  { permission: "exports.download", query: callListQuery },
  async ({ workspaceId, actor, params, query, membership }) => {
    const { limit: _limit, cursor: _cursor, ...filters } = query;
    const stream = isUuid(params.campaign_id)
      ? await exportCalls(workspaceId, params.campaign_id, actor, filters, can(membership.role, "calls.view_contacts"))
      : null;
    if (!stream) throw apiError(404, "No such campaign in this workspace.");
    return csvResponse(stream, `calls-${params.campaign_id}.csv`);
  },
);
