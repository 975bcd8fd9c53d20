import type { groupResponse as en } from "../en/group-response.js";

export const groupResponse: Record<keyof typeof en, string> = {
};
