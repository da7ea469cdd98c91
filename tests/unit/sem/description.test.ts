import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../../src/lib/data';
import { describeLavaan, SemModelError } from '../../../src/lib/sem/description';
import { MODEL_TEXT } from './helpers';

const cols = [...INDICATORS];

function modelError(text: string, columns: readonly string[] = cols): SemModelError {
  try {
    describeLavaan(text, columns);
  } catch (e) {
    if (e instanceof SemModelError) return e;
    throw e;
  }
  throw new Error('expected a SemModelError');
}

describe('describeLavaan on the brief model', () => {
  const d = describeLavaan(MODEL_TEXT, cols);

  it('finds latents in order of definition and observed variables in column order', () => {
    expect(d.latents).toEqual(['CTS', 'DTP', 'SWB', 'JS']);
    expect(d.observed).toEqual(cols);
    expect(d.columnIndex).toEqual(cols.map((_, i) => i));
  });

  it('fixes the first loading of each factor to 1 (marker variable) and frees the rest', () => {
    const markers = d.loadings.filter((l) => l.fixed === 1).map((l) => l.name);
    expect(markers).toEqual(['CTS=~EBA', 'DTP=~DA1', 'SWB=~UF1', 'JS=~JW1']);
    expect(d.loadings.filter((l) => l.fixed === null)).toHaveLength(8);
    const st = d.loadings.find((l) => l.name === 'CTS=~ST')!;
    expect([st.row, st.col]).toEqual([cols.indexOf('ST'), 0]);
  });

  it('puts y ~ x at B[y, x] (effect of x on y)', () => {
    const p = d.paths.find((x) => x.name === 'SWB~DTP')!;
    expect([p.toIndex, p.fromIndex]).toEqual([2, 1]);
    expect(d.paths.map((x) => x.name)).toEqual(['DTP~CTS', 'SWB~CTS', 'SWB~DTP', 'JS~CTS', 'JS~DTP', 'JS~SWB']);
  });

  it('classifies exogenous/endogenous factors and orders them causally', () => {
    expect(d.exogenous).toEqual([0]);
    expect(d.endogenous).toEqual([1, 2, 3]);
    expect(d.causalOrder).toEqual([0, 1, 2, 3]);
  });

  it('records UF1~~FOR as a free residual covariance', () => {
    expect(d.residualCovariances).toEqual([{ name: 'UF1~~FOR', a: 'UF1', b: 'FOR', i: 3, j: 5 }]);
    expect(d.latentCovariances).toEqual([]);
  });

  it('uses only the columns the model names, in data order', () => {
    const small = describeLavaan('F =~ MI + EBA\nG =~ JW2 + JW1\nG ~ F', cols);
    expect(small.observed).toEqual(['JW1', 'JW2', 'EBA', 'MI']);
    expect(small.loadings.find((l) => l.fixed === 1 && l.latent === 'F')!.indicator).toBe('MI');
  });

  it('lets two exogenous factors covary, as lavaan does', () => {
    const two = describeLavaan('F =~ JW1 + JW2\nG =~ UF1 + UF2\nH =~ DA1 + DA2\nH ~ F + G', cols);
    expect(two.latentCovariances.map((c) => c.name)).toEqual(['F~~G']);
  });
});

describe('describeLavaan: model errors', () => {
  it('names every unknown indicator with its position and lists the columns', () => {
    const e = modelError('F =~ JW1 + JWX\nG =~ UF1 + FOO');
    expect(e.message).toMatch(/'JWX' \(line 1, column 12\)/);
    expect(e.message).toMatch(/'FOO' \(line 2, column 12\)/);
    expect(e.message).toMatch(/JW1, JW2/);
  });

  it('rejects an unknown variable in a regression', () => {
    expect(modelError('F =~ JW1 + JW2\nF ~ Q').message).toMatch(/unknown variable 'Q'/);
  });

  it('rejects regressions on observed columns', () => {
    expect(modelError('F =~ JW1 + JW2\nF ~ MI').message).toMatch(/'MI' is an observed column/);
  });

  it('rejects a model without latent factors', () => {
    expect(modelError('JW1 ~~ JW2').message).toMatch(/no latent factor/);
  });

  it('rejects duplicates, including a reversed covariance', () => {
    expect(modelError('F =~ JW1 + JW2 + JW1').message).toMatch(/specified twice/);
    expect(modelError('F =~ JW1 + JW2\nJW1 ~~ JW2\nJW2 ~~ JW1').message).toMatch(/repeats/);
  });

  it('rejects feedback loops', () => {
    expect(modelError('F =~ JW1 + JW2\nG =~ UF1 + UF2\nF ~ G\nG ~ F').message).toMatch(/feedback loop among F, G/);
  });

  it('rejects covariances that mix a factor and an indicator', () => {
    expect(modelError('F =~ JW1 + JW2\nF ~~ JW1').message).toMatch(/mixes a latent factor and an observed indicator/);
  });

  it('rejects a factor name that is also a data column, and higher-order factors', () => {
    expect(modelError('MI =~ JW1 + JW2').message).toMatch(/also a data column/);
    expect(modelError('F =~ JW1 + JW2\nG =~ F + UF1').message).toMatch(/higher-order/);
  });
});
