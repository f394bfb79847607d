"use client";
import { useRef, useState } from "react";
import { roles as ALL_ROLES, type Role } from "@/lib/auth/roles";
import type { RoleInput } from "@/lib/members/schemas";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";

const WHAT_A_ROLE_MAY_DO: Record<Role, string> = {
  owner: "Owners may do everything, including deleting the workspace and making or removing other owners.",
  admin: "Admins manage people, invitations, the Nedzo connection and the workspace's settings.",
  member: "Members create and settle campaigns; they do not manage people or settings.",
  viewer: "Viewers see campaigns and people, and change nothing.",
};
/** The roles as options of a select, in rank order. */
export function RoleOptions({ roles }: { roles: readonly Role[] }) {
  return ALL_ROLES.filter((r) => roles.includes(r)).map((r) => (
    <option key={r} value={r}>
      {r}
    </option>
  ));
}

const rank = (r: Role) => ALL_ROLES.length - ALL_ROLES.indexOf(r);
const withArticle = (r: Role) => `${/^[aeiou]/.test(r) ? "an" : "a"} ${r}`;

/**
 * Role select and remove (or leave) button for one seat; the server decides, the UI offers only what may work.
 * Choosing a role changes nothing by itself: it asks first, and Cancel puts the select back.
 */
export function MemberActions({
  workspaceId,
  workspaceName = "this workspace",
  userId,
  email,
  role,
  roles,
  canRemove,
  isSelf,
}: {
  workspaceId: string;
  workspaceName?: string;
  userId: string;
  email: string;
  role: Role;
  roles: readonly Role[];
  canRemove: boolean;
  isSelf: boolean;
}) {
  const hydrated = useHydrated();
  const select = useRef<HTMLSelectElement>(null);
  const [asked, setAsked] = useState<Role | null>(null); // chosen, waiting for the confirmation
  const [done, setDone] = useState<{ from: Role; to: Role } | null>(null); // confirmed, until the page shows it
  const shown = asked ?? (done?.from === role ? done.to : role);
  const path = `/api/v1/workspaces/${workspaceId}/members/${userId}`;
  const who = isSelf ? "yourself" : email;

  return (
    <div className="flex items-center justify-end gap-2">
      {roles.length > 1 ? (
        <>
          <label htmlFor={`role-${userId}`} className="sr-only">
            Role of {email}
          </label>
          <NativeSelect
            ref={select}
            id={`role-${userId}`}
            value={shown}
            disabled={!hydrated}
            onChange={(e) => setAsked(e.target.value === role ? null : (e.target.value as Role))}
            className="h-8 w-28"
          >
            <RoleOptions roles={[...roles, role]} />
          </NativeSelect>
          {asked ? (
            <ConfirmDialog
              open
              onOpenChange={(open) => (open ? undefined : setAsked(null))}
              returnFocus={select}
              title={`Make ${who} ${withArticle(asked)} of ${workspaceName}?`}
              description={`${WHAT_A_ROLE_MAY_DO[asked]} ${isSelf ? "You are" : `${email} is`} ${withArticle(role)} now.`}
              confirm={`Make ${asked}`}
              pending="Changing the role…"
              destructive={rank(asked) < rank(role)}
              request={{ path, method: "PATCH", body: { role: asked } satisfies RoleInput }}
              options={{ success: `${email} is now ${withArticle(asked)}`, onSuccess: () => setDone({ from: role, to: asked }) }}
            />
          ) : null}
        </>
      ) : null}
      {canRemove ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" aria-label={isSelf ? `Leave ${workspaceName}` : `Remove ${email}`}>
              {isSelf ? "Leave" : "Remove"}
            </Button>
          }
          title={isSelf ? `Leave ${workspaceName}?` : `Remove ${email} from ${workspaceName}?`}
          description={
            isSelf
              ? "You lose access at once; someone must invite you again for you to come back."
              : "They lose access at once. Their campaigns stay. You can invite them again later."
          }
          confirm={isSelf ? "Leave" : "Remove"}
          pending={isSelf ? "Leaving…" : "Removing…"}
          request={{ path, method: "DELETE" }}
          options={isSelf ? { success: `You left ${workspaceName}`, reload: true } : { success: `${email} removed` }}
        />
      ) : null}
    </div>
  );
}
