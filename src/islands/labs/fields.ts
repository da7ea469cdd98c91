/**
 * Numeric controls of the labs as data: a range, a step, whether it is whole, and how the
 * page shows it. Parsing refuses anything outside the range and says what the range is, so
 * the message can sit next to the control. Pure: unit-tested without a DOM.
 */

export interface FieldSpec {
  /** key in the lab's config */
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly integer: boolean;
  /** the value a fresh lab shows */
  readonly initial: number;
  /** shown after the range, e.g. '%' */
  readonly unit?: string;
}

export type FieldResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** "100–5000", "0–40%", "0.00001–0.01": the range as a reader types it. */
export function rangeText(f: FieldSpec): string {
  const show = (v: number) => (f.integer ? String(v) : String(Number(v.toPrecision(6))));
  return `${show(f.min)}–${show(f.max)}${f.unit ?? ''}`;
}

export function parseField(f: FieldSpec, raw: string): FieldResult {
  const text = raw.trim();
  const refuse = (why: string): FieldResult => ({ ok: false, message: `${f.label}: ${why}; enter ${f.integer ? 'a whole number' : 'a number'} from ${rangeText(f)}.` });
  if (text === '') return refuse('empty');
  // Number('') is 0 and Number('1e') is NaN; the regexp also refuses '0x10' and ' 1 2'.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return refuse(`“${text}” is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) return refuse('not a finite number');
  if (f.integer && !Number.isInteger(value)) return refuse(`${text} is not whole`);
  if (value < f.min || value > f.max) return refuse(`${text} is out of range`);
  return { ok: true, value };
}

/** Parse every field; the config when all are valid, else the messages by key. */
export function parseFields(fields: readonly FieldSpec[], raw: Readonly<Record<string, string>>): { values: Record<string, number>; errors: Record<string, string> } {
  const values: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = parseField(f, raw[f.key] ?? '');
    if (r.ok) values[f.key] = r.value;
    else errors[f.key] = r.message;
  }
  return { values, errors };
}
