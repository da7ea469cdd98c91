// The page's formulas are KaTeX's MathML alone (no HTML copy), typeset by the browser with a
// math font the site serves (Latin Modern Math, a subset: scripts/math-font.mjs). Browsers draw
// MathML Core, which lacks some of what KaTeX's MathML leans on; fixMath mends that once, at
// build time, on the MathML tree (hast: { type, tagName, properties, children, value }), for the
// MDX formulas (integrations/rehype-mathml-core.mjs, after rehype-katex) and <Equation>
// (mathmlCore, on KaTeX's markup):
// - mathvariant other than "normal" is not drawn: \mathcal{N} becomes the Unicode letter 𝒩;
// - an operator in a sub- or superscript or a limit keeps TeX's script spacing (none): a
//   browser would space `i = 1` under a sum as it does in the line;
// - a function name (\log, \operatorname) is followed by TeX's thin space, except before a bracket;
// - \lVert, \rVert and \big\| are fences, not the relation ∥, and \big( is no infix operator
//   (no space around either);
// - \tilde and \hat are the small accents, not the stretchy ones a browser widens;
// - brackets are stretched only around something tall (a browser lays a stretchy bracket out
//   as wide as its widest form): \left( x \right) and \big( keep the plain glyph;
// - \! is written by KaTeX as a visible space: it goes.
// Plain JavaScript because astro.config.mjs imports it too.
import { parseHTML } from 'linkedom';

/** KaTeX's options for every formula on the page (inline, display and numbered). */
export const KATEX_OPTIONS = Object.freeze({ output: 'mathml', throwOnError: true, strict: 'error' });

