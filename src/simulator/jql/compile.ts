import type { IndexedIssue } from '../indexed-issue.js';
import type {
  ClauseOperator,
  JqlClause,
  JqlEmpty,
  JqlFunctionCall,
  JqlNode,
  JqlQuery,
  JqlSortTerm,
  JqlValue,
} from './ast.js';
import { readDateValue } from './date-value.js';
import {
  FIELDS,
  KEY_SORT_FIELDS,
  SORT_KEYS,
  operatorsOf,
  type FieldDefinition,
  type JqlCatalog,
} from './fields.js';
import { JqlError } from './jql-error.js';
import { parseJql } from './parse.js';

export type { JqlCatalog } from './fields.js';

/** Who is asking and when: `currentUser()`, `now()`, periods like `-5d` and bare dates depend on it. */
export interface JqlEnvironment {
  now: number;
  currentAccountId: string;
  /** The calling user's time zone, in which bare dates such as "2024-06-01" are read. */
  timeZone: string;
}

export interface CompiledJql {
  /** False when the query has no search restriction; `/search/jql` refuses those. */
  bounded: boolean;
  matches: (entry: IndexedIssue) => boolean;
  compare: (a: IndexedIssue, b: IndexedIssue) => number;
}

type Predicate = (entry: IndexedIssue) => boolean;

/**
 * Parses and resolves a query against the site, so that a bad field, operator or value fails before any
 * issue is looked at, as in Jira.
 *
 * NOT is pushed down to the clauses (NOT (a = x) is a != x), and, as in Jira, `!=`, `NOT IN`, `<` and the
 * like never match an issue whose field is empty: only `IS EMPTY` finds those.
 */
export function compileJql(text: string, catalog: JqlCatalog, environment: JqlEnvironment): CompiledJql {
  const query: JqlQuery = parseJql(text);
  const where = query.where;

  return {
    bounded: where !== null,
    matches: where === null ? () => true : compileNode(where, false, catalog, environment),
    compare: compileOrder(query.orderBy),
  };
}

function compileNode(
  node: JqlNode,
  negated: boolean,
  catalog: JqlCatalog,
  environment: JqlEnvironment,
): Predicate {
  switch (node.kind) {
    case 'not':
      return compileNode(node.child, !negated, catalog, environment);
    case 'and':
    case 'or': {
      const children = node.children.map((child) => compileNode(child, negated, catalog, environment));
      // De Morgan: under NOT, AND becomes OR and OR becomes AND.
      const all = (node.kind === 'and') !== negated;
      return all
        ? (entry) => children.every((child) => child(entry))
        : (entry) => children.some((child) => child(entry));
    }
    case 'clause':
      return compileClause(node, negated, catalog, environment);
  }
}

function compileClause(
  clause: JqlClause,
  negated: boolean,
  catalog: JqlCatalog,
  environment: JqlEnvironment,
): Predicate {
  const field = FIELDS.get(clause.field.toLowerCase());
  if (!field)
    throw new JqlError(`Field '${clause.field}' does not exist or you do not have permission to view it.`);

  let operator = clause.operator;
  if (clause.operand.kind === 'empty' && (operator === '=' || operator === '!=')) {
    operator = operator === '=' ? 'is' : 'is not';
  }
  if (!operatorsOf(field).has(operator)) {
    throw new JqlError(
      `The operator '${operator.toUpperCase()}' is not supported by the '${clause.field}' field.`,
    );
  }

  const isEmpty = emptiness(field);
  if (operator === 'is' || operator === 'is not') {
    const wantEmpty = (operator === 'is') !== negated;
    return (entry) => isEmpty(entry) === wantEmpty;
  }

  const operands = clause.operand.kind === 'list' ? clause.operand.items : [clause.operand];
  const test = positiveTest(field, operator, operands, clause.field, catalog, environment);
  // `!=` is the negation of `=`, `<=` of `>`, `>=` of `<`, `NOT IN` of `IN`, `!~` of `~`.
  const inverted = ['!=', 'not in', '<=', '>=', '!~'].includes(operator) !== negated;

  return (entry) => !isEmpty(entry) && test(entry) !== inverted;
}

function emptiness(field: FieldDefinition): Predicate {
  switch (field.kind) {
    case 'identity':
      return (entry) => field.read(entry).length === 0;
    case 'date':
      return (entry) => field.read(entry) === null;
    case 'text':
      return (entry) => field.read(entry) === '';
  }
}

function positiveTest(
  field: FieldDefinition,
  operator: ClauseOperator,
  operands: readonly (JqlValue | JqlFunctionCall | JqlEmpty)[],
  fieldName: string,
  catalog: JqlCatalog,
  environment: JqlEnvironment,
): Predicate {
  const texts = operands.map((operand) => operandText(operand, fieldName, field, environment));

  if (field.kind === 'identity') {
    const wanted = new Set(texts.map((text) => field.resolve(text, fieldName, catalog)));
    return (entry) => field.read(entry).some((value) => wanted.has(value));
  }
  if (field.kind === 'text') {
    const needle = (texts[0] ?? '').toLowerCase();
    return (entry) => field.read(entry).toLowerCase().includes(needle);
  }

  const instants = texts.map((text) => readDateValue(text, fieldName, environment.now, environment.timeZone));
  const limit = instants[0] as number;
  const read = (entry: IndexedIssue) => field.read(entry) as number;
  switch (operator) {
    case '<':
    case '>=':
      return (entry) => read(entry) < limit;
    case '>':
    case '<=':
      return (entry) => read(entry) > limit;
    default:
      return (entry) => instants.includes(read(entry));
  }
}

function operandText(
  operand: JqlValue | JqlFunctionCall | JqlEmpty,
  fieldName: string,
  field: FieldDefinition,
  environment: JqlEnvironment,
): string {
  if (operand.kind === 'value') return operand.text;
  if (operand.kind === 'empty') {
    throw new JqlError(
      `The Jira simulator does not support EMPTY inside a list for the field '${fieldName}'.`,
    );
  }

  const name = operand.name.toLowerCase();
  if (name === 'currentuser' && field.kind === 'identity') return environment.currentAccountId;
  if (name === 'now' && field.kind === 'date') return String(environment.now);
  throw new JqlError(`The Jira simulator does not support the JQL function '${operand.name}()' here.`);
}

function compileOrder(terms: readonly JqlSortTerm[]): (a: IndexedIssue, b: IndexedIssue) => number {
  const comparators = terms.map(termComparator);
  if (comparators.length === 0) comparators.push((a, b) => b.id - a.id);

  return (a, b) => {
    for (const comparator of comparators) {
      const order = comparator(a, b);
      if (order !== 0) return order;
    }
    return a.id - b.id;
  };
}

function termComparator(term: JqlSortTerm): (a: IndexedIssue, b: IndexedIssue) => number {
  const name = term.field.toLowerCase();
  const sign = term.direction === 'DESC' ? -1 : 1;

  if (KEY_SORT_FIELDS.has(name)) {
    return (a, b) => sign * (compareValues(a.projectKey, b.projectKey) || a.keyNumber - b.keyNumber);
  }
  const read = SORT_KEYS.get(name);
  if (read) return (a, b) => sign * compareValues(read(a), read(b));
  if (FIELDS.has(name)) throw new JqlError(`Not able to sort using field '${term.field}'.`);

  throw new JqlError(`Field '${term.field}' does not exist or you do not have permission to view it.`);
}

function compareValues(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
