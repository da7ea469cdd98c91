/**
 * The order of numbered things in the essay. Figures, tables and equations are numbered by
 * their place in these lists, so in-text references ("Figure 3") never drift from the
 * captions. An e2e test checks that the built page shows them in exactly this order.
 */
export const figures = [
  'sample-correlation',
  'svd-images',
  'svd-error',
  'svd-slider',
] as const;

export const tables = ['indicators', 'sample-rows'] as const;

export const equations = ['mvn', 'residual', 'srmr', 'svd', 'eckart-young'] as const;

export type FigureId = (typeof figures)[number];
export type TableId = (typeof tables)[number];
export type EquationId = (typeof equations)[number];

function numberOf(list: readonly string[], kind: string, id: string): number {
  const i = list.indexOf(id);
  if (i < 0) throw new Error(`Unknown ${kind} "${id}": add it, in page order, to content/numbering.ts`);
  return i + 1;
}

export const figureNumber = (id: string) => numberOf(figures, 'figure', id);
export const tableNumber = (id: string) => numberOf(tables, 'table', id);
export const equationNumber = (id: string) => numberOf(equations, 'equation', id);
