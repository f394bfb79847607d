"use client";
import { useEffect, useState } from "react";
import { Loader2 } from "lucide-react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/ui/api-client";
import { useMutation } from "@/lib/ui/use-mutation";

// "Set on agents": each Nedzo agent's post-conversation webhook (ours, none, or another URL), and one
// click to set ours on them all. An agent that already posts elsewhere is changed only after a dialog
// naming it and its URL, and the request lists it under `replace` — the API's explicit consent.

type AgentWebhook = { agent_id: string; name: string; webhook_url: string | null; state: "ours" | "none" | "other" };
type InstallResult = { agent_id: string; name: string; result: "set" | "already" | "kept" | "failed"; detail: string | null };
type Results = { results: InstallResult[] };

const STATE = {
  ours: <Badge variant="success">This workspace</Badge>,
  none: <Badge variant="outline">None</Badge>,
} as const;

export function AgentWebhooks({ workspaceId }: { workspaceId: string }) {
  const [agents, setAgents] = useState<AgentWebhook[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<InstallResult[] | null>(null);
  const install = useMutation();
  const path = `/api/v1/workspaces/${workspaceId}/webhook/agents`;

  // every read asks Nedzo (through our server): again after an install, or when the person asks
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let current = true;
    void apiFetch<{ agents: AgentWebhook[] }>(path).then((r) => {
      if (!current) return;
      if (r.ok) setAgents(r.data.agents);
      else setError(r.problem.detail || `Nedzo's agents could not be read (${r.status}).`);
    });
    return () => {
      current = false;
    };
  }, [path, reads]);
  const load = () => {
    setError(null);
    setReads((n) => n + 1);
  };

  const done = (data: Results) => {
    setResults(data.results);
    load();
  };

  if (error) {
    return (
      <div className="grid gap-2">
        <p role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
        <Button variant="outline" className="w-fit" onClick={load}>
          Try again
        </Button>
      </div>
    );
  }
  if (!agents) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground" aria-live="polite">
        <Loader2 className="size-4 animate-spin" aria-hidden /> Reading your agents from Nedzo…
      </p>
    );
  }
  if (agents.length === 0) return <p className="text-sm text-muted-foreground">Nedzo lists no agents for this workspace.</p>;

  const todo = agents.filter((a) => a.state !== "ours");
  const others = agents.filter((a) => a.state === "other");
  const body = (replace: AgentWebhook[]) => ({ agent_ids: todo.map((a) => a.agent_id), replace: replace.map((a) => a.agent_id) });
  const summary = (data: Results) => {
    const set = data.results.filter((r) => r.result === "set").length;
    return `Webhook set on ${set} agent${set === 1 ? "" : "s"}`;
  };

  return (
    <div className="grid gap-4">
      <Table aria-label="Agents' post-conversation webhook">
        <TableHeader>
          <TableRow>
            <TableHead>Agent</TableHead>
            <TableHead>Posts calls to</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {agents.map((a) => (
            <TableRow key={a.agent_id}>
              <TableCell className="font-medium">{a.name || a.agent_id}</TableCell>
              <TableCell>
                {a.state === "other" ? (
                  <span className="grid gap-1">
                    <Badge variant="warning" className="w-fit">
                      Another URL
                    </Badge>
                    <span className="font-mono text-xs break-all">{a.webhook_url}</span>
                  </span>
                ) : (
                  STATE[a.state]
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {todo.length === 0 ? (
        <p className="text-sm text-muted-foreground">Every agent posts its calls to this workspace.</p>
      ) : others.length === 0 ? (
        <Button
          className="w-fit"
          disabled={!install.ready}
          onClick={() => void install.run<Results>({ path, method: "POST", body: body([]) }, { success: summary, onSuccess: done })}
        >
          {install.pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
          {install.pending ? "Setting…" : `Set on ${todo.length} agent${todo.length === 1 ? "" : "s"}`}
        </Button>
      ) : (
        <div className="flex flex-wrap gap-2">
          <ConfirmDialog<Results>
            trigger={
              <Button className="w-fit">
                Set on {todo.length} agent{todo.length === 1 ? "" : "s"}…
              </Button>
            }
            title={`Replace the webhook of ${others.length} agent${others.length === 1 ? "" : "s"}?`}
            description={
              <span className="grid gap-2">
                <span>
                  {others.length === 1 ? "This agent already posts" : "These agents already post"} its calls somewhere else. Setting ours
                  replaces that URL: it gets no more posts from {others.length === 1 ? "it" : "them"}.
                </span>
                <span className="grid gap-1" role="list" aria-label="Agents whose URL would be replaced">
                  {others.map((a) => (
                    <span key={a.agent_id} role="listitem" className="block">
                      <strong>{a.name || a.agent_id}</strong>: <span className="font-mono text-xs break-all">{a.webhook_url}</span>
                    </span>
                  ))}
                </span>
              </span>
            }
            confirm="Replace and set"
            pending="Setting…"
            request={{ path, method: "POST", body: body(others) }}
            options={{ success: summary, onSuccess: done }}
          />
          {todo.length > others.length ? (
            <Button
              variant="outline"
              disabled={!install.ready}
              onClick={() =>
                void install.run<Results>(
                  { path, method: "POST", body: { agent_ids: todo.filter((a) => a.state === "none").map((a) => a.agent_id), replace: [] } },
                  { success: summary, onSuccess: done },
                )
              }
            >
              Set only where none is set
            </Button>
          ) : null}
        </div>
      )}
      {results?.some((r) => r.result === "failed" || r.result === "kept") ? (
        <ul role="alert" className="grid gap-1 text-sm">
          {results
            .filter((r) => r.result === "failed" || r.result === "kept")
            .map((r) => (
              <li key={r.agent_id}>
                <strong>{r.name || r.agent_id}</strong>: {r.result === "kept" ? "kept as it was" : "not set"}. {r.detail}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
