import { portfolio } from "@/lib/agencies/portfolio";
import { json, withWorkspace } from "@/lib/api/guard";
import { portfolioQuery } from "@/lib/api/pagination";

// GET /api/v1/workspaces/:id/portfolio?from&to — an agency: one row per client it may reach; a team: itself
export const GET = withWorkspace({ permission: "campaigns.view", query: portfolioQuery }, async ({ membership, user, query }) =>
  json(await portfolio(membership, user.id, query)),
);
