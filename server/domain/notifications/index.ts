export { notify, notificationTitle, messageValues, unsubscribeLink, unsubscribeSignatureOk, type NotificationEvent, type NotificationParams } from "./notify.js";
export { NOTIFICATION_KINDS, DEFAULT_CHANNELS, channelsOf, isNotificationKind, type NotificationKind, type Channels } from "./kinds.js";
export { notifyModeration, notifyReply, notifyResponse, notifySuggestionDecision, threadLink } from "./submissions.js";
