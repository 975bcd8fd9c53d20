import { describe, expect, it } from "vitest";
import { NotifySettingsSchema, settingsFromForm, storedParams } from "./inbox.js";
import { notificationTitle } from "./notify.js";

describe("notifications as their owner reads them", () => {
  it("words a stand-in name in the reader's language, and keeps the time zone apart from the values", () => {
    const json = JSON.stringify({ replier: "Anonymous", section: "Scope", consultation: "C", timeZone: "Asia/Tokyo" });
    const ja = storedParams(json, "ja");
    expect(ja.timeZone).toBe("Asia/Tokyo");
    expect(ja.params).toEqual({ replier: "匿名", section: "Scope", consultation: "C" });
    expect(notificationTitle("ja", "reply", ja.params, ja.timeZone)).toContain("匿名");
    expect(notificationTitle("en", "reply", storedParams(json, "en").params)).toBe("Anonymous replied to your comment on “Scope”");
    // A real name that happens to be a phrase elsewhere is left as it is.
    expect(storedParams(JSON.stringify({ replier: "Scope" }), "ja").params.replier).toBe("Scope");
  });

  it("reads the settings form: a box not sent is off; the digest is one of its modes", () => {
    const parsed = NotifySettingsSchema.parse({ digest: "daily", "reply.app": "on", "reply.email": "on", "response.app": "on" });
    const s = settingsFromForm(parsed as Record<string, string | undefined>);
    expect(s.digest).toBe("daily");
    expect(s.channels.reply).toEqual({ app: true, email: true });
    expect(s.channels.response).toEqual({ app: true, email: false });
    expect(s.channels.moderation).toEqual({ app: false, email: false });
    expect(NotifySettingsSchema.safeParse({ digest: "weekly" }).success).toBe(false);
    expect(NotifySettingsSchema.safeParse({ digest: "off", "reply.app": "yes" }).success).toBe(false);
    expect(NotifySettingsSchema.safeParse({ digest: "off", "admin.app": "on" }).success).toBe(false);
  });
});
