import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Building2, PlugZap } from "lucide-react";
import { findMembership, getConnection, getWorkspaceName } from "@/db/queries/workspaces";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { WorkspaceTabs } from "./workspace-tabs";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${slug}`);
  const membership = await findMembership({ slug }, user.id);
  if (!membership) notFound();
  const w = membership.workspace;
  const isAgency = w.kind === "agency";
  const [connection, agency] = await Promise.all([
    getConnection(w.id),
    membership.viaWorkspaceId ? getWorkspaceName(membership.viaWorkspaceId) : Promise.resolve(null),
  ]);
  const tabs = [
    { href: `/w/${slug}`, label: isAgency ? "Clients" : "Campaigns", exact: true },
    ...(!isAgency && can(membership.role, "campaigns.create") ? [{ href: `/w/${slug}/campaigns/new`, label: "New campaign", exact: true }] : []),
    { href: `/w/${slug}/members`, label: "Members", exact: false },
    ...(can(membership.role, "audit.read") ? [{ href: `/w/${slug}/audit`, label: "Audit", exact: false }] : []),
    { href: `/w/${slug}/settings`, label: "Settings", exact: false },
  ];
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-xs uppercase tracking-wide text-muted-foreground">
            {isAgency ? "Agency" : w.parentId ? "Client workspace" : "Workspace"} · your role: {membership.role}
          </p>
          <p className="text-2xl font-semibold tracking-tight">{w.name}</p>
        </div>
        <WorkspaceTabs tabs={tabs} />
      </div>
      {membership.via === "agency" ? (
        <div role="status" className="flex items-center gap-2 rounded-lg border border-primary/30 bg-primary/5 px-4 py-2.5 text-sm">
          <Building2 aria-hidden className="size-4" />
          <span>
            Acting for <strong>{w.name}</strong> as staff of {agency ?? "its agency"} (role here: {membership.role}).
          </span>
        </div>
      ) : null}
      {!connection && !isAgency ? (
        <Alert variant="warning">
          <PlugZap aria-hidden />
          <AlertDescription>
            This workspace is not connected to Nedzo yet.{" "}
            {can(membership.role, "connection.manage") ? (
              <Link className="font-medium underline underline-offset-4" href={`/w/${slug}/settings`}>
                Connect the sandbox or your Nedzo token in Settings
              </Link>
            ) : (
              "Ask an admin of this workspace to connect it."
            )}
          </AlertDescription>
        </Alert>
      ) : null}
      {children}
    </div>
  );
}
