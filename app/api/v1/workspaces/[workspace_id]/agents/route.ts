import { getConnection } from "@/db/queries/workspaces";
import { apiError } from "@/lib/api/errors";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeAgent } from "@/lib/api/serialize";
import { listNedzoAgents, targetFor } from "@/lib/nedzo/client";

// GET /api/v1/workspaces/:id/agents — the workspace's Nedzo agents, to pick one by name
export const GET = withWorkspace({ permission: "campaigns.create" }, async ({ workspaceId }) => {
  const connection = await getConnection(workspaceId);
  if (!connection) throw apiError(409, "This workspace is not connected to Nedzo yet.", { type: "no-connection" });
  const result = await listNedzoAgents(targetFor(connection));
  if (!result.ok) {
    if (result.reason === "unauthorized")
      throw apiError(502, "Nedzo rejected this workspace's token: an admin should reconnect it in Settings.");
    throw apiError(result.reason === "timeout" ? 504 : 502, `Could not load agents from Nedzo: ${result.detail}`);
  }
  return json({ agents: result.agents.map(serializeAgent) });
});
