/**
 * How long the essay is, counted on the built page: the words a reader reads — prose, side notes,
 * captions and tables, the abstract included — and not the references, the appendix, the end
 * matter (updates, reuse, citation), the labs' controls, code listings, a figure's number and
 * data link (page furniture, not prose), or the drawings and formulas with their numbers (an SVG's tick labels and KaTeX's markup are not words). A word is a run of
 * non-space characters holding a letter or a digit, so a table's "0.026" counts as one.
 * The limits are the brief's: the whole under 12 000 words, each caption at most 60.
 */
import { DOMParser } from 'linkedom';

export const WORD_LIMITS = { page: 12_000, caption: 60 } as const;

/** Sections (by their heading's id) that are not read as the essay: reference and end matter. */
export const UNCOUNTED_SECTIONS = ['appendix-how-every-number-was-made', 'references', 'updates-and-corrections', 'reuse', 'citation'] as const;

/** What is never counted wherever it sits. */
const NOT_WORDS = ['svg', '.katex', '.equation-number', 'script', 'style', 'noscript', 'template', '.lab', 'details.source', '.visually-hidden', '.sr-only', '.data-link', '.figure-label', '.table-label'];

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

/** Elements that end a word wherever they end, though the markup may put no space after them. */
const WORD_BREAKS = 'p, li, td, th, tr, caption, figcaption, h1, h2, h3, h4, h5, h6, div, section, figure, dt, dd, br, blockquote';

/** Words of an element, counted on a copy with what is never words taken out. */
function wordsOf(el: Element): number {
  const copy = el.cloneNode(true) as Element;
  for (const selector of NOT_WORDS) for (const x of [...copy.querySelectorAll(selector)]) x.remove();
  // textContent joins adjacent cells and paragraphs ("<td>0.02</td><td>0.03</td>" → one run)
  for (const x of [...copy.querySelectorAll(WORD_BREAKS)]) x.append(' ');
  return countWords(copy.textContent ?? '');
}

/** Count a built page (the essay's index.html). Throws if it is not the essay page. */
export function countPage(html: string): PageCount {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const main = document.querySelector('main');
  if (!main) throw new Error('word count: the page has no <main>; pass the built essay (dist/index.html)');
  const abstractEl = document.querySelector('.abstract');
  const abstract = abstractEl ? wordsOf(abstractEl) : 0;

  const captions: CaptionCount[] = [];
  for (const cap of [...main.querySelectorAll('figcaption, table > caption')]) {
    const owner = cap.closest('[id]');
    captions.push({ id: owner?.getAttribute('id') ?? '(no id)', words: wordsOf(cap) });
  }

  const sections: SectionCount[] = [];
  for (const part of [...main.querySelectorAll('section.part')]) {
    const h2 = part.querySelector('h2[id]');
    const id = h2?.getAttribute('id') ?? '';
    if ((UNCOUNTED_SECTIONS as readonly string[]).includes(id)) continue;
    sections.push({ id, title: h2?.textContent?.trim() ?? '', words: wordsOf(part) });
  }
  const total = abstract + sections.reduce((s, x) => s + x.words, 0);
  return { total, abstract, sections, captions };
}
