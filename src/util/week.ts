/** ISO 8601 week helpers ("2025-W38"). */
export const WEEK_RE = /^(\d{4})-W(\d{2})$/;

export function isWeek(s: string): boolean {
  const m = WEEK_RE.exec(s);
  if (!m) return false;
  const week = Number(m[2]);
  // Every year has weeks 1–52; only week 53 needs the calendar (asked for every path read).
  return week >= 1 && (week <= 52 || week <= weeksInYear(Number(m[1])));
}

/** A folder name that was meant as a week ("2026-w51", "2026-W5", "2026-51", "2026W51"): the week it names, else undefined. */
export function meantWeek(name: string): string | undefined {
  const m = /^(\d{4})[-_ ]?[wW]?(\d{1,2})$/.exec(name);
  if (!m) return undefined;
  const week = `${m[1]}-W${m[2]!.padStart(2, '0')}`;
  return isWeek(week) && week !== name ? week : undefined;
}

/** Why a text is not an ISO week, and the week meant when there is one. */
export function notAWeek(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (m && Number(m[2]) === 53) return `'${week}' is not an ISO week: ${m[1]} has 52 weeks`;
  if (m) return `'${week}' is not an ISO week: weeks are numbered 01 to 52 (53 in some years)`;
  const meant = meantWeek(week);
  return `'${week}' is not an ISO week; expected YYYY-Www, e.g. 2025-W38${meant ? ` (did you mean ${meant}?)` : ''}`;
}

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))).week;
}

export function isoWeekOf(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart.getTime()) / 86400000 + 1) / 7) };
}

export function weekOfDate(isoDate: string): string {
  const { year, week } = isoWeekOf(new Date(`${isoDate}T00:00:00Z`));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week, as YYYY-MM-DD. */
export function weekRange(week: string): { start: string; end: string } {
  const m = WEEK_RE.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (Number(m[2]) - 1) * 7);
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  return { start: monday.toISOString().slice(0, 10), end: sunday.toISOString().slice(0, 10) };
}

export function nextWeek(week: string): string {
  const { start } = weekRange(week);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return weekOfDate(d.toISOString().slice(0, 10));
}
