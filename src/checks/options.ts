import type { Purpose, ScopeSnapshot } from './types.js';

/** One option a scope may set for the checks of its purpose. All options are whole days. */
export interface CheckOptionSpec {
  default: number;
  min: number;
  max: number;
  description: string;
}

const TEN_YEARS_IN_DAYS = 3650;

/**
 * The options each purpose's scope may carry, with their defaults and allowed ranges. The API validates
 * scope options against this, and the checks fall back to the default for a missing or invalid value.
 */
export const checkOptionSpecs = {
  change_management: {
    reviewWindowDays: {
      default: 90,
      min: 1,
      max: TEN_YEARS_IN_DAYS,
      description: 'Change tickets created in the last this many days must have an assignee.',
    },
    maxDaysWithoutNewTicket: {
      default: 30,
      min: 1,
      max: TEN_YEARS_IN_DAYS,
      description: 'The newest change ticket may be at most this many days old.',
    },
  },
  incident_management: {
    resolutionDays: {
      default: 30,
      min: 0,
      max: TEN_YEARS_IN_DAYS,
      description:
        'An incident may stay open this many days after it was created; 0: any open incident fails.',
    },
  },
} as const satisfies Partial<Record<Purpose, Record<string, CheckOptionSpec>>>;

type Specs = typeof checkOptionSpecs;
export type PurposeWithOptions = keyof Specs;
export type CheckOptionName<P extends PurposeWithOptions> = keyof Specs[P] & string;

/** The default of every option, by purpose: `{ change_management: { reviewWindowDays: 90, … }, … }`. */
export const checkOptionDefaults = Object.fromEntries(
  Object.entries(checkOptionSpecs).map(([purpose, options]) => [
    purpose,
    Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, spec.default])),
  ]),
) as { [P in PurposeWithOptions]: { [N in CheckOptionName<P>]: number } };

/** Whether `value` is allowed for the option: a whole number of days within its range. */
export function isValidCheckOption(spec: CheckOptionSpec, value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max;
}

/**
 * The value of one option of a scope, or its default when the scope does not set it or sets something
 * out of range (options are validated when saved; this keeps a check meaningful if an old row is odd).
 */
export function readCheckOption<P extends PurposeWithOptions>(
  purpose: P,
  scope: Pick<ScopeSnapshot, 'options'>,
  name: CheckOptionName<P>,
): number {
  const spec = (checkOptionSpecs[purpose] as Record<string, CheckOptionSpec>)[name] as CheckOptionSpec;
  const value = scope.options[name];

  return isValidCheckOption(spec, value) ? value : spec.default;
}
