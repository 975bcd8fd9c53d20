export { notify } from "./notify.js";
export { NOTIFICATION_KINDS } from "./kinds.js";
export { notifyModeration, notifyReply, notifyResponse, notifyResponses, notifySuggestionDecision } from "./submissions.js";
export { NotifySettingsSchema, markAllRead, notifySettings, openNotification, ownNotifications, saveNotifySettings, settingsFromForm, unreadCount } from "./inbox.js";
export { checkUnsubscribe, unsubscribe } from "./unsubscribe.js";
