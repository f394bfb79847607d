"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { TimeZoneSelect } from "@/app/_components/time-zone-select";
import { Button } from "@/app/_components/ui/button";
import { Field, describedBy } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

export function AddClientForm({ agencyId, zones, defaultZone }: { agencyId: string; zones: string[]; defaultZone: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [values, setValues] = useState({ name: "", timezone: defaultZone });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await apiFetch<{ workspace: { slug: string; name: string } }>("/api/v1/workspaces", { method: "POST", body: { ...values, parent_id: agencyId } });
    setBusy(false);
    if (r.ok) {
      toast.success(`${r.data.workspace.name} added. Next: connect its Nedzo token.`);
      router.push(`/w/${r.data.workspace.slug}/settings`);
      router.refresh();
      return;
    }
    setErrors(Object.fromEntries((r.problem.errors ?? []).map((e) => [e.path, e.message])));
    if (!r.problem.errors?.length) toast.error(r.problem.detail);
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field id="client-name" label="Client name" error={errors.name}>
        <Input id="client-name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("client-name", errors.name)} />
      </Field>
      <Field id="client-timezone" label="Time zone" error={errors.timezone}>
        <TimeZoneSelect id="client-timezone" zones={zones} value={values.timezone} onChange={(e) => setValues({ ...values, timezone: e.target.value })} />
      </Field>
      <Button type="submit" disabled={!hydrated || busy} className="w-fit">
        {busy ? "Adding…" : "Add client"}
      </Button>
    </form>
  );
}
