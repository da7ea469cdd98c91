/**
 * npm run words [-- path/to/index.html]
 *
 * Counts the built essay's words by section and each caption's words, beside the limits
 * (src/site/word-count.ts states what is counted). Build first: npx astro build.
 * Exits 1 when a limit is broken, so an author sees it before the browser tests do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { countPage, WORD_LIMITS } from '../src/site/word-count';

const file = process.argv[2] ?? 'dist/index.html';
if (!existsSync(file)) {
  console.error(`words: ${file} is missing. Build the site first: npx astro build`);
  process.exit(2);
}
const count = countPage(readFileSync(file, 'utf8'));
console.log(`${String(count.abstract).padStart(6)}  abstract`);
for (const s of count.sections) console.log(`${String(s.words).padStart(6)}  ${s.title}`);
console.log(`${String(count.total).padStart(6)}  in all; limit ${WORD_LIMITS.page} (${count.total < WORD_LIMITS.page ? 'met' : 'BROKEN'})`);
const long = count.captions.filter((c) => c.words > WORD_LIMITS.caption);
const words = count.captions.map((c) => c.words).sort((a, b) => a - b);
console.log(`captions: ${count.captions.length}, median ${words[Math.floor(words.length / 2)] ?? 0} words, longest ${words.at(-1) ?? 0}; limit ${WORD_LIMITS.caption}`);
for (const c of long) console.log(`  ${c.id}: ${c.words} words`);
process.exit(count.total < WORD_LIMITS.page && long.length === 0 ? 0 : 1);
