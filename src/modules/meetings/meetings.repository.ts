import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CaseKeys } from '../../common/crypto/case-keys';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { CaseErasureHooks } from '../cases';
import { MEETING_OVERLAP_CONSTRAINT, MeetingAttendee } from './meeting-attendee.entity';
import { MeetingStatus } from './meeting-status';
import { Meeting } from './meeting.entity';

/** A meeting as read, sensitive columns still encrypted, with its attendees and its case's commune. */
export interface MeetingRow {
  id: string;
  caseId: string;
  scheduledAt: Date;
  durationMinutes: number;
  status: MeetingStatus;
  agenda: string | null;
  languages: string[];
  interpreterNeeded: boolean;
  locationDetail: string | null;
  outcomeNotes: string | null;
  partyIds: string[];
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** scheduled_at with microseconds, for keyset cursors. */
  scheduledAtKey: string;
  attendeeUserIds: string[];
  /** The case's commune. */
  areaId: string;
  associationId: string;
}

export type SensitiveMeetingField = 'locationDetail' | 'outcomeNotes';
export const SENSITIVE_MEETING_FIELDS: readonly SensitiveMeetingField[] = [
  'locationDetail',
  'outcomeNotes',
];
const COLUMN_OF: Record<SensitiveMeetingField, string> = {
  locationDetail: 'location_detail',
  outcomeNotes: 'outcome_notes',
};

export interface NewMeeting {
  id: string;
  caseId: string;
  scheduledAt: Date;
  durationMinutes: number;
  agenda: string | null;
  languages: string[];
  interpreterNeeded: boolean;
  locationDetail: string | null;
  partyIds: string[];
  createdBy: string;
}

export type MeetingChanges = Partial<
  Pick<
    Meeting,
    | 'scheduledAt'
    | 'durationMinutes'
    | 'agenda'
    | 'languages'
    | 'interpreterNeeded'
    | 'locationDetail'
    | 'outcomeNotes'
    | 'partyIds'
    | 'status'
  >
>;

export interface MeetingListFilter {
  /** SQL condition on alias `c` (AccessService.visibleCases), parameters from $1. */
  visible: { sql: string; params: unknown[] };
  caseId?: string;
  from?: Date;
  to?: Date;
  after: [string, string] | null;
  limit: number;
}

/** The other meeting a booking clashed with. */
export interface Clash {
  meetingId: string;
  caseId: string;
  userId: string;
  scheduledAt: Date;
  durationMinutes: number;
}

/** The database refused a booking: an attendee is already in an overlapping active meeting. */
export class AttendeeOverlap extends Error {
  constructor() {
    super('meeting overlap');
    this.name = 'AttendeeOverlap';
  }
}

const SELECT_MEETING = `
  SELECT mt.id, mt.case_id AS "caseId", mt.scheduled_at AS "scheduledAt",
         mt.duration_minutes AS "durationMinutes", mt.status, mt.agenda, mt.languages,
         mt.interpreter_needed AS "interpreterNeeded", mt.location_detail AS "locationDetail",
         mt.outcome_notes AS "outcomeNotes", mt.party_ids::text[] AS "partyIds",
         mt.created_by AS "createdBy", mt.version, mt.created_at AS "createdAt",
         mt.updated_at AS "updatedAt",
         to_char(mt.scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "scheduledAtKey",
         coalesce((SELECT array_agg(a.user_id::text ORDER BY a.user_id)
                     FROM meeting_attendee a WHERE a.meeting_id = mt.id), '{}') AS "attendeeUserIds",
         c.area_id AS "areaId", c.association_id AS "associationId"
    FROM meeting mt
    JOIN dialogue_case c ON c.id = mt.case_id`;

/** The attendee range of a meeting: [start, start + duration). */
function during(scheduledAt: Date, durationMinutes: number): string {
  const end = new Date(scheduledAt.getTime() + durationMinutes * 60_000);
  return `[${scheduledAt.toISOString()},${end.toISOString()})`;
}

function isOverlap(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23P01' && driver.constraint === MEETING_OVERLAP_CONSTRAINT;
}

