/**
 * The sampler lab's "your own CSV file" controls on the page: the file picker (read by a
 * worker in this browser, never uploaded), the column checkboxes, the notes on what is done
 * to the data, and validation of a run on it. Every name and value from the reader's file is
 * put on the page with textContent, never as HTML.
 */
import { parseFields } from '../labs/fields';
import { MAX_FILE_BYTES, MAX_MODEL_COLUMNS, readReaderTable, usableColumns, type ColumnSummary, type ReaderTable } from '../labs/reader-table';
import type { FromReaderWorker, ToReaderWorker } from '../labs/reader-worker';
import { SAMPLER_FIELDS, SAMPLER_SEED, type SamplerLabConfig } from './controls';
import { planOwnMvn, planOwnSem, type OwnRunPlan } from './own-data';

/** The models a reader's file can take: the essay's two SEMs name the essay's twelve columns. */
export const OWN_DATA_MODELS = ['mvn', 'sem-custom'] as const;

export type OwnRunConfig = SamplerLabConfig & { readonly own: OwnRunPlan };
export type OwnValidation = { readonly ok: true; readonly config: OwnRunConfig } | { readonly ok: false; readonly errors: Record<string, string> };

/** The plan of a run on the reader's file, or null for a run on simulated data. */
export function ownPlan(c: SamplerLabConfig): OwnRunPlan | null {
  return 'own' in c ? (c as OwnRunConfig).own : null;
}

export interface OwnDataView {
  /** the reader chose their own file as the data */
  active(): boolean;
  validate(raw: Readonly<Record<string, string>>): OwnValidation;
  /** after a run: the notes on the data go with the output */
  showOutput(plan: OwnRunPlan | null): void;
}

const q = <T extends Element>(root: Element, sel: string): T => {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`sampler lab markup is missing ${sel}`);
  return el;
};

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : '—');

function columnInfo(c: ColumnSummary): string {
  if (c.bad) return `not numeric: line ${c.bad.line} has '${c.bad.text}'`;
  const miss = c.missing > 0 ? `, ${c.missing.toLocaleString('en-GB')} missing` : '';
  const kind = c.ordinal ? `whole numbers ${c.ordinal.min}–${c.ordinal.max}` : `mean ${fmt(c.mean)}, sd ${fmt(c.sd)}`;
  return `${c.observed.toLocaleString('en-GB')} values${miss}; ${kind}`;
}

function paragraphs(el: HTMLElement, lines: readonly string[]): void {
  el.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
}

