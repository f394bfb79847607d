"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { apiFetch } from "@/lib/ui/api-client";
import { TimeZoneSelect } from "@/app/_components/time-zone-select";
import { Button } from "@/app/_components/ui/button";
import { Field, describedBy } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

export function WorkspaceForm({ workspaceId, name, timezone, zones }: { workspaceId: string; name: string; timezone: string; zones: string[] }) {
  const router = useRouter();
  const [values, setValues] = useState({ name, timezone });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}`, { method: "PATCH", body: values });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      toast.success("Workspace saved");
      router.refresh();
    } else {
      setErrors(Object.fromEntries((r.problem.errors ?? []).map((e) => [e.path, e.message])));
      if (!r.problem.errors?.length) toast.error(r.problem.detail);
    }
  }

  return (
    <form onSubmit={save} className="grid gap-4 sm:max-w-md" noValidate>
      <Field id="ws-name" label="Workspace name" error={errors.name}>
        <Input id="ws-name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("ws-name", errors.name)} />
      </Field>
      <Field id="ws-timezone" label="Time zone" error={errors.timezone} hint="Campaign windows and dates are shown in this time zone.">
        <TimeZoneSelect id="ws-timezone" zones={zones} value={values.timezone} onChange={(e) => setValues({ ...values, timezone: e.target.value })} aria-describedby={describedBy("ws-timezone", errors.timezone, true)} />
      </Field>
      <Button type="submit" disabled={!hydrated || busy} className="w-fit">
        {busy ? "Saving…" : "Save workspace"}
      </Button>
    </form>
  );
}
