/** Cite-this block and the scholarly meta tags, from the title-page facts. */
import { describe, expect, it } from 'vitest';
import { bibtex, citationMeta, plainCitation } from '../../../src/site/citation';

const facts = { title: 'Heuristics, Priors and Latent Space', subtitle: 'How models carry 100% of their assumptions', authors: ['The Inductive Bias Essay team'], published: '2026-11-25', url: 'https://example.org/', key: 'ib2026' };

describe('citing the essay', () => {
  it('writes a BibTeX entry with a corporate author kept whole and LaTeX specials escaped', () => {
    const b = bibtex(facts);
    expect(b).toMatch(/^@online\{ib2026,\n/);
    expect(b).toContain('author = {{The Inductive Bias Essay team}}');
    expect(b).toContain('title = {{Heuristics, Priors and Latent Space: How models carry 100\\% of their assumptions}}');
    expect(b).toContain('year = {2026}');
    expect(b).toContain('url = {https://example.org/}');
    // balanced braces, or BibTeX stops reading
    expect([...b].filter((c) => c === '{').length).toBe([...b].filter((c) => c === '}').length);
  });

  it('joins personal authors with "and"', () => {
    expect(bibtex({ ...facts, authors: ['Ada Lovelace', 'Alan Turing'] })).toContain('author = {Ada Lovelace and Alan Turing}');
  });

  it('writes a plain-text reference with date, title and address', () => {
    expect(plainCitation(facts)).toBe('The Inductive Bias Essay team (2026, 25 November). Heuristics, Priors and Latent Space: How models carry 100% of their assumptions. https://example.org/');
  });

  it('gives the citation_* tags indexers read, dates as YYYY/MM/DD', () => {
    const tags = citationMeta(facts, [{ title: 'Auto-Encoding Variational Bayes', authors: ['Diederik P. Kingma', 'Max Welling'], year: '2014' }]);
    const get = (n: string) => tags.filter((t) => t.name === n).map((t) => t.content);
    expect(get('citation_title')).toEqual([facts.title]);
    expect(get('citation_author')).toEqual(facts.authors);
    expect(get('citation_publication_date')).toEqual(['2026/11/25']);
    expect(get('citation_reference')).toEqual(['citation_title=Auto-Encoding Variational Bayes; citation_author=Diederik P. Kingma; citation_author=Max Welling; citation_publication_date=2014']);
  });

  it('refuses a publication date it cannot read', () => {
    expect(() => bibtex({ ...facts, published: '25/11/2026' })).toThrow(/YYYY-MM-DD/);
  });
});
