// After rehype-katex: each formula's MathML is mended for MathML Core (src/site/mathml.mjs says
// what and why), so the essay's inline and display formulas get what <Equation> gets.
import { fixMath } from '../src/site/mathml.mjs';

function walk(node) {
  if (node.type === 'element' && node.tagName === 'math') return void fixMath(node);
  for (const child of node.children ?? []) walk(child);
}

export default function rehypeMathmlCore() {
  return (tree) => walk(tree);
}
