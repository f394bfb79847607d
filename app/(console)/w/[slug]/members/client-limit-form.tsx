"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/app/_components/ui/button";

/** Which clients an agency member may act in: none ticked means all of them. */
export function ClientLimitForm({ agencyId, userId, email, clients, selected }: { agencyId: string; userId: string; email: string; clients: { id: string; name: string }[]; selected: string[] | null }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<string[]>(selected ?? []);
  const [busy, setBusy] = useState(false);
  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${agencyId}/members/${userId}/clients`, { method: "PUT", body: { client_ids: chosen } });
    setBusy(false);
    if (r.ok) toast.success(chosen.length ? `${email} limited to ${chosen.length} client(s)` : `${email} can act for every client`);
    else toast.error(r.problem.detail);
    router.refresh();
  }
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground">{selected?.length ? `Limited to ${selected.length} client(s)` : "All clients"}</summary>
      <form onSubmit={save} className="mt-2 grid gap-2">
        <fieldset className="grid gap-1">
          <legend className="sr-only">Clients {email} may act for</legend>
          {clients.map((c) => (
            <label key={c.id} className="flex items-center gap-2">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} />
              {c.name}
            </label>
          ))}
        </fieldset>
        <Button type="submit" size="sm" variant="outline" disabled={!hydrated || busy} className="w-fit">
          Save clients
        </Button>
      </form>
    </details>
  );
}
