/**
 * Wall-clock times in a time zone (issue 15): a `datetime-local` field's
 * "2027-01-16T23:59" is read in the consultation's (or request's) zone and
 * stored as a UTC instant; a stored instant is shown back in that zone. Intl
 * is the only source of zone rules: a zone's offset at an instant is read from
 * Intl.DateTimeFormat's parts, so daylight saving time is the runtime's.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ABSOLUTE = /(?:[zZ]|[+-]\d\d:\d\d)$/;
const DAY_MS = 86_400_000;

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** en-US numeric parts, 24-hour, in `timeZone` (cached: building a format is the slow part). */
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormats.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallAt(ms: number, timeZone: string): Wall {
  const get: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(new Date(ms))) if (p.type !== "literal") get[p.type] = Number(p.value);
  // Some engines write midnight as hour 24 even with h23.
  return { year: get.year!, month: get.month!, day: get.day!, hour: get.hour! % 24, minute: get.minute!, second: get.second! };
}

/** The wall clock read as if it were UTC: the one arithmetic the offsets need. */
function wallAsUtc(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** How far `timeZone`'s clocks are ahead of UTC at the instant `ms` (whole seconds). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtc(wallAt(whole, timeZone)) - whole;
}

function validZone(timeZone: string): boolean {
  try {
    partsFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * "2027-01-16T23:59" (seconds optional) read in `timeZone` → an ISO UTC
 * instant, or null when the text is not such a time or the zone is unknown.
 * A string that already names its offset ("…Z", "…+09:00") is taken as it is.
 * A time that occurs twice (clocks going back) is the first of the two; one
 * that never occurs (clocks going forward) is moved on by the gap, as a clock
 * that was not changed would read it.
 */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const s = local.trim();
  if (ABSOLUTE.test(s)) {
    const ms = Date.parse(s);
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(ms) ? new Date(ms).toISOString() : null;
  }
  const m = LOCAL.exec(s);
  if (!m || !validZone(timeZone)) return null;
  const wanted: Wall = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
  const asUtc = wallAsUtc(wanted);
  const check = new Date(asUtc);
  // 2027-02-30 or 25:00: Date.UTC rolls them over; refuse instead.
  if (check.getUTCFullYear() !== wanted.year || check.getUTCMonth() + 1 !== wanted.month || check.getUTCDate() !== wanted.day || wanted.hour > 23 || wanted.minute > 59 || wanted.second > 59) {
    return null;
  }
  // A zone changes its offset at most once around a given day: the offsets a day before and after are the candidates.
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const fits = [before, after].map((o) => asUtc - o).filter((t) => offsetAt(t, timeZone) === asUtc - t);
  const instant = fits.length > 0 ? Math.min(...fits) : asUtc - before;
  return new Date(instant).toISOString();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An instant as a `datetime-local` value in `timeZone` ("2027-01-16T23:59"); "" for none or an unknown zone. */
export function utcToZoned(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !validZone(timeZone)) return "";
  const w = wallAt(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * How a form names the zone its times are in: "JST (Asia/Tokyo)", "GMT (Europe/London)"
 * in winter and "BST (Europe/London)" in summer, or just "UTC". The abbreviation is
 * the one `formatLocale` (e.g. "ja-JP", "en-GB") uses at `atIso` (default: now).
 */
export function zoneLabel(timeZone: string, formatLocale: string, atIso?: string | null): string {
  const at = atIso && !Number.isNaN(Date.parse(atIso)) ? new Date(atIso) : new Date();
  let short = timeZone;
  try {
    short = new Intl.DateTimeFormat(formatLocale, { timeZone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone;
  }
  return short === timeZone ? timeZone : `${short} (${timeZone})`;
}
