/**
 * The longest per-document render timeout: a day (Node's timers hold at most 2^31 - 1 ms, ~24.8
 * days; a larger value fires at once, after a TimeoutOverflowWarning, and every document fails).
 */
export const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;
