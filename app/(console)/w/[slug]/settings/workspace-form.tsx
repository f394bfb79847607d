"use client";
import { updateWorkspaceSchema } from "@/lib/workspaces/schemas";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

export function WorkspaceForm({ workspaceId, name, timezone, zones }: { workspaceId: string; name: string; timezone: string; zones: string[] }) {
  const form = useSchemaForm(updateWorkspaceSchema, { defaultValues: { name, timezone } });
  const onSubmit = form.submitTo((body) => ({ path: `/api/v1/workspaces/${workspaceId}`, method: "PATCH", body }), {
    success: "Workspace saved",
    onSuccess: () => form.reset(form.getValues()),
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:max-w-md" noValidate>
      <FormField form={form} name="name" id="ws-name" label="Workspace name" render={(p) => <Input {...p} />} />
      <FormField
        form={form}
        name="timezone"
        id="ws-timezone"
        label="Time zone"
        hint="Campaign windows and dates are shown in this time zone."
        render={(p) => <TimeZoneSelect zones={zones} {...p} />}
      />
      <FormProblem form={form} />
      <SubmitButton form={form} pending="Saving…" className="w-fit">
        Save workspace
      </SubmitButton>
    </form>
  );
}
