"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";

const ROLES = ["owner", "admin", "member", "viewer"] as const;

/** Role select and remove button for one seat; the server decides, the UI offers only what may work. */
export function MemberActions({ workspaceId, userId, email, role, roles, canRemove, isSelf }: {
  workspaceId: string;
  userId: string;
  email: string;
  role: string;
  roles: readonly string[];
  canRemove: boolean;
  isSelf: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);

  async function changeRole(next: string) {
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}/members/${userId}`, { method: "PATCH", body: { role: next } });
    setBusy(false);
    if (r.ok) toast.success(`${email} is now ${next}`);
    else toast.error(r.problem.detail);
    router.refresh();
  }

  async function remove() {
    if (!window.confirm(isSelf ? "Leave this workspace?" : `Remove ${email} from this workspace?`)) return;
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}/members/${userId}`, { method: "DELETE" });
    setBusy(false);
    if (!r.ok) return toast.error(r.problem.detail);
    toast.success(isSelf ? "You left the workspace" : `${email} removed`);
    if (isSelf) window.location.assign("/");
    else router.refresh();
  }

  return (
    <div className="flex items-center justify-end gap-2">
      {roles.length > 1 ? (
        <>
          <label htmlFor={`role-${userId}`} className="sr-only">
            Role of {email}
          </label>
          <NativeSelect id={`role-${userId}`} value={role} disabled={!hydrated || busy} onChange={(e) => changeRole(e.target.value)} className="h-8 w-28">
            {ROLES.filter((r) => roles.includes(r) || r === role).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </NativeSelect>
        </>
      ) : null}
      {canRemove ? (
        <Button variant="outline" size="sm" disabled={!hydrated || busy} onClick={remove}>
          {isSelf ? "Leave" : "Remove"}
        </Button>
      ) : null}
    </div>
  );
}
