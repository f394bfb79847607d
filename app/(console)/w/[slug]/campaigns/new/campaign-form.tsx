"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { toast } from "sonner";
import { Loader2, Send } from "lucide-react";
import { campaignInputSchema } from "@/lib/nedzo/schemas";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { apiFetch, type Problem } from "@/lib/ui/api-client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";

type Values = {
  name: string;
  agent_id: string;
  start_time: string;
  end_time: string;
  min_calls_per_hour: string;
  max_calls_per_hour: string;
  daily_usage_cap: string;
  max_dials_per_contact: string;
};
type Agent = { id: string; name: string };

const numberOrText = (v: string) => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v.trim());
const optional = (v: string) => (v.trim() === "" ? null : numberOrText(v));

/** The form's strings as the API body; the shared zod schema then checks it exactly as the server will. */
export function toBody(v: Values) {
  return {
    name: v.name,
    agent_id: v.agent_id.trim(),
    start_time: v.start_time,
    end_time: v.end_time,
    min_calls_per_hour: v.min_calls_per_hour.trim() === "" ? undefined : numberOrText(v.min_calls_per_hour),
    max_calls_per_hour: v.max_calls_per_hour.trim() === "" ? undefined : numberOrText(v.max_calls_per_hour),
    daily_usage_cap: optional(v.daily_usage_cap),
    ...(v.max_dials_per_contact.trim() === "" ? {} : { max_dials_per_contact: optional(v.max_dials_per_contact) }),
  };
}

const resolver: Resolver<Values> = async (values) => {
  const result = campaignInputSchema.safeParse(toBody(values));
  if (result.success) return { values, errors: {} };
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "name");
    errors[field] ??= { type: issue.code, message: issue.message };
  }
  return { values: {}, errors };
};

const FIELDS: { key: keyof Values; label: string; hint?: string; min?: number; placeholder?: string }[] = [
  { key: "min_calls_per_hour", label: "Min calls per hour", min: 0 },
  { key: "max_calls_per_hour", label: "Max calls per hour", min: 1 },
  { key: "daily_usage_cap", label: "Daily usage cap", min: 1, hint: "Optional. Empty means no cap." },
  { key: "max_dials_per_contact", label: "Max dials per contact", min: 1, hint: "1 to 100. Empty means Nedzo's default, 25.", placeholder: "25" },
];

