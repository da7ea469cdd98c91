/**
 * How long the essay is, counted on the built page: the words a reader reads — prose, side notes,
 * captions and tables, the abstract included — and not the references, the appendix, the end
 * matter (updates, reuse, citation), the labs' controls, code listings, a figure's number and
 * data link (page furniture, not prose), or the drawings and formulas (an SVG's tick labels and KaTeX's markup are not words). A word is a run of
 * non-space characters holding a letter or a digit, so a table's "0.026" counts as one.
 * The limits are the brief's: the whole under 12 000 words, each caption at most 60.
 */
import { DOMParser } from 'linkedom';

export const WORD_LIMITS = { page: 12_000, caption: 60 } as const;

/** Sections (by their heading's id) that are not read as the essay: reference and end matter. */
export const UNCOUNTED_SECTIONS = ['appendix-how-every-number-was-made', 'references', 'updates-and-corrections', 'reuse', 'citation'] as const;

/** What is never counted wherever it sits. */
const NOT_WORDS = ['svg', '.katex', 'script', 'style', 'noscript', 'template', '.lab', 'details.source', '.visually-hidden', '.sr-only', '.data-link', '.figure-label', '.table-label'];

export interface SectionCount {
  id: string;
  title: string;
  words: number;
}
export interface CaptionCount {
  /** the figure's or table's id */
  id: string;
  words: number;
}
export interface PageCount {
  total: number;
  abstract: number;
  sections: SectionCount[];
  captions: CaptionCount[];
}

export const countWords = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

interface Node {
  textContent: string | null;
  querySelectorAll(selector: string): Iterable<{ remove(): void }>;
}

function wordsOf(node: Node): number {
  for (const selector of NOT_WORDS) for (const el of [...node.querySelectorAll(selector)]) el.remove();
  return countWords(node.textContent ?? '');
}

/** Count a built page (the essay's index.html). Throws if it is not the essay page. */
export function countPage(html: string): PageCount {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const main = document.querySelector('main');
  if (!main) throw new Error('word count: the page has no <main>; pass the built essay (dist/index.html)');
  const abstractEl = document.querySelector('.abstract');
  const abstract = abstractEl ? wordsOf(abstractEl.cloneNode(true) as unknown as Node) : 0;

  const captions: CaptionCount[] = [];
  for (const cap of [...main.querySelectorAll('figcaption, table > caption')]) {
    const owner = cap.closest('[id]');
    captions.push({ id: owner?.getAttribute('id') ?? '(no id)', words: wordsOf(cap.cloneNode(true) as unknown as Node) });
  }

  const sections: SectionCount[] = [];
  for (const part of [...main.querySelectorAll('section.part')]) {
    const h2 = part.querySelector('h2[id]');
    const id = h2?.getAttribute('id') ?? '';
    if ((UNCOUNTED_SECTIONS as readonly string[]).includes(id)) continue;
    sections.push({ id, title: h2?.textContent?.trim() ?? '', words: wordsOf(part.cloneNode(true) as unknown as Node) });
  }
  const total = abstract + sections.reduce((s, x) => s + x.words, 0);
  return { total, abstract, sections, captions };
}
