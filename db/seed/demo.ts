import { readFileSync } from "node:fs";
import type { StakeholderGroup } from "../schema.js";

// Seeds stay inside db/: they receive ready-made rows and hashes from the caller
// and never import server code.

export const DEMO_SLUG = "ai-guideline";
const DEMO_SOURCE = new URL("./ai-guideline.md", import.meta.url);

export interface DemoAccount {
  email: string;
  displayName: string;
  organisation: string;
  stakeholderGroup: StakeholderGroup;
  role: "owner" | "drafter" | "moderator" | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "owner@example.org", displayName: "Olivia Owner", organisation: "Ministry of Digital Affairs", stakeholderGroup: "government", role: "owner" },
  { email: "drafter@example.org", displayName: "Dana Drafter", organisation: "Ministry of Digital Affairs", stakeholderGroup: "government", role: "drafter" },
  { email: "moderator@example.org", displayName: "Max Moderator", organisation: "Ministry of Digital Affairs", stakeholderGroup: "government", role: "moderator" },
  { email: "industry@example.org", displayName: "Ines Industry", organisation: "Federation of Software Companies", stakeholderGroup: "industry", role: null },
  { email: "civil@example.org", displayName: "Carlos Civil", organisation: "Digital Rights Network", stakeholderGroup: "civil_society", role: null },
];

export function readDemoMarkdown(): string {
  return readFileSync(DEMO_SOURCE, "utf8");
}

