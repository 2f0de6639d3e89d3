import type { z } from 'zod';
import { ApiError, type ErrorDetail } from './errors.js';

/** Where the value came from, used in messages: "query parameter from", "body field site". */
export type RequestPart = 'body' | 'query' | 'path';

/**
 * Parses a part of a request with a zod schema, or throws a 400 listing every problem by field. The
 * offending values are never echoed back: a field that failed may hold a token.
 */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  part: RequestPart,
): z.output<Schema> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;

  throw validationError(result.error.issues.flatMap(toDetails), part);
}

/**
 * The 400 for a list of problems. When every problem carries the same specific code (a bad `site`
 * gives `SITE_INVALID`), that code is the error's code; otherwise it is `VALIDATION_FAILED`.
 */
export function validationError(details: ErrorDetail[], part: RequestPart = 'body'): ApiError {
  const codes = new Set(details.map((detail) => detail.code));
  const [first] = details;
  const specific = codes.size === 1 && first && isSpecificCode(first.code) ? first.code : null;
  if (specific && first) return new ApiError(specific, 400, first.message, details);

  const problems = details
    .slice(0, 3)
    .map((detail) =>
      detail.message.startsWith(`${detail.path} `)
        ? detail.message
        : `${describe(detail.path, part)} ${detail.message}`,
    )
    .join('; ');
  const more = details.length > 3 ? ` (and ${details.length - 3} more, see details)` : '';

  return new ApiError('VALIDATION_FAILED', 400, `The request is invalid: ${problems}${more}.`, details);
}

const GENERIC_CODES = new Set([
  'REQUIRED',
  'INVALID_TYPE',
  'TOO_SMALL',
  'TOO_BIG',
  'INVALID_FORMAT',
  'INVALID_VALUE',
  'UNKNOWN_FIELD',
  'INVALID',
]);

function isSpecificCode(code: string): boolean {
  return !GENERIC_CODES.has(code);
}

function describe(path: string, part: RequestPart): string {
  if (path === '') return part === 'body' ? 'the body:' : `the ${part}:`;
  if (part === 'query') return `query parameter ${path}:`;
  if (part === 'path') return `path parameter ${path}:`;

  return `${path}:`;
}

function toDetails(issue: z.core.$ZodIssue): ErrorDetail[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path === '' ? key : `${path}.${key}`,
      code: 'UNKNOWN_FIELD',
      message: 'is not a known field',
    }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ path, code: 'REQUIRED', message: 'is required' }];
  }

  return [{ path, code: detailCode(issue), message: issue.message }];
}

function detailCode(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'INVALID_TYPE';
    case 'too_small':
      return 'TOO_SMALL';
    case 'too_big':
      return 'TOO_BIG';
    case 'invalid_format':
      return 'INVALID_FORMAT';
    case 'invalid_value':
    case 'invalid_union':
      return 'INVALID_VALUE';
    case 'custom': {
      const code: unknown = issue.params?.code;
      return typeof code === 'string' ? code : 'INVALID';
    }
    default:
      return 'INVALID';
  }
}
