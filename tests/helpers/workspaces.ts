import { expect } from "vitest";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import { call, signedInUser, type TestUser } from "./api";
import { sandboxToken } from "./sandbox";

export type TestWorkspace = { id: string; slug: string; owner: TestUser; token: string | null };

export async function createWorkspaceAs(user: TestUser, name = "Acme Outreach", extra: Record<string, unknown> = {}) {
  const res = await call(workspacesRoute.POST, "POST", "/api/v1/workspaces", { user, body: { name, ...extra } });
  expect(res.status, res.text).toBe(201);
  return res.body.workspace as { id: string; slug: string; kind: string; role: string };
}

/** A workspace whose owner connected it in live mode to the HTTP sandbox with a fresh token. */
export async function liveWorkspace(): Promise<TestWorkspace> {
  const owner = await signedInUser();
  const workspace = await createWorkspaceAs(owner);
  const token = sandboxToken();
  const res = await call(connectionRoute.PUT, "PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, {
    user: owner,
    params: { workspace_id: workspace.id },
    body: { mode: "live", token },
  });
  expect(res.status, res.text).toBe(200);
  return { id: workspace.id, slug: workspace.slug, owner, token };
}

export const AGENT_AVA = "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11";

export function campaignBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "Spring renewals",
    agent_id: AGENT_AVA,
    start_time: "09:00",
    end_time: "17:30",
    min_calls_per_hour: 5,
    max_calls_per_hour: 40,
    daily_usage_cap: 120,
    max_dials_per_contact: 3,
    ...overrides,
  };
}
