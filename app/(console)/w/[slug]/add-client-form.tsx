"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useApiForm } from "@/lib/ui/use-api-form";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function AddClientForm({ agencyId, zones, defaultZone }: { agencyId: string; zones: string[]; defaultZone: string }) {
  const router = useRouter();
  const form = useApiForm(
    { name: "", timezone: defaultZone },
    (values) => apiFetch<{ workspace: { slug: string; name: string } }>("/api/v1/workspaces", { method: "POST", body: { ...values, parent_id: agencyId } }),
    ({ workspace }) => {
      toast.success(`${workspace.name} added. Next: connect its Nedzo token.`);
      router.push(`/w/${workspace.slug}/settings`);
      router.refresh();
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
      <Field id="client-name" label="Client name" error={form.errors.name}>
        <Input id="client-name" {...form.field("name")} aria-describedby={describedBy("client-name", form.errors.name)} />
      </Field>
      <Field id="client-timezone" label="Time zone" error={form.errors.timezone}>
        <TimeZoneSelect id="client-timezone" zones={zones} {...form.field("timezone")} />
      </Field>
      <Button type="submit" disabled={!form.ready} className="w-fit">
        {form.busy ? "Adding…" : "Add client"}
      </Button>
    </form>
  );
}
