import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseAccessRow } from '../../common/access/access.service';
import { CaseKeys } from '../../common/crypto/case-keys';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { CaseStatus, CaseType } from './case-status';
import { CaseTeamMember } from './case-team-member.entity';
import { CaseTransition } from './case-transition.entity';
import { DialogueCase } from './dialogue-case.entity';
import { SELECT_CASE, SELECT_CASE_LIST } from './cases.sql';

/** A case as read, sensitive columns still encrypted, with its team. */
export interface CaseRow {
  id: string;
  codeName: string;
  areaId: string;
  type: CaseType;
  status: CaseStatus;
  statusBeforeSuspension: CaseStatus | null;
  summary: string | null;
  languages: string[];
  locationDetail: string | null;
  confidentialNotes: string | null;
  associationId: string;
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  erasedAt: Date | null;
  /** created_at with microseconds, for keyset cursors. */
  createdAtKey: string;
  teamUserIds: string[];
  leadUserId: string | null;
}

export type SensitiveCaseField = 'locationDetail' | 'confidentialNotes';
export const SENSITIVE_CASE_FIELDS: readonly SensitiveCaseField[] = [
  'locationDetail',
  'confidentialNotes',
];
const COLUMN_OF: Record<SensitiveCaseField, string> = {
  locationDetail: 'location_detail',
  confidentialNotes: 'confidential_notes',
};

export interface NewCase {
  id: string;
  codeName: string;
  areaId: string;
  type: CaseType;
  summary: string | null;
  languages: string[];
  locationDetail: string | null;
  confidentialNotes: string | null;
  associationId: string;
  createdBy: string;
}

export type CaseChanges = Partial<
  Pick<
    DialogueCase,
    'codeName' | 'type' | 'summary' | 'languages' | 'locationDetail' | 'confidentialNotes'
  >
>;

export interface CaseListFilter {
  /** SQL condition on alias `c` (AccessService.visibleCases), parameters from $1. */
  visible: { sql: string; params: unknown[] };
  status?: CaseStatus;
  areaId?: string;
  q?: string;
  after: [string, string] | null;
  limit: number;
}

export interface TransitionRow {
  id: string;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  reason: string;
  actorUserId: string;
  occurredAt: Date;
}

