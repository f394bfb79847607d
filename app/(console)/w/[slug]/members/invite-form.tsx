"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useApiForm } from "@/lib/ui/use-api-form";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";

export function InviteForm({ workspaceId, roles }: { workspaceId: string; roles: readonly string[] }) {
  const router = useRouter();
  const form = useApiForm(
    { email: "", role: roles.includes("member") ? "member" : roles[0] },
    (values) => apiFetch(`/api/v1/workspaces/${workspaceId}/invitations`, { method: "POST", body: values }),
    (_data, values) => {
      toast.success(`Invitation sent to ${values.email}`);
      form.setValues({ ...values, email: "" });
      router.refresh();
    },
    { fallbackField: "email" },
  );
  return (
    <form onSubmit={form.onSubmit} className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate>
      <Field id="invite-email" label="Email" error={form.errors.email}>
        <Input id="invite-email" type="email" autoComplete="off" {...form.field("email")} aria-describedby={describedBy("invite-email", form.errors.email)} />
      </Field>
      <Field id="invite-role" label="Role" error={form.errors.role}>
        <NativeSelect id="invite-role" {...form.field("role")}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Button type="submit" disabled={!form.ready} className="sm:mt-5.5">
        {form.busy ? "Sending…" : "Send invitation"}
      </Button>
    </form>
  );
}

export function InvitationActions({ workspaceId, invitationId, email }: { workspaceId: string; invitationId: string; email: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  async function act(kind: "resend" | "revoke") {
    setBusy(true);
    const r =
      kind === "resend"
        ? await apiFetch(`/api/v1/workspaces/${workspaceId}/invitations/${invitationId}/resend`, { method: "POST" })
        : await apiFetch(`/api/v1/workspaces/${workspaceId}/invitations/${invitationId}`, { method: "DELETE" });
    setBusy(false);
    if (r.ok) toast.success(kind === "resend" ? `New link sent to ${email}` : `Invitation for ${email} revoked`);
    else toast.error(r.problem.detail);
    router.refresh();
  }
  return (
    <div className="flex justify-end gap-2">
      <Button size="sm" variant="outline" disabled={!hydrated || busy} onClick={() => act("resend")} aria-label={`Resend the invitation to ${email}`}>
        Resend
      </Button>
      <Button size="sm" variant="ghost" disabled={!hydrated || busy} onClick={() => act("revoke")} aria-label={`Revoke the invitation to ${email}`}>
        Revoke
      </Button>
    </div>
  );
}
