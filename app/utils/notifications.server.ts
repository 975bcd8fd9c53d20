// The notification services pages may call (issue 16): one's own notifications
// and settings, and the signed unsubscribe link. Kept apart from
// services.server.ts so the feature's routes import one place.
export {
  NotifySettingsSchema,
  NOTIFICATION_KINDS,
  checkUnsubscribe,
  markAllRead,
  notifySettings,
  openNotification,
  ownNotifications,
  saveNotifySettings,
  settingsFromForm,
  unreadCount,
  unsubscribe,
} from "../../server/domain/notifications/index.js";
