import type {
  ClauseOperator,
  JqlEmpty,
  JqlFunctionCall,
  JqlNode,
  JqlOperand,
  JqlQuery,
  JqlSortTerm,
  JqlValue,
} from './ast.js';
import { JqlError } from './jql-error.js';
import { JQL_RESERVED_WORDS } from './reserved-words.js';
import { tokenize, type Token } from './tokenize.js';

/**
 * A recursive-descent parser for the JQL the simulator understands:
 *
 *   query    := [or] [ORDER BY term ("," term)*]
 *   or       := and (OR and)*
 *   and      := unary (AND unary)*
 *   unary    := NOT unary | "(" or ")" | clause
 *   clause   := field operator operand
 *
 * Errors read like Jira's, so that a client's handling of a 400 can be tested against them.
 */
export function parseJql(text: string): JqlQuery {
  return new Parser(text).parseQuery();
}

const MAX_SORT_FIELDS = 7;
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
const UNSUPPORTED_OPERATORS = new Set(['was', 'changed']);
const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

class Parser {
  private readonly tokens: Token[];
  private position = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parseQuery(): JqlQuery {
    const where = this.isKeyword('order') || this.peek().kind === 'eof' ? null : this.parseOr();
    const orderBy = this.isKeyword('order') ? this.parseOrderBy() : [];
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      throw this.error(rest, `Expecting either 'OR' or 'AND' but got '${rest.text}'.`);
    }

