/** "red_line" → "red line"; "official_statement" → "official statement". */
export const words = (s: unknown): string => (typeof s === 'string' ? s.replace(/_/g, ' ') : '');


/** How often: "once", "twice", "3 times". */
export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
