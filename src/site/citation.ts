/**
 * How to cite the essay: BibTeX, a plain-text reference, and the citation_* meta tags that
 * scholarly indexers (Google Scholar, Zotero) read. Pure functions of the title-page facts
 * (content/meta.ts) and the canonical address.
 */

export interface CitationFacts {
  title: string;
  subtitle: string;
  authors: readonly string[];
  /** YYYY-MM-DD */
  published: string;
  /** the essay's canonical address */
  url: string;
  /** BibTeX key */
  key: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dateParts(published: string): { year: string; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(published);
  if (!m) throw new Error(`content/meta.ts: published must be YYYY-MM-DD, not "${published}"`);
  return { year: m[1], month: Number(m[2]), day: Number(m[3]) };
}

/** Braces and backslashes would break a BibTeX field; LaTeX specials are escaped. */
function bibEscape(s: string): string {
  return s.replace(/\\/g, '\\textbackslash{}').replace(/([{}&%$#_])/g, '\\$1').replace(/~/g, '\\textasciitilde{}').replace(/\^/g, '\\textasciicircum{}');
}

export function bibtex(f: CitationFacts): string {
  const { year, month, day } = dateParts(f.published);
  // a corporate author goes in double braces, so BibTeX does not split it into given and family names
  const author = f.authors.map((a) => (a.split(/\s+/).length > 3 ? `{${bibEscape(a)}}` : bibEscape(a))).join(' and ');
  const fields: [string, string][] = [
    ['author', `{${author}}`],
    ['title', `{{${bibEscape(`${f.title}: ${f.subtitle}`)}}}`],
    ['year', `{${year}}`],
    ['month', `{${month}}`],
    ['day', `{${day}}`],
    ['url', `{${f.url}}`],
    ['note', '{Interactive essay}'],
  ];
  return `@online{${f.key},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}`;
}

export function plainCitation(f: CitationFacts): string {
  const { year, month, day } = dateParts(f.published);
  const authors = f.authors.length <= 2 ? f.authors.join(' and ') : `${f.authors.slice(0, -1).join(', ')} and ${f.authors[f.authors.length - 1]}`;
  return `${authors} (${year}, ${day} ${MONTHS[month - 1]}). ${f.title}: ${f.subtitle}. ${f.url}`;
}

export interface CitedWork {
  title: string;
  authors: readonly string[];
  year: string;
}

/** <meta name content> pairs in the Highwire Press vocabulary Google Scholar documents. */
export function citationMeta(f: CitationFacts, cites: readonly CitedWork[] = []): { name: string; content: string }[] {
  const { year, month, day } = dateParts(f.published);
  const date = `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
  return [
    { name: 'citation_title', content: f.title },
    ...f.authors.map((a) => ({ name: 'citation_author', content: a })),
    { name: 'citation_publication_date', content: date },
    { name: 'citation_online_date', content: date },
    { name: 'citation_fulltext_html_url', content: f.url },
    { name: 'citation_language', content: 'en' },
    ...cites.map((c) => ({
      name: 'citation_reference',
      content: [`citation_title=${c.title}`, ...c.authors.map((a) => `citation_author=${a}`), `citation_publication_date=${c.year}`].join('; '),
    })),
  ];
}
