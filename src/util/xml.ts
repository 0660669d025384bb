const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for SVG/HTML content and attribute values. */
export const xml = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
