import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findMembership, getConnection } from "@/db/queries/workspaces";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CampaignForm } from "./campaign-form";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${slug}/campaigns/new`);
  const membership = await findMembership({ slug }, user.id);
  if (!membership) notFound();
  const connection = await getConnection(membership.workspace.id);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle as="h1" className="text-lg">
          New campaign
        </CardTitle>
        <CardDescription>
          Sent to Nedzo {connection?.mode === "sandbox" ? "(the built-in sandbox)" : connection ? "(live)" : ""} through Campaign Console; your Nedzo token never reaches this browser.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!can(membership.role, "campaigns.create") ? (
          <p className="text-sm">Your role ({membership.role}) may view campaigns here, not create them.</p>
        ) : !connection ? (
          <p className="text-sm">Connect this workspace to Nedzo first.</p>
        ) : (
          <CampaignForm workspaceId={membership.workspace.id} slug={slug} timeZone={membership.workspace.timezone} />
        )}
      </CardContent>
    </Card>
  );
}
