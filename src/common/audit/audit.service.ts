import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, Page, toPage } from '../http/pagination';
import type { EntityManager as Tx } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { auditHash } from './audit-hash';
import { AuditEventInput, checkAuditEvent, CheckedAuditEvent } from './audit-input';
import { AuditRepository } from './audit.repository';
import { auditInsertSql, auditInsertValues } from './audit.sql';
import { AuditEventResponse, AuditQueryDto, AuditVerifyResponse } from './audit.dto';
import { currentRequestContext } from './request-context';

/** Events read per query by the verifier (keyset by seq). */
export const VERIFY_BATCH_SIZE = 1000;

/** What `record` wrote: the event's id (its seq comes when the sequencer seals it). */
export interface RecordedAuditEvent {
  id: string;
}

/**
 * The tamper-evident audit trail: writes events (sealed into the hash chain
 * by AuditSequencer), verifies the chain, lists events to those who may read
 * them.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Appends an event inside the caller's transaction: the change and its
   * event commit (or roll back) together. The actor and request id come
   * from the request context unless the input gives them (null: none).
   * Takes no lock and waits for no other writer: the event is written
   * unsealed, and the sequencer chains it once committed (within
   * `auditSealIntervalMs`). Throws InvalidAuditEventError for a malformed
   * event or a detail key outside the allow-list (audit-input.ts).
   */
  async record(tx: Tx, input: AuditEventInput): Promise<RecordedAuditEvent> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record needs the EntityManager of an open transaction');
    }
    return { id: await this.events.insert(tx, withContext(input)) };
  }

  /**
   * The event as a data-modifying `WITH` item (`<name> AS (INSERT …)`) for a
   * statement the caller runs in its transaction, so that the change and its
   * event go out in one round trip; its parameters are numbered from
   * `firstParam`. Same checks and context as `record`.
   */
  recordInStatement(
    tx: Tx,
    input: AuditEventInput,
    name: string,
    firstParam: number,
  ): { sql: string; params: unknown[] } {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error(
        'AuditService.recordInStatement needs the EntityManager of an open transaction',
      );
    }
    return {
      sql: `${name} AS (${auditInsertSql(firstParam)})`,
      params: auditInsertValues(withContext(input)),
    };
  }

  /**
   * Appends an event on its own, for what has no business transaction:
   * sign-ins, failed sign-ins, refused authorizations, reads of encrypted
   * fields. One INSERT, committed by itself (no BEGIN and COMMIT round trips).
   */
  async recordNow(input: AuditEventInput): Promise<RecordedAuditEvent> {
    const event = withContext(input);
    return { id: await this.events.insert(this.dataSource.manager, event) };
  }

  /**
   * Walks the sealed chain in seq order, recomputing every hash and checking
   * every link. Stops at the first break: `firstBrokenSeq` is the first seq
   * that is missing (a deleted row: seqs are gapless from 1) or whose
   * prev_hash or hash does not match; `checked` counts the events verified
   * before it (all sealed ones when ok). Events sealed during the walk are
   * checked too when they arrive before its end. `unsealed` counts the
   * events written but not sealed yet, counted after the walk: they are not
   * vouched for. `batchSize`: events read per query (keyset by seq).
   */
  async verify(batchSize = VERIFY_BATCH_SIZE): Promise<AuditVerifyResponse> {
    let checked = 0;
    let expectedSeq = 1;
    let prevHash: Buffer | null = null;
    for (;;) {
      const batch = await this.events.chainBatch(expectedSeq - 1, batchSize);
      for (const event of batch) {
        const intact =
          event.seq === expectedSeq &&
          event.hash !== null &&
          sameBytes(event.prevHash, prevHash) &&
          sameBytes(event.hash, auditHash({ ...event, seq: expectedSeq }));
        if (!intact) {
          const unsealed = await this.events.unsealedCount();
          return { ok: false, checked, firstBrokenSeq: expectedSeq, unsealed };
        }
        checked++;
        expectedSeq++;
        prevHash = event.hash;
      }
      if (batch.length < batchSize) {
        const unsealed = await this.events.unsealedCount();
        return { ok: true, checked, firstBrokenSeq: null, unsealed };
      }
    }
  }

  /**
   * Newest written first, sealed or not (`seq` null until sealed). Admins see every event, metadata only (no details);
   * coordinators the events of their association, with details. Anyone else
   * is refused (the route's permission already keeps them out).
   */
  async list(principal: Principal, query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const beforeId = idFromCursor(query.cursor);
    if (principal.role === 'admin') {
      const rows = await this.events.list({ entityId: query.entityId, beforeId, limit });
      return toPage(rows, limit, toMetadata, (e) => [e.id]);
    }
    if (principal.role !== 'coordinator') throw new AppError('forbidden');
    if (!principal.associationId) return { items: [], nextCursor: null };
    const rows = await this.events.list({
      associationId: principal.associationId,
      entityId: query.entityId,
      beforeId,
      limit,
    });
    return toPage(rows, limit, toFullEvent, (e) => [e.id]);
  }
}

/** The input checked, its actor and request id taken from the request context unless given. */
function withContext(input: AuditEventInput): CheckedAuditEvent {
  const context = currentRequestContext();
  return checkAuditEvent({
    ...input,
    actorUserId: input.actorUserId === undefined ? context?.userId : input.actorUserId,
    actorRole: input.actorRole === undefined ? context?.role : input.actorRole,
    requestId: input.requestId === undefined ? context?.requestId : input.requestId,
  });
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

function idFromCursor(cursor: string | undefined): string | null {
  const key = decodeCursor(cursor, 1);
  if (key === null) return null;
  const [id] = key;
  if (typeof id !== 'string' || !/^[1-9][0-9]{0,17}$/.test(id)) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'cursor', message: 'invalid cursor', code: 'matches' }],
    });
  }
  return id;
}

function toMetadata(event: AuditEvent): AuditEventResponse {
  return {
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorUserId: event.actorUserId,
    actorRole: event.actorRole,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    associationId: event.associationId,
    requestId: event.requestId,
  };
}

function toFullEvent(event: AuditEvent): AuditEventResponse {
  return { ...toMetadata(event), details: event.details };
}
