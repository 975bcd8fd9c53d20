import type { campaigns as en } from "../en/campaigns.js";

export const campaigns: Record<keyof typeof en, string> = {
};
