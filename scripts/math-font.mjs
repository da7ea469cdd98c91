// Subsets Latin Modern Math to the characters the built page's formulas draw (with their
// stretchy variants, via the font's MATH table), as src/styles/fonts/latinmodern-math.woff2,
// and lists them beside it (latinmodern-math.chars.txt) for the browser test that checks the
// font covers every formula. Run after a build that added a formula with a new character:
//   npx astro build && node scripts/math-font.mjs && npx astro build
// Needs Debian's fonts-lmodern, python3-fonttools and woff2 (apt-get install those three; it
// runs Debian's /usr/bin/python3, which has the fontTools that package installs).
import { existsSync, readFileSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mathChars } from '../src/site/math-chars.mjs';

const SOURCE = '/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf';
const OUT = 'src/styles/fonts/latinmodern-math';
const page = process.argv[2] ?? 'dist/index.html';
for (const [file, fix] of [[SOURCE, 'apt-get install fonts-lmodern'], [page, 'npx astro build'], ['/usr/bin/woff2_compress', 'apt-get install woff2']]) {
  if (!existsSync(file)) {
    console.error(`math-font: ${file} is missing. Run: ${fix}`);
    process.exit(2);
  }
}
const chars = mathChars(readFileSync(page, 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'math-font-'));
writeFileSync(path.join(dir, 'chars.txt'), chars.join(''));
try {
  execFileSync('/usr/bin/python3', ['-m', 'fontTools.subset', SOURCE, `--text-file=${path.join(dir, 'chars.txt')}`, `--output-file=${path.join(dir, 'math.otf')}`, "--layout-features=*", '--drop-tables+=FFTM'], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  console.error('math-font: fontTools failed. Is it installed? apt-get install python3-fonttools');
  process.exit(2);
}
// The GUST Font License asks that a modified font not go by the original's name: the subset is renamed.
const rename = `from fontTools.ttLib import TTFont
f = TTFont(${JSON.stringify(path.join(dir, 'math.otf'))})
for r in f['name'].names:
    if r.nameID in (1, 3, 4, 16): r.string = 'Latin Modern Math (essay subset)'
    if r.nameID == 6: r.string = 'LatinModernMath-EssaySubset'
f.save(${JSON.stringify(path.join(dir, 'math.otf'))})`;
execFileSync('/usr/bin/python3', ['-c', rename], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync('/usr/bin/woff2_compress', [path.join(dir, 'math.otf')], { stdio: 'ignore' });
copyFileSync(path.join(dir, 'math.woff2'), `${OUT}.woff2`);
writeFileSync(`${OUT}.chars.txt`, `${chars.join('')}\n`);
console.log(`math-font: ${chars.length} characters → ${OUT}.woff2 (${readFileSync(`${OUT}.woff2`).length} bytes)`);
