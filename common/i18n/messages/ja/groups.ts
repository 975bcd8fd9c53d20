import type { groups as en } from "../en/groups.js";

export const groups: Record<keyof typeof en, string> = {
};
