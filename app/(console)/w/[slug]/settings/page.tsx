import type { Metadata } from "next";
import { CheckCircle2 } from "lucide-react";
import { requireWorkspace, workspaceConnection, workspaceName, workspaceTitle } from "@/lib/auth/page-guard";
import { mayManageAgencyAccess } from "@/lib/auth/permissions";
import { timeZones } from "@/lib/ui/time-zones";
import { Time } from "@/components/time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AgencyAccess } from "./agency-access";
import { ConnectionForm } from "./connection-form";
import { DeleteWorkspace } from "./delete-workspace";
import { WorkspaceForm } from "./workspace-form";
import { getWebhook } from "@/lib/calls/webhook";
import { AgentWebhooks } from "./agent-webhooks";
import { RotateWebhook, WebhookUrl } from "./webhook";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return workspaceTitle((await params).slug, "Settings");
}

export default async function SettingsPage({ params }: Props) {
  const { slug } = await params;
  const membership = await requireWorkspace(slug, `/w/${slug}/settings`);
  const w = membership.workspace;
  const [connection, agencyName, webhook] = await Promise.all([
    workspaceConnection(w.id),
    w.parentId ? workspaceName(w.parentId) : Promise.resolve(null),
    getWebhook(w.id),
  ]);
  // the URL is a secret: only owners and admins get it in their page
  const webhookUrl = membership.can("webhook.manage") ? webhook.url : null;
  const tz = w.timezone;
  const clientOwner = Boolean(w.parentId) && mayManageAgencyAccess(membership);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <h1 className="sr-only">Settings</h1>
      <Card>
        <CardHeader>
          <CardTitle>Nedzo connection</CardTitle>
          <CardDescription>Where this workspace&apos;s campaigns are created. The token stays on our server.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <dl className="grid gap-2 rounded-md bg-muted/60 p-4 text-sm" aria-label="Current connection">
            <div className="flex gap-2">
              <dt className="w-28 text-muted-foreground">Status</dt>
              <dd className="flex items-center gap-1 font-medium">
                {connection ? (
                  <>
                    <CheckCircle2 aria-hidden className="size-4 text-success" /> Connected (
                    {connection.mode === "sandbox" ? "sandbox" : "live"})
                  </>
                ) : (
                  "Not connected"
                )}
              </dd>
            </div>
            {connection?.mode === "live" ? (
              <div className="flex gap-2">
                <dt className="w-28 text-muted-foreground">Token</dt>
                <dd className="font-mono">•••• {connection.tokenLast4}</dd>
              </div>
            ) : null}
            {connection ? (
              <div className="flex gap-2">
                <dt className="w-28 text-muted-foreground">Verified</dt>
                <dd>
                  <Time value={connection.verifiedAt} timeZone={tz} />
                </dd>
              </div>
            ) : null}
          </dl>
          {membership.can("connection.manage") ? (
            <ConnectionForm workspaceId={w.id} connected={Boolean(connection)} currentMode={connection?.mode ?? null} />
          ) : (
            <p className="text-sm text-muted-foreground">Only an owner or admin can change the connection.</p>
          )}
        </CardContent>
      </Card>
      {clientOwner ? (
        <Card>
          <CardHeader>
            <CardTitle>Agency access</CardTitle>
            <CardDescription>
              {agencyName} runs campaigns for this workspace.{" "}
              {w.agencyAccessSuspendedAt ? (
                <>
                  Its access is suspended since <Time value={w.agencyAccessSuspendedAt} timeZone={tz} />.
                </>
              ) : (
                "Its staff can act here now."
              )}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AgencyAccess workspaceId={w.id} suspended={Boolean(w.agencyAccessSuspendedAt)} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Webhook</CardTitle>
          <CardDescription>
            Nedzo posts each finished call to this workspace&apos;s secret URL, so numbers move within seconds instead of at the next sync.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {webhookUrl ? <WebhookUrl url={webhookUrl} /> : null}
          <p className="text-sm">
            <span className="text-muted-foreground">Last post received: </span>
            {webhook.lastReceivedAt ? <Time value={webhook.lastReceivedAt} timeZone={tz} /> : "none yet"}
          </p>
          {webhookUrl ? (
            <>
              <RotateWebhook workspaceId={w.id} />
              <section aria-labelledby="agents-webhook" className="grid gap-3">
                <h2 id="agents-webhook" className="text-base font-semibold">
                  Set on agents
                </h2>
                {connection ? (
                  <AgentWebhooks workspaceId={w.id} />
                ) : (
                  <p className="text-sm text-muted-foreground">Connect this workspace to Nedzo first.</p>
                )}
              </section>
            </>
          ) : (
            <p className="text-sm text-muted-foreground">
              This workspace has a webhook URL. Only an owner or admin can see it, rotate it or set it on agents.
            </p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Workspace</CardTitle>
          <CardDescription>Address: /w/{w.slug}</CardDescription>
        </CardHeader>
        <CardContent>
          {membership.can("workspace.edit") ? (
            <WorkspaceForm workspaceId={w.id} name={w.name} timezone={w.timezone} zones={timeZones()} />
          ) : (
            <p className="text-sm">
              {w.name} · {w.timezone}
            </p>
          )}
        </CardContent>
      </Card>
      {membership.can("workspace.delete") ? (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle>Delete this workspace</CardTitle>
            <CardDescription>
              For good. Only an owner can do this{w.kind === "agency" ? "; an agency's clients must be deleted first" : ""}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteWorkspace workspaceId={w.id} name={w.name} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
