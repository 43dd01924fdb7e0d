import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { WITH_TIME_ZONE } from './dto';

/** A calendar date, `YYYY-MM-DD`. */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Nothing the mediation work records happened before this. */
export const EARLIEST_DATE = '1960-01-01T00:00:00.000Z';
/** Plans stop here. */
export const LATEST_PLANNED_DATE = '2100-12-31T23:59:59.999Z';
/** How far in the future a thing that happened may be dated: clocks and time zones differ. */
export const HAPPENED_LEEWAY_MS = 24 * 3600 * 1000;

/**
 * `happened`: between EARLIEST_DATE and 24 hours from now (an accord concluded,
 * a check made, an incident); `planned`: between EARLIEST_DATE and
 * LATEST_PLANNED_DATE (a meeting, a deadline, a next check, a mission). Far
 * dates are refused: they overflow what the lists and their cursors handle.
 */
export type DateKind = 'happened' | 'planned';

export function isDateWithin(value: unknown, kind: DateKind, now = Date.now()): boolean {
  if (typeof value !== 'string') return true; // the format validators report it
  const at = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at)) return false;
  const latest = kind === 'happened' ? now + HAPPENED_LEEWAY_MS : Date.parse(LATEST_PLANNED_DATE);
  return at >= Date.parse(EARLIEST_DATE) && at <= latest;
}

/**
 * The range check alone, beside a field's own format checks. Its constraint
 * name (`happenedDate` / `plannedDate`) selects the message in both languages
 * (error-catalogue.ts).
 */
export function DateWithin(kind: DateKind, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `${kind}Date`,
      validator: {
        validate: (value: unknown) => isDateWithin(value, kind),
        defaultMessage: () =>
          kind === 'happened'
            ? 'must be a date from 1960-01-01 to 24 hours from now'
            : 'must be a date from 1960-01-01 to 2100-12-31',
      },
    },
    options,
  );
}

const dateTime = (): PropertyDecorator =>
  applyDecorators(IsISO8601({ strict: true, strictSeparator: true }), Matches(WITH_TIME_ZONE));

/** A date-time with its offset, of something that happened: 1960 to 24 hours from now. */
export const HappenedAt = (): PropertyDecorator =>
  applyDecorators(dateTime(), DateWithin('happened'));

/** A date-time with its offset, of something planned: 1960 to 2100. */
export const PlannedAt = (): PropertyDecorator =>
  applyDecorators(dateTime(), DateWithin('planned'));

/** A calendar date (`YYYY-MM-DD`) of something planned: 1960 to 2100. */
export const PlannedDate = (): PropertyDecorator =>
  applyDecorators(IsISO8601({ strict: true }), Matches(DATE_ONLY), DateWithin('planned'));
