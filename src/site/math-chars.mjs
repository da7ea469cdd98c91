// The characters the page's formulas draw, as the browser draws them: MathML Core sets a
// one-letter <mi> in mathematical italic (text-transform: math-auto), so `x` is drawn as 𝑥,
// and draws a square root with the font's √.
// scripts/math-font.mjs subsets the math font to these; a browser test checks that the font
// served covers every one of them. Plain JavaScript: the script runs it under plain node.

const ITALIC_SPECIAL = { h: 0x210e, 'ı': 0x1d6a4, 'ȷ': 0x1d6a5, '∇': 0x1d6fb, '∂': 0x1d715, 'ϵ': 0x1d716, 'ϑ': 0x1d717, 'ϰ': 0x1d718, 'ϕ': 0x1d719, 'ϱ': 0x1d71a, 'ϖ': 0x1d71b, 'ϴ': 0x1d6f4 };

/** A character as `text-transform: math-auto` draws it (itself when it has no italic form). */
export function mathItalic(c) {
  if (ITALIC_SPECIAL[c]) return String.fromCodePoint(ITALIC_SPECIAL[c]);
  const cp = c.codePointAt(0);
  if (cp >= 0x41 && cp <= 0x5a) return String.fromCodePoint(0x1d434 + cp - 0x41);
  if (cp >= 0x61 && cp <= 0x7a) return String.fromCodePoint(0x1d44e + cp - 0x61);
  if (cp >= 0x391 && cp <= 0x3a9) return String.fromCodePoint(0x1d6e2 + cp - 0x391);
  if (cp >= 0x3b1 && cp <= 0x3c9) return String.fromCodePoint(0x1d6fc + cp - 0x3b1);
  return c;
}

const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);|&#x([0-9a-f]+);|&#(\d+);/gi, (m, name, hex, dec) => {
  if (hex) return String.fromCodePoint(parseInt(hex, 16));
  if (dec) return String.fromCodePoint(Number(dec));
  return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: '\u00a0' }[name.toLowerCase()];
});

/** Every character drawn by the <math> elements of an HTML page (annotations left out), sorted. */
export function mathChars(html) {
  const chars = new Set();
  for (const [math] of html.matchAll(/<math\b[\s\S]*?<\/math>/g)) {
    const body = math.replace(/<annotation\b[\s\S]*?<\/annotation>/g, '');
    // a radical is drawn with the font's √ (stretched by its MATH table), though no text holds it
    if (/<m(sqrt|root)\b/.test(body)) chars.add('√');
    for (const [, tag, attrs, raw] of body.matchAll(/<(mi|mo|mn|mtext|ms)\b([^>]*)>([^<]*)</g)) {
      const text = decode(raw);
      const cs = [...text.trim()];
      if (tag === 'mi' && cs.length === 1 && !/\bmathvariant=/.test(attrs)) chars.add(mathItalic(cs[0]));
      for (const c of text) chars.add(c);
    }
  }
  return [...chars].sort((a, b) => a.codePointAt(0) - b.codePointAt(0));
}