    return { where, orderBy };
  }

  private parseOr(): JqlNode {
    const children = [this.parseAnd()];
    while (this.isKeyword('or')) {
      this.advance();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? (children[0] as JqlNode) : { kind: 'or', children };
  }

  private parseAnd(): JqlNode {
    const children = [this.parseUnary()];
    while (this.isKeyword('and')) {
      this.advance();
      children.push(this.parseUnary());
    }
    return children.length === 1 ? (children[0] as JqlNode) : { kind: 'and', children };
  }

  private parseUnary(): JqlNode {
    if (this.isKeyword('not')) {
      this.advance();
      return { kind: 'not', child: this.parseUnary() };
    }
    const token = this.peek();
    if (token.kind === '(') {
      this.advance();
      const inner = this.parseOr();
      const closing = this.peek();
      if (closing.kind !== ')') throw this.error(closing, `Expecting ')' but got '${closing.text}'.`);
      this.advance();
      return inner;
    }

    return this.parseClause();
  }

  private parseClause(): JqlNode {
    const fieldToken = this.peek();
    const field = this.parseFieldName(fieldToken);
    const operator = this.parseOperator();
    const operand = this.parseOperand(operator);

    return { kind: 'clause', field, operator, operand, offset: fieldToken.offset };
  }

  private parseFieldName(token: Token): string {
    if (token.kind === 'string') {
      this.advance();
      return token.text;
    }
    if (token.kind === 'word' && !this.isReserved(token.text)) {
      this.advance();
      return token.text;
    }
    if (token.kind === 'word') {
      throw this.error(
        token,
        `Expecting a field name but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a field name.`,
      );
    }
    throw this.error(token, `Expecting a field name but got '${token.text}'.`);
  }

  private parseOperator(): ClauseOperator {
    const token = this.peek();
    if (token.kind === 'operator') {
      this.advance();
      return token.text;
    }
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'in') {
        this.advance();
        return 'in';
      }
      if (word === 'not') {
        this.advance();
        if (!this.isKeyword('in'))
          throw this.error(this.peek(), `Expecting 'IN' but got '${this.peek().text}'.`);
        this.advance();
        return 'not in';
      }
      if (word === 'is') {
        this.advance();
        if (!this.isKeyword('not')) return 'is';
        this.advance();
        return 'is not';
      }
      if (UNSUPPORTED_OPERATORS.has(word)) {
        throw this.error(
          token,
          `The operator '${token.text.toUpperCase()}' is not supported by the Jira simulator.`,
        );
      }
    }
    throw this.error(token, `Expecting operator but got '${token.text}'. ${VALID_OPERATORS}`);
  }

  private parseOperand(operator: ClauseOperator): JqlOperand {
    const token = this.peek();
    if (operator === 'is' || operator === 'is not') {
      if (this.isKeyword('empty') || this.isKeyword('null')) {
        this.advance();
        return { kind: 'empty', offset: token.offset };
      }
      throw this.error(token, `Expecting 'EMPTY' but got '${token.text}'.`);
    }
    if (operator === 'in' || operator === 'not in') {
      if (token.kind !== '(') throw this.error(token, `Expecting '(' but got '${token.text}'.`);
      this.advance();
      const items = [this.parseSingleOperand()];
      while (this.peek().kind === ',') {
        this.advance();
        items.push(this.parseSingleOperand());
      }
      const closing = this.peek();
      if (closing.kind !== ')') throw this.error(closing, `Expecting ')' but got '${closing.text}'.`);
      this.advance();
      return { kind: 'list', items };
    }

    return this.parseSingleOperand();
  }

  private parseSingleOperand(): JqlValue | JqlFunctionCall | JqlEmpty {
    const token = this.peek();
    if (token.kind === 'string') {
      this.advance();
      return { kind: 'value', text: token.text, quoted: true, offset: token.offset };
    }
    if (token.kind === 'word' && (this.isKeyword('empty') || this.isKeyword('null'))) {
      this.advance();
      return { kind: 'empty', offset: token.offset };
    }
    if (token.kind === 'word' && this.tokens[this.position + 1]?.kind === '(') {
      return this.parseFunctionCall(token);
    }
    if (token.kind === 'word' && !KEYWORDS.has(token.text.toLowerCase())) {
      if (JQL_RESERVED_WORDS.has(token.text.toLowerCase())) {
        throw this.error(
          token,
          `'${token.text}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`,
        );
      }
      this.advance();
      return { kind: 'value', text: token.text, quoted: false, offset: token.offset };
    }
    const hint =
      token.kind === 'word'
        ? ` You must surround '${token.text}' in quotation marks to use it as a value.`
        : '';
    throw this.error(token, `Expecting either a value, list or function but got '${token.text}'.${hint}`);
  }

  private parseFunctionCall(nameToken: Token): JqlFunctionCall {
    this.advance();
    this.advance();
    const args: string[] = [];
    while (this.peek().kind !== ')') {
      const argument = this.peek();
      if (argument.kind !== 'word' && argument.kind !== 'string') {
        throw this.error(argument, `Expecting ')' but got '${argument.text}'.`);
      }
      args.push(argument.text);
      this.advance();
      if (this.peek().kind === ',') this.advance();
    }
    this.advance();

    return { kind: 'function', name: nameToken.text, args, offset: nameToken.offset };
  }

  private parseOrderBy(): JqlSortTerm[] {
    this.advance();
    if (!this.isKeyword('by')) throw this.error(this.peek(), `Expecting 'by' but got '${this.peek().text}'.`);
    this.advance();

    const terms: JqlSortTerm[] = [];
    do {
      if (terms.length > 0) this.advance();
      const token = this.peek();
      const field = this.parseFieldName(token);
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.isKeyword('asc') || this.isKeyword('desc')) {
        direction = this.peek().text.toUpperCase() as 'ASC' | 'DESC';
        this.advance();
      }
      terms.push({ field, direction, offset: token.offset });
    } while (this.peek().kind === ',');

    if (terms.length > MAX_SORT_FIELDS) {
      throw new JqlError(`The ORDER BY clause can contain at most ${MAX_SORT_FIELDS} fields.`);
    }

    return terms;
  }

  private isReserved(word: string): boolean {
    const lower = word.toLowerCase();
    return KEYWORDS.has(lower) || JQL_RESERVED_WORDS.has(lower);
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private peek(): Token {
    return this.tokens[this.position] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private advance(): void {
    if (this.position < this.tokens.length - 1) this.position += 1;
  }

  private error(token: Token, detail: string): JqlError {
    return JqlError.syntax(this.text, token.offset, detail);
  }
}
