/**
 * The missing-data VAE figures' and tables' builders (src/figures/vae-missing.ts): rows carry
 * the result's numbers as given (rounded for display only), marks land on the right rows, and bad
 * input is refused with the problem named.
 */
import { describe, expect, it } from 'vitest';
import { expectFinite, expectSnapshot, render } from '../figures/svg';
import { ablationRows, collapseOptions, collapsePoints, imputationOptions, imputationRows, sampleLabel, type CollapseCurve, type ImputationSampleLike } from '../../../src/figures/vae-missing';

const range = (mean: number, min: number, max: number) => ({ mean, min, max });
const cell = (id: string, objective: 'cell-mean' | 'observed-sum', learningRate: number, dropout: number, klWarmupEpochs: number, srmr: [number, number, number], active: [number, number, number], kl: number) => ({
  id,
  objective,
  learningRate,
  dropout,
  klWarmupEpochs,
  summary: { srmr: range(...srmr), activeDims: range(...active), finalKl: range(kl, kl, kl), testNllPerCell: range(1.1, 1.05, 1.15), epochsRun: range(49.4, 40, 65) },
});
const CELLS = [
  cell('a', 'cell-mean', 1e-4, 0.2, 0, [0.2628, 0.2626, 0.2631], [0, 0, 0], 0.000226),
  cell('b', 'observed-sum', 1e-3, 0, 20, [0.06, 0.0513, 0.0709], [10.4, 9, 12], 2.409),
];

describe('ablationRows', () => {
  it('gives one row per cell with the summary numbers, ranges collapsed when min = max', () => {
    const rows = ablationRows(CELLS, 'b', 'a');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ cell: 'averaged, 10⁻⁴, 0.2 (original)', srmr: '0.2628 (0.2626–0.2631)', active: '0', kl: '2 × 10⁻⁴', nll: '1.100 (1.050–1.150)', epochs: '49' });
    expect(rows[1]).toMatchObject({ cell: 'summed, 10⁻³, 0, warm-up 20 (selected)', srmr: '0.0600 (0.0513–0.0709)', active: '9–12', kl: '2.41' });
  });

  it('refuses a selected cell that is not in the table', () => {
    expect(() => ablationRows(CELLS, 'zz', 'a')).toThrow(/selected cell zz/);
  });
});

const SAMPLES: ImputationSampleLike[] = [
  {
    id: 'n500-mcar10',
    rows: 500,
    missingFraction: 0.1,
    missingCells: 600,
    completeDataSrmr: 0.03,
    scores: [
      { method: 'column-means', rmse: 0.77421, coverage: null, meanWidth: null, srmr: 0.0427788 },
      { method: 'miwae', rmse: 0.601852, coverage: 0.95, meanWidth: 2.31, srmr: 0.0352049 },
    ],
  },
  { id: 'n5000-mcar20', rows: 5000, missingFraction: 0.2, missingCells: 12000, completeDataSrmr: 0.01, scores: [{ method: 'bayesian-mvn', rmse: 0.9, coverage: 0.921667, meanWidth: 2, srmr: 0.02 }] },
];

describe('imputationRows and imputationOptions', () => {
  it('prints a dash where a method gives no interval, a percentage where it does', () => {
    const rows = imputationRows(SAMPLES);
    expect(rows.map((r) => r.method)).toEqual(['column means, 500 rows, 10% missing', 'MIWAE, 500 rows, 10% missing', 'Bayesian MVN, 5 000 rows, 20% missing']);
    expect(rows[0]).toMatchObject({ rmse: '0.774', coverage: '—', width: '—', srmr: '0.0428' });
    expect(rows[1]).toMatchObject({ rmse: '0.602', coverage: '95.0%', width: '2.31' });
    expect(rows[2]!.coverage).toBe('92.2%');
  });

  it('labels samples by rows and missing share, and the RMSE axis reaches past the largest value', () => {
    expect(sampleLabel({ rows: 5000, missingFraction: 0.2 })).toBe('5 000 rows, 20% missing');
    const o = imputationOptions(SAMPLES);
    const domain = (o.x as { domain: number[] }).domain;
    expect(domain[0]).toBe(0);
    expect(domain[1]).toBeGreaterThan(0.9);
    expect((o.fy as { domain: string[] }).domain).toEqual(['500 rows, 10% missing', '5 000 rows, 20% missing']);
  });
});

describe('collapse picture', () => {
  const curves: CollapseCurve[] = [
    { label: 'averaged', colour: '#000', epoch: [1, 2, 3], recon: [12, 11.5, 11.1], kl: [0.08, 0.01, 0], bestEpoch: 3 },
    { label: 'summed', colour: '#111', epoch: [1, 2], recon: [12, 9], kl: [0.1, 1.2], bestEpoch: 2 },
  ];

  it('lays out every epoch of every curve for the chosen term', () => {
    const kl = collapsePoints(curves, 'kl');
    expect(kl).toHaveLength(5);
    expect(kl[4]).toEqual({ label: 'summed', epoch: 2, value: 1.2 });
    expect(collapsePoints(curves, 'recon')[2]).toEqual({ label: 'averaged', epoch: 3, value: 11.1 });
  });

  it('gives both panels the same epoch axis, and the KL panel starts at zero', () => {
    const a = collapseOptions(curves, 'recon');
    const b = collapseOptions(curves, 'kl');
    expect((a.x as { domain: number[] }).domain).toEqual([0, 3]);
    expect((b.x as { domain: number[] }).domain).toEqual([0, 3]);
    expect((b.y as { domain: number[] }).domain[0]).toBe(0);
  });

  it('refuses a curve whose term and epochs differ in length', () => {
    expect(() => collapsePoints([{ ...curves[0]!, kl: [1] }], 'kl')).toThrow(/1 kl values for 3 epochs/);
  });
});

describe('rendered figures (file snapshots in tests/unit/vae/__snapshots__: after an intended change, review the diff and rerun with -u)', () => {
  it('the collapse picture: both panels, one line per objective, a dot at each restored epoch', async () => {
    const curves: CollapseCurve[] = [
      { label: 'averaged (original)', colour: '#d9603b', epoch: [1, 2, 3, 4], recon: [12, 11.5, 11.2, 11.1], kl: [0.08, 0.01, 0.001, 0], bestEpoch: 3 },
      { label: 'summed', colour: '#4a90c8', epoch: [1, 2, 3, 4, 5], recon: [12, 10.5, 9.6, 9.1, 9], kl: [0.1, 0.5, 0.9, 1.2, 1.25], bestEpoch: 4 },
    ];
    for (const term of ['recon', 'kl'] as const) {
      const fig = render(collapseOptions(curves, term));
      expectFinite(fig);
      expect(fig.all('circle')).toHaveLength(2);
      expect(fig.texts()).toEqual(expect.arrayContaining(['averaged (original)', 'summed']));
      await expectSnapshot(fig, `vae-collapse-${term}`);
    }
  });

  it('the imputation scores: one dot and one printed value per method and sample', async () => {
    const fig = render(imputationOptions(SAMPLES));
    expectFinite(fig);
    expect(fig.all('circle')).toHaveLength(3);
    expect(fig.texts()).toEqual(expect.arrayContaining(['0.774', '0.602', '0.900', '500 rows, 10% missing', '5 000 rows, 20% missing']));
    await expectSnapshot(fig, 'imputation-scores');
  });
});
