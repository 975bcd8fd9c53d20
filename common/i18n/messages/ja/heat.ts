import type { heat as en } from "../en/heat.js";

export const heat: Record<keyof typeof en, string> = {
};
