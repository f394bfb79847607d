import { describe, expect, it, vi } from "vitest";
import * as workspaceRoute from "@/app/api/v1/workspaces/[workspace_id]/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as campaignRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/route";
import * as resolutionRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/[campaign_id]/resolution/route";
import * as agentsRoute from "@/app/api/v1/workspaces/[workspace_id]/agents/route";
import * as membersRoute from "@/app/api/v1/workspaces/[workspace_id]/members/route";
import * as memberRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/route";
import * as memberClientsRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/clients/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/route";
import * as invitationRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/[invitation_id]/route";
import * as resendRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/[invitation_id]/resend/route";
import * as clientsRoute from "@/app/api/v1/workspaces/[workspace_id]/clients/route";
import * as accessRoute from "@/app/api/v1/workspaces/[workspace_id]/agency-access/route";
import * as auditRoute from "@/app/api/v1/workspaces/[workspace_id]/audit-events/route";
import { call } from "../helpers/api";
import { campaignBody } from "../helpers/workspaces";
import { agencyWorld, type AgencyWorld } from "../helpers/world";

// Every workspace endpoint × every kind of caller, with the exact status each must get.
// Callers, in column order: the client's owner, admin, member, viewer; the agency's owner (admin here
// through the agency); an agency member limited to another client; the owner of a sibling client;
// a stranger; and nobody signed in.
const ACTORS = ["owner", "admin", "member", "viewer", "agencyOwner", "limited", "siblingOwner", "stranger", "signedOut"] as const;

type Row = {
  name: string;
  handler: (req: Request, ctx: never) => Promise<Response>;
  method: string;
  params: (w: AgencyWorld) => Record<string, string>;
  body?: (w: AgencyWorld) => unknown;
  expected: number[];
};

const on = (w: AgencyWorld) => ({ workspace_id: w.client.id });
const hidden = [404, 404, 404, 401];

const ROWS: Row[] = [
  { name: "GET workspace", handler: workspaceRoute.GET, method: "GET", params: on, expected: [200, 200, 200, 200, 200, ...hidden] },
  {
    name: "PATCH workspace",
    handler: workspaceRoute.PATCH,
    method: "PATCH",
    params: on,
    body: () => ({ timezone: "Europe/Paris" }),
    expected: [200, 200, 403, 403, 200, ...hidden],
  },
  {
    name: "PUT nedzo-connection",
    handler: connectionRoute.PUT,
    method: "PUT",
    params: on,
    body: () => ({ mode: "sandbox" }),
    expected: [200, 200, 403, 403, 200, ...hidden],
  },
  {
    name: "DELETE nedzo-connection",
    handler: connectionRoute.DELETE,
    method: "DELETE",
    params: on,
    expected: [204, 204, 403, 403, 204, ...hidden],
  },
  { name: "GET campaigns", handler: campaignsRoute.GET, method: "GET", params: on, expected: [200, 200, 200, 200, 200, ...hidden] },
  {
    name: "POST campaigns",
    handler: campaignsRoute.POST,
    method: "POST",
    params: on,
    body: () => campaignBody(),
    expected: [201, 201, 201, 403, 201, ...hidden],
  },
  {
    name: "GET campaign",
    handler: campaignRoute.GET,
    method: "GET",
    params: (w) => ({ ...on(w), campaign_id: w.campaignId }),
    expected: [200, 200, 200, 200, 200, ...hidden],
  },
  // the world's campaign was created, so those allowed in learn it needs no resolving (409)
  {
    name: "POST campaign resolution",
    handler: resolutionRoute.POST,
    method: "POST",
    params: (w) => ({ ...on(w), campaign_id: w.campaignId }),
    body: () => ({ action: "mark_failed" }),
    expected: [409, 409, 409, 403, 409, ...hidden],
  },
  { name: "GET agents", handler: agentsRoute.GET, method: "GET", params: on, expected: [200, 200, 200, 403, 200, ...hidden] },
  { name: "GET members", handler: membersRoute.GET, method: "GET", params: on, expected: [200, 200, 200, 200, 200, ...hidden] },
  {
    name: "PATCH member",
    handler: memberRoute.PATCH,
    method: "PATCH",
    params: (w) => ({ ...on(w), user_id: w.users.target.id }),
    body: () => ({ role: "viewer" }),
    expected: [200, 200, 403, 403, 200, ...hidden],
  },
  {
    name: "DELETE member",
    handler: memberRoute.DELETE,
    method: "DELETE",
    params: (w) => ({ ...on(w), user_id: w.users.target.id }),
    expected: [204, 204, 403, 403, 204, ...hidden],
  },
  { name: "GET invitations", handler: invitationsRoute.GET, method: "GET", params: on, expected: [200, 200, 403, 403, 200, ...hidden] },
  // agency staff invite only while the client has no owner of its own (this one has): see agency-boundaries
  {
    name: "POST invitations",
    handler: invitationsRoute.POST,
    method: "POST",
    params: on,
    body: () => ({ email: "new.person@example.test", role: "viewer" }),
    expected: [201, 201, 403, 403, 403, ...hidden],
  },
  {
    name: "DELETE invitation",
    handler: invitationRoute.DELETE,
    method: "DELETE",
    params: (w) => ({ ...on(w), invitation_id: w.invitationId }),
    expected: [204, 204, 403, 403, 204, ...hidden],
  },
  // resending is sending again: the same right
  {
    name: "POST invitation resend",
    handler: resendRoute.POST,
    method: "POST",
    params: (w) => ({ ...on(w), invitation_id: w.invitationId }),
    expected: [200, 200, 403, 403, 403, ...hidden],
  },
  { name: "GET audit-events", handler: auditRoute.GET, method: "GET", params: on, expected: [200, 200, 403, 403, 200, ...hidden] },
  {
    name: "DELETE workspace",
    handler: workspaceRoute.DELETE,
    method: "DELETE",
    params: on,
    expected: [204, 403, 403, 403, 403, ...hidden],
  },
  {
    name: "PUT agency-access",
    handler: accessRoute.PUT,
    method: "PUT",
    params: on,
    body: () => ({ suspended: true }),
    expected: [200, 403, 403, 403, 403, ...hidden],
  },
  // on the agency itself: its staff only; the client's people never see it
  {
    name: "GET agency clients",
    handler: clientsRoute.GET,
    method: "GET",
    params: (w) => ({ workspace_id: w.agency.id }),
    expected: [404, 404, 404, 404, 200, 200, 404, 404, 401],
  },
  {
    name: "PUT agency member clients",
    handler: memberClientsRoute.PUT,
    method: "PUT",
    params: (w) => ({ workspace_id: w.agency.id, user_id: w.users.limited.id }),
    body: (w) => ({ client_ids: [w.client.id] }),
    expected: [404, 404, 404, 404, 200, 403, 404, 404, 401],
  },
];

const cases = ROWS.flatMap((row) => ACTORS.map((actor, i) => ({ ...row, actor, status: row.expected[i] })));

describe(`authorization matrix: ${ROWS.length} endpoints × ${ACTORS.length} callers = ${cases.length} cases`, () => {
  vi.spyOn(console, "log").mockImplementation(() => {}); // invitation mail printed in development mode

  it.each(cases)("$name as $actor → $status", async ({ handler, method, params, body, actor, status }) => {
    const w = await agencyWorld();
    const user = actor === "signedOut" ? null : w.users[actor];
    const res = await call(handler as never, method, "", { user, params: params(w), body: body?.(w) });
    expect(res.status, res.text).toBe(status);
    if (status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
