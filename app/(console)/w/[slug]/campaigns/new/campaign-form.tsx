"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "@/lib/ui/toast";
import { Send } from "lucide-react";
import type { RegisterOptions } from "react-hook-form";
import type { CampaignInput } from "@/lib/nedzo/schemas";
import type { Problem } from "@/lib/ui/api-client";
import { useApiGet } from "@/lib/ui/use-api-get";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input, NativeSelect } from "@/components/ui/input";

type Agent = { id: string; name: string };
type NumberField = "min_calls_per_hour" | "max_calls_per_hour" | "daily_usage_cap" | "max_dials_per_contact";

/** A number input's text as the schema reads it: a number (NaN fails it), or `empty` when left blank. */
const asNumber = (empty: null | undefined): RegisterOptions<CampaignInput> => ({
  setValueAs: (v: unknown) => (typeof v !== "string" ? v : v.trim() === "" ? empty : Number(v)),
});

const FIELDS: { key: NumberField; label: string; empty: null | undefined; hint?: string; min?: number; placeholder?: string }[] = [
  { key: "min_calls_per_hour", label: "Min calls per hour", empty: undefined, min: 0 },
  { key: "max_calls_per_hour", label: "Max calls per hour", empty: undefined, min: 1 },
  { key: "daily_usage_cap", label: "Daily usage cap", empty: null, min: 1, hint: "Optional. Empty means no cap." },
  {
    key: "max_dials_per_contact",
    label: "Max dials per contact",
    empty: undefined,
    min: 1,
    hint: "1 to 100. Empty means Nedzo's default, 25.",
    placeholder: "25",
  },
];

export function CampaignForm({ workspaceId, slug, timeZone }: { workspaceId: string; slug: string; timeZone: string }) {
  const router = useRouter();
  const agents = useApiGet<{ agents: Agent[] }>(`/api/v1/workspaces/${workspaceId}/agents`);
  const [pasteChoice, setPasteChoice] = useState<boolean | null>(null);
  const pasteId = pasteChoice ?? agents?.ok === false;
  // One key per attempt at this form: a double click or a retry after a network error cannot create twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const form = useSchemaForm(() => import("@/lib/nedzo/schemas").then((m) => m.campaignInputSchema), {
    defaultValues: {
      name: "",
      agent_id: "",
      start_time: "09:00",
      end_time: "17:00",
      min_calls_per_hour: 1,
      max_calls_per_hour: 30,
      daily_usage_cap: null,
    },
  });

  const onSubmit = form.submitTo<{ campaign: { id: string; status: string } }>(
    (body) => ({
      path: `/api/v1/workspaces/${workspaceId}/campaigns`,
      method: "POST",
      body,
      headers: { "idempotency-key": idempotencyKey },
    }),
    {
      onSuccess: ({ campaign }) =>
        campaign.status === "created"
          ? toast.success("Campaign created in Nedzo")
          : toast.info("Campaign queued: this Nedzo token is busy, it will be sent in its turn."),
      navigate: ({ campaign }) => `/w/${slug}/campaigns/${campaign.id}`,
      onProblem: (p: Problem) => {
        // Anything but a lost connection is final for this key.
        if (p.status !== 0) setIdempotencyKey(crypto.randomUUID());
        if (p.campaign_status !== "unknown" || !p.campaign_id) return false;
        toast.warning("Nedzo may have created this campaign: see its page before trying again.");
        router.push(`/w/${slug}/campaigns/${p.campaign_id}`);
        router.refresh();
        return true;
      },
    },
  );
  const failure = form.problem?.campaign_status === "unknown" ? null : form.problem;

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6" aria-busy={form.busy}>
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
      ) : (
        // a check that could not run (its code did not arrive: the connection dropped) says so here
        <FormProblem form={form} />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField form={form} name="name" label="Name" render={(p) => <Input autoComplete="off" {...p} />} />
        <FormField
          form={form}
          name="agent_id"
          label="Agent"
          options={{ setValueAs: (v: string) => v.trim() }}
          hint={
            <>
              {agents?.ok === false ? `${agents.problem.detail} Paste the agent's ID instead. ` : null}
              <button
                type="button"
                className="underline underline-offset-2"
                onClick={() => {
                  setPasteChoice(!pasteId);
                  form.setValue("agent_id", "");
                }}
              >
                {pasteId ? "Pick an agent by name" : "Paste an agent ID instead"}
              </button>
            </>
          }
          render={(p) =>
            pasteId ? (
              <Input placeholder="00000000-0000-0000-0000-000000000000" autoComplete="off" spellCheck={false} {...p} />
            ) : (
              <NativeSelect disabled={!agents?.ok} {...p}>
                <option value="">{agents?.ok ? "Choose an agent" : "Loading agents…"}</option>
                {agents?.ok
                  ? agents.data.agents.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))
                  : null}
              </NativeSelect>
            )
          }
        />
        <FormField
          form={form}
          name="start_time"
          label="Start time"
          hint={`In ${timeZone}, the workspace's time zone.`}
          render={(p) => <Input type="time" {...p} />}
        />
        <FormField
          form={form}
          name="end_time"
          label="End time"
          hint={`In ${timeZone}. Must be after the start time.`}
          render={(p) => <Input type="time" {...p} />}
        />
        {FIELDS.map((f) => (
          <FormField
            key={f.key}
            form={form}
            name={f.key}
            label={f.label}
            hint={f.hint}
            options={asNumber(f.empty)}
            render={(p) => <Input type="number" inputMode="numeric" step={1} min={f.min} placeholder={f.placeholder} {...p} />}
          />
        ))}
      </div>
      <p className="text-xs text-muted-foreground">
        Nedzo does not say which time zone the calling window uses; contacts carry their own. We show the workspace&apos;s ({timeZone}).
      </p>
      <div className="flex gap-2">
        <SubmitButton form={form} pending="Creating in Nedzo…" icon={<Send aria-hidden />}>
          Create campaign
        </SubmitButton>
        <Button asChild variant="ghost">
          <Link href={`/w/${slug}`}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
