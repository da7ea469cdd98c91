import { BAKED_VAE, nearestBaked } from '../../../src/islands/vae-lab/nearest';
import { VAE_EXPERIMENT_IDS } from '../../../src/lib/results/vae';
import { bakedUrl, fetchBaked } from '../../../src/islands/vae-lab/baked';

describe('nearest baked configuration', () => {
  it('knows every VAE experiment', () => {
    expect(BAKED_VAE.map((b) => b.id).sort()).toEqual([...VAE_EXPERIMENT_IDS].sort());
  });

  it('keeps the architecture and picks the nearest size on a log scale', () => {
    expect(nearestBaked({ arch: 'plain', rows: 100, missingFraction: 0 })?.id).toBe('vae-plain-500');
    expect(nearestBaked({ arch: 'plain', rows: 800, missingFraction: 0 })?.id).toBe('vae-plain-1000');
    // 3000 is nearer 1000 than 10 000 on a log scale (×3 against ×3.3)
    expect(nearestBaked({ arch: 'plain', rows: 3000, missingFraction: 0 })?.id).toBe('vae-plain-1000');
    expect(nearestBaked({ arch: 'plain', rows: 5000, missingFraction: 0 })?.id).toBe('vae-plain-10000');
    expect(nearestBaked({ arch: 'masked', rows: 100, missingFraction: 0.4 })?.id).toBe('vae-masked-5000');
    expect(nearestBaked({ arch: 'imputed', rows: 200, missingFraction: 0.05 })?.id).toBe('vae-imputed-10000');
  });

  it('falls back to another architecture only when its own has no baked result', () => {
    const only = BAKED_VAE.filter((b) => b.arch !== 'imputed');
    expect(nearestBaked({ arch: 'imputed', rows: 5000, missingFraction: 0.2 }, only)?.id).toBe('vae-masked-5000');
    expect(nearestBaked({ arch: 'plain', rows: 5000, missingFraction: 0 }, [])).toBeNull();
  });
});

describe('fetching a baked result', () => {
  const respond = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it('builds the URL under the site base', () => {
    expect(bakedUrl('/', 'vae-plain-500')).toBe('/results/vae-plain-500.json');
    expect(bakedUrl('/essay', 'vae-plain-500')).toBe('/essay/results/vae-plain-500.json');
  });

  it('turns a missing, failing or malformed file into a message, not an exception', async () => {
    const missing = await fetchBaked('/', 'vae-plain-500', respond(404, {}));
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('not available yet') });
    expect((await fetchBaked('/', 'vae-plain-500', respond(500, {}))).ok).toBe(false);
    const bad = await fetchBaked('/', 'vae-plain-500', respond(200, { result: { id: 'vae-plain-500' } }));
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('schema') });
    const offline = await fetchBaked('/', 'vae-plain-500', (async () => {
      throw new TypeError('network down');
    }) as unknown as typeof fetch);
    expect(offline).toEqual({ ok: false, message: expect.stringContaining('network down') });
  });
});
