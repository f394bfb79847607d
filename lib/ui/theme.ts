import { cookies } from "next/headers";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export async function currentTheme(): Promise<Theme> {
  const value = (await cookies()).get("theme")?.value;
  return THEMES.includes(value as Theme) ? (value as Theme) : "system";
}
