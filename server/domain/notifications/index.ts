export { notify, notificationTitle, messageValues, unsubscribeLink, unsubscribeSignatureOk, type NotificationEvent, type NotificationParams } from "./notify.js";
export { NOTIFICATION_KINDS, DEFAULT_CHANNELS, channelsOf, isNotificationKind, type NotificationKind, type Channels } from "./kinds.js";
export { notifyModeration, notifyReply, notifyResponse, notifySuggestionDecision } from "./submissions.js";
export { NotifySettingsSchema, markAllRead, notifySettings, openNotification, ownNotifications, saveNotifySettings, settingsFromForm, unreadCount } from "./inbox.js";
export { checkUnsubscribe, unsubscribe } from "./unsubscribe.js";
