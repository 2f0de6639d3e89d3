import { JqlError } from './jql-error.js';

/**
 * Splits JQL into tokens. Quoted strings ("…" or '…') keep their unescaped text and are never keywords;
 * unquoted words may be keywords (AND, OR, NOT, IN, IS, EMPTY, NULL, ORDER, BY, ASC, DESC).
 */

export type Token =
  | { kind: 'word'; text: string; offset: number }
  | { kind: 'string'; text: string; offset: number }
  | { kind: 'operator'; text: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~'; offset: number }
  | { kind: '(' | ')' | ','; text: string; offset: number }
  | { kind: 'eof'; text: 'EOF'; offset: number };

const OPERATORS = ['!=', '<=', '>=', '!~', '=', '<', '>', '~'] as const;
const DELIMITERS = new Set([...' \t\r\n()",\'=!<>~[]{}&|']);
const ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
  ' ': ' ',
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;

  while (index < text.length) {
    const char = text[index] as string;
    const offset = index + 1;

    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, offset });
      index += 1;
    } else if (char === '"' || char === "'") {
      const { value, end } = readQuoted(text, index);
      tokens.push({ kind: 'string', text: value, offset });
      index = end;
    } else {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
      if (operator) {
        tokens.push({ kind: 'operator', text: operator, offset });
        index += operator.length;
        continue;
      }
      const end = readWordEnd(text, index);
      if (end === index) {
        throw JqlError.syntax(
          text,
          offset,
          `The character '${char}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}' instead.`,
        );
      }
      tokens.push({ kind: 'word', text: text.slice(index, end), offset });
      index = end;
    }
  }
  tokens.push({ kind: 'eof', text: 'EOF', offset: text.length + 1 });

  return tokens;
}

function readWordEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length && !DELIMITERS.has(text[index] as string)) index += 1;
  // Custom fields are written cf[10010].
  if (text.slice(start, index).toLowerCase() === 'cf') {
    const match = /^\[\d+\]/.exec(text.slice(index));
    if (match) index += match[0].length;
  }

  return index;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let index = start + 1;

  while (index < text.length) {
    const char = text[index] as string;
    if (char === quote) return { value, end: index + 1 };
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
        value += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
        index += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) {
        throw JqlError.syntax(
          text,
          index + 1,
          `The escape sequence '\\${next}' in the string '${value}' is illegal.`,
        );
      }
      value += escaped;
      index += 2;
      continue;
    }
    value += char;
    index += 1;
  }

  throw JqlError.syntax(text, start + 1, `The quoted string '${value}' has not been completed.`);
}
