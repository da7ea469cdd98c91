/**
 * Formulas are MathML only (src/site/mathml.mjs): letters KaTeX marks with a mathvariant that
 * MathML Core does not draw become Unicode letters, and the math font is subset to the
 * characters the formulas draw as the browser draws them (src/site/math-chars.mjs).
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { KATEX_OPTIONS, mathmlCore, scriptLetter } from '../../../src/site/mathml.mjs';
import { mathChars, mathItalic } from '../../../src/site/math-chars.mjs';

const render = (tex: string) => mathmlCore(katex.renderToString(tex, { ...KATEX_OPTIONS }));

describe('MathML Core from KaTeX', () => {
  it('writes MathML only: no HTML copy of the formula', () => {
    const html = render('x^2');
    expect(html).toContain('<math');
    expect(html).not.toContain('katex-html');
  });

  it('draws \\mathcal letters as Unicode script letters, the holes of that block included', () => {
    expect(render('\\mathcal{N}(0, 1)')).toContain('<mi>𝒩</mi>');
    expect(render('\\mathcal{L}')).toContain('<mi>ℒ</mi>');
    expect(render('\\mathcal{N}')).not.toContain('mathvariant="script"');
    expect(['A', 'B', 'E', 'Z', 'e', 'g', 'o', 'x'].map(scriptLetter).join('')).toBe('𝒜ℬℰ𝒵ℯℊℴ𝓍');
  });

  it('keeps TeX spacing where a browser would not: none in scripts, a thin space after a function name', () => {
    expect(render('\\sum_{i=1}^n x')).toContain('<mo lspace="0" rspace="0">=</mo>');
    expect(render('a = b')).toContain('<mo>=</mo>');
    expect(render('\\log x')).toContain('<mo rspace="0.1667em">\u2061</mo>');
    expect(render('\\log(x)')).toContain('<mo>\u2061</mo>');
    expect(render('\\lVert X \\rVert')).toContain('<mo stretchy="false" lspace="0" rspace="0">∥</mo>');
    expect(render('a \\parallel b')).toContain('<mo>∥</mo>');
    expect(render('a\\Big(b\\Big)')).toMatch(/<mo fence="false" stretchy="true"[^>]* lspace="0" rspace="0">\(<\/mo>/);
  });

  it('stretches brackets only around something tall', () => {
    expect(render('\\left( x^2 \\right)')).toContain('<mo fence="true" stretchy="false">(</mo>');
    expect(render('\\left( \\frac{a}{b} \\right)')).toContain('<mo fence="true">(</mo>');
    expect(render('\\big( x \\big)')).toContain('<mo fence="false" stretchy="false" lspace="0" rspace="0" mathsize="1.2em">(</mo>');
    expect(render('\\Big( x \\Big)')).toContain('minsize="1.8em"');
  });

  it('draws \\tilde and \\hat as small accents, and \\! as no space', () => {
    expect(render('\\tilde y')).toMatch(/<mo stretchy="false"[^>]*>˜<\/mo>/);
    expect(render('\\hat R')).toMatch(/<mo stretchy="false"[^>]*>ˆ<\/mo>/);
    expect(render('\\mathcal{N}\\!(x)')).not.toContain('<mtext>');
  });

  it('refuses a mathvariant it cannot draw, naming the fix', () => {
    expect(() => render('\\mathbb{R}')).toThrow(/double-struck.*src\/site\/mathml\.mjs/);
  });
});

describe('the characters formulas draw', () => {
  it('are the italic forms of one-letter identifiers, as math-auto draws them', () => {
    expect(['x', 'h', 'N', 'β', 'Σ', 'ϕ', '2'].map(mathItalic).join('')).toBe('𝑥ℎ𝑁𝛽𝛴𝜙2');
    // upright where KaTeX says so (mathvariant="normal"), and never the TeX source
    const chars = mathChars(render('\\Sigma = \\beta x'));
    expect(chars).toEqual(expect.arrayContaining(['Σ', '𝛽', '𝑥', '=']));
    expect(chars).not.toContain('𝛴');
    expect(chars).not.toContain('\\');
    // a radical's sign is no text, but the font must have it
    expect(mathChars(render('\\sqrt{x}'))).toContain('√');
  });
});
