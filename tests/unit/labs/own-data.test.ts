import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readReaderTable } from '../../../src/islands/labs/reader-table';
import { convergeHere } from '../../../src/islands/sampler-lab/analysis';
import { displayName, planOwnMvn, planOwnSem, SEM_CAPABILITIES } from '../../../src/islands/sampler-lab/own-data';
import { buildModel } from '../../../src/lib/bayes/registry';
import { runChain } from '../../../src/lib/bayes/sampler';
import type { MvnSpec } from '../../../src/lib/bayes/registry';
import type { SemJobSpec } from '../../../src/lib/sem/register';
import '../../../src/lib/sem/register';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/labs', name), 'utf8');
const survey = () => readReaderTable(fixture('survey-with-na.csv'), 'survey.csv');
const SYNTAX = 'A =~ Q1 + Q2 + Q3\nB =~ Q4 + Q5 + Q6\nB ~ A\n';

describe("the sampler lab on a reader's file", () => {
  it('MVN: standardises the chosen columns, keeps the missing cells, and names parameters by column id only', () => {
    const r = planOwnMvn(survey(), ['Q1', 'Q2', 'age']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const spec = r.value.spec as MvnSpec;
    expect(spec.names).toEqual(['c1', 'c2', 'c3']);
    expect(spec.missing).toBe('marginal');
    expect(spec.impute).toBe(false); // the lab reads no x[…] column
    expect(r.value.missingCells).toBeGreaterThan(0);
    for (let j = 0; j < 3; j++) {
      const col = Array.from({ length: spec.x.rows }, (_, i) => spec.x.data[i * 3 + j]).filter((v) => !Number.isNaN(v));
      const m = col.reduce((s, v) => s + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / (col.length - 1));
      expect(Math.abs(m)).toBeLessThan(1e-12); // exact up to rounding
      expect(sd).toBeCloseTo(1, 12);
    }
    expect(r.value.traced).toEqual(['mu[c1]', 'sigma[c1]', 'corr[c2,c1]', 'corr[c3,c2]']);
    expect(r.value.labels).toEqual(['mu[Q1]', 'sigma[Q1]', 'corr[Q2,Q1]', 'corr[age,Q2]']);
    expect(r.value.notes.join(' ')).toMatch(/standardised/);
    expect(r.value.notes.join(' ')).toMatch(/integrated out/);
    // the ordinal note names the chosen ordinal columns only
    expect(r.value.notes.at(-1)).toMatch(/^Columns Q1, Q2 hold only whole numbers/);
  });

  it('MVN: the plan samples, and the diagnostics name parameters by the file’s columns', async () => {
    const r = planOwnMvn(survey(), ['Q1', 'Q4']);
    if (!r.ok) throw new Error(r.message);
    const chains = [0, 1].map((c) => runChain(buildModel(r.value.spec), { numWarmup: 40, numDraws: 30 }, 5, c));
    const o = await r.value.analyse(chains, convergeHere);
    expect(o.maxRhatName).toMatch(/\[(Q1|Q4)(,(Q1|Q4))?\]$/);
    expect(o.names).toEqual(['Q1', 'Q4']);
    expect(o.residual[0][1]).toBeCloseTo(r.value.reference.data[1] - (r.value.reference.data[1] - o.residual[0][1]), 12);
    // posterior mean correlation near the data's own (120 rows: sd of r about 0.08)
    expect(Math.abs(o.residual[0][1])).toBeLessThan(0.25);
  });

  it('a hostile header never enters a parameter name', () => {
    const t = readReaderTable(fixture('hostile-header.csv'), 'h.csv');
    const r = planOwnMvn(t, t.csv.names);
    if (!r.ok) throw new Error(r.message);
    expect((r.value.spec as MvnSpec).names).toEqual(['c1', 'c2', 'c3']);
    expect(r.value.labels[0]).toBe('mu[<img src=x onerror=alert(1)>]');
  });

  it('displayName maps ids back and leaves other names alone', () => {
    expect(displayName('corr[c2,c1]', ['a,b', 'x'])).toBe('corr[x,a,b]');
    expect(displayName('lp__', ['a'])).toBe('lp__');
    expect(displayName('mu[c9]', ['a'])).toBe('mu[c9]');
  });

  it('SEM: a column named in the syntax but not in the file is reported at its line and column', () => {
    const r = planOwnSem(survey(), 'A =~ Q1 + Q2 + Q3\nB =~ Q4 + Q5 + Q7\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/unknown indicator 'Q7' \(line 2, column 16\): not among the data's columns \[Q1, Q2, Q3, Q4, Q5, Q6, age\]/);
      expect(r.message).toMatch(/Line 2: “B =~ Q4 \+ Q5 \+ Q7”/);
    }
  });

  it('SEM: a grammar error names line and column', () => {
    const r = planOwnSem(survey(), 'A =~ Q1 + Q2 + Q3\nB ~= Q4\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/line 2, column 4: .*found '='/);
  });

  it('SEM: a text column named in the syntax is refused by line and column of the cell', () => {
    const t = readReaderTable(fixture('text-cell.csv').replace('6,8,7', '6,8,7\n7,9,9\n8,1,1'), 'text-cell.csv');
    const r = planOwnSem(t, 'F =~ a + b + c\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^text-cell.csv, line 4, column b: 'n\/a\?' is not a finite number/);
  });

  it('SEM without intercepts and missing cells: complete rows only, centred, and the notes say so', () => {
    const caps = { missingCells: false, intercepts: false };
    const r = planOwnSem(survey(), SYNTAX, caps);
    if (!r.ok) throw new Error(r.message);
    const job = r.value.spec as unknown as SemJobSpec;
    const t = survey();
    const complete = Array.from({ length: t.rows }, (_, i) => [0, 1, 2, 3, 4, 5].every((j) => !Number.isNaN(t.csv.values[j][i]))).filter(Boolean).length;
    expect(job.n).toBe(complete);
    expect(job.n).toBeLessThan(t.rows);
    job.mean.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-12));
    expect(job.names).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
    const notes = r.value.notes.join(' ');
    expect(notes).toMatch(/complete rows only/);
    expect(notes).toMatch(/centred/);
    expect(notes).toMatch(/treat them as continuous/);
  });

  it('SEM with intercepts: columns are not centred', () => {
    const r = planOwnSem(survey(), SYNTAX, { missingCells: false, intercepts: true });
    if (!r.ok) throw new Error(r.message);
    const job = r.value.spec as unknown as SemJobSpec;
    expect(job.mean[0]).toBeGreaterThan(2);
    expect(r.value.notes.join(' ')).not.toMatch(/centred/);
  });

  it('SEM: a column far from unit scale is named in a note', () => {
    const t = readReaderTable(fixture('survey-with-na.csv'), 'survey.csv');
    const r = planOwnSem(t, 'A =~ Q1 + Q2 + age\n', SEM_CAPABILITIES);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.notes.join(' ')).toMatch(/age \(sd 1\d\.\d\)/);
  });

  it('SEM: the plan samples and its residual is over the syntax’s columns', async () => {
    const r = planOwnSem(survey(), SYNTAX);
    if (!r.ok) throw new Error(r.message);
    const chains = [0].map((c) => runChain(buildModel(r.value.spec), { numWarmup: 30, numDraws: 10 }, 5, c));
    const o = await r.value.analyse(chains, convergeHere);
    expect(o.names).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
    expect(o.residual).toHaveLength(6);
  });
});

// Active once SEM_CAPABILITIES is flipped after the SEM with intercepts and missing cells lands
// (issue 14 items 1–2, branch sem); checked against that branch in a scratch copy: passes.
describe.runIf(SEM_CAPABILITIES.missingCells && SEM_CAPABILITIES.intercepts)('the SEM on a file with missing cells', () => {
  it('every row goes in as it is, uncentred, the notes say so, and it samples', async () => {
    const r = planOwnSem(survey(), SYNTAX);
    if (!r.ok) throw new Error(r.message);
    const job = r.value.spec as unknown as SemJobSpec & { patterns?: unknown[] };
    expect(job.n).toBe(120);
    expect(job.patterns!.length).toBeGreaterThan(1);
    expect(job.mean[0]).toBeGreaterThan(2);
    expect(r.value.notes.join(' ')).toMatch(/integrated out/);
    expect(r.value.notes.join(' ')).not.toMatch(/centred|complete rows/);
    const chains = [0].map((c) => runChain(buildModel(r.value.spec), { numWarmup: 30, numDraws: 10 }, 5, c));
    expect((await r.value.analyse(chains, convergeHere)).residual).toHaveLength(6);
  });
});
