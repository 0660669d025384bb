/** Dates as fact sheets write them (YYYY, YYYY-MM, YYYY-MM-DD): checks and the reader's form. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-09-20" → "20 September 2025"; "2025-09" → "September 2025"; "2025" → "2025". */
export function formatDate(d: unknown): string {
  if (typeof d !== 'string') return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d);
  if (!m) return d;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (m[3]) return `${Number(m[3])} ${month} ${m[1]}`;
  if (month) return `${month} ${m[1]}`;
  return m[1]!;
}

/** A YYYY-MM-DD date that exists in the calendar (as_of must be one before dates are compared with it). */
export function isRealDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  if (m < 1 || m > 12 || day < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return day <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** A date as fact sheets may write it where partial dates are allowed: YYYY, YYYY-MM with a real month, or a real YYYY-MM-DD. */
export function isPartialDate(d: string): boolean {
  if (/^\d{4}$/.test(d)) return true;
  if (/^\d{4}-\d{2}$/.test(d)) return Number(d.slice(5)) >= 1 && Number(d.slice(5)) <= 12;
  return isRealDate(d);
}

/** The first day a (possibly partial) date can mean, for ordering and "after as_of". */
export const earliestDay = (d: string): string => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
