/**
 * role-map: Chromium tags some elements with PDF 2.0 structure types (`<strong>` Strong, `<em>` Em,
 * `<aside>` Aside, …) in a PDF 1.4 file, where they are not standard types: PDF/UA asks for a
 * /RoleMap in the structure tree root mapping each to a standard one. The mapping is PDF 2.0's own
 * fallback to PDF 1.7 (ISO 32000-2, the standard structure namespace mapping).
 */
export const ROLE_MAP: Readonly<Record<string, string>> = {
  Strong: 'Span', Em: 'Span', Sub: 'Span', Aside: 'Div', DocumentFragment: 'Div', Title: 'P', FENote: 'Note',
};

/** The role map for the structure types a PDF's (uncompressed) objects use: only those not standard in PDF 1.7. */
export function roleMapFor(text: string): Record<string, string> {
  // only the types the map has, each a whole name (a structure element per tag: thousands of /S)
  const used = new Set([...text.matchAll(ROLE_TYPES)].map((m) => m[1]!));
  return Object.fromEntries(Object.entries(ROLE_MAP).filter(([type]) => used.has(type)));
}
const ROLE_TYPES = new RegExp(`/S\\s*/(${Object.keys(ROLE_MAP).join('|')})(?![A-Za-z0-9])`, 'g');