@Injectable()
export class MeetingsRepository implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly keys: CaseKeys,
    private readonly erasure: CaseErasureHooks,
  ) {}

  /** An erased case's meetings keep their dates and statuses; their agendas go. */
  onModuleInit(): void {
    this.erasure.register((tx, caseId) =>
      tx.query('UPDATE meeting SET agenda = NULL WHERE case_id = $1', [caseId]),
    );
  }

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private where(id: string, field: SensitiveMeetingField, caseId?: string | null) {
    return { table: 'meeting', column: COLUMN_OF[field], rowId: id, caseId };
  }

  decrypt(row: MeetingRow, field: SensitiveMeetingField): string | null {
    return this.cipher.decryptNullable(row[field], this.where(row.id, field));
  }

  async findById(id: string, tx?: Tx): Promise<MeetingRow | null> {
    const rows: MeetingRow[] = await this.manager(tx).query(`${SELECT_MEETING} WHERE mt.id = $1`, [
      id,
    ]);
    return (await this.keys.ready(rows, tx))[0] ?? null;
  }

  /** The case a meeting belongs to, or null: the first step of every access check. */
  async caseIdOf(id: string, tx?: Tx): Promise<string | null> {
    const rows: { caseId: string }[] = await this.manager(tx).query(
      'SELECT case_id AS "caseId" FROM meeting WHERE id = $1',
      [id],
    );
    return rows[0]?.caseId ?? null;
  }

  /** Those of `userIds` who are not on the case team. */
  async notOnTeam(caseId: string, userIds: string[], tx?: Tx): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { id: string }[] = await this.manager(tx).query(
      `SELECT u.id::text AS id FROM unnest($2::uuid[]) AS u(id)
        WHERE NOT EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = $1 AND m.user_id = u.id)
        ORDER BY 1`,
      [caseId, userIds],
    );
    return rows.map((r) => r.id);
  }

  /** Those of `partyIds` that are not parties of the case. */
  async notParties(caseId: string, partyIds: string[], tx?: Tx): Promise<string[]> {
    if (partyIds.length === 0) return [];
    const rows: { id: string }[] = await this.manager(tx).query(
      `SELECT p.id::text AS id FROM unnest($2::uuid[]) AS p(id)
        WHERE NOT EXISTS (SELECT 1 FROM case_party cp WHERE cp.case_id = $1 AND cp.id = p.id)
        ORDER BY 1`,
      [caseId, partyIds],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts the meeting (status planned), its location encrypted; false if the id exists. */
  async insertIfAbsent(tx: Tx, row: NewMeeting): Promise<boolean> {
    await this.keys.forWrite(row.caseId, tx);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(Meeting)
      .values({
        ...row,
        status: 'planned',
        outcomeNotes: null,
        version: 1,
        locationDetail: this.cipher.encryptNullable(
          row.locationDetail,
          this.where(row.id, 'locationDetail', row.caseId),
        ),
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * Replaces the meeting's attendee rows. The exclusion constraint refuses an
   * overlapping active booking of any attendee: AttendeeOverlap (the
   * transaction is then aborted and must be rolled back).
   */
  async setAttendees(
    tx: Tx,
    meetingId: string,
    userIds: string[],
    scheduledAt: Date,
    durationMinutes: number,
    active: boolean,
  ): Promise<void> {
    await tx.delete(MeetingAttendee, { meetingId });
    if (userIds.length === 0) return;
    try {
      await tx.query(
        `INSERT INTO meeting_attendee (meeting_id, user_id, during, active)
         SELECT $1, u.id, $3::tstzrange, $4 FROM unnest($2::uuid[]) AS u(id)`,
        [meetingId, userIds, during(scheduledAt, durationMinutes), active],
      );
    } catch (error) {
      if (isOverlap(error)) throw new AttendeeOverlap();
      throw error;
    }
  }

  /** Frees (or holds again) the attendees' slots of a meeting. */
  async setAttendeesActive(tx: Tx, meetingId: string, active: boolean): Promise<void> {
    await tx.update(MeetingAttendee, { meetingId }, { active });
  }

  /**
   * An active meeting (other than `exceptMeetingId`) of one of `userIds`
   * overlapping the range: the clash the database refused, read after the
   * refused transaction rolled back.
   */
  async findClash(
    userIds: string[],
    scheduledAt: Date,
    durationMinutes: number,
    exceptMeetingId: string,
  ): Promise<Clash | null> {
    const rows: Clash[] = await this.dataSource.query(
      `SELECT mt.id AS "meetingId", mt.case_id AS "caseId", a.user_id AS "userId",
              mt.scheduled_at AS "scheduledAt", mt.duration_minutes AS "durationMinutes"
         FROM meeting_attendee a JOIN meeting mt ON mt.id = a.meeting_id
        WHERE a.active AND a.user_id = ANY($1::uuid[]) AND a.during && $2::tstzrange
          AND a.meeting_id <> $3
        ORDER BY mt.scheduled_at, mt.id LIMIT 1`,
      [userIds, during(scheduledAt, durationMinutes), exceptMeetingId],
    );
    return rows[0] ?? null;
  }

  /** Keyset page in calendar order: (scheduled_at, id) ascending. */
  async list(filter: MeetingListFilter): Promise<MeetingRow[]> {
    const params: unknown[] = [...filter.visible.params];
    const conditions = [filter.visible.sql];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.caseId) conditions.push(`mt.case_id = ${param(filter.caseId)}::uuid`);
    if (filter.from) conditions.push(`mt.scheduled_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to) conditions.push(`mt.scheduled_at < ${param(filter.to)}::timestamptz`);
    if (filter.after) {
      conditions.push(
        `(mt.scheduled_at, mt.id) > (${param(filter.after[0])}::timestamptz, ${param(filter.after[1])}::uuid)`,
      );
    }
    const sql = `${SELECT_MEETING} WHERE ${conditions.join(' AND ')}
      ORDER BY mt.scheduled_at ASC, mt.id ASC LIMIT ${param(filter.limit + 1)}`;
    return this.keys.ready(await this.dataSource.query<MeetingRow[]>(sql, params));
  }

  /**
   * Applies the change only if the row still has `version` (conditional
   * UPDATE) and, when given, still has one of `statuses`; sensitive fields
   * are encrypted on the way in.
   */
  async updateIf(
    tx: Tx,
    id: string,
    condition: { version?: number; statuses?: readonly MeetingStatus[] },
    changes: MeetingChanges,
  ): Promise<boolean> {
    const set: Record<string, unknown> = { ...changes };
    const sensitive = SENSITIVE_MEETING_FIELDS.filter((field) => changes[field] !== undefined);
    const caseId = sensitive.length > 0 ? await this.caseIdOf(id, tx) : null;
    if (caseId) await this.keys.forWrite(caseId, tx);
    for (const field of sensitive) {
      set[field] = this.cipher.encryptNullable(changes[field], this.where(id, field, caseId));
    }
    const qb = tx
      .createQueryBuilder()
      .update(Meeting)
      .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id });
    if (condition.version !== undefined)
      qb.andWhere('version = :version', { version: condition.version });
    if (condition.statuses)
      qb.andWhere('status IN (:...statuses)', { statuses: condition.statuses });
    const result = await qb.execute();
    return (result.affected ?? 0) === 1;
  }
}
