import type { ReactNode } from "react";
import Link from "next/link";
import { Building2, KeyRound, PlugZap } from "lucide-react";
import { requireWorkspace, workspaceConnection, workspaceName } from "@/lib/auth/page-guard";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { WorkspaceTabs } from "./workspace-tabs";
import { workspaceSync } from "./(campaigns)/sync-status";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // before the page streams in (below its loading skeleton): signed out → sign-in and back to this
  // workspace, stranger → 404, both as real HTTP answers
  const ws = await requireWorkspace(slug);
  const w = ws.workspace;
  const isAgency = w.kind === "agency";
  const [connection, agency, sync] = await Promise.all([
    isAgency ? Promise.resolve(null) : workspaceConnection(w.id),
    ws.viaWorkspaceId ? workspaceName(ws.viaWorkspaceId) : Promise.resolve(null),
    isAgency ? Promise.resolve(null) : workspaceSync(w.id),
  ]);
  const tabs = [
    { href: `/w/${slug}`, label: isAgency ? "Clients" : "Campaigns", exact: true },
    ...(!isAgency && ws.can("campaigns.create") ? [{ href: `/w/${slug}/campaigns/new`, label: "New campaign", exact: true }] : []),
    { href: `/w/${slug}/members`, label: "Members", exact: false },
    ...(ws.can("audit.read") ? [{ href: `/w/${slug}/audit`, label: "Audit", exact: false }] : []),
    { href: `/w/${slug}/settings`, label: "Settings", exact: false },
  ];
  return (
    <div className="grid min-w-0 grid-cols-1 gap-6">
      <div className="flex min-w-0 flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs tracking-wide text-muted-foreground uppercase">
            {isAgency ? "Agency" : w.parentId ? "Client workspace" : "Workspace"} · your role: {ws.role}
          </p>
          <p className="truncate text-2xl font-semibold tracking-tight">{w.name}</p>
        </div>
        <WorkspaceTabs tabs={tabs} />
      </div>
      {ws.via === "agency" ? (
        <div role="status" className="flex items-center gap-2 rounded-lg border border-primary/30 bg-primary/5 px-4 py-2.5 text-sm">
          <Building2 aria-hidden className="size-4 shrink-0" />
          <span>
            Acting for <strong>{w.name}</strong> as staff of {agency ?? "its agency"} (role here: {ws.role}).
          </span>
        </div>
      ) : null}
      {!connection && !isAgency ? (
        <Alert variant="warning">
          <PlugZap aria-hidden />
          <AlertDescription>
            This workspace is not connected to Nedzo yet.{" "}
            {ws.can("connection.manage") ? (
              <Link className="font-medium underline underline-offset-4" href={`/w/${slug}/settings`}>
                Connect the sandbox or your Nedzo token in Settings
              </Link>
            ) : (
              "Ask an admin of this workspace to connect it."
            )}
          </AlertDescription>
        </Alert>
      ) : null}
      {connection && sync?.needs_attention ? (
        // the sync stopped on Nedzo's 401: nothing moves until the token is saved again or someone syncs by hand
        <Alert variant="destructive">
          <KeyRound aria-hidden />
          <AlertDescription>
            <strong>Nedzo rejected this workspace&apos;s token — sync is paused.</strong>{" "}
            {ws.can("connection.manage") ? (
              <Link className="font-medium underline underline-offset-4" href={`/w/${slug}/settings`}>
                Reconnect the token in Settings
              </Link>
            ) : (
              "Ask an admin of this workspace to reconnect it."
            )}
          </AlertDescription>
        </Alert>
      ) : null}
      {children}
    </div>
  );
}
