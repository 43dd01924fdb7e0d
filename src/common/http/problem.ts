import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError, FieldError } from './app-error';
import { describeError, ErrorCode, fieldMessage } from './error-catalogue';
import { negotiateLanguage } from './language';
import { ValidationFailed } from './validation-failed';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

interface Classified {
  code: ErrorCode;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  detail?: { fr: string; en: string };
  status?: number;
  /** Unexpected: logged with its stack. */
  unexpected?: boolean;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  428: 'precondition_required',
  429: 'rate_limited',
  503: 'service_unavailable',
};

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '53300',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // TypeORM releases a transaction's query runner when its connection dies mid-transaction.
  if (/^QueryRunner(Provider)?AlreadyReleasedError$/.test(error.name)) return true;
  const code =
    (error as { code?: string }).code ??
    (error as { driverError?: { code?: string } }).driverError?.code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}

/** Maps any thrown value to a catalogue code; nothing from the value itself reaches the client. */
export function classify(error: unknown): Classified {
  if (error instanceof AppError) return { code: error.code, ...error.options };
  if (error instanceof ValidationFailed)
    return { code: 'validation_failed', errors: error.fieldErrors };
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string } | undefined)?.code;
    if (pgCode === '23505') return { code: 'duplicate' };
    if (pgCode === '23503') return { code: 'invalid_reference' };
    // A NOT NULL or CHECK constraint: input the DTOs should have refused; never a 500.
    if (pgCode === '23502' || pgCode === '23514') return { code: 'validation_failed' };
    // Data exceptions (class 22: bad text, NUL bytes, out-of-range dates or numbers): input.
    if (pgCode?.startsWith('22')) {
      return { code: 'validation_failed' };
    }
    if (pgCode === '57014') return { code: 'service_unavailable', headers: { 'retry-after': '5' } };
  }
  if (isDatabaseUnavailable(error))
    return { code: 'service_unavailable', headers: { 'retry-after': '5' } };
  if (error instanceof ThrottlerException) {
    // RateLimitExceeded (common/rate-limit) carries the seconds until the window reopens.
    const seconds = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    return {
      code: 'rate_limited',
      headers: { 'retry-after': String(Math.max(1, Math.ceil(seconds ?? 60))) },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Our code raises AppError; a bare 400 comes from Fastify's body parsing, which Nest wraps.
    if (status === 400) return { code: 'malformed_body' };
    const code = STATUS_CODES[status];
    if (code) return { code };
    return {
      code: status >= 500 ? 'internal_error' : 'validation_failed',
      unexpected: status >= 500,
    };
  }
  return { code: 'internal_error', unexpected: true };
}

/** The problem document an error becomes, with its status and extra headers. */
export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Set when the error must be logged (with its stack), never sent. */
  logAs?: 'unexpected error' | 'database unavailable';
}

/** Builds the RFC 9457 problem document in the caller's language (logs nothing, sends nothing). */
export function buildProblem(request: FastifyRequest, error: unknown): ProblemResponse {
  const problem = classify(error);
  const language = negotiateLanguage(request.headers['accept-language']);
  const text = describeError(problem.code, language);
  const status = problem.status ?? text.status;
  const body: Record<string, unknown> = {
    type: `urn:toguna:problem:${problem.code}`,
    title: text.title,
    status,
    detail: problem.detail ? problem.detail[language] : text.detail,
    code: problem.code,
    requestId: request.id,
    ...problem.extensions,
  };
  if (problem.errors?.length) {
    body.errors = problem.errors.map((e) => ({
      field: e.field,
      message: e.code ? fieldMessage(e.code, e.message, language) : e.message,
    }));
  }
  return {
    status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      'cache-control': 'no-store',
      ...problem.headers,
    },
    body,
    logAs: problem.unexpected
      ? 'unexpected error'
      : problem.code === 'service_unavailable'
        ? 'database unavailable'
        : undefined,
  };
}

/** Writes an RFC 9457 problem document in the caller's language. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const problem = buildProblem(request, error);
  if (problem.logAs) {
    // The error object only: never the request body or headers.
    request.log.error({ err: error }, problem.logAs);
  }
  if (reply.sent) return;
  void reply.status(problem.status).headers(problem.headers).send(JSON.stringify(problem.body));
}
