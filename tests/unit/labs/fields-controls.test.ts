import { parseField, rangeText } from '../../../src/islands/labs/fields';
import { VAE_FIELDS, validateVae } from '../../../src/islands/vae-lab/controls';
import { SAMPLER_FIELDS, concurrentChains, validateSampler } from '../../../src/islands/sampler-lab/controls';

const field = (key: string) => VAE_FIELDS.find((f) => f.key === key)!;
const vaeFields = (over: Record<string, string> = {}) => ({ rows: '1000', missing: '0', latent: '8', learningRate: '0.001', epochs: '50', ...over });

describe('numeric fields', () => {
  it('shows the range as the reader types it', () => {
    expect(rangeText(field('rows'))).toBe('100–5000');
    expect(rangeText(field('missing'))).toBe('0–40%');
    expect(rangeText(field('learningRate'))).toBe('0.00001–0.01');
  });

  it('accepts values inside the range, ends included', () => {
    expect(parseField(field('rows'), '100')).toEqual({ ok: true, value: 100 });
    expect(parseField(field('rows'), ' 5000 ')).toEqual({ ok: true, value: 5000 });
    expect(parseField(field('learningRate'), '1e-4')).toEqual({ ok: true, value: 1e-4 });
  });

  it('refuses out-of-range, fractional, empty and non-numeric text, naming the range', () => {
    for (const raw of ['99', '5001', '150.5', '', 'abc', '0x10', '1 2', 'Infinity']) {
      const r = parseField(field('rows'), raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('100–5000');
    }
    expect(parseField(field('learningRate'), '0.02').ok).toBe(false);
    expect(parseField(field('learningRate'), '0').ok).toBe(false);
  });
});

describe('VAE lab controls', () => {
  it('maps valid controls to a training config (missing as a fraction)', () => {
    const v = validateVae({ arch: 'masked', fromBaked: false, fields: vaeFields({ missing: '20', latent: '12', learningRate: '0.0001' }) });
    expect(v).toEqual({ ok: true, config: expect.objectContaining({ arch: 'masked', rows: 1000, missingFraction: 0.2, latent: 12, learningRate: 0.0001, maxEpochs: 50, fromBaked: false }) });
  });

  it('refuses missing cells for the plain VAE, beside the missing-cells control', () => {
    const v = validateVae({ arch: 'plain', fromBaked: false, fields: vaeFields({ missing: '10' }) });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(Object.keys(v.errors)).toEqual(['missing']);
    expect(validateVae({ arch: 'imputed', fromBaked: false, fields: vaeFields({ missing: '10' }) }).ok).toBe(true);
  });

  it('refuses an unknown architecture', () => {
    const v = validateVae({ arch: 'transformer', fromBaked: false, fields: vaeFields() });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.arch).toContain('plain');
  });

  it('starting from baked weights requires their latent size, and baked weights to exist', () => {
    const wrong = validateVae({ arch: 'masked', fromBaked: true, fields: vaeFields({ missing: '20', latent: '8' }) }, 12);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors.latent).toContain('12');
    expect(validateVae({ arch: 'masked', fromBaked: true, fields: vaeFields({ missing: '20', latent: '12' }) }, 12).ok).toBe(true);
    const none = validateVae({ arch: 'plain', fromBaked: true, fields: vaeFields() }, null);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors.fromBaked).toBeDefined();
  });
});

describe('sampler lab controls', () => {
  const raw = (over: Record<string, string> = {}) => ({ rows: '200', missing: '10', chains: '2', draws: '100', adaptDelta: '0.9', ...over });

  it('maps valid controls to a run with as many warmup iterations as draws', () => {
    expect(validateSampler(raw())).toEqual({ ok: true, config: expect.objectContaining({ model: 'mvn', syntax: '', rows: 200, missingFraction: 0.1, chains: 2, draws: 100, warmup: 100, adaptDelta: 0.9 }) });
  });

  it('refuses each out-of-range control with its own range', () => {
    const v = validateSampler(raw({ rows: '49', missing: '41', chains: '5', draws: '0', adaptDelta: '1' }));
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.rows).toContain('50–2000');
      expect(v.errors.missing).toContain('0–40%');
      expect(v.errors.chains).toContain('1–4');
      expect(v.errors.draws).toContain(SAMPLER_FIELDS.find((f) => f.key === 'draws')!.min.toString());
      expect(v.errors.adaptDelta).toContain('0.5–0.99');
    }
  });

  it('runs no more chains at once than the machine has cores', () => {
    expect(concurrentChains(4, 2)).toBe(2);
    expect(concurrentChains(1, 8)).toBe(1);
    expect(concurrentChains(3, undefined)).toBe(2);
    expect(concurrentChains(3, 0)).toBe(2);
  });
});
