/**
 * The one place JQL is written. Every value is quoted (project keys such as `AND` or `IS` are reserved
 * words, and issue type names have spaces) and every instant is sent as epoch milliseconds, because a
 * bare date is read in the time zone of the Jira user who runs the query.
 */

/**
 * Quotes a value as a JQL string literal, escaping backslashes and double quotes, and writing line
 * breaks and tabs as JQL's `\n`, `\r` and `\t` escapes so a pasted value cannot break the literal.
 */
export function quoteJqlValue(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');

  return `"${escaped}"`;
}

/** A JQL fragment, built only through the helpers below. */
export class Jql {
  private constructor(readonly text: string) {}

  static raw(text: string): Jql {
    return new Jql(text);
  }

  toString(): string {
    return this.text;
  }
}

const FIELD = /^[A-Za-z][A-Za-z0-9_.]*$|^cf\[\d+\]$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`Not a JQL field name: ${name}`);
  return name;
}

export function eq(name: string, value: string): Jql {
  return Jql.raw(`${field(name)} = ${quoteJqlValue(value)}`);
}

export function notEq(name: string, value: string): Jql {
  return Jql.raw(`${field(name)} != ${quoteJqlValue(value)}`);
}

export function inList(name: string, values: readonly string[]): Jql {
  if (values.length === 0) throw new Error(`JQL "${name} in ()" needs at least one value`);
  return Jql.raw(`${field(name)} in (${values.map(quoteJqlValue).join(', ')})`);
}

export function isEmpty(name: string): Jql {
  return Jql.raw(`${field(name)} is EMPTY`);
}

/** `field >= <epoch ms>`: an instant, independent of the Jira user's time zone. */
export function onOrAfter(name: string, instant: Date): Jql {
  return Jql.raw(`${field(name)} >= ${epochMs(instant)}`);
}

/** `field < <epoch ms>`. */
export function before(name: string, instant: Date): Jql {
  return Jql.raw(`${field(name)} < ${epochMs(instant)}`);
}

function epochMs(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new Error('Not a valid instant for JQL (Invalid Date)');
  return ms;
}

/** Wraps JQL a user wrote (a saved scope filter) so that it combines safely with other clauses. */
export function userJql(text: string): Jql {
  const withoutOrder = stripOrderBy(text).trim();
  if (withoutOrder === '') throw new Error('Empty JQL');
  assertBalanced(withoutOrder);
  return Jql.raw(`(${withoutOrder})`);
}

export function and(...parts: readonly Jql[]): Jql {
  return join(parts, 'AND');
}

export function or(...parts: readonly Jql[]): Jql {
  return join(parts, 'OR');
}

function join(parts: readonly Jql[], operator: 'AND' | 'OR'): Jql {
  if (parts.length === 0) throw new Error(`JQL ${operator} of nothing`);
  if (parts.length === 1) return parts[0] as Jql;
  return Jql.raw(parts.map((p) => (needsParentheses(p.text) ? `(${p.text})` : p.text)).join(` ${operator} `));
}

export function orderBy(query: Jql, name: string, direction: 'ASC' | 'DESC' = 'ASC'): string {
  return `${query.text} ORDER BY ${field(name)} ${direction}`;
}

/**
 * Walks `text` outside quoted strings, calling `visit` with each character's index and the parenthesis
 * depth before it, until `visit` returns true. Returns where the walk stopped (-1 at the end) and
 * whether it ended inside an unclosed quote. The one tokenizer-free reading of JQL this module needs.
 */
function scanOutsideQuotes(
  text: string,
  visit: (index: number, depth: number) => boolean | void,
): { stoppedAt: number; depth: number; inQuote: boolean } {
  let depth = 0;
  let inQuote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inQuote) {
      if (ch === '\\') i += 1;
      else if (ch === inQuote) inQuote = null;
    } else if (ch === '"' || ch === "'") {
      inQuote = ch;
    } else {
      if (visit(i, depth)) return { stoppedAt: i, depth, inQuote: false };
      if (ch === '(') depth += 1;
      else if (ch === ')') depth -= 1;
    }
  }
  return { stoppedAt: -1, depth, inQuote: inQuote !== null };
}

/**
 * True when `text` has an AND or OR outside quotes and outside parentheses. `(a) OR (b)` starts with "("
 * and ends with ")" yet is not one group, so the test looks at nesting depth rather than the first and
 * last characters.
 */
function needsParentheses(text: string): boolean {
  const found = scanOutsideQuotes(text, (i, depth) => {
    if (depth !== 0) return false;
    TOP_LEVEL_OPERATOR.lastIndex = i;
    return TOP_LEVEL_OPERATOR.test(text);
  });
  return found.stoppedAt >= 0;
}

const TOP_LEVEL_OPERATOR = /\s(?:AND|OR)\s|&&|\|\|/iy;

/**
 * Refuses JQL whose parentheses or quotes do not balance. Wrapped in parentheses, `a = 1) OR (b = 2`
 * would become valid JQL that escapes the wrapping and lets its OR swallow the clauses joined to it.
 */
function assertBalanced(text: string): void {
  const walk = scanOutsideQuotes(text, (i, depth) => depth === 0 && text[i] === ')');
  if (walk.stoppedAt >= 0) throw new Error('JQL has unbalanced parentheses');
  if (walk.inQuote) throw new Error('JQL has an unclosed quote');
  if (walk.depth !== 0) throw new Error('JQL has unbalanced parentheses');
}

/** Removes a trailing `ORDER BY …` (outside quotes), which cannot appear inside a combined query. */
export function stripOrderBy(text: string): string {
  const walk = scanOutsideQuotes(
    text,
    (i) => /^order\s+by\b/i.test(text.slice(i)) && (i === 0 || /[\s)]/.test(text[i - 1] ?? '')),
  );
  return walk.stoppedAt >= 0 ? text.slice(0, walk.stoppedAt) : text;
}
