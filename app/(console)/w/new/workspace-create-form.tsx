"use client";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input, NativeSelect } from "@/components/ui/input";

export function WorkspaceCreateForm({ zones }: { zones: string[] }) {
  const form = useSchemaForm(createWorkspaceSchema, {
    defaultValues: { name: "", kind: "team", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" },
  });
  const onSubmit = form.submitTo<{ workspace: { slug: string } }>((body) => ({ path: "/api/v1/workspaces", method: "POST", body }), {
    success: "Workspace created. Next: connect it to Nedzo.",
    navigate: ({ workspace }) => `/w/${workspace.slug}/settings`,
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormField form={form} name="name" id="ws-name" label="Workspace name" hint="Your team or company, e.g. Acme Outreach." render={(p) => <Input {...p} />} />
      <FormField
        form={form}
        name="kind"
        id="ws-kind"
        label="Kind"
        hint="An agency runs campaigns for client workspaces it owns."
        render={(p) => (
          <NativeSelect {...p}>
            <option value="team">Team</option>
            <option value="agency">Agency</option>
          </NativeSelect>
        )}
      />
      <FormField form={form} name="timezone" id="ws-timezone" label="Time zone" render={(p) => <TimeZoneSelect zones={zones} {...p} />} />
      <FormProblem form={form} />
      <SubmitButton form={form} pending="Creating…" className="w-fit">
        Create workspace
      </SubmitButton>
    </form>
  );
}
