"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Loader2, Unplug } from "lucide-react";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { apiFetch } from "@/lib/ui/api-client";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";

type Mode = "sandbox" | "live";

export function ConnectionForm({ workspaceId, connected, currentMode }: { workspaceId: string; connected: boolean; currentMode: Mode | null }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>(currentMode ?? "sandbox");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}/nedzo-connection`, {
      method: "PUT",
      body: mode === "live" ? { mode, token } : { mode },
    });
    setBusy(false);
    if (r.ok) {
      setToken("");
      toast.success(mode === "live" ? "Token verified with Nedzo and saved" : "Connected to the sandbox");
      router.refresh();
    } else {
      setError(r.problem.errors?.find((e) => e.path === "token")?.message ?? r.problem.detail);
    }
  }

  async function disconnect() {
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}/nedzo-connection`, { method: "DELETE" });
    if (r.ok) {
      toast.success("Disconnected from Nedzo");
      router.refresh();
    } else toast.error(r.problem.detail);
  }

  return (
    <div className="grid gap-6">
      <form onSubmit={save} className="grid gap-4" noValidate>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Mode</legend>
          {(
            [
              ["sandbox", "Sandbox", "A built-in simulated Nedzo: for demos, training and tests. Nothing is called for real."],
              ["live", "Live", "Your Nedzo account, with an API key (sk_live_… or sk_test_…)."],
            ] as const
          ).map(([value, label, help]) => (
            <label key={value} className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary">
              <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} className="mt-1" />
              <span>
                <span className="block text-sm font-medium">{label}</span>
                <span className="block text-xs text-muted-foreground">{help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === "live" ? (
          <Field id="token" label="Nedzo API token" error={error ?? undefined} hint="Checked with Nedzo, then stored encrypted. It is never shown again, only its last 4 characters.">
            <Input
              id="token"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy("token", error ?? undefined, true)}
            />
          </Field>
        ) : error ? (
          <p className="text-sm text-destructive" role="alert">
            {error}
          </p>
        ) : null}
        <div>
          <Button type="submit" disabled={!hydrated || busy || (mode === "live" && token.trim() === "")}>
            {busy ? <Loader2 className="animate-spin" aria-hidden /> : null}
            {busy ? (mode === "live" ? "Checking with Nedzo…" : "Connecting…") : mode === "live" ? "Verify and save token" : "Use the sandbox"}
          </Button>
        </div>
      </form>
      {connected ? (
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button variant="outline" className="w-fit">
              <Unplug aria-hidden /> Disconnect
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogTitle>Disconnect from Nedzo?</AlertDialogTitle>
            <AlertDialogDescription>
              The stored token is deleted. Campaigns stay in this console, but nobody can create new ones until the workspace is connected again.
            </AlertDialogDescription>
            <AlertDialogFooter>
              <AlertDialogCancel>Keep connected</AlertDialogCancel>
              <AlertDialogAction onClick={disconnect}>Disconnect</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      ) : null}
    </div>
  );
}
