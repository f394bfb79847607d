"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Building2, Check, ChevronsUpDown, Plus, Users } from "lucide-react";
import { Button } from "./ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

export type SwitcherWorkspace = { slug: string; name: string; kind: "team" | "agency"; role: string };

export function WorkspaceSwitcher({ workspaces }: { workspaces: SwitcherWorkspace[] }) {
  const { slug } = useParams<{ slug?: string }>();
  const current = workspaces.find((w) => w.slug === slug);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="max-w-64 justify-between" aria-label={`Workspace: ${current?.name ?? "none selected"}. Switch workspace`}>
          <span className="truncate">{current?.name ?? "Choose a workspace"}</span>
          <ChevronsUpDown aria-hidden className="opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
        {workspaces.map((w) => (
          <DropdownMenuItem key={w.slug} asChild>
            <Link href={`/w/${w.slug}`} aria-current={w.slug === slug ? "page" : undefined}>
              {w.kind === "agency" ? <Building2 aria-hidden /> : <Users aria-hidden />}
              <span className="flex-1 truncate">{w.name}</span>
              <span className="text-xs text-muted-foreground">{w.role}</span>
              {w.slug === slug ? <Check aria-label="current" /> : null}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/w/new">
            <Plus aria-hidden /> New workspace
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
