import type { egov as en } from "../en/egov.js";

export const egov: Record<keyof typeof en, string> = {
};
