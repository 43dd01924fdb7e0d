import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

/**
 * A small, deterministic HTTP fuzzer driven by openapi/openapi.json: for each
 * operation it builds a plausible request from the schemas, then malformed
 * variants of its body, query, path parameters and headers.
 */

// ---------------------------------------------------------------- randomness

/** mulberry32: a seeded PRNG, so that a run can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/** `n` distinct items, in a seeded order. */
function sampleOf<T>(rand: Random, items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

function uuidFrom(rand: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------- the spec

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI template, e.g. /api/v1/cases/{id}. */
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** Public routes (no `security`). */
  isPublic: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: {
    schemas: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, unknown>;
  };
}

export function loadSpec(): OpenApi {
  return JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8'),
  ) as OpenApi;
}

/** Replaces `$ref`s (schemas and parameters), `allOf` merged; cycles stop at depth 8. */
function resolve<T>(spec: OpenApi, value: T, depth = 0): T {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => resolve(spec, v, depth)) as T;
  const ref = (value as { $ref?: string }).$ref;
  if (ref) {
    const [, , kind, name] = ref.split('/');
    const target =
      kind === 'schemas'
        ? spec.components.schemas[name]
        : kind === 'responses'
          ? spec.components.responses?.[name]
          : spec.components.parameters?.[name];
    if (!target) throw new Error(`unresolved ${ref}`);
    return resolve(spec, target as T, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolve(spec, v, depth + 1);
  const allOf = out.allOf as Schema[] | undefined;
  if (allOf?.length === 1) {
    delete out.allOf;
    return { ...allOf[0], ...out } as T;
  }
  return out as T;
}

export function operationsOf(spec: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = resolve(spec, raw) as {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        security?: unknown[];
      };
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        isPublic: !op.security || op.security.length === 0,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------- plausible values

/** Real ids of the fuzz world, chosen by property or parameter name. */
export type IdLookup = (name: string) => string | undefined;

export function plausible(schema: Schema, name: string, ids: IdLookup, rand: Random): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number')
    return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 30, 30));
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array')
    return schema.items ? [plausible(schema.items, singular(name), ids, rand)] : [];
  if (schema.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {}))
      out[k] = plausible(s, k, ids, rand);
    return out;
  }
  if (schema.properties) return plausible({ ...schema, type: 'object' }, name, ids, rand);
  if (schema.format === 'uuid') return ids(name) ?? uuidFrom(rand);
  if (schema.format === 'date-time') return '2031-03-01T10:00:00.000Z';
  if (schema.format === 'date') return '2031-03-01';
  const base = 'Fuzz value';
  const min = schema.minLength ?? 0;
  const text = base.length >= min ? base : base.padEnd(min, 'x');
  return schema.maxLength !== undefined ? text.slice(0, schema.maxLength) : text;
}

const singular = (name: string): string => name.replace(/Ids$/, 'Id').replace(/s$/, '');

// ---------------------------------------------------------------- malformed values

/** Body text that JSON.stringify cannot write (spliced in where this marker ends up). */
export const RAW = (text: string): { __raw: string } => ({ __raw: text });

const NESTED_DEPTH = 2000;
function deeplyNested(): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < NESTED_DEPTH; i++) v = { a: v };
  return v;
}

const HUGE = 'é'.repeat(100_000); // ~200 KB of UTF-8

/** Strings any text field may receive. */
const EVIL_STRINGS: readonly string[] = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '😀👩‍👩‍👧‍👦🇲🇱',
  'مرحبا بالعالم \u202egnp.exe',
  'Z̷̡̛͇̞a̸̢͎l̷͉̓g̵̨̃o̵',
  '',
  '   ',
  "' OR 1=1 --",
  "'; DROP TABLE x; --",
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%s%s%s%n',
  '{{7*7}}${7*7}',
  'line\r\nX-Injected: 1',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  '__proto__',
  '<script>alert(1)</script>',
  '\uFEFFbom',
  '\u2028\u2029',
];

const EVIL_DATES: readonly string[] = [
  '0000-00-00',
  '9999-12-31T99:99',
  '2024-02-30',
  '2024-02-30T10:00:00Z',
  '2023-02-29T10:00:00Z',
  '275760-09-13T00:00:00.001Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2031-03-01T10:00:00+99:00',
  '2031-03-01',
  '2031-03-01T10:00:00.123456789Z',
  'today',
  '1710000000000',
];