function readInWorker(file: File): Promise<FromReaderWorker> {
  return new Promise((resolve) => {
    let w: Worker;
    try {
      w = new Worker(new URL('../labs/reader-worker.ts', import.meta.url), { type: 'module', name: 'sampler-lab-csv' });
    } catch {
      // no module workers: read on the page instead
      file.text().then(
        (text) => resolve({ ok: true, table: readReaderTable(text, file.name), ms: 0 }),
        (err: unknown) => resolve({ ok: false, message: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    w.onmessage = (e: MessageEvent<FromReaderWorker>) => {
      w.terminate();
      resolve(e.data);
    };
    w.onerror = (e) => {
      w.terminate();
      resolve({ ok: false, message: `${file.name}: the file could not be read${e.message ? ` (${e.message})` : ''}` });
    };
    w.postMessage({ file, source: file.name } satisfies ToReaderWorker);
  });
}

/**
 * `onChange` after anything that changes validity; `onLoaded` once a file has been read (the
 * controller starts its chain workers then, so a run on the file starts at once).
 */
export function mountOwnData(root: HTMLElement, onChange: () => void, onLoaded: () => void = () => {}): OwnDataView {
  const source = q<HTMLSelectElement>(root, '[name="source"]');
  const box = q<HTMLElement>(root, '[data-own-data]');
  const fileInput = q<HTMLInputElement>(root, '[name="file"]');
  const summary = q<HTMLElement>(root, '[data-own-summary]');
  const columnSet = q<HTMLElement>(root, '[data-own-columns]');
  const columnList = q<HTMLElement>(root, '[data-own-column-list]');
  const notes = q<HTMLElement>(root, '[data-own-notes]');
  const output = q<HTMLElement>(root, '[data-own-output]');
  const modelSelect = q<HTMLSelectElement>(root, '[name="model"]');
  const simulatedOnly = [
    ...['rows', 'missing'].map((k) => root.querySelector<HTMLElement>(`[name="${k}"]`)?.closest<HTMLElement>('.lab-field')),
    ...root.querySelectorAll<HTMLElement>('[data-simulated-only]'),
  ].filter((el): el is HTMLElement => !!el);
  // texts that change meaning with the reader's data: there is no truth, only the data's own correlation
  const relabel = [
    { el: root.querySelector<HTMLElement>('[data-residual-caption]'), own: 'The data’s own correlation (each pair over the rows where both are observed) minus the posterior-mean correlation (for the SEM, the mean model-implied correlation).' },
    { el: root.querySelector<HTMLElement>('[data-srmr-label]'), own: 'SRMR against the data’s own correlation' },
    { el: root.querySelector<HTMLElement>('[data-heatmap]'), attr: 'aria-label', own: 'Residual correlation matrix: the data’s correlation minus the posterior-mean correlation' },
  ].map((r) => ({ ...r, simulated: r.el ? (r.attr ? r.el.getAttribute(r.attr) : r.el.textContent) ?? '' : '' }));

  let table: ReaderTable | null = null;
  let reading = false;
  let fileError = '';
  let generation = 0;
  let cached: { key: string; result: ReturnType<typeof planOwnMvn> } | null = null;

  const active = () => source.value === 'file';
  const chosen = () => [...columnList.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((c) => c.checked).map((c) => c.value);

  const applyMode = () => {
    const own = active();
    box.hidden = !own;
    for (const el of simulatedOnly) el.hidden = own;
    for (const r of relabel) {
      if (!r.el) continue;
      const text = own ? r.own : r.simulated;
      if (r.attr) r.el.setAttribute(r.attr, text);
      else r.el.textContent = text;
    }
    for (const o of modelSelect.options) o.disabled = own && !(OWN_DATA_MODELS as readonly string[]).includes(o.value);
    if (own && !(OWN_DATA_MODELS as readonly string[]).includes(modelSelect.value)) modelSelect.value = 'mvn';
    output.hidden = true;
  };

  const showTable = (t: ReaderTable) => {
    const defaults = new Set(usableColumns(t).slice(0, MAX_MODEL_COLUMNS));
    columnList.replaceChildren(
      ...t.columns.map((c, j) => {
        const label = document.createElement('label');
        label.className = 'lab-column';
        const cb = document.createElement('input');
        cb.type = 'checkbox';
        cb.value = c.name;
        cb.checked = defaults.has(c.name);
        cb.dataset.testid = `sampler-column-${j + 1}`;
        const name = document.createElement('span');
        name.className = 'lab-column-name';
        name.textContent = c.name;
        const info = document.createElement('span');
        info.className = 'lab-column-info';
        info.textContent = columnInfo(c);
        label.append(cb, name, info);
        return label;
      }),
    );
    columnSet.hidden = false;
    const missing = t.columns.reduce((s, c) => s + (c.bad ? 0 : c.missing), 0);
    summary.textContent = `${t.source}: ${t.rows.toLocaleString('en-GB')} rows × ${t.columns.length} columns, ${missing.toLocaleString('en-GB')} missing cells.`;
  };

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    const mine = ++generation;
    table = null;
    cached = null;
    columnList.replaceChildren();
    columnSet.hidden = true;
    summary.textContent = '';
    notes.replaceChildren();
    fileError = '';
    if (!file) return onChange();
    if (file.size > MAX_FILE_BYTES) {
      fileError = `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the lab reads files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Keep the columns and rows you need and try again.`;
      return onChange();
    }
    reading = true;
    summary.textContent = `Reading ${file.name} in this browser…`;
    onChange();
    const t0 = performance.now();
    const r = await readInWorker(file);
    if (mine !== generation) return; // a newer file was chosen meanwhile
    reading = false;
    if (r.ok) {
      table = r.table;
      showTable(r.table);
      root.dataset.ownReadMs = (performance.now() - t0).toFixed(0);
      onLoaded();
    } else {
      summary.textContent = '';
      fileError = r.message;
    }
    onChange();
  });
  source.addEventListener('change', applyMode);

  const plan = (model: string, syntax: string) => {
    const t = table!;
    const cols = chosen();
    const key = `${generation}\u0000${model}\u0000${model === 'mvn' ? cols.join('\u0000') : syntax}`;
    if (cached?.key === key) return cached.result;
    const result = model === 'mvn' ? planOwnMvn(t, cols) : planOwnSem(t, syntax);
    cached = { key, result };
    return result;
  };

  applyMode();
  return {
    active,
    validate(raw) {
      const { values, errors } = parseFields(
        SAMPLER_FIELDS.filter((f) => ['chains', 'draws', 'adaptDelta'].includes(f.key)),
        raw,
      );
      const model = raw.model ?? 'mvn';
      const syntax = raw.syntax ?? '';
      if (!(OWN_DATA_MODELS as readonly string[]).includes(model)) errors.model = 'Model: with your own data, choose the multivariate normal or the SEM in your lavaan syntax.';
      let p: OwnRunPlan | null = null;
      if (fileError) errors.file = fileError;
      else if (reading) errors.file = 'File: still reading it…';
      else if (!table) errors.file = 'File: choose a CSV file on your computer.';
      else if (!errors.model) {
        const r = plan(model, syntax);
        if (r.ok) p = r.value;
        else errors[model === 'mvn' ? 'columns' : 'syntax'] = r.message;
      }
      paragraphs(notes, p ? p.notes : []);
      if (!p || Object.keys(errors).length > 0) return { ok: false, errors };
      return {
        ok: true,
        config: { model: model as OwnRunConfig['model'], syntax, rows: p.rows, missingFraction: 0, chains: values.chains, draws: values.draws, warmup: values.draws, adaptDelta: values.adaptDelta, seed: SAMPLER_SEED, own: p },
      };
    },
    showOutput(p) {
      output.hidden = !p;
      paragraphs(output, p ? p.notes : []);
      const key = root.querySelector<HTMLElement>('[data-legend] .lab-legend-label');
      if (p && key) key.textContent = 'Colour: residual correlation, data − model';
    },
  };
}
