/**
 * A parser for the subset of lavaan model syntax the essay needs:
 *   `=~` measurement, `~` regression, `~~` (co)variance, `#` comments,
 *   operands joined by `+`, one statement per line (or separated by `;`),
 *   and a statement may continue on the next line after a trailing `+` or operator.
 *
 * It only checks the grammar; meaning (which names are latent, which are columns of the
 * data) is decided in description.ts.
 */

export type SemOperator = '=~' | '~' | '~~';

export interface Position {
  readonly line: number; // 1-based
  readonly column: number; // 1-based
}

export interface Operand extends Position {
  readonly name: string;
}

export interface Statement {
  readonly op: SemOperator;
  readonly lhs: Operand;
  readonly rhs: readonly Operand[];
}

/** A grammar error at a place in the text, saying what was expected and what was found. */
export class SemSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly found: string,
    hint = '',
  ) {
    super(`lavaan syntax error at line ${line}, column ${column}: expected ${expected}, found ${found}${hint ? ` (${hint})` : ''}`);
    this.name = 'SemSyntaxError';
  }
}

type TokenKind = 'ident' | 'op' | 'plus' | 'end-of-statement' | 'number' | 'star' | 'eof';

interface Token extends Position {
  readonly kind: TokenKind;
  readonly text: string;
}

const IDENT_START = /[A-Za-z_.]/;
const IDENT_PART = /[A-Za-z0-9_.]/;

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'end-of-statement':
      return t.text === ';' ? "';'" : 'end of line';
    default:
      return `'${t.text}'`;
  }
}

/** Splits text into tokens; comments vanish, newlines and `;` end statements. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((src, li) => {
    const line = li + 1;
    let i = 0;
    while (i < src.length) {
      const c = src[i];
      const column = i + 1;
      if (c === '#' || c === '!') break; // lavaan accepts both comment characters
      if (c === ' ' || c === '\t') {
        i++;
      } else if (c === '=' && src[i + 1] === '~') {
        tokens.push({ kind: 'op', text: '=~', line, column });
        i += 2;
      } else if (c === '~') {
        const text = src[i + 1] === '~' ? '~~' : '~';
        tokens.push({ kind: 'op', text, line, column });
        i += text.length;
      } else if (c === '+') {
        tokens.push({ kind: 'plus', text: '+', line, column });
        i++;
      } else if (c === ';') {
        tokens.push({ kind: 'end-of-statement', text: ';', line, column });
        i++;
      } else if (c === '*') {
        tokens.push({ kind: 'star', text: '*', line, column });
        i++;
      } else if (/[0-9]/.test(c)) {
        let j = i + 1;
        while (j < src.length && /[0-9.eE]/.test(src[j])) j++;
        tokens.push({ kind: 'number', text: src.slice(i, j), line, column });
        i = j;
      } else if (IDENT_START.test(c)) {
        let j = i + 1;
        while (j < src.length && IDENT_PART.test(src[j])) j++;
        tokens.push({ kind: 'ident', text: src.slice(i, j), line, column });
        i = j;
      } else {
        const hint = c === '=' ? "did you mean '=~'?" : '';
        throw new SemSyntaxError(line, column, "a variable name, an operator ('=~', '~', '~~'), '+' or a comment", `'${c}'`, hint);
      }
    }
    tokens.push({ kind: 'end-of-statement', text: '\n', line, column: src.length + 1 });
  });
  const last = tokens[tokens.length - 1];
  tokens.push({ kind: 'eof', text: '', line: last ? last.line : 1, column: last ? last.column : 1 });
  return tokens;
}

const MODIFIER_HINT = 'fixed values, labels and other modifiers such as 1*x are not supported';

/** Parses model text into statements, in order. Throws SemSyntaxError on the first problem. */
export function parseLavaan(text: string): Statement[] {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k];
  const next = () => tokens[k++];
  const skipLineBreaks = () => {
    while (peek().kind === 'end-of-statement' && peek().text === '\n') k++;
  };

  const expectName = (expected: string): Operand => {
    const t = next();
    if (t.kind === 'ident') return { name: t.text, line: t.line, column: t.column };
    const hint = t.kind === 'number' || t.kind === 'star' ? MODIFIER_HINT : '';
    throw new SemSyntaxError(t.line, t.column, expected, describe(t), hint);
  };

  const statements: Statement[] = [];
  for (;;) {
    while (peek().kind === 'end-of-statement') k++;
    if (peek().kind === 'eof') break;
    const lhs = expectName('a variable name at the start of a statement');
    const opTok = next();
    if (opTok.kind !== 'op') {
      const hint =
        opTok.kind === 'plus'
          ? 'only one variable may stand left of the operator'
          : opTok.kind === 'ident'
            ? 'two names in a row need an operator between them'
            : '';
      throw new SemSyntaxError(opTok.line, opTok.column, `an operator ('=~', '~' or '~~') after '${lhs.name}'`, describe(opTok), hint);
    }
    const op = opTok.text as SemOperator;
    skipLineBreaks(); // a statement may continue after its operator
    const rhs: Operand[] = [expectName(`a variable name after '${op}'`)];
    for (;;) {
      const t = peek();
      if (t.kind === 'plus') {
        k++;
        skipLineBreaks();
        rhs.push(expectName("a variable name after '+'"));
      } else if (t.kind === 'end-of-statement' || t.kind === 'eof') {
        break;
      } else {
        const hint =
          t.kind === 'star' || t.kind === 'number'
            ? MODIFIER_HINT
            : t.kind === 'op'
              ? 'one operator per statement; put each statement on its own line'
              : '';
        throw new SemSyntaxError(t.line, t.column, "'+' or the end of the statement", describe(t), hint);
      }
    }
    statements.push({ op, lhs, rhs });
  }
  if (statements.length === 0) throw new SemSyntaxError(1, 1, 'at least one statement', 'an empty model', 'write e.g. F =~ x1 + x2 + x3');
  return statements;
}
