import type { Response } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Role, ROLES } from '../../src/common/auth/role';

/**
 * S1 role matrices: one row per (route, target), one expected status per
 * caller. A test file expands the rows into one check per caller with
 * `it.each(expandMatrix(rows))`, so adding a route is adding one row.
 */

export type Caller = Role | 'anonymous';
export const CALLERS: readonly Caller[] = [...ROLES, 'anonymous'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface MatrixRequest {
  /** Values for the `{name}` placeholders of the row's path. */
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixRow<Ctx> {
  method: HttpMethod;
  /** In OpenAPI form, e.g. `/api/v1/users/{id}`. */
  path: string;
  /** What sets this row apart from others on the same route, e.g. "user of another association". */
  target?: string;
  /** Expected HTTP status for every caller. */
  expect: Record<Caller, number>;
  /** Builds the request; called afresh for every check, so allowed writes get unique bodies. */
  request?: (ctx: Ctx, caller: Caller) => MatrixRequest | Promise<MatrixRequest>;
  /** State a refused call must leave unchanged (row counts, a row's version…). */
  snapshot?: (ctx: Ctx) => Promise<unknown>;
}

export interface MatrixCase<Ctx> {
  name: string;
  row: MatrixRow<Ctx>;
  caller: Caller;
  expected: number;
}

/** Shorthand for the usual row: these roles get these statuses, other roles 403, anonymous 401. */
export function only(allowed: Partial<Record<Role, number>>): Record<Caller, number> {
  const expected = { anonymous: 401 } as Record<Caller, number>;
  for (const role of ROLES) expected[role] = allowed[role] ?? 403;
  return expected;
}

export const operationOf = (row: { method: string; path: string }): string =>
  `${row.method.toUpperCase()} ${row.path}`;

export function expandMatrix<Ctx>(rows: readonly MatrixRow<Ctx>[]): MatrixCase<Ctx>[] {
  return rows.flatMap((row) =>
    CALLERS.map((caller) => ({
      name: `${operationOf(row)}${row.target ? ` (${row.target})` : ''} as ${caller} → ${row.expect[caller]}`,
      row,
      caller,
      expected: row.expect[caller],
    })),
  );
}

export function resolvePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

/** Sends one matrix request, with the caller's bearer token when there is one. */
export async function sendAs(
  http: TestAgent,
  method: HttpMethod,
  path: string,
  request: MatrixRequest,
  token: string | undefined,
): Promise<Response> {
  const url = resolvePath(path, request.params);
  const headers: Record<string, string> = { ...request.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const test =
    method === 'GET'
      ? http.get(url)
      : method === 'POST'
        ? http.post(url)
        : method === 'PUT'
          ? http.put(url)
          : method === 'PATCH'
            ? http.patch(url)
            : http.delete(url);
  void test.set(headers);
  if (request.query) void test.query(request.query);
  if (request.body !== undefined) void test.send(request.body as object);
  return test;
}

/** `METHOD /path` of every operation in an OpenAPI document whose path starts with one of the prefixes. */
export function openApiOperations(document: unknown, prefixes: readonly string[]): string[] {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  const operations: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) continue;
    for (const method of METHODS) {
      if (item[method.toLowerCase()] !== undefined) operations.push(`${method} ${path}`);
    }
  }
  return operations.sort();
}

/** Counts the checks of a matrix, for its summary line. */
export class MatrixTally {
  checks = 0;
  /** A 2xx where a refusal (4xx) was expected: the one outcome that must never happen. */
  unexpectedAllows = 0;
  /** Any other status that differs from the table. */
  otherMismatches = 0;

  record(expected: number, actual: number): void {
    this.checks++;
    if (actual === expected) return;
    if (expected >= 400 && actual >= 200 && actual < 300) this.unexpectedAllows++;
    else this.otherMismatches++;
  }

  summary(label: string): string {
    const others = this.otherMismatches ? `, ${this.otherMismatches} other mismatches` : '';
    return `${label}: ${this.checks} route×role checks, ${this.unexpectedAllows} unexpected allows${others}`;
  }
}

/**
 * One cell of an S1 matrix: the call made as `caller` gets the expected
 * status; a refusal is problem+json with the matching code and changes nothing.
 */
export async function checkCell<Ctx extends { t: { http: TestAgent } }>(
  ctx: Ctx,
  tokens: Record<Role, string>,
  tally: MatrixTally,
  { row, caller, expected }: MatrixCase<Ctx>,
): Promise<void> {
  const request = (await row.request?.(ctx, caller)) ?? {};
  const refused = expected >= 400;
  const before = refused && row.snapshot ? await row.snapshot(ctx) : undefined;
  const res = await sendAs(
    ctx.t.http,
    row.method,
    row.path,
    request,
    caller === 'anonymous' ? undefined : tokens[caller],
  );
  tally.record(expected, res.status);
  // The body is in the comparison so that a failure shows what the API answered.
  expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
  if (refused) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const code = (
      { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' } as Record<number, string>
    )[expected];
    if (code) expect(res.body.code).toBe(code);
    if (row.snapshot) expect(await row.snapshot(ctx)).toEqual(before);
  }
}