export function CampaignForm({ workspaceId, slug, timeZone }: { workspaceId: string; slug: string; timeZone: string }) {
  const router = useRouter();
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [agentsError, setAgentsError] = useState<string | null>(null);
  const [pasteId, setPasteId] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);
  // One key per attempt at this form: a double click or a retry after a network error cannot create twice.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const form = useForm<Values>({
    resolver,
    mode: "onTouched",
    defaultValues: { name: "", agent_id: "", start_time: "09:00", end_time: "17:00", min_calls_per_hour: "1", max_calls_per_hour: "30", daily_usage_cap: "", max_dials_per_contact: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const hydrated = useHydrated();

  useEffect(() => {
    let live = true;
    apiFetch<{ agents: Agent[] }>(`/api/v1/workspaces/${workspaceId}/agents`).then((r) => {
      if (!live) return;
      if (r.ok) setAgents(r.data.agents);
      else {
        setAgentsError(r.problem.detail);
        setPasteId(true);
      }
    });
    return () => {
      live = false;
    };
  }, [workspaceId]);

  async function onSubmit(values: Values) {
    setFailure(null);
    const r = await apiFetch<{ campaign: { id: string; status: string } }>(`/api/v1/workspaces/${workspaceId}/campaigns`, {
      method: "POST",
      body: campaignInputSchema.parse(toBody(values)),
      headers: { "idempotency-key": idempotencyKey.current },
    });
    if (r.ok) {
      if (r.data.campaign.status === "created") toast.success("Campaign created in Nedzo");
      else toast.info("Campaign queued: this Nedzo token is busy, it will be sent in its turn.");
      router.push(`/w/${slug}/campaigns/${r.data.campaign.id}`);
      router.refresh();
      return;
    }
    const p = r.problem;
    // Anything but a lost connection or a request still running is final for this key.
    if (r.status !== 0) idempotencyKey.current = crypto.randomUUID();
    if (p.campaign_status === "unknown" && p.campaign_id) {
      toast.warning("Nedzo may have created this campaign: see its page before trying again.");
      router.push(`/w/${slug}/campaigns/${p.campaign_id}`);
      router.refresh();
      return;
    }
    let placed = false;
    for (const e of p.errors ?? []) {
      if (e.path in values) {
        form.setError(e.path as keyof Values, { type: "server", message: e.message }, { shouldFocus: !placed });
        placed = true;
      }
    }
    setFailure(p);
  }

  const agentField = pasteId ? (
    <Input
      id="agent_id"
      placeholder="00000000-0000-0000-0000-000000000000"
      autoComplete="off"
      spellCheck={false}
      aria-invalid={Boolean(errors.agent_id)}
      aria-describedby={describedBy("agent_id", errors.agent_id?.message, true)}
      {...form.register("agent_id")}
    />
  ) : (
    <NativeSelect id="agent_id" disabled={!agents} aria-invalid={Boolean(errors.agent_id)} aria-describedby={describedBy("agent_id", errors.agent_id?.message, true)} {...form.register("agent_id")}>
      <option value="">{agents ? "Choose an agent" : "Loading agents…"}</option>
      {agents?.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </NativeSelect>
  );

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="grid gap-6" aria-busy={isSubmitting}>
      {failure ? (
        <Alert variant="destructive">
          <AlertTitle>{failure.title}</AlertTitle>
          <AlertDescription>
            <p>{failure.detail}</p>
            {failure.campaign_id ? (
              <p className="mt-1">
                <Link className="underline" href={`/w/${slug}/campaigns/${failure.campaign_id}`}>
                  See the failed attempt
                </Link>{" "}
                — your form is kept below; fix it and submit again.
              </p>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name" error={errors.name?.message}>
          <Input id="name" autoComplete="off" aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("name", errors.name?.message)} {...form.register("name")} />
        </Field>
        <Field
          id="agent_id"
          label="Agent"
          error={errors.agent_id?.message}
          hint={
            <>
              {agentsError ? `${agentsError} Paste the agent's ID instead. ` : null}
              <button type="button" className="underline underline-offset-2" onClick={() => { setPasteId(!pasteId); form.setValue("agent_id", ""); }}>
                {pasteId ? "Pick an agent by name" : "Paste an agent ID instead"}
              </button>
            </>
          }
        >
          {agentField}
        </Field>
        <Field id="start_time" label="Start time" error={errors.start_time?.message} hint={`In ${timeZone}, the workspace's time zone.`}>
          <Input id="start_time" type="time" aria-invalid={Boolean(errors.start_time)} aria-describedby={describedBy("start_time", errors.start_time?.message, true)} {...form.register("start_time")} />
        </Field>
        <Field id="end_time" label="End time" error={errors.end_time?.message} hint={`In ${timeZone}. Must be after the start time.`}>
          <Input id="end_time" type="time" aria-invalid={Boolean(errors.end_time)} aria-describedby={describedBy("end_time", errors.end_time?.message, true)} {...form.register("end_time")} />
        </Field>
        {FIELDS.map((f) => (
          <Field key={f.key} id={f.key} label={f.label} hint={f.hint} error={errors[f.key]?.message}>
            <Input
              id={f.key}
              type="number"
              inputMode="numeric"
              step={1}
              min={f.min}
              placeholder={f.placeholder}
              aria-invalid={Boolean(errors[f.key])}
              aria-describedby={describedBy(f.key, errors[f.key]?.message, f.hint)}
              {...form.register(f.key)}
            />
          </Field>
        ))}
      </div>
      <p className="text-xs text-muted-foreground">
        Nedzo does not say which time zone the calling window uses; contacts carry their own. We show the workspace's ({timeZone}).
      </p>
      <div className="flex gap-2">
        <Button type="submit" disabled={!hydrated || isSubmitting}>
          {isSubmitting ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />}
          {isSubmitting ? "Creating in Nedzo…" : "Create campaign"}
        </Button>
        <Button asChild variant="ghost">
          <Link href={`/w/${slug}`}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
