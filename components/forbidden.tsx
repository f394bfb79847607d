import { ShieldAlert } from "lucide-react";
import type { Role } from "@/db/schema";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";

const DOING: Partial<Record<Permission, string>> = {
  "campaigns.view": "view campaigns",
  "campaigns.create": "create campaigns",
  "connection.manage": "manage the Nedzo connection",
  "members.view": "view members",
  "members.manage": "manage members and invitations",
  "workspace.edit": "edit the workspace",
  "workspace.delete": "delete the workspace",
  "audit.read": "read the audit trail",
};

/** What a member sees where their role may not go (the API answers 403 there): who may, and whom to ask. */
export function Forbidden({ permission, role, workspaceName }: { permission: Permission; role: Role; workspaceName: string }) {
  const roles = PERMISSIONS[permission] as readonly Role[];
  const doing = DOING[permission] ?? "do this";
  const list = roles.length > 1 ? `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}` : roles[0];
  return (
    <section aria-labelledby="forbidden-heading" className="grid max-w-xl gap-3 rounded-lg border bg-card p-6">
      <ShieldAlert aria-hidden className="size-8 text-muted-foreground" />
      <h1 id="forbidden-heading" className="text-lg font-semibold">
        Your role may not {doing} here
      </h1>
      <p className="text-sm text-muted-foreground">
        You are <strong className="text-foreground">{role}</strong> in {workspaceName}; to {doing} you need to be {list}. Ask an owner or
        admin of {workspaceName} if you need it.
      </p>
    </section>
  );
}
