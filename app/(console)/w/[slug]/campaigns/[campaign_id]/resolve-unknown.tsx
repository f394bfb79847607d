"use client";
import type { ResolutionInput } from "@/lib/campaigns/schemas";
import { useSchemaForm } from "@/lib/ui/use-schema-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { FormField, FormProblem, SubmitButton } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

/** The three ways out of `unknown`, each audited on the server; the two that need no ID ask first. */
export function ResolveUnknown({ workspaceId, campaignId }: { workspaceId: string; campaignId: string }) {
  const path = `/api/v1/workspaces/${workspaceId}/campaigns/${campaignId}/resolution`;
  const resolve = (body: ResolutionInput) => ({ path, method: "POST", body }) as const;
  const form = useSchemaForm(() => import("@/lib/campaigns/schemas").then((m) => m.resolutionSchema), {
    defaultValues: { action: "link", nedzo_campaign_id: "" },
  });
  const onLink = form.submitTo(resolve, { success: "Linked to the Nedzo campaign" });

  return (
    <div className="grid gap-5 md:grid-cols-3">
      <form className="grid content-start gap-2" onSubmit={onLink} noValidate>
        <FormField
          form={form}
          name="nedzo_campaign_id"
          id="nedzo-id"
          label="Nedzo campaign ID"
          hint="Found it in Nedzo? Link it."
          options={{ setValueAs: (v: string) => v.trim() }}
          render={(p) => <Input spellCheck={false} autoComplete="off" {...p} />}
        />
        <FormProblem form={form} />
        <SubmitButton form={form} pending="Linking…" variant="outline" className="w-fit">
          Link
        </SubmitButton>
      </form>
      <div className="grid content-start gap-2">
        <p className="text-sm font-medium">Not in Nedzo?</p>
        <p className="text-xs text-muted-foreground">Record that it was not created.</p>
        <ConfirmDialog
          trigger={
            <Button variant="outline" className="w-fit">
              Mark as not created
            </Button>
          }
          title="Mark this campaign as not created?"
          description="Do this only if you checked Nedzo and it is not there. The campaign becomes failed; nothing is sent."
          confirm="Mark as not created"
          pending="Marking…"
          request={resolve({ action: "mark_failed" })}
          options={{ success: "Marked as not created" }}
        />
      </div>
      <div className="grid content-start gap-2">
        <p className="text-sm font-medium">Checked, and not there?</p>
        <p className="text-xs text-muted-foreground">Send the create to Nedzo again.</p>
        <ConfirmDialog
          trigger={<Button className="w-fit">Retry the create</Button>}
          title="Send the create to Nedzo again?"
          description="Only if you checked Nedzo and this campaign is not there: if Nedzo has it after all, it will have it twice."
          confirm="I checked: send it again"
          pending="Sending…"
          request={resolve({ action: "retry", confirm: true })}
          options={{ success: "Sent to Nedzo again" }}
        />
      </div>
    </div>
  );
}
