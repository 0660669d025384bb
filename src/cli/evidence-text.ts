import type { EvidenceReport, QuoteEvidence } from '../app/evidence.js';

/** `brief evidence` as text: per topic, each claim with its sources and quotes, then the sources. */
export function formatEvidence(report: EvidenceReport): string {
  const out: string[] = [];
  const quoteLine = (q: QuoteEvidence, indent: string) => {
    if (q.found) out.push(`${indent}quote “${q.text}”\n${indent}  found in ${q.found.source}: “${q.found.context}”`);
    else if (q.closest) out.push(`${indent}quote “${q.text}”\n${indent}  NOT FOUND in ${q.checked.join(', ')}; closest (${q.closest.distance} characters different) in ${q.closest.source}: “${q.closest.passage}”`);
    else out.push(`${indent}quote “${q.text}”\n${indent}  not checked: none of its sources has a readable archive`);
  };
  for (const t of report.topics) {
    out.push(`${report.week} · ${t.title} [${t.id}] · as of ${t.asOf} · ${t.file}`);
    if (t.reconstructed) out.push(`  RECONSTRUCTED EDITION: ${t.reconstructed}`);
    out.push('');
    for (const c of t.claims) {
      const srcs = c.sources.map((s) => `${s.id} ${s.grade}`).join(', ') || 'no source cited';
      out.push(`  ${c.what} — ${srcs}${c.singleSource ? ' — ONE INDEPENDENT SOURCE' : ''}`);
      out.push(`    ${c.text}`);
      for (const q of c.quotes) quoteLine(q, '    ');
    }
    out.push('', '  Sources');
    for (const s of t.sources) {
      const archive = s.archive ? (s.archive.readable ? `archive ${s.archive.path}` : `archive ${s.archive.path} UNREADABLE (${s.archive.error})`) : 'no archive';
      out.push(`  ${s.id} ${s.grade} — ${s.publisher}, “${s.title}”, ${s.date ?? `undated${s.dateNote ? ` (${s.dateNote})` : ''}`}${s.derivedFrom ? `, derived from ${s.derivedFrom}` : ''} — ${archive} — cited by ${s.citedBy} claim${s.citedBy === 1 ? '' : 's'}`);
      for (const w of s.warnings) out.push(`    caution: ${w}`);
      for (const q of s.quotes) quoteLine(q, '    ');
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
