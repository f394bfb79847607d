import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getWorkspaceName } from "@/db/queries/workspaces";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { findInvitationByToken } from "@/lib/invitations/accept";
import { invitationStatus } from "@/lib/invitations/manage";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AcceptButton } from "./accept-button";

export const metadata: Metadata = { title: "Invitation" };

// /invitations/accept?token=… — the emailed link. A new person signs in by magic link and lands back here.
export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeRedirectPath(here))}`);
  const invitation = token.length >= 10 && token.length <= 200 ? await findInvitationByToken(token) : null;
  const workspaceName = invitation ? await getWorkspaceName(invitation.workspaceId) : null;
  const status = invitation ? invitationStatus(invitation) : null;

  let body: React.ReactNode;
  if (!invitation || !workspaceName) body = <p>This invitation link is not valid. Ask the person who invited you for a new one.</p>;
  else if (status !== "pending") body = <p>This invitation was {status === "accepted" ? "already used" : status}. Ask for a new one.</p>;
  else if (invitation.email !== user.email.toLowerCase())
    body = (
      <p>
        This invitation is for <strong>{invitation.email}</strong>, and you are signed in as <strong>{user.email}</strong>.{" "}
        <Link className="underline" href="/sign-out">
          Sign out
        </Link>{" "}
        and sign in with the invited address.
      </p>
    );
  else body = <AcceptButton token={token} workspaceName={workspaceName} />;

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {workspaceName ? `Join ${workspaceName}` : "Invitation"}
        </CardTitle>
        {invitation && workspaceName ? <CardDescription>You are invited as {invitation.role}.</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">{body}</CardContent>
    </Card>
  );
}
