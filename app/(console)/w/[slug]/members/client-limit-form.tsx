"use client";
import { useRef } from "react";
import { useWatch } from "react-hook-form";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { FormProblem, SubmitButton } from "@/components/ui/form";

// The route's schema, and one rule of the form's: the API reads [] as "every client", which is never what
// someone who chose "Only these clients" and ticked none meant.
const limitSchema = () =>
  import("@/lib/agencies/schemas").then((m) =>
    m.clientLimitSchema.refine((v) => v.client_ids === null || v.client_ids.length > 0, {
      path: ["client_ids"],
      message: "Tick at least one client, or choose every client.",
    }),
  );

/**
 * Which clients an agency member or viewer may act in: every client, or only the ticked ones. A limit is a
 * state of its own: limited to clients that were since deleted means no client (`selected` is then []).
 */
export function ClientLimitForm({
  agencyId,
  userId,
  email,
  clients,
  selected,
}: {
  agencyId: string;
  userId: string;
  email: string;
  clients: { id: string; name: string }[];
  selected: string[] | null;
}) {
  const form = useSchemaForm(limitSchema, { values: { client_ids: selected } });
  const ids = useWatch({ control: form.control, name: "client_ids" });
  const lastTicked = useRef(selected ?? []);
  const error = form.formState.errors.client_ids?.message;
  const errorId = `client-limit-error-${userId}`;
  const choose = (next: string[] | null) => {
    if (next) lastTicked.current = next;
    form.setValue("client_ids", next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  };
  const onSubmit = form.submitTo<{ clients_limited: boolean; client_ids: string[] | null }>(
    (body) => ({ path: `/api/v1/workspaces/${agencyId}/members/${userId}/clients`, method: "PUT", body }),
    {
      success: (r) =>
        r.clients_limited ? `${email} limited to ${r.client_ids?.length ?? 0} client(s)` : `${email} can act for every client`,
    },
  );
  const summary =
    selected === null
      ? "All clients"
      : selected.length === 0
        ? "No client (limited; its clients were deleted)"
        : `Limited to ${selected.length} client(s)`;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground">{summary}</summary>
      <form onSubmit={onSubmit} className="mt-2 grid gap-2" noValidate>
        <fieldset className="grid gap-1" aria-describedby={error ? errorId : undefined}>
          <legend className="sr-only">Clients {email} may act for</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={`limit-${userId}`} checked={ids === null} onChange={() => choose(null)} />
            Every client
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`limit-${userId}`} checked={ids !== null} onChange={() => choose(lastTicked.current)} />
            Only these clients:
          </label>
          {clients.map((c) => (
            <label key={c.id} className="ml-6 flex items-center gap-2">
              <input
                type="checkbox"
                disabled={ids === null}
                checked={ids?.includes(c.id) ?? false}
                aria-invalid={Boolean(error)}
                onChange={(e) => choose(e.target.checked ? [...(ids ?? []), c.id] : (ids ?? []).filter((x) => x !== c.id))}
              />
              {c.name}
            </label>
          ))}
        </fieldset>
        {error ? (
          <p id={errorId} role="alert" className="text-destructive">
            {error}
          </p>
        ) : null}
        <FormProblem form={form} />
        <SubmitButton form={form} pending="Saving…" size="sm" variant="outline" className="w-fit">
          Save clients
        </SubmitButton>
      </form>
    </details>
  );
}
