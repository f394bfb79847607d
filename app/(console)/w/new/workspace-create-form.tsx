"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Loader2 } from "lucide-react";
import { apiFetch } from "@/lib/ui/api-client";
import { useApiForm } from "@/lib/ui/use-api-form";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";

export function WorkspaceCreateForm({ zones }: { zones: string[] }) {
  const router = useRouter();
  const form = useApiForm(
    () => ({ name: "", kind: "team", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" }),
    (values) => apiFetch<{ workspace: { slug: string } }>("/api/v1/workspaces", { method: "POST", body: values }),
    ({ workspace }) => {
      toast.success("Workspace created. Next: connect it to Nedzo.");
      router.push(`/w/${workspace.slug}/settings`);
      router.refresh();
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="grid gap-4" noValidate>
      <Field id="ws-name" label="Workspace name" error={form.errors.name} hint="Your team or company, e.g. Acme Outreach.">
        <Input id="ws-name" {...form.field("name")} aria-describedby={describedBy("ws-name", form.errors.name, true)} />
      </Field>
      <Field id="ws-kind" label="Kind" error={form.errors.kind} hint="An agency runs campaigns for client workspaces it owns.">
        <NativeSelect id="ws-kind" {...form.field("kind")} aria-describedby={describedBy("ws-kind", form.errors.kind, true)}>
          <option value="team">Team</option>
          <option value="agency">Agency</option>
        </NativeSelect>
      </Field>
      <Field id="ws-timezone" label="Time zone" error={form.errors.timezone}>
        <TimeZoneSelect id="ws-timezone" zones={zones} {...form.field("timezone")} />
      </Field>
      <Button type="submit" disabled={!form.ready} className="w-fit">
        {form.busy ? <Loader2 className="animate-spin" aria-hidden /> : null}
        {form.busy ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
