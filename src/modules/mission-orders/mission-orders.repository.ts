import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Principal } from '../../common/auth/principal';
import { Tx } from '../../database/transactions';
import { MissionOrderArea } from './mission-order-area.entity';
import { MissionOrderHolder } from './mission-order-holder.entity';
import { MissionOrder } from './mission-order.entity';
import { MissionOrderStatus } from './mission-order-status';

/** A mission order as read, with its holders, areas and authority name. */
export interface MissionOrderRow {
  id: string;
  orderNumber: string;
  associationId: string;
  authorityId: string;
  authorityName: string;
  caseId: string | null;
  purpose: string;
  validFrom: Date;
  validUntil: Date;
  status: MissionOrderStatus;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  revokedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdAtKey: string;
  holderUserIds: string[];
  areas: { id: string; name: string; level: string }[];
}

export interface NewMissionOrder {
  id: string;
  associationId: string;
  authorityId: string;
  caseId: string | null;
  purpose: string;
  validFrom: Date;
  validUntil: Date;
  requestedBy: string;
  holderUserIds: string[];
  areaIds: string[];
}

export interface HolderCandidate {
  id: string;
  role: string;
  associationId: string | null;
  disabled: boolean;
  pending: boolean;
}

/** A holder of an order and the state of their credential. */
export interface OrderHolder {
  userId: string;
  credentialId: string;
  /** The credential ended (account disabled) or the account is disabled now. */
  ended: boolean;
  hasLegalIdentity: boolean;
}

/** What verification needs of a credential id: its order and whether it still stands. */
export interface CredentialRecord {
  order: MissionOrderRow;
  holderUserId: string;
  ended: boolean;
}

/** A new credential identifier: 128 random bits, base64url. */
export const newCredentialId = (): string => randomBytes(16).toString('base64url');

export interface ListFilter {
  principal: Principal;
  status?: MissionOrderStatus | 'expired';
  after: [string, string] | null;
  limit: number;
}

const SELECT_ORDER = `
  SELECT o.id, o.order_number AS "orderNumber", o.association_id AS "associationId",
         o.authority_id AS "authorityId", au.name AS "authorityName", o.case_id AS "caseId",
         o.purpose, o.valid_from AS "validFrom", o.valid_until AS "validUntil", o.status,
         o.requested_by AS "requestedBy", o.decided_by AS "decidedBy", o.decided_at AS "decidedAt",
         o.decision_reason AS "decisionReason", o.revoked_at AS "revokedAt", o.version,
         o.created_at AS "createdAt", o.updated_at AS "updatedAt",
         to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey",
         coalesce((SELECT array_agg(h.user_id::text ORDER BY h.user_id)
                     FROM mission_order_holder h WHERE h.mission_order_id = o.id), '{}') AS "holderUserIds",
         coalesce((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'level', a.level)
                                   ORDER BY a.name, a.id)
                     FROM mission_order_area oa JOIN area a ON a.id = oa.area_id
                    WHERE oa.mission_order_id = o.id), '[]') AS "areas"
    FROM mission_order o
    JOIN authority au ON au.id = o.authority_id`;

