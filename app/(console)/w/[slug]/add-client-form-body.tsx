"use client";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { WorkspaceFields } from "@/components/workspace-fields";
import { FormProblem, SubmitButton } from "@/components/ui/form";

export function AddClientFormBody({ agencyId, zones, defaultZone }: { agencyId: string; zones: string[]; defaultZone: string }) {
  const form = useSchemaForm(() => import("@/lib/workspaces/schemas").then((m) => m.createWorkspaceSchema), {
    defaultValues: { name: "", timezone: defaultZone },
  });
  const onSubmit = form.submitTo<{ workspace: { slug: string; name: string } }>(
    (values) => ({ path: "/api/v1/workspaces", method: "POST", body: { ...values, parent_id: agencyId } }),
    {
      success: ({ workspace }) => `${workspace.name} added. Next: connect its Nedzo token.`,
      navigate: ({ workspace }) => `/w/${workspace.slug}/settings`,
    },
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <WorkspaceFields form={form} idPrefix="client" nameLabel="Client name" zones={zones} />
      <FormProblem form={form} />
      <SubmitButton form={form} pending="Adding…" className="w-fit">
        Add client
      </SubmitButton>
    </form>
  );
}
