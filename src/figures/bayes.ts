/**
 * Figures of the Bayesian multivariate normal (sections 8–9): the model's graph in plate
 * notation, laid out from the result's `graph` description, and the imputed cells with
 * their intervals against the values that were removed. Builders: data in, Plot options out.
 */
import * as Plot from '@observablehq/plot';

// ——— TeX labels as plain Unicode text (SVG text cannot typeset TeX) ———

const GREEK: Record<string, string> = {
  mu: 'μ', sigma: 'σ', Sigma: 'Σ', Omega: 'Ω', omega: 'ω', eta: 'η', lambda: 'λ', Lambda: 'Λ', psi: 'ψ', Psi: 'Ψ', beta: 'β', zeta: 'ζ', theta: 'θ',
  times: '×', dots: '…', ldots: '…', cdot: '·', top: 'ᵀ',
};
const SUB: Record<string, string> = { a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ', '0': '₀', '1': '₁', '2': '₂', '3': '₃', '-': '₋', '+': '₊' };
const SUP: Record<string, string> = { a: 'ᵃ', b: 'ᵇ', d: 'ᵈ', e: 'ᵉ', i: 'ⁱ', m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', t: 'ᵗ', '0': '⁰', '1': '¹', '2': '²', '-': '⁻', '+': '⁺', T: 'ᵀ', 'ᵀ': 'ᵀ' };

/** Map each character through a script table, or fall back to `_x` / `^x` notation. */
function script(text: string, table: Record<string, string>, mark: '_' | '^'): string {
  const chars = [...text];
  if (chars.every((c) => c in table)) return chars.map((c) => table[c]).join('');
  return chars.length === 1 ? `${mark}${text}` : `${mark}(${text})`;
}

/**
 * The small TeX vocabulary of model-graph labels as Unicode: Greek letters, \mathcal etc.,
 * \tilde, sub- and superscripts (Unicode where the characters exist).
 */
export function texToText(tex: string): string {
  let s = tex;
  s = s.replace(/\\(?:mathcal|mathrm|operatorname|text|mathbf|mathit)\{([^{}]*)\}/g, '$1');
  s = s.replace(/\\(?:big|Big|bigg|left|right)/g, '');
  s = s.replace(/\\[,;:!]/g, ' ').replace(/\\ /g, ' ').replace(/~/g, ' ');
  s = s.replace(/\\([A-Za-z]+)/g, (m, name: string) => GREEK[name] ?? (name === 'tilde' ? '\u0303' : m));
  // \tilde y → y + combining tilde (the command came out as a lone combining mark before y)
  s = s.replace(/\u0303\s*\{?([A-Za-z])\}?/g, '$1\u0303');
  const group = (marker: '_' | '^', table: Record<string, string>) => {
    s = s.replace(new RegExp(`\\${marker}\\{([^{}]*)\\}`, 'g'), (_m, g: string) => script(g, table, marker));
    s = s.replace(new RegExp(`\\${marker}([^\\s{}])`, 'g'), (_m, g: string) => script(g, table, marker));
  };
  group('^', SUP);
  group('_', SUB);
  s = s.replace(/ - /g, ' − ').replace(/\{|\}/g, '');
  return s.replace(/\s+/g, ' ').trim().normalize('NFC');
}

// ——— The model's graph ———

export type GraphKind = 'parameter' | 'deterministic' | 'observed' | 'missing' | 'generated';

export interface GraphInput {
  nodes: readonly { id: string; label: string; kind: GraphKind; distribution?: string; shape?: string; plate?: string; description: string }[];
  edges: readonly { from: string; to: string }[];
  plates: readonly { id: string; label: string; size: number }[];
}

export interface PlacedNode {
  id: string;
  kind: GraphKind;
  symbol: string;
  /** "~ N(0, 1)" or "= diag(σ) …" */
  relation: string;
  shape?: string;
  plate?: string;
  layer: number;
  x: number;
  y: number;
}

const RELATION: Record<GraphKind, string> = { parameter: '~', deterministic: '=', observed: '~', missing: '~', generated: '~' };

/**
 * Layered (top-down) layout: a node's layer is one below its deepest parent, except that an
 * edge between two nodes of the same plate keeps them in one layer (side by side, the edge
 * horizontal). Within a layer, nodes keep the description's order, evenly spaced; a layer with
 * a single node sits under the mean of its parents.
 */
export function layoutGraph(graph: GraphInput, width: number, layerGap: number, top: number): PlacedNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parents = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) throw new Error(`graph edge ${e.from} → ${e.to} names an unknown node`);
    parents.get(e.to)!.push(e.from);
  }
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`graph has a cycle through ${id}`);
    visiting.add(id);
    const node = byId.get(id)!;
    let d = 0;
    for (const p of parents.get(id)!) {
      const same = node.plate !== undefined && byId.get(p)!.plate === node.plate;
      d = Math.max(d, depth(p) + (same ? 0 : 1));
    }
    visiting.delete(id);
    layer.set(id, d);
    return d;
  };
  graph.nodes.forEach((n) => depth(n.id));
  const layers: string[][] = [];
  for (const n of graph.nodes) (layers[layer.get(n.id)!] ??= []).push(n.id);
  const x = new Map<string, number>();
  layers.forEach((ids) => {
    if (ids.length === 1 && parents.get(ids[0])!.length > 0) {
      const ps = parents.get(ids[0])!;
      x.set(ids[0], ps.reduce((s, p) => s + x.get(p)!, 0) / ps.length);
    } else {
      ids.forEach((id, i) => x.set(id, (width * (i + 0.5)) / ids.length));
    }
  });
  return graph.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    symbol: texToText(n.label),
    relation: n.distribution ? `${RELATION[n.kind]} ${texToText(n.distribution)}` : '',
    shape: n.shape ? texToText(n.shape) : undefined,
    plate: n.plate,
    layer: layer.get(n.id)!,
    x: x.get(n.id)!,
    y: top + layer.get(n.id)! * layerGap,
  }));
}

