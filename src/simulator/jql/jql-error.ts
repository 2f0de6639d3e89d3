/**
 * A query Jira would refuse with 400. `message` is the text Jira puts in `errorMessages`; syntax errors
 * carry Jira's "Error in the JQL Query:" prefix and a position, semantic ones (unknown field or value)
 * do not, as in Jira.
 */
export class JqlError extends Error {
  readonly code = 'JQL_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }

  /** A syntax error at a 1-based character offset of the query text. */
  static syntax(text: string, offset: number, detail: string): JqlError {
    const before = text.slice(0, Math.max(0, offset - 1));
    const line = before.split('\n').length;
    const character = offset - (before.lastIndexOf('\n') + 1);

    return new JqlError(`Error in the JQL Query: ${detail} (line ${line}, character ${character})`);
  }
}
