/** "red_line" → "red line"; "official_statement" → "official statement". */
export const words = (s: unknown): string => (typeof s === 'string' ? s.replace(/_/g, ' ') : '');

