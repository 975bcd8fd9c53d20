export { FollowFormSchema, followedOrganisationSlugs, followsTarget, listFollowing, ownOrganisation, setFollowing } from "./follow.js";
export { notifyPhaseChange, notifyRequestAddressed, notifyVersion } from "./events.js";
export { createNotifySweep } from "./sweep.js";
