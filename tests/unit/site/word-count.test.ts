import { describe, expect, it } from 'vitest';
import { countPage, countWords } from '../../../src/site/word-count';

const page = (main: string, abstract = '') => `<!doctype html><html><body><header><div class="abstract"><p>${abstract}</p></div></header><main>${main}</main></body></html>`;

describe('the essay word count', () => {
  it('counts runs holding a letter or digit, so a table number is one word and a dash none', () => {
    expect(countWords('SRMR 0.026 — at  n = 500.')).toBe(5);
  });

  it('counts prose and captions but not drawings, formulas, labs, code folds, figure numbers or data links', () => {
    const html = page(
      `<section class="part"><h2 id="a">Two words</h2><p>one two <span class="katex">x y z</span></p>
       <figure id="fig-f"><svg><text>tick tick</text></svg><figcaption><a class="figure-label">Figure 1.</a> <p>cap tion</p><span class="data-link">Data (JSON)</span></figcaption></figure>
       <section class="lab"><button>Run it</button></section><details class="source"><pre>code here</pre></details></section>`,
      'ab stract',
    );
    const c = countPage(html);
    expect(c.abstract).toBe(2);
    expect(c.sections).toEqual([{ id: 'a', title: 'Two words', words: 6 }]);
    expect(c.captions).toEqual([{ id: 'fig-f', words: 2 }]);
    expect(c.total).toBe(8);
  });

  it('leaves out the reference and end-matter sections', () => {
    const c = countPage(page('<section class="part"><h2 id="references">References</h2><p>a b c</p></section><section class="part"><h2 id="x">X</h2></section>'));
    expect(c.sections.map((s) => s.id)).toEqual(['x']);
  });

  it('refuses a page without <main>', () => {
    expect(() => countPage('<html><body><p>hi</p></body></html>')).toThrow(/no <main>/);
  });
});
