"use client";
import { useId, useState } from "react";
import { Check, Copy } from "lucide-react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/lib/ui/use-hydrated";

/** The workspace's secret webhook URL (owners and admins only reach this), with a copy button. */
export function WebhookUrl({ url }: { url: string }) {
  const id = useId();
  const hydrated = useHydrated();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // no clipboard permission (an http page, a locked-down browser): select it for a manual copy
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied("failed");
    }
  }

  return (
    <div className="grid gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Webhook URL
      </label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={url}
          className="font-mono text-xs"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-hint`}
        />
        <Button type="button" variant="outline" onClick={copy} disabled={!hydrated} aria-label="Copy the webhook URL">
          {copied === "yes" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Keep it secret: anyone with it can post calls into this workspace.
      </p>
      <p aria-live="polite" className="sr-only">
        {copied === "yes" ? "Webhook URL copied" : copied === "failed" ? "Could not copy: the URL is selected, press Ctrl+C" : ""}
      </p>
    </div>
  );
}

/** A new secret URL; the old one stops working at once (after a confirmation saying so). */
export function RotateWebhook({ workspaceId }: { workspaceId: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" className="w-fit">
          Rotate URL
        </Button>
      }
      title="Rotate the webhook URL?"
      description="The current URL stops working at once: Nedzo's posts to it are refused until your agents post to the new one. Set the new URL on your agents below right after. Calls missed meanwhile arrive with the next sync."
      confirm="Rotate URL"
      pending="Rotating…"
      request={{ path: `/api/v1/workspaces/${workspaceId}/webhook/rotate`, method: "POST" }}
      options={{ success: "New webhook URL made: set it on your agents" }}
    />
  );
}
