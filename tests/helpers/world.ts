import { getDb } from "@/db";
import { agencyMemberClients, workspaceMembers } from "@/db/schema";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/route";
import { addMember, call, signedInUser, type TestUser } from "./api";
import { campaignBody, createWorkspaceAs } from "./workspaces";

// An agency with two clients and someone in every position around client one.
export async function agencyWorld() {
  const agencyOwner = await signedInUser();
  const agency = await createWorkspaceAs(agencyOwner, "Northwind Agency", { kind: "agency" });
  const client = await createWorkspaceAs(agencyOwner, "Client One", { parent_id: agency.id });
  const sibling = await createWorkspaceAs(agencyOwner, "Client Two", { parent_id: agency.id });
  const [owner, admin, member, viewer, target, limited, siblingOwner, stranger] = await Promise.all(
    Array.from({ length: 8 }, () => signedInUser()),
  );
  await addMember(client.id, owner, "owner");
  await addMember(client.id, admin, "admin");
  await addMember(client.id, member, "member");
  await addMember(client.id, viewer, "viewer");
  await addMember(client.id, target, "member");
  await getDb().insert(workspaceMembers).values({ workspaceId: agency.id, userId: limited.id, role: "member", clientsLimited: true });
  await getDb().insert(agencyMemberClients).values({ agencyId: agency.id, userId: limited.id, clientId: sibling.id });
  await addMember(sibling.id, siblingOwner, "owner");
  const params = { workspace_id: client.id };
  const connected = await call(connectionRoute.PUT, "PUT", "", { user: owner, params, body: { mode: "sandbox" } });
  if (connected.status !== 200) throw new Error(connected.text);
  const campaign = await call(campaignsRoute.POST, "POST", "", { user: owner, params, body: campaignBody() });
  const invitation = await call(invitationsRoute.POST, "POST", "", {
    user: owner,
    params,
    body: { email: `invitee-${Date.now()}@example.test`, role: "member" },
  });
  return {
    agency,
    client,
    sibling,
    campaignId: campaign.body.campaign.id as string,
    invitationId: invitation.body.invitation.id as string,
    users: { owner, admin, member, viewer, target, agencyOwner, limited, siblingOwner, stranger } as Record<string, TestUser>,
  };
}

export type AgencyWorld = Awaited<ReturnType<typeof agencyWorld>>;
