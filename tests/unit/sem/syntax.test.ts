import { describe, expect, it } from 'vitest';
import { parseLavaan, SemSyntaxError } from '../../../src/lib/sem/syntax';
import { MODEL_TEXT } from './helpers';

/** The thrown SemSyntaxError (fails the test when nothing or something else is thrown). */
function syntaxError(text: string): SemSyntaxError {
  try {
    parseLavaan(text);
  } catch (e) {
    if (e instanceof SemSyntaxError) return e;
    throw e;
  }
  throw new Error('expected a SemSyntaxError');
}

describe('parseLavaan: valid models', () => {
  it("parses the brief's model: 10 statements, operators, operands and positions", () => {
    const s = parseLavaan(MODEL_TEXT);
    expect(s.map((x) => x.op)).toEqual(['=~', '=~', '=~', '=~', '~~', '~', '~', '~']);
    expect(s[0].lhs.name).toBe('CTS');
    expect(s[0].rhs.map((r) => r.name)).toEqual(['EBA', 'ST', 'MI']);
    expect(s[7].lhs.name).toBe('JS');
    expect(s[7].rhs.map((r) => r.name)).toEqual(['CTS', 'DTP', 'SWB']);
    // positions are 1-based line and column of each name
    const ofST = s[0].rhs[1];
    const line = MODEL_TEXT.split('\n')[ofST.line - 1];
    expect(line.slice(ofST.column - 1, ofST.column + 1)).toBe('ST');
  });

  it('ignores comments (# and !), blank lines and extra whitespace; accepts ; and CRLF', () => {
    const s = parseLavaan('# header\r\n\r\n  F =~ a+b   +c # trailing\r\n! other comment\nG =~ d + e; F ~ G\n');
    expect(s).toHaveLength(3);
    expect(s[0].rhs.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(s[2]).toMatchObject({ op: '~', lhs: { name: 'F' } });
  });

  it('continues a statement after a trailing + or operator', () => {
    const s = parseLavaan('F =~ a + b +\n     c\nG =~\n d + e');
    expect(s[0].rhs.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(s[1].rhs.map((r) => r.name)).toEqual(['d', 'e']);
  });

  it('tells ~ from ~~ and =~', () => {
    const s = parseLavaan('a ~~ b\nc ~ d\ne =~ f');
    expect(s.map((x) => x.op)).toEqual(['~~', '~', '=~']);
  });
});

describe('parseLavaan: syntax errors name line, column and what was expected', () => {
  it('unexpected character', () => {
    const e = syntaxError('F =~ a + b\nG =~ c $ d');
    expect([e.line, e.column]).toEqual([2, 8]);
    expect(e.found).toBe("'$'");
    expect(e.message).toMatch(/line 2, column 8/);
  });

  it("a lone '=' hints at '=~'", () => {
    const e = syntaxError('F = a + b');
    expect([e.line, e.column]).toEqual([1, 3]);
    expect(e.message).toMatch(/did you mean '=~'/);
  });

  it('missing operator between two names', () => {
    const e = syntaxError('F a + b');
    expect([e.line, e.column]).toEqual([1, 3]);
    expect(e.expected).toMatch(/operator/);
    expect(e.found).toBe("'a'");
  });

  it('statement starting with an operator (missing left-hand side)', () => {
    const e = syntaxError('\n  =~ a + b');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.expected).toMatch(/variable name at the start/);
  });

  it('missing right-hand side', () => {
    const e = syntaxError('F =~ a\nG ~ ');
    expect(e.line).toBe(2);
    expect(e.expected).toBe("a variable name after '~'");
    expect(e.found).toBe('end of input');
  });

  it('dangling + at the end of the model', () => {
    const e = syntaxError('F =~ a + b +\n# nothing follows\n');
    expect(e.expected).toBe("a variable name after '+'");
    expect(e.found).toBe('end of input');
  });

  it('two operands without +', () => {
    const e = syntaxError('F =~ a b');
    expect([e.line, e.column]).toEqual([1, 8]);
    expect(e.expected).toMatch(/'\+' or the end of the statement/);
  });

  it('several names left of the operator', () => {
    const e = syntaxError('F + G =~ a');
    expect([e.line, e.column]).toEqual([1, 3]);
    expect(e.message).toMatch(/only one variable may stand left/);
  });

  it('two operators in one statement', () => {
    const e = syntaxError('F =~ a ~ b');
    expect([e.line, e.column]).toEqual([1, 8]);
    expect(e.message).toMatch(/one operator per statement/);
  });

  it('modifiers (1*x) are reported as unsupported', () => {
    const e = syntaxError('F =~ 1*a + b');
    expect([e.line, e.column]).toEqual([1, 6]);
    expect(e.message).toMatch(/modifiers/);
    const e2 = syntaxError('F =~ a + b*c');
    expect(e2.column).toBe(11);
  });

  it('an empty model', () => {
    const e = syntaxError('# only a comment\n\n');
    expect(e.expected).toMatch(/at least one statement/);
  });
});
