"use client";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

export function AddClientForm({ agencyId, zones, defaultZone }: { agencyId: string; zones: string[]; defaultZone: string }) {
  const form = useSchemaForm(createWorkspaceSchema, { defaultValues: { name: "", timezone: defaultZone } });
  const onSubmit = form.submitTo<{ workspace: { slug: string; name: string } }>(
    (values) => ({ path: "/api/v1/workspaces", method: "POST", body: { ...values, parent_id: agencyId } }),
    { success: ({ workspace }) => `${workspace.name} added. Next: connect its Nedzo token.`, navigate: ({ workspace }) => `/w/${workspace.slug}/settings` },
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormField form={form} name="name" id="client-name" label="Client name" render={(p) => <Input {...p} />} />
      <FormField form={form} name="timezone" id="client-timezone" label="Time zone" render={(p) => <TimeZoneSelect zones={zones} {...p} />} />
      <FormProblem form={form} />
      <SubmitButton form={form} pending="Adding…" className="w-fit">
        Add client
      </SubmitButton>
    </form>
  );
}
