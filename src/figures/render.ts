/**
 * Observable Plot, rendered at build time into SVG markup with linkedom standing in for the
 * browser's DOM. The same figure builders run in the browser with the real document.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { stripGroupLabels } from './mark-labels';

let doc: Document | undefined;

function serverDocument(): Document {
  doc ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
  return doc;
}

const GEOMETRY = /\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|transform|points)="([^"]*)"/g;

/**
 * Round coordinates in geometry attributes to 0.01 px: invisible on screen, and it roughly
 * halves the markup of dense figures. Text content (tick labels, annotations) is untouched.
 */
export function compactGeometry(markup: string): string {
  return markup.replace(GEOMETRY, (_m, name: string, value: string) => ` ${name}="${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`);
}

/**
 * Plot puts the same small <style> inside every SVG it draws; the page holds dozens of figures,
 * and each <style> met while parsing makes the browser restyle the whole document. The page's
 * stylesheet carries those rules once (essay.css, "Plot's own rules"), so build-time figures drop theirs.
 */
export function stripPlotStyle(markup: string): string {
  return markup.replace(/^(<svg\b[^>]*>)<style>[^<]*<\/style>/, '$1');
}

/** Plot options → SVG markup (geometry compacted, group labels and per-figure style stripped). */
export function renderPlot(options: Plot.PlotOptions): string {
  const el = Plot.plot({ ...options, document: serverDocument() });
  return stripPlotStyle(stripGroupLabels(compactGeometry((el as unknown as Element).outerHTML)));
}
