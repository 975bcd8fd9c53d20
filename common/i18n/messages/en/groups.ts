/** The drafting team's topic groups and their curation (issue 18, ADR 031). */
export const groups = {
};
