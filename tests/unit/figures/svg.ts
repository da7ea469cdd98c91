/**
 * What the figure tests share: a figure rendered as the site renders it (renderPlot, server-side),
 * its markup one element a line so a snapshot's diff reads element by element, and the markup
 * parsed so a test can count marks and read axis labels instead of matching text.
 */
import { parseHTML } from 'linkedom';
import type * as Plot from '@observablehq/plot';
import { expect } from 'vitest';
import { renderPlot } from '../../../src/figures/render';

export interface RenderedFigure {
  markup: string;
  /** the root <svg> */
  svg: Element;
  /** every element matching a selector, e.g. 'g > circle' */
  all(selector: string): Element[];
  /** the text of every <text> (tspans joined by a space), in document order */
  texts(): string[];
}

export function render(options: Plot.PlotOptions): RenderedFigure {
  const markup = renderPlot(options);
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const svg = document.querySelector('svg');
  if (!svg) throw new Error(`renderPlot returned no <svg>: ${markup.slice(0, 120)}`);
  const all = (selector: string) => [...svg.querySelectorAll(selector)] as Element[];
  const texts = () => all('text').map((t) => {
    const spans = [...t.querySelectorAll('tspan')];
    return (spans.length > 0 ? spans.map((s) => s.textContent ?? '').join(' ') : t.textContent ?? '').trim();
  });
  return { markup, svg: svg as unknown as Element, all, texts };
}

/** One element a line: a changed coordinate shows as one changed line in the snapshot's diff. */
export function pretty(markup: string): string {
  return `${markup.replace(/></g, '>\n<')}\n`;
}

/**
 * Compare the markup with the committed snapshot tests/unit/figures/__snapshots__/<name>.svg.
 * After an intended change to a figure, look at the diff, then rewrite the snapshots with
 * `npx vitest run tests/unit/figures -u` and commit them with the change.
 */
export async function expectSnapshot(figure: RenderedFigure, name: string): Promise<void> {
  await expect(pretty(figure.markup)).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
}

/** No coordinate or label failed to compute (Plot writes NaN into attributes silently). */
export function expectFinite(figure: RenderedFigure): void {
  expect(figure.markup).not.toMatch(/NaN|Infinity|undefined/);
}
