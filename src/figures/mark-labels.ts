/**
 * Plot labels its mark groups with aria-label, which ARIA forbids on a plain <g> — and on the
 * lone <rect> of an unfaceted frame mark. Our figures carry their text alternative on the
 * container (role="img"), so those labels go (a <text> may keep one: ARIA allows it there).
 * Stated once for the build-time markup (render.ts) and the labs' live charts (a DOM node).
 */
const ELEMENTS = ['g', 'rect', 'path', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'image'] as const;

const IN_MARKUP = new RegExp(`(<(?:${ELEMENTS.join('|')})\\b[^>]*?)\\saria-label="[^"]*"`, 'g');

/** The same, on SVG markup. */
export function stripGroupLabels(markup: string): string {
  return markup.replace(IN_MARKUP, '$1');
}

/** The same, on a drawn chart (in the browser): returns the node. */
export function stripGroupLabelsIn<T extends Element>(node: T): T {
  for (const el of node.querySelectorAll(ELEMENTS.map((e) => `${e}[aria-label]`).join(','))) el.removeAttribute('aria-label');
  return node;
}