const EVIL_UUIDS: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '6F9619FF-8B86-D011-B42D-00CF4FC964FF',
  '6f9619ff-8b86-d011-b42d-00cf4fc964ff-0000',
  '6f9619ff8b86d011b42d00cf4fc964ff',
  '{6f9619ff-8b86-d011-b42d-00cf4fc964ff}',
  '6f9619ff-8b86-d011-b42d-00cf4fc964f\u0000',
];

const EVIL_NUMBERS: readonly unknown[] = [
  -1,
  0,
  1.5,
  -0.000001,
  2 ** 31,
  2 ** 53 + 2,
  1e20,
  -1e308,
  RAW('1e999'),
  RAW('-1e999'),
  RAW('123456789012345678901234567890'),
  '1',
  'NaN',
  '0x10',
  '',
];

const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  42,
  'string',
  {},
  [],
  { $gt: '' },
  ['a', 'b'],
  [null],
  { __proto__: { polluted: true } },
];

/** Malformed values for one property or parameter of the schema (a seeded selection). */
export function badValues(schema: Schema, name: string, ids: IdLookup, rand: Random): unknown[] {
  const always: unknown[] = [null, pick(rand, WRONG_TYPES), pick(rand, WRONG_TYPES)];
  const some: unknown[] = [];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (schema.enum?.length) {
    always.push(
      'NOT_IN_ENUM',
      String(schema.enum[0]).toUpperCase(),
      `${String(schema.enum[0])}\u0000`,
    );
  }
  if (type === 'string' || type === undefined) {
    always.push('a\u0000b', 42);
    if (schema.maxLength !== undefined) always.push('x'.repeat(schema.maxLength + 1));
    if (schema.minLength) always.push('x'.repeat(schema.minLength - 1));
    if (schema.format === 'uuid') {
      always.push('not-a-uuid');
      const real = ids(name);
      if (real) always.push(real.toUpperCase(), `${real}\u0000`);
      some.push(...EVIL_UUIDS);
    } else if (schema.format === 'date-time' || schema.format === 'date') {
      always.push('0000-00-00', '9999-12-31T99:99', '2024-02-30');
      some.push(...EVIL_DATES, 20240101);
    } else {
      some.push(...EVIL_STRINGS, HUGE);
    }
  }
  if (type === 'integer' || type === 'number') {
    always.push('NaN', -1, 1.5);
    some.push(...EVIL_NUMBERS);
    if (schema.maximum !== undefined) always.push(schema.maximum + 1);
  }
  if (type === 'boolean') always.push('true', 1, 'false');
  if (type === 'array') {
    const item = schema.items ? plausible(schema.items, singular(name), ids, rand) : 'x';
    always.push(
      Array.from({ length: 2_000 }, () => item),
      'not-an-array',
    );
    some.push(
      [item, item],
      Array.from({ length: 100 }, () => [item]),
      [{ nested: [[[item]]] }],
    );
    if (schema.items) {
      for (const bad of badValues(schema.items, singular(name), ids, rand).slice(0, 4))
        some.push([bad]);
    }
  }
  if (type === 'object') {
    always.push(deeplyNested(), 'not-an-object');
    some.push({ unknownKey: 1 }, JSON.parse('{"__proto__":{"x":1}}'), {
      constructor: { prototype: 1 },
    });
  }
  return [...always, ...sampleOf(rand, some, 3)];
}

// ---------------------------------------------------------------- requests

export interface FuzzRequest {
  /** What is malformed, for the failure message. */
  label: string;
  method: string;
  /** Path and query, already percent-encoded. */
  url: string;
  headers: Record<string, string>;
  /** Raw bytes sent as the body (none when undefined). */
  body?: string | Buffer;
  /** Expensive to send (huge body): never part of the sample sent by every caller. */
  heavy?: boolean;
}

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD). */
export function encode(value: string): string {
  return Array.from(Buffer.from(value, 'utf8'))
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** JSON text of a value, with RAW() markers spliced in verbatim. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && '__raw' in v && Object.keys(v).length === 1) {
      raws.push((v as { __raw: string }).__raw);
      return `__RAW_${raws.length - 1}__`;
    }
    return v;
  });
  return text.replace(/"__RAW_(\d+)__"/g, (_m, i: string) => raws[Number(i)]);
}

