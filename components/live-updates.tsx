"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Keeps a server-rendered page live: listens to the workspace's server-sent events and re-reads the page
 * (router.refresh, which keeps client state and scroll) shortly after anything it shows changed. Events
 * arriving together are folded into one refresh. The browser's EventSource reconnects by itself after a
 * dropped connection; on reconnect the page is re-read once, since events may have been missed meanwhile.
 *
 * `campaignIds`: refresh only for these campaigns (a campaign page); omitted, any campaign of the workspace.
 */
export function LiveUpdates({
  workspaceId,
  campaignIds,
  debounceMs = 250,
}: {
  workspaceId: string;
  campaignIds?: string[];
  debounceMs?: number;
}) {
  const router = useRouter();
  // a string, so the stream is reopened only when the set of campaigns really changes
  const watched = campaignIds ? campaignIds.join(",") : null;

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const only = watched === null ? null : new Set(watched.split(","));
    const source = new EventSource(`/api/v1/workspaces/${workspaceId}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let opened = false;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, debounceMs);
    };
    source.addEventListener("ready", () => {
      // the first ready is the page's own start; a later one is a reconnect after which events may be missing
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("campaign", (e) => {
      if (!only) return refresh();
      try {
        const id = (JSON.parse((e as MessageEvent<string>).data) as { campaign?: { id?: string } }).campaign?.id;
        if (id && only.has(id)) refresh();
      } catch {
        // not ours to judge: a malformed event changes nothing
      }
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [workspaceId, watched, debounceMs, router]);

  return null;
}
