import { describe, expect, it } from 'vitest';
import { isWeek, nextWeek, weekOfDate } from '../../../src/util/week.js';

describe('ISO weeks', () => {
  it('accepts weeks 1–52 of any year and week 53 only of a year that has one', () => {
    expect(isWeek('2025-W01')).toBe(true);
    expect(isWeek('2025-W52')).toBe(true);
    expect(isWeek('2026-W53')).toBe(true); // 2026 has 53 weeks (it starts on a Thursday)
    expect(isWeek('2020-W53')).toBe(true);
    expect(isWeek('2025-W53')).toBe(false);
    expect(isWeek('2024-W53')).toBe(false);
    expect(isWeek('2025-W00')).toBe(false);
    expect(isWeek('2025-W54')).toBe(false);
    expect(isWeek('2025-W8')).toBe(false);
    expect(isWeek('2025-w08')).toBe(false);
    expect(isWeek('x2025-W08')).toBe(false);
  });

  it('agrees with the calendar: the week of every day of 2019–2031 is a week, and the next one too', () => {
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2032, 0, 1); t += 86_400_000) {
      const week = weekOfDate(new Date(t).toISOString().slice(0, 10));
      expect(isWeek(week), week).toBe(true);
      expect(isWeek(nextWeek(week)), nextWeek(week)).toBe(true);
    }
  });
});
