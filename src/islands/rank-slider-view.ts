/** The rank slider's redraw: fetch the baked SVD once, rebuild the two plots for rank k. */
import * as Plot from '@observablehq/plot';
import { sliderPlots, svdFromResult } from '../figures/svd-slider';
import { svdResultSchema } from '../lib/results/spine';
import { fixed } from '../data/format';

export async function createView(el: HTMLElement): Promise<(k: number) => void> {
  const url = el.dataset.resultsUrl;
  if (!url) throw new Error('rank slider has no data-results-url');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed (${response.status})`);
  const envelope = (await response.json()) as { result: unknown };
  const r = svdResultSchema.parse(envelope.result);
  const d = svdFromResult(r);
  const images = el.querySelector<HTMLElement>('[data-images]');
  const curve = el.querySelector<HTMLElement>('[data-curve]');
  const status = el.querySelector<HTMLElement>('[data-status]');
  return (k: number) => {
    const plots = sliderPlots(r, d, k);
    images?.replaceChildren(Plot.plot(plots.recon));
    curve?.replaceChildren(Plot.plot(plots.curve));
    images?.closest('[role="img"]')?.setAttribute('aria-label', `The data matrix and its rank-${k} reconstruction.`);
    const e = r.errors[k];
    if (status) status.textContent = `Rank ${k}: relative error ${fixed(e.relative, 3)}, ${fixed(100 * e.varianceExplained, 1)}% of the sum of squares kept.`;
  };
}
