import type { Metadata } from "next";
import { requireWorkspace, workspaceConnection, workspaceTitle } from "@/lib/auth/page-guard";
import { Forbidden } from "@/components/forbidden";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CampaignForm } from "./campaign-form";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return workspaceTitle((await params).slug, "New campaign");
}

export default async function NewCampaignPage({ params }: Props) {
  const { slug } = await params;
  const ws = await requireWorkspace(slug, `/w/${slug}/campaigns/new`);
  if (!ws.can("campaigns.create")) return <Forbidden permission="campaigns.create" role={ws.role} workspaceName={ws.workspace.name} />;
  const connection = await workspaceConnection(ws.workspace.id);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle as="h1" className="text-lg">
          New campaign
        </CardTitle>
        <CardDescription>
          Sent to Nedzo {connection?.mode === "sandbox" ? "(the built-in sandbox)" : connection ? "(live)" : ""} through Campaign Console;
          your Nedzo token never reaches this browser.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!connection ? (
          <p className="text-sm">Connect this workspace to Nedzo first.</p>
        ) : (
          <CampaignForm workspaceId={ws.workspace.id} slug={slug} timeZone={ws.workspace.timezone} />
        )}
      </CardContent>
    </Card>
  );
}
