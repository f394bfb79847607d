import type { Metadata } from "next";
import { listMembers } from "@/db/queries/members";
import { clientLimitsOf, listClients } from "@/lib/agencies/clients";
import { requireWorkspace, workspaceTitle } from "@/lib/auth/page-guard";
import { grantableRoles, invitableRoles, mayBeLimitedToClients, mayChangeSeat, ownsWorkspace } from "@/lib/auth/permissions";
import { invitationStatus, listInvitations } from "@/lib/invitations/manage";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ClientLimitForm } from "./client-limit-form";
import { InvitationActions, InviteForm } from "./invite-form";
import { MemberActions } from "./member-actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return workspaceTitle((await params).slug, "Members");
}

export default async function MembersPage({ params }: Props) {
  const { slug } = await params;
  const membership = await requireWorkspace(slug, `/w/${slug}/members`);
  const { user } = membership;
  const w = membership.workspace;
  // every decision from lib/auth/permissions.ts, as the API takes it
  const manage = membership.can("members.manage");
  const grantable = grantableRoles(membership.role);
  const limitsClients = w.kind === "agency" && membership.can("members.limit_clients");
  const [members, invitations, limits, clients] = await Promise.all([
    listMembers(w),
    manage ? listInvitations(w.id) : Promise.resolve([]),
    limitsClients ? clientLimitsOf(w.id) : Promise.resolve(new Map<string, string[]>()),
    limitsClients ? listClients(membership, user.id) : Promise.resolve([]),
  ]);
  const pending = invitations.filter((i) => invitationStatus(i) === "pending");
  const inviteRoles = invitableRoles(membership, members.some(ownsWorkspace));
  const tz = w.timezone;
  const now = new Date();

  return (
    <div className="grid grid-cols-1 gap-6">
      <h1 className="sr-only">Members</h1>
      <Card>
        <CardHeader>
          <CardTitle>People</CardTitle>
          <CardDescription>
            {w.parentId ? "This workspace's own people, and the agency staff who act for it." : "Everyone who can act in this workspace."}
          </CardDescription>
        </CardHeader>
        <CardContent className="p-0">
          <Table>
            <TableCaption className="sr-only">Members of {w.name}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Person</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Joined</TableHead>
                {limitsClients ? <TableHead>Clients</TableHead> : null}
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => {
                const self = m.userId === user.id;
                const direct = m.via === "direct";
                const mayEdit = direct && mayChangeSeat(membership.role, m.role, null);
                return (
                  <TableRow key={m.userId}>
                    <TableCell>
                      <span className="font-medium">{m.email}</span>
                      {self ? <span className="text-muted-foreground"> (you)</span> : null}
                      {m.name ? <span className="block text-xs text-muted-foreground">{m.name}</span> : null}
                    </TableCell>
                    <TableCell>
                      <span className="capitalize">{m.role}</span> {!direct ? <Badge variant="secondary">through the agency</Badge> : null}
                    </TableCell>
                    <TableCell>
                      <Time value={m.joinedAt} timeZone={tz} now={now} />
                    </TableCell>
                    {limitsClients ? (
                      <TableCell className="whitespace-normal">
                        {mayBeLimitedToClients(m.role) || limits.has(m.userId) ? (
                          <ClientLimitForm
                            agencyId={w.id}
                            userId={m.userId}
                            email={m.email}
                            clients={clients.map((c) => ({ id: c.id, name: c.name }))}
                            selected={limits.get(m.userId) ?? null}
                          />
                        ) : (
                          <span className="text-sm text-muted-foreground">All clients</span>
                        )}
                      </TableCell>
                    ) : null}
                    <TableCell>
                      {direct ? (
                        <MemberActions
                          workspaceId={w.id}
                          userId={m.userId}
                          email={m.email}
                          role={m.role}
                          roles={mayEdit ? grantable : []}
                          canRemove={self || mayEdit}
                          isSelf={self}
                        />
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      {manage ? (
        <Card>
          <CardHeader>
            <CardTitle>Invite someone</CardTitle>
            <CardDescription>They get an email with a link that works for 7 days, for that address only.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            {inviteRoles.length ? (
              <InviteForm workspaceId={w.id} roles={inviteRoles} />
            ) : (
              <p className="text-sm text-muted-foreground">
                {w.name} has its own owner: its owners and admins invite its people, not the agency.
              </p>
            )}
            {pending.length ? (
              <Table>
                <TableCaption className="sr-only">Pending invitations</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHead>Invited</TableHead>
                    <TableHead>Role</TableHead>
                    <TableHead>Expires</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {pending.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>{i.email}</TableCell>
                      <TableCell className="capitalize">{i.role}</TableCell>
                      <TableCell>
                        <Time value={i.expiresAt} timeZone={tz} now={now} />
                      </TableCell>
                      <TableCell>
                        <InvitationActions workspaceId={w.id} invitationId={i.id} email={i.email} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <p className="text-sm text-muted-foreground">No pending invitations.</p>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
