import { Badge } from "./ui/badge";

const STYLES = {
  queued: { variant: "secondary", label: "Queued" },
  pending: { variant: "secondary", label: "Sending" },
  created: { variant: "success", label: "Created" },
  failed: { variant: "destructive", label: "Failed" },
  unknown: { variant: "warning", label: "Unknown — check Nedzo" },
} as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  const s = STYLES[status];
  return <Badge variant={s.variant}>{s.label}</Badge>;
}
