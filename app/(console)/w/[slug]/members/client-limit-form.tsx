"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/components/ui/button";

/**
 * Which clients an agency member or viewer may act in: every client, or only the ticked ones. A limit is a
 * state of its own: limited to clients that were since deleted means no client (`selected` is then []).
 */
export function ClientLimitForm({ agencyId, userId, email, clients, selected }: { agencyId: string; userId: string; email: string; clients: { id: string; name: string }[]; selected: string[] | null }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [limited, setLimited] = useState(selected !== null);
  const [chosen, setChosen] = useState<string[]>(selected ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = `client-limit-error-${userId}`;
  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (limited && chosen.length === 0) {
      setError("Tick at least one client, or choose every client.");
      return;
    }
    setError(null);
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${agencyId}/members/${userId}/clients`, { method: "PUT", body: { client_ids: limited ? chosen : null } });
    setBusy(false);
    if (r.ok) toast.success(limited ? `${email} limited to ${chosen.length} client(s)` : `${email} can act for every client`);
    else toast.error(r.problem.detail);
    router.refresh();
  }
  const summary = selected === null ? "All clients" : selected.length === 0 ? "No client (limited; its clients were deleted)" : `Limited to ${selected.length} client(s)`;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground">{summary}</summary>
      <form onSubmit={save} className="mt-2 grid gap-2" noValidate>
        <fieldset className="grid gap-1">
          <legend className="sr-only">Clients {email} may act for</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={`limit-${userId}`} checked={!limited} onChange={() => setLimited(false)} />
            Every client
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`limit-${userId}`} checked={limited} onChange={() => setLimited(true)} />
            Only these clients:
          </label>
          {clients.map((c) => (
            <label key={c.id} className="ml-6 flex items-center gap-2">
              <input
                type="checkbox"
                disabled={!limited}
                checked={chosen.includes(c.id)}
                aria-describedby={error ? errorId : undefined}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
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
        <Button type="submit" size="sm" variant="outline" disabled={!hydrated || busy} className="w-fit">
          Save clients
        </Button>
      </form>
    </details>
  );
}
