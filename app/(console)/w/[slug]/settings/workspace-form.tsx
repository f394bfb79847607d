"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useApiForm } from "@/lib/ui/use-api-form";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function WorkspaceForm({ workspaceId, name, timezone, zones }: { workspaceId: string; name: string; timezone: string; zones: string[] }) {
  const router = useRouter();
  const form = useApiForm(
    { name, timezone },
    (values) => apiFetch(`/api/v1/workspaces/${workspaceId}`, { method: "PATCH", body: values }),
    () => {
      toast.success("Workspace saved");
      router.refresh();
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="grid gap-4 sm:max-w-md" noValidate>
      <Field id="ws-name" label="Workspace name" error={form.errors.name}>
        <Input id="ws-name" {...form.field("name")} aria-describedby={describedBy("ws-name", form.errors.name)} />
      </Field>
      <Field id="ws-timezone" label="Time zone" error={form.errors.timezone} hint="Campaign windows and dates are shown in this time zone.">
        <TimeZoneSelect id="ws-timezone" zones={zones} {...form.field("timezone")} aria-describedby={describedBy("ws-timezone", form.errors.timezone, true)} />
      </Field>
      <Button type="submit" disabled={!form.ready} className="w-fit">
        {form.busy ? "Saving…" : "Save workspace"}
      </Button>
    </form>
  );
}