/** Query-string value of a value (objects and arrays as JSON text). */
function asQueryValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && '__raw' in v) return (v as { __raw: string }).__raw;
  return JSON.stringify(v) ?? 'undefined';
}

const BAD_PATH_VALUES: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc%2Fpasswd',
  '%2E%2E%2F%2E%2E%2F',
  'a%2Fb',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%27%20OR%201%3D1%20--',
  '%25s%25n',
  '%',
  '%ZZ',
  '__proto__',
  'constructor',
  '-1',
  '1e999',
  'x'.repeat(300),
];

const BAD_CURSORS: readonly string[] = [
  'AAAA',
  '!!!',
  Buffer.from('junk\u0000\u00ff').toString('base64'),
  Buffer.from('{"a":1}').toString('base64url'),
  Buffer.from('[]').toString('base64url'),
  Buffer.from('[1,2,3,4,5]').toString('base64url'),
  Buffer.from('["x","y"]').toString('base64url'),
  Buffer.from('["2031-99-99T00:00:00Z","not-a-uuid"]').toString('base64url'),
  Buffer.from('[1e999,"x"]').toString('base64url'),
  Buffer.from('["a\\u0000b","b"]').toString('base64url'),
  Buffer.from('[null,null]').toString('base64url'),
  Buffer.from('[-1,"00000000-0000-0000-0000-000000000000"]').toString('base64url'),
  Buffer.from('[{"$gt":""},[]]').toString('base64url'),
  Buffer.from('"string"').toString('base64url'),
  Buffer.from('["0000-00-00",0]').toString('base64url'),
  Buffer.from('[99999999999999999999,"x"]').toString('base64url'),
  Buffer.from('["x"]').toString('base64url'),
  Buffer.from('[1]').toString('base64url'),
  Buffer.from('[1,2]').toString('base64url'),
  Buffer.from('["a","b","c"]').toString('base64url'),
  'x'.repeat(600),
];

const BAD_LIMITS: readonly string[] = [
  '-1',
  '0',
  '1e9',
  'x',
  '1.5',
  '101',
  'NaN',
  '',
  '99999999999999999999',
];

const BAD_IF_MATCH: readonly string[] = [
  'x',
  '*',
  'W/"abc"',
  '"-1"',
  'W/"1.5"',
  'W/"99999999999999999999"',
  'W/"2147483648"',
  '"1", "2"',
  'W/""',
  'W/"1\' OR 1=1 --"',
];

const BAD_IDEMPOTENCY_KEYS: readonly string[] = [
  ' ',
  'a'.repeat(201),
  'key with spaces',
  'clé-é',
  "' OR 1=1 --",
  '%00',
];

export interface BuildContext {
  ids: IdLookup;
  rand: Random;
  /** Body size limit of the app (bytes): one body goes over it. */
  bodyLimit: number;
}

