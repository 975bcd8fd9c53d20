export { FollowFormSchema, followedOrganisationSlugs, followsTarget, listFollowing, ownOrganisation, setFollowing, type FollowForm } from "./follow.js";
export { notifyPhaseChange, notifyRequestAddressed, notifyVersion } from "./events.js";
export { createNotifySweep, type NotifySweep } from "./sweep.js";
