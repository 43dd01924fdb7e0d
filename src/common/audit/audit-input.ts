import { isUUID } from 'class-validator';
import { Role, ROLES } from '../auth/role';

/**
 * What an audit event may say beyond its columns: field NAMES and ids, never
 * values. Only these keys are accepted (anything else is rejected, not
 * dropped: a value on its way into the trail is a bug to see, not to hide):
 *
 * - `fields`: names of the fields read or changed (`["displayName", "disabled"]`)
 * - `from`, `to`: the states or enum values of a transition (`"open"` → `"closed"`)
 * - `reason_code`: why, as a code (`"forbidden"`, `"invalid_credentials"`)
 * - `count`: how many (rows exported, sessions revoked…)
 * - `ids`: ids of other records involved (UUIDs)
 * - `role`: a role given or required
 * - `permission`: the permission a refused request needed (`cases.read`)
 *
 * Values are checked as tokens (no spaces, at most 64 characters), so free
 * text — a name, a village, an accord term — cannot go in.
 */
export interface AuditDetails {
  fields?: string[];
  from?: string;
  to?: string;
  reason_code?: string;
  count?: number;
  ids?: string[];
  role?: Role;
  permission?: string;
}

export const AUDIT_DETAIL_KEYS = [
  'fields',
  'from',
  'to',
  'reason_code',
  'count',
  'ids',
  'role',
  'permission',
] as const satisfies readonly (keyof AuditDetails)[];

/** `user.create`, `auth.login`, `auth.login_failed`, `authz.denied`, `user.read_sensitive`… */
export type AuditAction = `${string}.${string}`;

export interface AuditEventInput {
  /** `resource.verb` in snake_case, e.g. `user.create`, `auth.login_failed`. */
  action: AuditAction;
  /** Kind of the entity concerned, snake_case (`user`, `case`, `mission_order`). */
  entityType?: string | null;
  entityId?: string | null;
  /** Whose coordinators may read the event (not taken from the context: it is the audience). */
  associationId?: string | null;
  details?: AuditDetails;
  /** Default: the request context's user; null: no actor (e.g. a failed sign-in). */
  actorUserId?: string | null;
  /** Default: the request context's role. */
  actorRole?: Role | null;
  /** Default: the request context's id. */
  requestId?: string | null;
}

/** A programming error: the event is malformed or would carry a value. */
export class InvalidAuditEventError extends Error {
  constructor(message: string) {
    super(`invalid audit event: ${message}`);
    this.name = 'InvalidAuditEventError';
  }
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const ENTITY_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const TOKEN = /^[A-Za-z0-9_.:-]{1,64}$/;
const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const REQUEST_ID = /^[\x21-\x7E]{1,128}$/;
const MAX_FIELDS = 100;
const MAX_IDS = 1000;

function fail(message: string): never {
  throw new InvalidAuditEventError(message);
}

function uuid(value: unknown, name: string): string {
  if (typeof value !== 'string' || !isUUID(value)) fail(`${name} must be a UUID`);
  return value.toLowerCase();
}

function nullableUuid(value: unknown, name: string): string | null {
  return value === undefined || value === null ? null : uuid(value, name);
}

function role(value: unknown, name: string): Role {
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value))
    fail(`${name} must be a role`);
  return value as Role;
}

function matching(value: unknown, pattern: RegExp, name: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${name} has an invalid format`);
  return value;
}

/**
 * The details as stored: only allow-listed keys, each value checked, UUIDs in
 * lower case, undefined members left out. Throws InvalidAuditEventError.
 */
export function sanitiseDetails(details: unknown): AuditDetails {
  if (details === undefined || details === null) return {};
  if (typeof details !== 'object' || Array.isArray(details)) fail('details must be an object');
  const source = details as Record<string, unknown>;
  const out: AuditDetails = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    switch (key) {
      case 'fields':
        if (!Array.isArray(value) || value.length > MAX_FIELDS)
          fail(`details.fields must be a list of at most ${MAX_FIELDS} field names`);
        out.fields = value.map((v) => matching(v, FIELD_NAME, 'details.fields[]'));
        break;
      case 'from':
      case 'to':
      case 'permission':
        out[key] = matching(value, TOKEN, `details.${key}`);
        break;
      case 'reason_code':
        out.reason_code = matching(value, REASON_CODE, 'details.reason_code');
        break;
      case 'count':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
          fail('details.count must be a non-negative integer');
        out.count = value;
        break;
      case 'ids':
        if (!Array.isArray(value) || value.length > MAX_IDS)
          fail(`details.ids must be a list of at most ${MAX_IDS} UUIDs`);
        out.ids = value.map((v) => uuid(v, 'details.ids[]'));
        break;
      case 'role':
        out.role = role(value, 'details.role');
        break;
      default:
        fail(`details.${key} is not allowed (allowed: ${AUDIT_DETAIL_KEYS.join(', ')})`);
    }
  }
  return out;
}

/** An input with its columns checked and normalised; actor and request id still optional. */
export interface CheckedAuditEvent {
  action: string;
  entityType: string | null;
  entityId: string | null;
  associationId: string | null;
  details: AuditDetails;
  actorUserId: string | null | undefined;
  actorRole: Role | null | undefined;
  requestId: string | null | undefined;
}

/** Checks every column of the input (throws InvalidAuditEventError). */
export function checkAuditEvent(input: AuditEventInput): CheckedAuditEvent {
  const given = <T>(value: T | null | undefined, check: (v: T) => T): T | null | undefined =>
    value === undefined || value === null ? value : check(value);
  return {
    action: matching(input.action, ACTION, 'action'),
    entityType:
      input.entityType === undefined || input.entityType === null
        ? null
        : matching(input.entityType, ENTITY_TYPE, 'entityType'),
    entityId: nullableUuid(input.entityId, 'entityId'),
    associationId: nullableUuid(input.associationId, 'associationId'),
    details: sanitiseDetails(input.details),
    actorUserId: given(input.actorUserId, (v) => uuid(v, 'actorUserId')),
    actorRole: given(input.actorRole, (v) => role(v, 'actorRole')),
    requestId: given(input.requestId, (v) => matching(v, REQUEST_ID, 'requestId')),
  };
}

/** Names of the fields a request set (never their values), for `details.fields`. */
export function fieldNames(values: object, exclude: readonly string[] = []): string[] {
  return Object.entries(values)
    .filter(([name, value]) => value !== undefined && value !== null && !exclude.includes(name))
    .map(([name]) => name)
    .sort();
}
