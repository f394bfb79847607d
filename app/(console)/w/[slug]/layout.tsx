import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlugZap } from "lucide-react";
import { findMembership, getConnection } from "@/db/queries/workspaces";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { Alert, AlertDescription } from "@/app/_components/ui/alert";
import { WorkspaceTabs } from "./workspace-tabs";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${slug}`);
  const membership = await findMembership({ slug }, user.id);
  if (!membership) notFound();
  const connection = await getConnection(membership.workspace.id);
  const tabs = [
    { href: `/w/${slug}`, label: "Campaigns", exact: true },
    ...(can(membership.role, "campaigns.create") ? [{ href: `/w/${slug}/campaigns/new`, label: "New campaign", exact: true }] : []),
    { href: `/w/${slug}/settings`, label: "Settings", exact: false },
  ];
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-xs uppercase tracking-wide text-muted-foreground">
            {membership.workspace.kind === "agency" ? "Agency workspace" : "Workspace"} · your role: {membership.role}
          </p>
          <p className="text-2xl font-semibold tracking-tight">{membership.workspace.name}</p>
        </div>
        <WorkspaceTabs tabs={tabs} />
      </div>
      {!connection ? (
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
