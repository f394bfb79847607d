"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Loader2 } from "lucide-react";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { apiFetch } from "@/lib/ui/api-client";
import { TimeZoneSelect } from "@/app/_components/time-zone-select";
import { Button } from "@/app/_components/ui/button";
import { Field, describedBy } from "@/app/_components/ui/field";
import { Input, NativeSelect } from "@/app/_components/ui/input";

export function WorkspaceCreateForm({ zones }: { zones: string[] }) {
  const router = useRouter();
  const [values, setValues] = useState(() => ({
    name: "",
    kind: "team",
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await apiFetch<{ workspace: { slug: string } }>("/api/v1/workspaces", { method: "POST", body: values });
    if (r.ok) {
      toast.success("Workspace created. Next: connect it to Nedzo.");
      router.push(`/w/${r.data.workspace.slug}/settings`);
      router.refresh();
      return;
    }
    setBusy(false);
    setErrors(Object.fromEntries((r.problem.errors ?? []).map((e) => [e.path, e.message])));
    if (!r.problem.errors?.length) toast.error(r.problem.detail);
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <Field id="ws-name" label="Workspace name" error={errors.name} hint="Your team or company, e.g. Acme Outreach.">
        <Input id="ws-name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("ws-name", errors.name, true)} />
      </Field>
      <Field id="ws-kind" label="Kind" error={errors.kind} hint="An agency runs campaigns for client workspaces it owns.">
        <NativeSelect id="ws-kind" value={values.kind} onChange={(e) => setValues({ ...values, kind: e.target.value })} aria-describedby={describedBy("ws-kind", errors.kind, true)}>
          <option value="team">Team</option>
          <option value="agency">Agency</option>
        </NativeSelect>
      </Field>
      <Field id="ws-timezone" label="Time zone" error={errors.timezone}>
        <TimeZoneSelect id="ws-timezone" zones={zones} value={values.timezone} onChange={(e) => setValues({ ...values, timezone: e.target.value })} />
      </Field>
      <Button type="submit" disabled={!hydrated || busy} className="w-fit">
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : null}
        {busy ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
