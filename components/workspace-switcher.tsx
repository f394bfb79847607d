"use client";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { Building2, Check, ChevronsUpDown, Plus, Search, Users } from "lucide-react";
import { cn } from "@/lib/utils";
import { Button } from "./ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "./ui/popover";
import { AGENCY, CLIENT, filterGroups, type SwitcherGroup, type SwitcherOption } from "./workspace-groups";

/**
 * The workspace switcher: a button that opens a search box (a combobox) over the workspaces, grouped by
 * agency. Type to filter; arrows move, Enter opens, Escape closes — the WAI-ARIA combobox pattern.
 */
export function WorkspaceSwitcher({ groups: all }: { groups: SwitcherGroup[] }) {
  const { slug } = useParams<{ slug?: string }>();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const current = all.flatMap((g) => g.items).find((o) => o[0] === slug);
  const groups = useMemo(() => filterGroups(all, query), [all, query]);
  const options = groups.flatMap((g) => g.items);
  const optionId = (i: number) => `${id}-option-${i}`;
  const activeIndex = Math.min(active, options.length - 1);

  function go(o: SwitcherOption) {
    setOpen(false);
    router.push(`/w/${o[0]}`);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const last = options.length - 1;
    if (e.key === "ArrowDown") setActive((i) => (i >= last ? 0 : i + 1));
    else if (e.key === "ArrowUp") setActive((i) => (i <= 0 ? last : i - 1));
    else if (e.key === "Home" && e.ctrlKey) setActive(0);
    else if (e.key === "End" && e.ctrlKey) setActive(last);
    else if (e.key === "Enter" && options[activeIndex]) go(options[activeIndex]);
    else return;
    e.preventDefault();
  }

  // each group's first option's place in the flat list (aria-activedescendant counts across groups)
  const starts = groups.map((_, gi) => groups.slice(0, gi).reduce((n, g) => n + g.items.length, 0));
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setQuery("");
        setActive(
          Math.max(
            0,
            filterGroups(all, "")
              .flatMap((g) => g.items)
              .findIndex((o) => o[0] === slug),
          ),
        );
      }}
    >
      <PopoverTrigger asChild>
        <Button variant="outline" className="max-w-64 justify-between">
          <span className="truncate">{current?.[1] ?? "Choose a workspace"}</span>
          <span className="sr-only">, Switch workspace</span>
          <ChevronsUpDown aria-hidden className="opacity-60" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80" aria-label="Switch workspace">
        <div className="flex items-center gap-2 border-b px-3">
          <Search aria-hidden className="size-4 shrink-0 text-muted-foreground" />
          <input
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={options.length ? optionId(activeIndex) : undefined}
            aria-label="Find a workspace"
            placeholder="Find a workspace…"
            className="h-10 w-full bg-transparent text-sm outline-none placeholder:text-muted-foreground"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <div role="listbox" id={`${id}-list`} aria-label="Workspaces" className="max-h-80 overflow-y-auto p-1">
          {groups.map((g, gi) => (
            <div role="group" key={`${g.label}-${gi}`} aria-labelledby={`${id}-group-${gi}`}>
              <div id={`${id}-group-${gi}`} role="presentation" className="px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">
                {g.label}
              </div>
              {g.items.map((o, wi) => {
                const i = starts[gi] + wi;
                const [optionSlug, name, role, place] = o;
                return (
                  <div
                    key={optionSlug}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === activeIndex}
                    aria-current={optionSlug === slug ? "page" : undefined}
                    onMouseMove={() => setActive(i)}
                    onClick={() => go(o)}
                    className={cn(
                      "flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm",
                      place === CLIENT && "pl-6",
                      i === activeIndex && "bg-accent text-accent-foreground",
                    )}
                  >
                    {place === AGENCY ? <Building2 aria-hidden className="size-4" /> : <Users aria-hidden className="size-4" />}
                    <span className="flex-1 truncate">{name}</span>
                    <span className="text-xs text-muted-foreground">{role}</span>
                    {optionSlug === slug ? <Check aria-label="current workspace" className="size-4" /> : null}
                  </div>
                );
              })}
            </div>
          ))}
          {options.length === 0 ? (
            <p className="px-2 py-6 text-center text-sm text-muted-foreground">No workspace matches “{query}”.</p>
          ) : null}
        </div>
        <p className="sr-only" aria-live="polite">
          {query ? `${options.length} ${options.length === 1 ? "workspace" : "workspaces"} found` : ""}
        </p>
        <div className="border-t p-1">
          <Link
            href="/w/new"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-sm px-2 py-1.5 text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
          >
            <Plus aria-hidden className="size-4" /> New workspace
          </Link>
        </div>
      </PopoverContent>
    </Popover>
  );
}
