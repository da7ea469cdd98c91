import { describe, expect, it } from 'vitest';
import { cellsByTruth, graphDescription, graphOptions, layoutGraph, texToText, type GraphInput, type ImputedCell } from '../../../src/figures/bayes';
import { renderPlot } from '../../../src/figures/render';
import { mvnGraph } from '../../../src/lib/bayes/graph';

const graph = (missing: 'marginal' | null): GraphInput => {
  const g = mvnGraph({ p: 12, n: 500, missing });
  return { nodes: [...g.nodes], edges: [...g.edges], plates: [...g.plates] };
};

describe('model-graph figure', () => {
  it('turns the graph labels into readable Unicode', () => {
    expect(texToText('\\mu')).toBe('μ');
    expect(texToText('\\tilde y_i')).toBe('ỹᵢ'.normalize('NFC'));
    expect(texToText('y_i^{\\text{obs}}')).toBe('yᵢᵒᵇˢ');
    expect(texToText('\\operatorname{diag}(\\sigma)\\, L_\\Omega L_\\Omega^\\top \\operatorname{diag}(\\sigma)')).toBe('diag(σ) L_Ω L_Ωᵀ diag(σ)');
    expect(texToText('\\mathrm{LKJCholesky}(1)')).toBe('LKJCholesky(1)');
  });

  it('puts parents above children, and keeps a same-plate edge within one layer', () => {
    const placed = layoutGraph(graph('marginal'), 600, 100, 0);
    const at = (id: string) => placed.find((p) => p.id === id)!;
    for (const e of graph('marginal').edges) {
      const same = at(e.from).plate !== undefined && at(e.from).plate === at(e.to).plate;
      if (same) expect(at(e.from).layer).toBe(at(e.to).layer);
      else expect(at(e.from).layer).toBeLessThan(at(e.to).layer);
    }
    expect(new Set(placed.map((p) => `${p.x},${p.y}`)).size).toBe(placed.length);
  });

  it('renders every node and edge, with the plate size, and no NaN', () => {
    for (const missing of [null, 'marginal'] as const) {
      const g = graph(missing);
      const svg = renderPlot(graphOptions(g));
      expect(svg).not.toContain('NaN');
      expect(svg).toContain('n = 500');
      expect(svg.match(/<path/g)!.length).toBeGreaterThanOrEqual(g.edges.length);
      expect(graphDescription(g)).toContain('plate');
    }
  });
});

describe('imputation figure', () => {
  it('takes evenly spaced cells in order of truth', () => {
    const cells: ImputedCell[] = Array.from({ length: 100 }, (_, k) => ({ row: k, column: 'JW1', truth: (k * 37) % 100, mean: 0, 'hdi_3%': -1, 'hdi_97%': 1, covered: true }));
    const shown = cellsByTruth(cells, 10);
    expect(shown.map((c) => c.truth)).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
    expect(shown.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