/** The malformed requests of one operation (authorization is added by the caller). */
export function requestsFor(op: Operation, ctx: BuildContext): FuzzRequest[] {
  const { ids, rand } = ctx;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');

  const goodPath: Record<string, string> = {};
  for (const p of pathParams)
    goodPath[p.name] = ids(`path:${resourceOf(op.path, p.name)}`) ?? uuidFrom(rand);
  const goodQuery: Record<string, unknown> = {};
  for (const p of queryParams.filter((q) => q.required))
    goodQuery[p.name] = plausible(p.schema, p.name, ids, rand);
  const goodBody = op.body ? plausible(op.body, 'body', ids, rand) : undefined;
  const baseHeaders: Record<string, string> = {};
  if (op.method === 'PATCH') baseHeaders['if-match'] = 'W/"1"';

  const url = (
    path: Record<string, string>,
    query: Record<string, unknown>,
    rawQuery = '',
  ): string => {
    const p = op.path.replace(/\{(\w+)\}/g, (_m, n: string) => path[n]);
    const q = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encode(k)}=${encode(asQueryValue(v))}`);
    if (rawQuery) q.push(rawQuery);
    return q.length ? `${p}?${q.join('&')}` : p;
  };
  const jsonHeaders = { ...baseHeaders, 'content-type': 'application/json' };
  const out: FuzzRequest[] = [];
  const add = (label: string, r: Partial<FuzzRequest>): void => {
    out.push({
      label,
      method: op.method,
      url: r.url ?? url(goodPath, goodQuery),
      headers: r.headers ?? (goodBody !== undefined ? jsonHeaders : baseHeaders),
      body: 'body' in r ? r.body : goodBody !== undefined ? toJson(goodBody) : undefined,
    });
    const last = out[out.length - 1];
    if (last.body !== undefined && Buffer.byteLength(last.body) > 50_000) last.heavy = true;
  };

  add('plausible request', {});

  // Path parameters.
  for (const p of pathParams) {
    const real = goodPath[p.name];
    const values = [
      ...sampleOf(rand, BAD_PATH_VALUES, 6),
      'not-a-uuid',
      '%00',
      real.toUpperCase(),
      `${real}${'0'.repeat(40)}`,
      encode(`${real}\u0000`),
      'x'.repeat(2100),
    ];
    for (const v of values)
      add(`path ${p.name}=${v.slice(0, 40)}`, {
        url: url({ ...goodPath, [p.name]: v }, goodQuery),
      });
  }

  // Query parameters.
  for (const p of queryParams) {
    const values: unknown[] =
      p.name === 'cursor'
        ? [...BAD_CURSORS]
        : p.name === 'limit'
          ? [...BAD_LIMITS]
          : badValues(p.schema, p.name, ids, rand);
    for (const v of values) {
      if (v === null) continue;
      add(`query ${p.name}=${asQueryValue(v).slice(0, 40)}`, {
        url: url(goodPath, { ...goodQuery, [p.name]: v }),
      });
    }
    add(`query ${p.name} twice`, {
      url: url(goodPath, goodQuery, `${encode(p.name)}=a&${encode(p.name)}=b`),
    });
    add(`query ${p.name}[$gt]`, { url: url(goodPath, goodQuery, `${encode(p.name)}%5B%24gt%5D=`) });
    add(`query ${p.name} bad percent-encoding`, {
      url: url(goodPath, goodQuery, `${encode(p.name)}=%E0%A4%A`),
    });
  }
  for (const raw of [
    '__proto__=x',
    'constructor%5Bprototype%5D=x',
    'unknown=1',
    '%00=%00',
    'a=%ED%A0%80',
  ]) {
    add(`query ${raw}`, { url: url(goodPath, goodQuery, raw) });
  }

  // Headers.
  if (op.method === 'PATCH') {
    add('no If-Match', { headers: { 'content-type': 'application/json' } });
    for (const v of BAD_IF_MATCH)
      add(`If-Match ${v}`, { headers: { ...jsonHeaders, 'if-match': v } });
  }
  if (headerParams.some((h) => h.name.toLowerCase() === 'idempotency-key')) {
    for (const v of BAD_IDEMPOTENCY_KEYS)
      add(`Idempotency-Key ${v.slice(0, 20)}`, {
        headers: { ...(goodBody !== undefined ? jsonHeaders : baseHeaders), 'idempotency-key': v },
      });
    // One key for two different requests.
    const key = `fuzz-${uuidFrom(rand)}`;
    add('Idempotency-Key first use', {
      headers: { ...(goodBody !== undefined ? jsonHeaders : baseHeaders), 'idempotency-key': key },
    });
    add('Idempotency-Key reused on another body', {
      headers: { ...jsonHeaders, 'idempotency-key': key },
      body: toJson({ other: true }),
    });
  }
  add('Accept-Language junk', {
    headers: {
      ...(goodBody !== undefined ? jsonHeaders : baseHeaders),
      'accept-language': 'xx-ÿÿ;q=abc, *;q=-1, fr;q=1e999',
    },
  });

  // Whole bodies (also on routes without one: the body must be ignored or refused cleanly).
  const wholeBodies: [string, string | Buffer, string | undefined][] = [
    ['empty JSON body', '', 'application/json'],
    ['truncated JSON', '{"a":', 'application/json'],
    ['not JSON', 'hello', 'application/json'],
    ['JSON array', '[]', 'application/json'],
    ['JSON string', '"str"', 'application/json'],
    ['JSON number', '1e999', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['__proto__ key', '{"__proto__":{"isAdmin":true}}', 'application/json'],
    [
      'constructor.prototype key',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      'application/json',
    ],
    ['deeply nested', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'application/json'],
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      'application/json',
    ],
    ['text/plain body', 'plain', 'text/plain'],
    ['form body', 'a=1&b=2', 'application/x-www-form-urlencoded'],
    ['multipart body', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'],
    ['json charset latin1', '{}', 'application/json; charset=latin1'],
    ['no content-type', '{}', undefined],
    ['content-type junk', '{}', 'application/json\u00ff'],
  ];
  if (goodBody !== undefined) {
    wholeBodies.push(
      ['BOM + body', `\uFEFF${toJson(goodBody)}`, 'application/json'],
      ['body as text/plain', toJson(goodBody), 'text/plain'],
      ['duplicate keys', toJson(goodBody).replace(/^\{/, '{"x":1,"x":2,'), 'application/json'],
    );
  }
  for (const [label, body, type] of wholeBodies) {
    const headers: Record<string, string> = { ...baseHeaders };
    if (type) headers['content-type'] = type;
    add(label, { headers, body });
  }
  add('body of ~200 KB', {
    headers: jsonHeaders,
    body: toJson({ ...(isObject(goodBody) ? goodBody : {}), padding: HUGE }),
  });
  add('body over the limit', {
    headers: jsonHeaders,
    body: toJson({ padding: 'x'.repeat(ctx.bodyLimit + 1024) }),
  });

  // Body properties.
  const bodySchema = op.body;
  if (bodySchema?.properties && isObject(goodBody)) {
    add('empty object', { body: '{}' });
    add('unknown property', { body: toJson({ ...goodBody, unknownProperty: 1 }) });
    for (const required of bodySchema.required ?? []) {
      const rest = { ...goodBody };
      delete rest[required];
      add(`missing ${required}`, { body: toJson(rest) });
    }
    for (const [name, schema] of Object.entries(bodySchema.properties)) {
      for (const v of badValues(schema, name, ids, rand)) {
        add(`body ${name}=${describe(v)}`, { body: toJson({ ...goodBody, [name]: v }) });
      }
      // One level down: objects and arrays of objects.
      const inner = schema.type === 'array' ? schema.items : schema;
      if (inner?.properties) {
        const good = plausible(inner, name, ids, rand) as Record<string, unknown>;
        for (const [sub, subSchema] of Object.entries(inner.properties)) {
          for (const v of badValues(subSchema, sub, ids, rand).slice(0, 4)) {
            const value = { ...good, [sub]: v };
            add(`body ${name}.${sub}=${describe(v)}`, {
              body: toJson({ ...goodBody, [name]: schema.type === 'array' ? [value] : value }),
            });
          }
        }
      }
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : (toJson(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
}

/** `cases` for /cases/{id}, `parties` for /cases/{id}/parties/{partyId}: which id a parameter wants. */
export function resourceOf(path: string, param: string): string {
  if (param !== 'id') return param;
  const segments = path.split('/');
  const at = segments.indexOf('{id}');
  return segments[at - 1];
}

// ---------------------------------------------------------------- sending

const REQUEST_TIMEOUT_MS = 15_000;

export interface FuzzResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Sends raw bytes over real HTTP (Node's client, no normalising of the body). */
export function send(
  port: number,
  agent: http.Agent,
  req: FuzzRequest,
  extraHeaders: Record<string, string>,
): Promise<FuzzResponse> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string | number> = { ...req.headers, ...extraHeaders };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const r = http.request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers,
        // Node's server closes the connection after a 431 (URL over its header limit): a connection of its own.
        agent: req.url.length > 8000 ? false : agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before a large body is written.
    r.on('error', reject);
    r.setTimeout(REQUEST_TIMEOUT_MS, () => r.destroy(new Error('no answer in time')));
    if (req.body !== undefined) r.end(req.body);
    else r.end();
  });
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return results;
}
