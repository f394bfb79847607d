import { describe, expect, it } from "vitest";
import * as workspaceRoute from "@/app/api/v1/workspaces/[workspace_id]/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as campaignRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/route";
import * as agentsRoute from "@/app/api/v1/workspaces/[workspace_id]/agents/route";
import { addMember, call, signedInUser, type TestUser } from "../helpers/api";
import { sandboxToken, useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

useSandbox();

// Every workspace endpoint, and what each caller must get from it.
const endpoints = [
  { name: "GET workspace", handler: workspaceRoute.GET, method: "GET", body: undefined, viewer: 200, member: 200 },
  { name: "PATCH workspace", handler: workspaceRoute.PATCH, method: "PATCH", body: { name: "Renamed" }, viewer: 403, member: 403 },
  { name: "PUT connection", handler: connectionRoute.PUT, method: "PUT", body: { mode: "sandbox" }, viewer: 403, member: 403 },
  { name: "DELETE connection", handler: connectionRoute.DELETE, method: "DELETE", body: undefined, viewer: 403, member: 403 },
  { name: "GET campaigns", handler: campaignsRoute.GET, method: "GET", body: undefined, viewer: 200, member: 200 },
  { name: "POST campaigns", handler: campaignsRoute.POST, method: "POST", body: "campaign", viewer: 403, member: 201 },
  { name: "GET campaign", handler: campaignRoute.GET, method: "GET", body: undefined, viewer: 200, member: 200 },
  { name: "GET agents", handler: agentsRoute.GET, method: "GET", body: undefined, viewer: 403, member: 200 },
] as const;

describe("workspace endpoints by caller", () => {
  it.each(endpoints)("$name: stranger 404, viewer $viewer, member $member, signed out 401", async (e) => {
    const ws = await liveWorkspace();
    const created = await call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody() });
    expect(created.status).toBe(201);
    const params = { workspace_id: ws.id, campaign_id: created.body.campaign.id };
    const viewer = await signedInUser();
    const member = await signedInUser();
    await addMember(ws.id, viewer, "viewer");
    await addMember(ws.id, member, "member");
    const stranger = await signedInUser();
    const body = e.body === "campaign" ? campaignBody({ name: `by ${e.name}` }) : e.body;
    const as = (user: TestUser | null) => call(e.handler as never, e.method, "", { user, params, body });

    expect((await as(stranger)).status).toBe(404);
    expect((await as(null)).status).toBe(401);
    expect((await as(viewer)).status).toBe(e.viewer);
    expect((await as(member)).status).toBe(e.member);
  });

  it("answers 404 for a workspace id that does not exist or is not a UUID, like for a stranger", async () => {
    const user = await signedInUser();
    for (const id of ["00000000-0000-4000-8000-0000000000aa", "not-a-uuid", "nul\u0000id"]) {
      const res = await call(workspaceRoute.GET, "GET", "", { user, params: { workspace_id: id } });
      expect(res.status).toBe(404);
    }
  });

  it("never lets one workspace read another's campaign by id", async () => {
    const a = await liveWorkspace();
    const b = await liveWorkspace();
    const created = await call(campaignsRoute.POST, "POST", "", { user: a.owner, params: { workspace_id: a.id }, body: campaignBody() });
    const cross = await call(campaignRoute.GET, "GET", "", {
      user: b.owner,
      params: { workspace_id: b.id, campaign_id: created.body.campaign.id },
    });
    expect(cross.status).toBe(404);
    const listB = await call(campaignsRoute.GET, "GET", "", { user: b.owner, params: { workspace_id: b.id } });
    expect(listB.body.campaigns).toEqual([]);
  });

  it("never puts a token in a response body, whatever the endpoint", async () => {
    const ws = await liveWorkspace();
    const token = ws.token!;
    const params = { workspace_id: ws.id };
    const replaced = sandboxToken();
    const bodies = [
      await call(connectionRoute.PUT, "PUT", "", { user: ws.owner, params, body: { mode: "live", token: replaced } }),
      await call(workspaceRoute.GET, "GET", "", { user: ws.owner, params }),
      await call(campaignsRoute.POST, "POST", "", { user: ws.owner, params, body: campaignBody() }),
      await call(campaignsRoute.POST, "POST", "", {
        user: ws.owner,
        params,
        body: campaignBody({ agent_id: "00000000-0000-4000-8000-000000000401" }),
      }),
      await call(campaignsRoute.GET, "GET", "", { user: ws.owner, params }),
      await call(agentsRoute.GET, "GET", "", { user: ws.owner, params }),
    ];
    for (const res of bodies) {
      expect(res.text).not.toContain(token);
      expect(res.text).not.toContain(replaced);
    }
  });
});