export const KIND_LABEL: Record<GraphKind, string> = {
  parameter: 'parameter (prior)',
  deterministic: 'deterministic',
  observed: 'observed data',
  missing: 'missing data (parameter)',
  generated: 'generated quantity',
};

export interface GraphFigureOptions {
  width?: number;
}

/** The model's graph in plate notation, as Plot marks. */
export function graphOptions(graph: GraphInput, opts: GraphFigureOptions = {}): Plot.PlotOptions {
  const width = opts.width ?? 640;
  const r = 21;
  const layerGap = 118;
  const top = 34;
  // nodes use the left part of the width; the text beside them needs the rest
  const placed = layoutGraph(graph, width - 120, layerGap, top).map((p) => ({ ...p, x: p.x + 12 }));
  const pos = new Map(placed.map((p) => [p.id, p]));
  const layers = Math.max(...placed.map((p) => p.layer)) + 1;
  const platePad = { x: 26, top: 30, bottom: 62 };
  const plates = graph.plates
    .map((plate) => {
      const inside = placed.filter((p) => p.plate === plate.id);
      if (inside.length === 0) return null;
      return {
        label: texToText(plate.label),
        size: `n = ${plate.size}`,
        x1: Math.max(4, Math.min(...inside.map((p) => p.x)) - r - platePad.x),
        x2: Math.min(width - 4, Math.max(...inside.map((p) => p.x)) + r + platePad.x),
        y1: Math.min(...inside.map((p) => p.y)) - r - platePad.top,
        y2: Math.max(...inside.map((p) => p.y)) + r + platePad.bottom,
      };
    })
    .filter((p): p is NonNullable<typeof p> => p !== null);
  const plateBottom = Math.max(top + (layers - 1) * layerGap + r, ...plates.map((p) => p.y2));
  const legendY = plateBottom + 30;
  const height = legendY + 22;
  const edges = graph.edges.map((e) => ({ a: pos.get(e.from)!, b: pos.get(e.to)! }));
  const kinds = [...new Set(placed.map((p) => p.kind))];
  const legend = kinds.map((kind, i) => ({ kind, x: 14 + (i * (width - 20)) / kinds.length, y: legendY }));
  const outside = placed.filter((p) => !p.plate);
  const inPlate = placed.filter((p) => p.plate);
  const of = (kind: GraphKind) => (d: { kind: GraphKind }) => d.kind === kind;

  const nodeMarks = (data: { kind: GraphKind; x: number; y: number }[], size: number) => [
    Plot.dot(data.filter(of('parameter')), { x: 'x', y: 'y', r: size, stroke: 'currentColor', strokeWidth: 1.5, fill: 'var(--bg, white)' }),
    Plot.dot(data.filter(of('observed')), { x: 'x', y: 'y', r: size, stroke: 'currentColor', strokeWidth: 1.5, fill: 'currentColor', fillOpacity: 0.16 }),
    Plot.dot(data.filter(of('missing')), { x: 'x', y: 'y', r: size, stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: '2 3', fill: 'var(--bg, white)' }),
    Plot.dot(data.filter(of('generated')), { x: 'x', y: 'y', r: size, stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: '5 3', fill: 'var(--bg, white)' }),
    Plot.dot(data.filter(of('deterministic')), { x: 'x', y: 'y', r: size * 1.12, symbol: 'diamond', stroke: 'currentColor', strokeWidth: 1.5, fill: 'var(--bg, white)' }),
  ];

  return {
    width,
    height,
    margin: 0,
    style: { fontSize: '12px', overflow: 'visible' },
    x: { domain: [0, width], axis: null },
    y: { domain: [0, height], reverse: true, axis: null },
    marks: [
      // plates: rounded rectangles with their index range and size in the lower right corner
      Plot.rect(plates, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', rx: 12, fill: 'none', stroke: 'currentColor', strokeWidth: 1.2 }),
      Plot.text(plates, { x: 'x2', y: 'y2', text: (d: (typeof plates)[number]) => `${d.label}  (${d.size})`, textAnchor: 'end', dx: -10, dy: -10, fill: 'currentColor', fontSize: 11 }),
      // edges: arrows from node edge to node edge
      Plot.arrow(edges, {
        x1: (d: (typeof edges)[number]) => d.a.x,
        y1: (d: (typeof edges)[number]) => d.a.y,
        x2: (d: (typeof edges)[number]) => d.b.x,
        y2: (d: (typeof edges)[number]) => d.b.y,
        insetStart: r + 3,
        insetEnd: r + 5,
        headLength: 9,
        stroke: 'currentColor',
        strokeWidth: 1.2,
        strokeOpacity: 0.85,
      }),
      ...nodeMarks(placed, r),
      Plot.text(placed, { x: 'x', y: 'y', text: 'symbol', fill: 'currentColor', fontSize: 15, fontStyle: 'italic' }),
      // what each node is: beside free nodes, below plated ones (their arrows arrive from above)
      Plot.text(outside, { x: 'x', y: 'y', text: (d: PlacedNode) => [d.relation, d.shape].filter(Boolean).join('\n'), textAnchor: 'start', dx: r + 8, fill: 'currentColor', fontSize: 12, lineHeight: 1.25 }),
      Plot.text(inPlate, { x: 'x', y: 'y', text: 'relation', dy: r + 6, lineAnchor: 'top', lineWidth: 17, fill: 'currentColor', fontSize: 11.5, lineHeight: 1.2 }),
      // key to the node shapes
      ...nodeMarks(legend, 7),
      Plot.text(legend, { x: 'x', y: 'y', text: (d: { kind: GraphKind }) => KIND_LABEL[d.kind], textAnchor: 'start', dx: 13, fill: 'currentColor', fontSize: 11 }),
    ],
  };
}

/** A sentence-per-node text alternative of the graph. */
export function graphDescription(graph: GraphInput): string {
  const placed = layoutGraph(graph, 1, 1, 0);
  const parts = placed.map((p) => {
    const n = graph.nodes.find((m) => m.id === p.id)!;
    const from = graph.edges.filter((e) => e.to === p.id).map((e) => texToText(graph.nodes.find((m) => m.id === e.from)!.label));
    return `${p.symbol} (${n.description}; ${KIND_LABEL[p.kind]}${p.relation ? `, ${p.relation}` : ''})${from.length ? `, with arrows from ${from.join(', ')}` : ''}${p.plate ? ', inside the plate' : ''}`;
  });
  const plates = graph.plates.map((pl) => `a plate over ${texToText(pl.label)} with n = ${pl.size}`).join('; ');
  return `Directed graph of the model in plate notation: ${parts.join('; ')}. Repeated nodes sit in ${plates}.`;
}

// ——— Imputations against the removed values ———

export interface ImputedCell {
  row: number;
  column: string;
  truth: number;
  mean: number;
  'hdi_3%': number;
  'hdi_97%': number;
  covered: boolean;
}

/** Every `step`-th cell in order of its true value, starting half a step in. */
export function cellsByTruth(cells: readonly ImputedCell[], shown: number): (ImputedCell & { rank: number })[] {
  const sorted = [...cells].sort((a, b) => a.truth - b.truth || a.row - b.row);
  const step = Math.max(1, sorted.length / shown);
  const out: (ImputedCell & { rank: number })[] = [];
  for (let k = 0; k < Math.min(shown, sorted.length); k++) out.push({ ...sorted[Math.floor(step / 2 + k * step)], rank: k + 1 });
  return out;
}

export const MISS_COLOR = '#d6604d';

export function imputationOptions(cells: readonly (ImputedCell & { rank: number })[], opts: { width?: number; total: number }): Plot.PlotOptions {
  const width = opts.width ?? 660;
  const lo = Math.min(...cells.map((c) => c['hdi_3%']), ...cells.map((c) => c.truth));
  const hi = Math.max(...cells.map((c) => c['hdi_97%']), ...cells.map((c) => c.truth));
  const missed = cells.filter((c) => !c.covered);
  return {
    width,
    height: 330,
    marginLeft: 48,
    marginBottom: 40,
    marginTop: 16,
    style: { fontSize: '12px' },
    x: { domain: [0, cells.length + 1], ticks: [], label: `${cells.length} of ${opts.total} removed cells, in order of their true value →`, labelAnchor: 'center' },
    y: { domain: [Math.floor(lo * 2) / 2, Math.ceil(hi * 2) / 2], grid: true, label: '↑ value (units of its scale)' },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.ruleX(cells, { x: 'rank', y1: 'hdi_3%', y2: 'hdi_97%', stroke: 'currentColor', strokeOpacity: 0.45, strokeWidth: 2.5 }),
      Plot.dot(cells, { x: 'rank', y: 'mean', r: 3.2, stroke: 'currentColor', strokeWidth: 1.3, fill: 'none' }),
      Plot.dot(cells.filter((c) => c.covered), { x: 'rank', y: 'truth', r: 2.2, fill: 'currentColor' }),
      Plot.dot(missed, { x: 'rank', y: 'truth', r: 4.5, symbol: 'times', stroke: MISS_COLOR, strokeWidth: 2 }),
    ],
  };
}
