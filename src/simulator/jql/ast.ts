/** The parsed form of a JQL query; positions are 1-based character offsets into the query text. */

export type ClauseOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export interface JqlValue {
  kind: 'value';
  text: string;
  quoted: boolean;
  offset: number;
}

export interface JqlFunctionCall {
  kind: 'function';
  name: string;
  args: string[];
  offset: number;
}

export interface JqlEmpty {
  kind: 'empty';
  offset: number;
}

export type JqlOperand =
  JqlValue | JqlFunctionCall | JqlEmpty | { kind: 'list'; items: (JqlValue | JqlFunctionCall | JqlEmpty)[] };

export interface JqlClause {
  kind: 'clause';
  field: string;
  operator: ClauseOperator;
  operand: JqlOperand;
  offset: number;
}

export type JqlNode =
  | JqlClause
  | { kind: 'and'; children: JqlNode[] }
  | { kind: 'or'; children: JqlNode[] }
  | { kind: 'not'; child: JqlNode };

export interface JqlSortTerm {
  field: string;
  direction: 'ASC' | 'DESC';
  offset: number;
}

export interface JqlQuery {
  /** Null when the query has no search restriction (only ORDER BY, or nothing). */
  where: JqlNode | null;
  orderBy: JqlSortTerm[];
}
