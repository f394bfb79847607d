"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function WorkspaceTabs({ tabs }: { tabs: { href: string; label: string; exact: boolean }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace sections" className="flex gap-1 rounded-lg bg-muted p-1">
      {tabs.map((t) => {
        const active = t.exact ? pathname === t.href : pathname.startsWith(t.href);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              active && "bg-background text-foreground shadow-sm",
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
