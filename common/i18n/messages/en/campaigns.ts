/** Campaigns: near-identical submissions shown as one entry (issue 18, ADR 030). */
export const campaigns = {
};
