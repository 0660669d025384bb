/**
 * font-lang-missing: a sheet declaring Japanese or Traditional Chinese is warned, at its `lang:`,
 * while that language's font (an optional package) is not installed. The project does not install
 * them, so the warning shows here; other languages are not warned.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/load/yaml.js';
import { glyphProblems } from '../../../src/validate/checks-glyphs.js';
import { installed } from '../../../src/util/font-catalogue.js';

const sheet = (lang: string) => `id: t\ntitle: "Test"\nlang: ${lang}\nexpert_views:\n  - view: "x"\n    lang: "ko"\n`;

describe('font-lang-missing', () => {
  it('is not installed in this project (else the warnings below would not show)', () => {
    expect(installed('@fontsource/noto-sans-jp') || installed('@fontsource/noto-sans-tc')).toBe(false);
    expect(installed('@fontsource/noto-sans-sc')).toBe(true);
  });

  it.each([['ja', 'Japanese', '@fontsource/noto-sans-jp'], ['zh-Hant-TW', 'Traditional Chinese', '@fontsource/noto-sans-tc'], ['"zh-TW"', 'Traditional Chinese', '@fontsource/noto-sans-tc']])('warns of lang %s at its value', (lang, language, pkg) => {
    const problems = glyphProblems(parseYaml('t.yaml', sheet(lang))).filter((p) => p.rule === 'font-lang-missing');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, col: 7, severity: 'warning' });
    expect(problems[0]!.message).toContain(language);
    expect(problems[0]!.message).toContain(`npm i ${pkg}`);
  });

  it.each(['zh-Hans', 'zh', 'ko', 'en', 'jav'])('does not warn of lang %s', (lang) => {
    expect(glyphProblems(parseYaml('t.yaml', sheet(lang))).filter((p) => p.rule === 'font-lang-missing')).toEqual([]);
  });
});
