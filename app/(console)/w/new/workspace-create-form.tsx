"use client";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { WorkspaceFields } from "@/components/workspace-fields";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { NativeSelect } from "@/components/ui/input";

export function WorkspaceCreateForm({ zones }: { zones: string[] }) {
  const form = useSchemaForm(() => import("@/lib/workspaces/schemas").then((m) => m.createWorkspaceSchema), {
    defaultValues: { name: "", kind: "team", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" },
  });
  const onSubmit = form.submitTo<{ workspace: { slug: string } }>((body) => ({ path: "/api/v1/workspaces", method: "POST", body }), {
    success: "Workspace created. Next: connect it to Nedzo.",
    navigate: ({ workspace }) => `/w/${workspace.slug}/settings`,
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <WorkspaceFields
        form={form}
        idPrefix="ws"
        nameLabel="Workspace name"
        nameHint="Your team or company, e.g. Acme Outreach."
        zones={zones}
      >
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
      </WorkspaceFields>
      <FormProblem form={form} />
      <SubmitButton form={form} pending="Creating…" className="w-fit">
        Create workspace
      </SubmitButton>
    </form>
  );
}
