"use client";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { WorkspaceFields } from "@/components/workspace-fields";
import { FormProblem, SubmitButton } from "@/components/ui/form";

export function WorkspaceForm({
  workspaceId,
  name,
  timezone,
  zones,
}: {
  workspaceId: string;
  name: string;
  timezone: string;
  zones: string[];
}) {
  const form = useSchemaForm(() => import("@/lib/workspaces/schemas").then((m) => m.updateWorkspaceSchema), {
    defaultValues: { name, timezone },
  });
  const onSubmit = form.submitTo((body) => ({ path: `/api/v1/workspaces/${workspaceId}`, method: "PATCH", body }), {
    success: "Workspace saved",
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:max-w-md" noValidate>
      <WorkspaceFields
        form={form}
        idPrefix="ws"
        nameLabel="Workspace name"
        zoneHint="Campaign windows and dates are shown in this time zone."
        zones={zones}
      />
      <FormProblem form={form} />
      <SubmitButton form={form} pending="Saving…" className="w-fit">
        Save workspace
      </SubmitButton>
    </form>
  );
}
