"use client";
import { useWatch } from "react-hook-form";
import { Unplug } from "lucide-react";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

type Mode = "sandbox" | "live";

const MODES = [
  ["sandbox", "Sandbox", "A built-in simulated Nedzo: for demos, training and tests. Nothing is called for real."],
  ["live", "Live", "Your Nedzo account, with an API key (sk_live_… or sk_test_…)."],
] as const;

export function ConnectionForm({
  workspaceId,
  connected,
  currentMode,
}: {
  workspaceId: string;
  connected: boolean;
  currentMode: Mode | null;
}) {
  const path = `/api/v1/workspaces/${workspaceId}/nedzo-connection`;
  // The token input exists only in live mode, and so does `token` in what is sent (the schema is strict).
  const form = useSchemaForm(() => import("@/lib/workspaces/schemas").then((m) => m.connectionSchema), {
    defaultValues: { mode: currentMode ?? "sandbox" },
    shouldUnregister: true,
  });
  const mode = useWatch({ control: form.control, name: "mode" });
  const onSubmit = form.submitTo((body) => ({ path, method: "PUT", body }), {
    success: mode === "live" ? "Token verified with Nedzo and saved" : "Connected to the sandbox",
    onSuccess: () => form.setValue("token", ""),
  });

  return (
    <div className="grid gap-6">
      <form onSubmit={onSubmit} className="grid gap-4" noValidate>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Mode</legend>
          {MODES.map(([value, label, help]) => (
            <label key={value} className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary">
              <input type="radio" value={value} {...form.register("mode")} className="mt-1" />
              <span>
                <span className="block text-sm font-medium">{label}</span>
                <span className="block text-xs text-muted-foreground">{help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === "live" ? (
          <FormField
            form={form}
            name="token"
            id="token"
            label="Nedzo API token"
            hint="Checked with Nedzo, then stored encrypted. It is never shown again, only its last 4 characters."
            render={(p) => <Input type="password" autoComplete="off" spellCheck={false} {...p} />}
          />
        ) : null}
        <FormProblem form={form} />
        <div>
          <SubmitButton form={form} pending={mode === "live" ? "Checking with Nedzo…" : "Connecting…"}>
            {mode === "live" ? "Verify and save token" : "Use the sandbox"}
          </SubmitButton>
        </div>
      </form>
      {connected ? (
        <ConfirmDialog
          trigger={
            <Button variant="outline" className="w-fit">
              <Unplug aria-hidden /> Disconnect
            </Button>
          }
          title="Disconnect from Nedzo?"
          description="The stored token is deleted. Campaigns stay in this console, but nobody can create new ones until the workspace is connected again."
          confirm="Disconnect"
          pending="Disconnecting…"
          cancel="Keep connected"
          request={{ path, method: "DELETE" }}
          options={{ success: "Disconnected from Nedzo" }}
        />
      ) : null}
    </div>
  );
}
