/**
 * Survey answers are often ordinal: a Likert item takes a few integer values. Both the SEM and
 * the multivariate normal treat every column as continuous; this finds the columns where that
 * is an assumption worth stating, and states it.
 */
import type { Matrix } from '../linalg';

/** Columns with at most this many distinct integer values count as ordinal (0–10 scales included). */
export const MAX_ORDINAL_LEVELS = 11;

export interface OrdinalColumn {
  readonly name: string;
  /** the distinct observed values, ascending */
  readonly levels: readonly number[];
}

/** Columns whose observed values are all integers with at most MAX_ORDINAL_LEVELS distinct values. */
export function ordinalColumns(x: Matrix, names: readonly string[], columns: readonly number[] = names.map((_, j) => j)): OrdinalColumn[] {
  const out: OrdinalColumn[] = [];
  for (const j of columns) {
    const levels = new Set<number>();
    let integral = true;
    for (let r = 0; r < x.rows && integral; r++) {
      const v = x.data[r * x.cols + j];
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) integral = false;
      else if (levels.add(v).size > MAX_ORDINAL_LEVELS) integral = false;
    }
    if (integral && levels.size > 0) out.push({ name: names[j], levels: [...levels].sort((a, b) => a - b) });
  }
  return out;
}

/** The note the CLIs print (null when no column looks ordinal). */
export function ordinalNote(cols: readonly OrdinalColumn[]): string | null {
  if (cols.length === 0) return null;
  const fewest = Math.min(...cols.map((c) => c.levels.length));
  const range = (c: OrdinalColumn) => `${c.levels[0]}–${c.levels[c.levels.length - 1]}`;
  const listed = cols.length <= 6 ? cols.map((c) => `${c.name} (${c.levels.length} values, ${range(c)})`).join(', ') : `${cols.length} columns (${cols[0].name}, ${cols[1].name}, …; ${fewest} to ${Math.max(...cols.map((c) => c.levels.length))} values each)`;
  return (
    `note: ${listed} hold only a few integer values: ordinal answers, such as a Likert scale. ` +
    'The model treats them as continuous and normally distributed. That assumes the steps between adjacent answers are equal ' +
    'and that the answers behave like a coarsened multivariate normal without piling up at the ends of the scale; ' +
    `with ${fewest < 5 ? `as few as ${fewest}` : fewest} categories ` +
    (fewest < 5 ? 'correlations and loadings are likely to be attenuated and standard errors off' : 'this usually costs little, unless answers crowd at one end') +
    ". An ordinal model (polychoric correlations, as lavaan's ordered = option fits) avoids the assumption."
  );
}