/** Mission orders, their holders and areas; the only place that touches their tables. */
@Injectable()
export class MissionOrdersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  decryptReason(row: MissionOrderRow): string | null {
    return this.cipher.decryptNullable(row.decisionReason, {
      table: 'mission_order',
      column: 'decision_reason',
      rowId: row.id,
    });
  }

  async findById(id: string, tx?: Tx): Promise<MissionOrderRow | null> {
    const rows: MissionOrderRow[] = await this.manager(tx).query(
      `${SELECT_ORDER} WHERE o.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The order and holder a credential id belongs to. */
  async findCredential(credentialId: string): Promise<CredentialRecord | null> {
    const holders: { missionOrderId: string; userId: string; ended: boolean }[] =
      await this.dataSource.query(
        `SELECT h.mission_order_id AS "missionOrderId", h.user_id AS "userId",
                (h.credential_revoked_at IS NOT NULL OR u.disabled) AS ended
           FROM mission_order_holder h JOIN app_user u ON u.id = h.user_id
          WHERE h.credential_id = $1`,
        [credentialId],
      );
    const holder = holders[0];
    const order = holder ? await this.findById(holder.missionOrderId) : null;
    return order ? { order, holderUserId: holder.userId, ended: holder.ended } : null;
  }

  /** An order numbered by the former global sequence (its credentials carry no id). */
  async findNumberedGlobally(orderNumber: string): Promise<MissionOrderRow | null> {
    const rows: MissionOrderRow[] = await this.dataSource.query(
      `${SELECT_ORDER} WHERE o.order_number = $1 AND o.numbered_globally`,
      [orderNumber],
    );
    return rows[0] ?? null;
  }

  /** The holders of an order with their credential ids, in user id order. */
  async holdersOf(orderId: string, tx?: Tx): Promise<OrderHolder[]> {
    return this.manager(tx).query(
      `SELECT h.user_id AS "userId", h.credential_id AS "credentialId",
              (h.credential_revoked_at IS NOT NULL OR u.disabled) AS ended,
              (u.legal_name IS NOT NULL AND u.id_document_number IS NOT NULL) AS "hasLegalIdentity"
         FROM mission_order_holder h JOIN app_user u ON u.id = h.user_id
        WHERE h.mission_order_id = $1
        ORDER BY h.user_id`,
      [orderId],
    );
  }

  /** Ends every credential of a holder (their account is being disabled); how many ended. */
  async endCredentialsOf(tx: Tx, userId: string): Promise<number> {
    const result: [unknown, number] = await tx.query(
      `UPDATE mission_order_holder SET credential_revoked_at = now()
        WHERE user_id = $1 AND credential_revoked_at IS NULL`,
      [userId],
    );
    return result[1];
  }

  async authorityExists(authorityId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM authority WHERE id = $1', [
      authorityId,
    ]);
    return rows.length > 0;
  }

  /** For each requested area: whether it exists and lies in the authority's jurisdiction. */
  async areasInJurisdiction(
    authorityId: string,
    areaIds: string[],
  ): Promise<{ id: string; inJurisdiction: boolean }[]> {
    return this.dataSource.query(
      `WITH RECURSIVE chain AS (
              SELECT a.id AS origin, a.id, a.parent_id FROM area a WHERE a.id = ANY($2::uuid[])
              UNION ALL
              SELECT c.origin, p.id, p.parent_id FROM area p JOIN chain c ON p.id = c.parent_id
         )
       SELECT c.origin AS id,
              bool_or(j.area_id IS NOT NULL) AS "inJurisdiction"
         FROM chain c
         LEFT JOIN authority_jurisdiction j ON j.area_id = c.id AND j.authority_id = $1
        GROUP BY c.origin`,
      [authorityId, areaIds],
    );
  }

  async holderCandidates(userIds: string[]): Promise<HolderCandidate[]> {
    return this.dataSource.query(
      `SELECT id, role, association_id AS "associationId", disabled, pending
         FROM app_user WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  /** Active, confirmed coordinators of an association (notified of decisions). */
  async coordinatorIds(associationId: string, tx?: Tx): Promise<string[]> {
    const rows: { id: string }[] = await this.manager(tx).query(
      `SELECT id FROM app_user
        WHERE association_id = $1 AND role = 'coordinator' AND NOT disabled AND NOT pending
        ORDER BY id`,
      [associationId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Inserts the order, its holders (each with a new credential id) and areas.
   * The number is the association's next of the year: the counter row stays
   * locked until the transaction ends, so two requests never get one number.
   */
  async insert(tx: Tx, order: NewMissionOrder): Promise<void> {
    const counted: { year: number; lastNumber: number }[] = await tx.query(
      `INSERT INTO mission_order_number_counter AS c (association_id, year, last_number)
       VALUES ($1, extract(year FROM now() AT TIME ZONE 'UTC')::integer, 1)
       ON CONFLICT (association_id, year) DO UPDATE SET last_number = c.last_number + 1
       RETURNING c.year, c.last_number AS "lastNumber"`,
      [order.associationId],
    );
    const { year, lastNumber } = counted[0];
    await tx.insert(MissionOrder, {
      id: order.id,
      orderNumber: `OM-${year}-${String(lastNumber).padStart(6, '0')}`,
      numberedGlobally: false,
      associationId: order.associationId,
      authorityId: order.authorityId,
      caseId: order.caseId,
      purpose: order.purpose,
      validFrom: order.validFrom,
      validUntil: order.validUntil,
      status: 'requested',
      requestedBy: order.requestedBy,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      revokedAt: null,
    });
    await tx.insert(
      MissionOrderHolder,
      order.holderUserIds.map((userId) => ({
        missionOrderId: order.id,
        userId,
        credentialId: newCredentialId(),
        credentialRevokedAt: null,
      })),
    );
    await tx.insert(
      MissionOrderArea,
      order.areaIds.map((areaId) => ({ missionOrderId: order.id, areaId })),
    );
  }

  /** Moves the order from `from` to `to` only if it is still in `from` (conditional UPDATE). */
  async decide(
    tx: Tx,
    id: string,
    from: MissionOrderStatus,
    to: MissionOrderStatus,
    decidedBy: string,
    reason: string | null,
  ): Promise<boolean> {
    const encrypted = this.cipher.encryptNullable(reason, {
      table: 'mission_order',
      column: 'decision_reason',
      rowId: id,
    });
    const result: [unknown, number] = await tx.query(
      `UPDATE mission_order
          SET status = $3,
              decided_by = $4,
              decided_at = now(),
              decision_reason = $5,
              revoked_at = CASE WHEN $3 = 'revoked' THEN now() ELSE revoked_at END,
              version = version + 1,
              updated_at = now()
        WHERE id = $1 AND status = $2`,
      [id, from, to, decidedBy, encrypted],
    );
    return result[1] === 1;
  }

  /** Keyset page, newest first, of the orders the caller may see. */
  async list(filter: ListFilter): Promise<MissionOrderRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions = [this.visibleSql(filter.principal, param)];
    if (filter.status === 'expired') {
      conditions.push(`o.status = 'approved' AND o.valid_until < now()`);
    } else if (filter.status === 'approved') {
      conditions.push(`o.status = 'approved' AND o.valid_until >= now()`);
    } else if (filter.status) {
      conditions.push(`o.status = ${param(filter.status)}`);
    }
    if (filter.after) {
      conditions.push(
        `(o.created_at, o.id) < (${param(filter.after[0])}::timestamptz, ${param(filter.after[1])}::uuid)`,
      );
    }
    const sql = `${SELECT_ORDER} WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}
      ORDER BY o.created_at DESC, o.id DESC LIMIT ${param(filter.limit + 1)}`;
    return this.dataSource.query(sql, params);
  }

  /** Coordinator: own association; mediator: where holder; official: own authority. */
  private visibleSql(principal: Principal, param: (value: unknown) => string): string {
    if (principal.role === 'coordinator' && principal.associationId) {
      return `o.association_id = ${param(principal.associationId)}::uuid`;
    }
    if (principal.role === 'mediator') {
      return `EXISTS (SELECT 1 FROM mission_order_holder h
                       WHERE h.mission_order_id = o.id AND h.user_id = ${param(principal.userId)}::uuid)`;
    }
    if (principal.role === 'official' && principal.authorityId) {
      return `o.authority_id = ${param(principal.authorityId)}::uuid`;
    }
    return 'false';
  }

  /** What an official may know of a linked case: code name, commune, type. */
  async caseSummary(
    caseId: string,
  ): Promise<{ codeName: string; communeName: string; type: string } | null> {
    const rows: { codeName: string; communeName: string; type: string }[] =
      await this.dataSource.query(
        `SELECT c.code_name AS "codeName", a.name AS "communeName", c.type
           FROM dialogue_case c JOIN area a ON a.id = c.area_id WHERE c.id = $1`,
        [caseId],
      );
    return rows[0] ?? null;
  }

  /**
   * The ids of the credentials that ended: every holder's of a revoked
   * order, and a disabled holder's of an approved one; and when the list
   * last changed.
   */
  async revokedCredentials(): Promise<{ credentialIds: string[]; updatedAt: Date | null }> {
    const rows: { credentialId: string; endedAt: Date }[] = await this.dataSource.query(
      `SELECT h.credential_id AS "credentialId",
              greatest(o.revoked_at, h.credential_revoked_at) AS "endedAt"
         FROM mission_order_holder h JOIN mission_order o ON o.id = h.mission_order_id
        WHERE o.status = 'revoked'
           OR (o.status = 'approved' AND h.credential_revoked_at IS NOT NULL)
        ORDER BY h.credential_id`,
    );
    const updatedAt = rows.reduce<Date | null>(
      (max, r) => (max === null || r.endedAt > max ? r.endedAt : max),
      null,
    );
    return { credentialIds: rows.map((r) => r.credentialId), updatedAt };
  }
}
