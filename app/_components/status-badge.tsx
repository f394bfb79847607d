import { Badge } from "./ui/badge";

const STYLES = {
  created: { variant: "success", label: "Created" },
  pending: { variant: "secondary", label: "Pending" },
  failed: { variant: "destructive", label: "Failed" },
  unknown: { variant: "warning", label: "Unknown — check Nedzo" },
} as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  const s = STYLES[status];
  return <Badge variant={s.variant}>{s.label}</Badge>;
}
