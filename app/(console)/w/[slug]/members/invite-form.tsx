"use client";
import type { Role } from "@/lib/auth/roles";
import { useMutation } from "@/lib/ui/use-mutation";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input, NativeSelect } from "@/components/ui/input";
import { RoleOptions } from "./member-actions";

export function InviteForm({ workspaceId, roles }: { workspaceId: string; roles: readonly Role[] }) {
  const form = useSchemaForm(() => import("@/lib/invitations/schemas").then((m) => m.inviteSchema), {
    defaultValues: { email: "", role: roles.includes("member") ? "member" : roles[0] },
  });
  const onSubmit = form.submitTo<{ invitation: { email: string } }>(
    (body) => ({ path: `/api/v1/workspaces/${workspaceId}/invitations`, method: "POST", body }),
    {
      success: ({ invitation }) => `Invitation sent to ${invitation.email}`,
      onSuccess: () => form.resetField("email"),
    },
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate>
      <FormField
        form={form}
        name="email"
        id="invite-email"
        label="Email"
        render={(p) => <Input type="email" autoComplete="off" {...p} />}
      />
      <FormField
        form={form}
        name="role"
        id="invite-role"
        label="Role"
        render={(p) => (
          <NativeSelect {...p}>
            <RoleOptions roles={roles} />
          </NativeSelect>
        )}
      />
      <SubmitButton form={form} pending="Sending…" className="sm:mt-5.5">
        Send invitation
      </SubmitButton>
      <div className="sm:col-span-3">
        <FormProblem form={form} />
      </div>
    </form>
  );
}

export function InvitationActions({ workspaceId, invitationId, email }: { workspaceId: string; invitationId: string; email: string }) {
  const resend = useMutation();
  const path = `/api/v1/workspaces/${workspaceId}/invitations/${invitationId}`;
  return (
    <div className="flex justify-end gap-2">
      <Button
        size="sm"
        variant="outline"
        disabled={!resend.ready}
        onClick={() => resend.run({ path: `${path}/resend`, method: "POST" }, { success: `New link sent to ${email}` })}
        aria-label={`Resend the invitation to ${email}`}
      >
        {resend.pending ? "Sending…" : "Resend"}
      </Button>
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="ghost" aria-label={`Revoke the invitation to ${email}`}>
            Revoke
          </Button>
        }
        title={`Revoke the invitation to ${email}?`}
        description="Its emailed link stops working at once. You can invite them again later."
        confirm="Revoke"
        pending="Revoking…"
        request={{ path, method: "DELETE" }}
        options={{ success: `Invitation for ${email} revoked` }}
      />
    </div>
  );
}