// Unicode's script letters have holes: these live in the Letterlike Symbols block.
const SCRIPT_EXCEPTIONS = { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' };

/** A letter in \mathcal → the Unicode mathematical script letter; anything else unchanged. */
export function scriptLetter(c) {
  if (SCRIPT_EXCEPTIONS[c]) return SCRIPT_EXCEPTIONS[c];
  if (c >= 'A' && c <= 'Z') return String.fromCodePoint(0x1d49c + c.charCodeAt(0) - 65);
  if (c >= 'a' && c <= 'z') return String.fromCodePoint(0x1d4b6 + c.charCodeAt(0) - 97);
  return c;
}

/**
 * The text of an <mi> with this mathvariant, as MathML Core draws it. Variants other than
 * "normal" and "script" are refused, so a formula never silently loses its style.
 */
export function mathmlCoreVariant(variant, text) {
  if (variant === 'normal') return text;
  if (variant === 'script') return [...text].map(scriptLetter).join('');
  throw new Error(`mathml: mathvariant="${variant}" (\\math${variant}) has no MathML Core rendering here; map its letters in src/site/mathml.mjs`);
}

/** Elements whose children after the first are scripts (set in script style). */
const SCRIPTED = new Set(['msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mmultiscripts']);
const OPENERS = new Set(['(', '[', '{', '|', '∣', '∥', '‖', '⟨', '⌊', '⌈']);
const SMALL_ACCENT = { '~': '˜', '^': 'ˆ' };
const textOf = (node) => (node.children ?? []).map((c) => (c.type === 'text' ? c.value : textOf(c))).join('');
const setText = (node, value) => { node.children = [{ type: 'text', value }]; };
const isElement = (node, tag) => node?.type === 'element' && (!tag || node.tagName === tag);
const TALL = new Set(['mfrac', 'mtable', 'munder', 'mover', 'munderover', 'msqrt', 'mroot']);
const hasTall = (node) => isElement(node) && (TALL.has(node.tagName) || (node.children ?? []).some(hasTall));

/** Mend one MathML tree (a <math> element or anything inside one) in place; returns it. */
export function fixMath(node, inScript = false) {
  if (!isElement(node)) return node;
  const p = (node.properties ??= {});
  if (node.tagName === 'mi' && p.mathvariant !== undefined && p.mathvariant !== 'normal') {
    setText(node, mathmlCoreVariant(String(p.mathvariant), textOf(node)));
    delete p.mathvariant;
  }
  if (node.tagName === 'mo') {
    const t = textOf(node);
    if ((t === '∥' || t === '∣') && p.stretchy !== undefined) Object.assign(p, { lspace: '0', rspace: '0' });
    // \big( and kin: a delimiter amid a row, where a browser looks it up as an infix operator and spaces it
    if (String(p.fence) === 'false' && String(p.stretchy) === 'true') {
      Object.assign(p, { lspace: '0', rspace: '0' });
      // \big itself (1.2em) is the glyph a little larger: a stretched one is laid out as wide as
      // its widest form (twice a parenthesis in Latin Modern)
      if (p.minsize === '1.2em' && p.maxsize === '1.2em') {
        delete p.minsize;
        delete p.maxsize;
        Object.assign(p, { stretchy: 'false', mathsize: '1.2em' });
      }
    }
    if (inScript && p.lspace === undefined && p.rspace === undefined) Object.assign(p, { lspace: '0', rspace: '0' });
  }
  if (node.tagName === 'mover' && String(p.accent) === 'true') {
    const accent = node.children.filter((c) => isElement(c))[1];
    const small = accent && isElement(accent, 'mo') ? SMALL_ACCENT[textOf(accent)] : undefined;
    if (small) {
      setText(accent, small);
      accent.properties = { ...accent.properties, stretchy: 'false' };
    }
  }
  // \left( … \right) around a single line (no fraction, table, limits or root) needs no
  // stretching: the plain glyph is the size TeX would pick, and a stretchy one is laid out as wide
  // as its widest form, leaving gaps inside the brackets
  if (node.tagName === 'mrow') {
    const els = (node.children ?? []).filter((c) => isElement(c));
    const [first, last] = [els[0], els[els.length - 1]];
    const fence = (e) => isElement(e, 'mo') && String(e.properties?.fence) === 'true';
    if (els.length > 2 && fence(first) && fence(last) && !els.slice(1, -1).some(hasTall)) {
      for (const f of [first, last]) f.properties = { ...f.properties, stretchy: 'false' };
    }
  }
  const kids = node.children ?? [];
  node.children = kids.filter((c) => !(isElement(c, 'mtext') && textOf(c) === '\u2009\u2063'));
  let k = 0;
  node.children.forEach((child, i) => {
    if (!isElement(child)) return;
    fixMath(child, inScript || (SCRIPTED.has(node.tagName) && k > 0));
    k++;
    if (isElement(child, 'mo') && textOf(child) === '\u2061' && !inScript) {
      const next = node.children.slice(i + 1).find((c) => isElement(c));
      const opens = next && ((isElement(next, 'mo') && OPENERS.has(textOf(next))) || (isElement(next, 'mrow') && isElement(next.children?.[0], 'mo') && OPENERS.has(textOf(next.children[0]))));
      if (next && !opens) child.properties = { ...child.properties, rspace: '0.1667em' };
    }
  });
  return node;
}

// ---- <Equation>'s markup: KaTeX's string → tree → fixMath → string ----
const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => escapeText(s).replace(/"/g, '&quot;');

function toTree(el) {
  const children = [...el.childNodes].map((c) => (c.nodeType === 3 ? { type: 'text', value: c.textContent } : c.nodeType === 1 ? toTree(c) : null)).filter(Boolean);
  return { type: 'element', tagName: el.tagName.toLowerCase(), properties: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])), children };
}

function toMarkup(node) {
  if (node.type === 'text') return escapeText(node.value);
  const attrs = Object.entries(node.properties ?? {}).map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`).join('');
  return `<${node.tagName}${attrs}>${(node.children ?? []).map(toMarkup).join('')}</${node.tagName}>`;
}

/** KaTeX MathML markup (one formula) → the same, mended for MathML Core. */
export function mathmlCore(markup) {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  for (const math of document.querySelectorAll('math')) math.outerHTML = toMarkup(fixMath(toTree(math)));
  return document.body.innerHTML;
}