export interface CaseAuditRow {
  action: string;
  actorUserId: string | null;
  occurredAt: Date;
  fields: string[] | null;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

@Injectable()
export class CasesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly keys: CaseKeys,
  ) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private where(id: string, field: SensitiveCaseField) {
    return { table: 'dialogue_case', column: COLUMN_OF[field], rowId: id, caseId: id };
  }

  /** The plaintext of a sensitive field of a case row. */
  decrypt(row: CaseRow, field: SensitiveCaseField): string | null {
    return this.cipher.decryptNullable(row[field], this.where(row.id, field));
  }

  /**
   * The case with the caller's access row (CASE_ACCESS_SQL's columns) in one
   * query, for AccessService.caseFrom; null when there is no such case. The
   * case's data key is not loaded: `ready` once access is granted.
   */
  async findWithAccess(
    id: string,
    userId: string,
  ): Promise<{ row: CaseRow; access: CaseAccessRow } | null> {
    const rows: (CaseRow & { onTeam: boolean; isLead: boolean })[] = await this.dataSource.query(
      `SELECT k.*, (m.user_id IS NOT NULL) AS "onTeam", coalesce(m.lead, false) AS "isLead"
         FROM (${SELECT_CASE} WHERE c.id = $1) k
         LEFT JOIN case_team_member m ON m.case_id = k.id AND m.user_id = $2`,
      [id, userId],
    );
    if (rows.length === 0) return null;
    const { onTeam, isLead, ...row } = rows[0];
    return {
      row,
      access: { association_id: row.associationId, on_team: onTeam, is_lead: isLead },
    };
  }

  /** A row read without its case's data key, made readable. */
  ready(row: CaseRow): Promise<CaseRow> {
    return this.keys.ready(row);
  }

  async findById(id: string, tx?: Tx): Promise<CaseRow | null> {
    const rows: CaseRow[] = await this.manager(tx).query(`${SELECT_CASE} WHERE c.id = $1`, [id]);
    return (await this.keys.ready(rows, tx))[0] ?? null;
  }

  async areaLevel(areaId: string, tx?: Tx): Promise<string | null> {
    const rows: { level: string }[] = await this.manager(tx).query(
      'SELECT level FROM area WHERE id = $1',
      [areaId],
    );
    return rows[0]?.level ?? null;
  }

  /** Inserts the case with its sensitive fields encrypted, bound to its row. */
  async insert(tx: Tx, row: NewCase): Promise<void> {
    await this.keys.forWrite(row.id, tx);
    await tx.insert(DialogueCase, {
      ...row,
      status: 'exploratory',
      statusBeforeSuspension: null,
      locationDetail: this.cipher.encryptNullable(
        row.locationDetail,
        this.where(row.id, 'locationDetail'),
      ),
      confidentialNotes: this.cipher.encryptNullable(
        row.confidentialNotes,
        this.where(row.id, 'confidentialNotes'),
      ),
    });
  }

  async addTeamMember(tx: Tx, caseId: string, userId: string, lead: boolean): Promise<void> {
    await tx.insert(CaseTeamMember, { caseId, userId, lead });
  }

  /** Keyset page, newest first: (created_at, id) descending. */
  async list(filter: CaseListFilter): Promise<CaseRow[]> {
    const params: unknown[] = [...filter.visible.params];
    const conditions = [filter.visible.sql];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) conditions.push(`c.status = ${param(filter.status)}`);
    if (filter.areaId) conditions.push(`c.area_id = ${param(filter.areaId)}::uuid`);
    if (filter.q) {
      const pattern = param(likeContains(filter.q));
      conditions.push(
        `(c.code_name ILIKE ${pattern} ESCAPE '\\' OR c.summary ILIKE ${pattern} ESCAPE '\\')`,
      );
    }
    if (filter.after) {
      conditions.push(
        `(c.created_at, c.id) < (${param(filter.after[0])}::timestamptz, ${param(filter.after[1])}::uuid)`,
      );
    }
    const sql = `${SELECT_CASE_LIST} WHERE ${conditions.join(' AND ')}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ${param(filter.limit + 1)}`;
    return this.keys.ready(await this.dataSource.query<CaseRow[]>(sql, params));
  }

  /**
   * Applies the change only if the row still has `version` (conditional
   * UPDATE); sensitive fields are encrypted on the way in.
   */
  async updateIfVersion(
    tx: Tx,
    id: string,
    version: number,
    changes: CaseChanges,
  ): Promise<boolean> {
    const set: Record<string, unknown> = { ...changes };
    for (const field of SENSITIVE_CASE_FIELDS) {
      if (changes[field] !== undefined) {
        await this.keys.forWrite(id, tx);
        set[field] = this.cipher.encryptNullable(changes[field], this.where(id, field));
      }
    }
    const result = await tx
      .createQueryBuilder()
      .update(DialogueCase)
      .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Moves the case only if its status is still `from`; true when it moved. */
  async updateStatusIf(
    tx: Tx,
    id: string,
    from: CaseStatus,
    to: CaseStatus,
    statusBeforeSuspension: CaseStatus | null,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(DialogueCase)
      .set({
        status: to,
        statusBeforeSuspension,
        version: () => 'version + 1',
        updatedAt: () => 'now()',
      })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async insertTransition(
    tx: Tx,
    row: Omit<TransitionRow, 'occurredAt'> & { caseId: string },
  ): Promise<void> {
    await this.keys.forWrite(row.caseId, tx);
    await tx.insert(CaseTransition, {
      ...row,
      reason: this.cipher.encrypt(row.reason, {
        table: 'case_transition',
        column: 'reason',
        rowId: row.id,
        caseId: row.caseId,
      }),
    });
  }

  /** The transitions of a case, newest first, reasons decrypted. */
  async transitions(caseId: string, limit: number): Promise<TransitionRow[]> {
    const rows = await this.keys.ready(
      await this.dataSource.manager.find(CaseTransition, {
        where: { caseId },
        order: { occurredAt: 'DESC', id: 'DESC' },
        take: limit,
      }),
    );
    return rows.map((t) => ({
      id: t.id,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      reason: this.cipher.decrypt(t.reason, {
        table: 'case_transition',
        column: 'reason',
        rowId: t.id,
      }),
      actorUserId: t.actorUserId,
      occurredAt: t.occurredAt,
    }));
  }

  /** Audit events about the case (ids and field names only), newest first. */
  async auditTrail(caseId: string, exclude: string[], limit: number): Promise<CaseAuditRow[]> {
    return this.dataSource.query(
      `SELECT action, actor_user_id AS "actorUserId", occurred_at AS "occurredAt",
              CASE WHEN jsonb_typeof(details -> 'fields') = 'array'
                   THEN ARRAY(SELECT jsonb_array_elements_text(details -> 'fields')) END AS fields
         FROM audit_event
        WHERE entity_id = $1 AND NOT (action = ANY($2))
        ORDER BY id DESC LIMIT $3`,
      [caseId, exclude, limit],
    );
  }
}
