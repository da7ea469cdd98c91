/**
 * npm run changelog -- --note "What changed and why." [--date YYYY-MM-DD] [--dry-run]
 *
 * Records an entry in content/changelog.json with the hash of every result's payload now, so
 * the essay's "Updates and corrections" section can say which figures and tables this rebuild
 * changed. Run it after rebaking results (and committing nothing stale); the build shows
 * unrecorded changes until you do. Writes atomically (temporary file, then rename).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { changedResults, parseChangelog } from '../src/site/changelog';
import { currentResultHashes } from '../src/site/current-results';

const FILE = 'content/changelog.json';
const USAGE = 'usage: npm run changelog -- --note "What changed and why." [--date YYYY-MM-DD] [--dry-run]';

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({ options: { note: { type: 'string' }, date: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.note) throw new Error(`--note is required: say in a sentence what changed and why.\n${USAGE}`);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  const log = parseChangelog(readFileSync(FILE, 'utf8'), FILE);
  const results = currentResultHashes();
  const last = log.entries[log.entries.length - 1];
  if (date < last.date) throw new Error(`--date ${date} is before the last entry (${last.date}); entries stay in date order`);
  const changes = changedResults(last.results, results);
  const next = parseChangelog(JSON.stringify({ entries: [...log.entries, { date, note: values.note, results }] }), FILE);
  console.log(changes.length === 0 ? 'No result changed since the last entry (a note-only update).' : `Results changed since ${last.date}: ${changes.map((c) => `${c.id} (${c.change})`).join(', ')}`);
  if (values['dry-run']) return;
  const tmp = `${FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(tmp, FILE);
  console.log(`Recorded in ${FILE}.`);
}

try {
  main();
} catch (err) {
  console.error(`changelog: ${(err as Error).message}`);
  process.exit(1);
}
