import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService, CaseAccess } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, pageOf } from '../../common/http/pagination';
import { Transactions } from '../../database/transactions';
import { CoverageQuestion, MissionOrderCoverageService } from '../mission-orders';
import { MeetingRules } from './meeting-rules';
import { CreateMeetingDto } from './dto/create-meeting.dto';
import { ListMeetingsQueryDto } from './dto/list-meetings.query';
import { MeetingOutcomeDto } from './dto/meeting-outcome.dto';
import { MeetingResponse, MissionOrderCoverageResponse } from './dto/meeting.response';
import { UpdateMeetingDto } from './dto/update-meeting.dto';
import { holdsSlot, isOpen, MeetingStatus } from './meeting-status';
import { endOf, toMeetingResponse } from './meetings.mapper';
import {
  AttendeeOverlap,
  MeetingChanges,
  MeetingRow,
  MeetingsRepository,
  SENSITIVE_MEETING_FIELDS,
} from './meetings.repository';

const OPEN_STATUSES: readonly MeetingStatus[] = ['planned', 'postponed'];

/**
 * Meetings of a dialogue case. Every call resolves the meeting to its case
 * through AccessService (not visible → 404, as for a random id). Double
 * bookings are refused by the database (exclusion constraint on the
 * attendees' time ranges), not by a read-then-write check.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly rules: MeetingRules,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly coverage: MissionOrderCoverageService,
  ) {}

  async create(
    principal: Principal,
    caseId: string,
    dto: CreateMeetingDto,
  ): Promise<MeetingResponse> {
    const access = await this.access.caseFor(principal, caseId);
    if (dto.locationDetail !== undefined && !access.mayReadSensitive) {
      throw new AppError('forbidden');
    }
    await this.rules.checkReferences(caseId, dto.attendeeUserIds, dto.partyIds);
    const scheduledAt = new Date(dto.scheduledAt);

    if (dto.id) {
      const existing = await this.meetings.findById(dto.id);
      if (existing) return this.sameMeeting(principal, access, existing, dto);
    }
    const id = dto.id ?? randomUUID();
    try {
      await this.transactions.run(async (tx) => {
        const inserted = await this.meetings.insertIfAbsent(tx, {
          id,
          caseId,
          scheduledAt,
          durationMinutes: dto.durationMinutes,
          agenda: dto.agenda ?? null,
          languages: dto.languages ?? [],
          interpreterNeeded: dto.interpreterNeeded ?? false,
          locationDetail: dto.locationDetail ?? null,
          partyIds: dto.partyIds ?? [],
          createdBy: principal.userId,
        });
        if (!inserted) throw new AppError('duplicate');
        await this.meetings.setAttendees(
          tx,
          id,
          dto.attendeeUserIds,
          scheduledAt,
          dto.durationMinutes,
          true,
        );
        await this.audit.record(tx, {
          action: 'meeting.create',
          entityType: 'meeting',
          entityId: id,
          associationId: access.associationId,
          details: { ids: [caseId], fields: fieldNames(dto, ['id']) },
        });
      });
    } catch (error) {
      if (error instanceof AttendeeOverlap) {
        throw await this.rules.overlap(
          principal,
          dto.attendeeUserIds,
          scheduledAt,
          dto.durationMinutes,
          id,
        );
      }
      throw error;
    }
    const row = (await this.meetings.findById(id)) as MeetingRow;
    // The creator wrote this value: the team gets it back, unaudited (as for cases).
    return toMeetingResponse(
      row,
      await this.coverageOf(row),
      access.mayReadSensitive
        ? { locationDetail: dto.locationDetail ?? null, outcomeNotes: null }
        : undefined,
    );
  }

  /** The caller's visible meetings in calendar order, keyset by (scheduledAt, id). */
  async list(principal: Principal, query: ListMeetingsQueryDto): Promise<Page<MeetingResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    const rows = await this.meetings.list({
      visible: this.access.visibleCases(principal, 'c', 1),
      caseId: query.caseId,
      from,
      to,
      after,
      limit,
    });
    const page = pageOf(rows, limit, (r) => [r.scheduledAtKey, r.id]);
    // Lists never carry the sensitive fields: read one meeting to see them.
    const coverage = await this.coverage.coverageOfMany(page.rows.map(coverageQuestion));
    const items = page.rows.map((row, i) => toMeetingResponse(row, coverage[i]));
    return { items, nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<MeetingResponse> {
    const { access } = await this.resolve(principal, id);
    const row = await this.meetings.findById(id);
    if (!row) throw new AppError('not_found');
    return this.present(access, row);
  }

  /** Conditional update on the version the client read; rescheduling is re-checked by the database. */
  async update(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateMeetingDto,
  ): Promise<MeetingResponse> {
    const { access, caseId } = await this.resolve(principal, id);
    if (dto.locationDetail !== undefined && !access.mayReadSensitive) {
      throw new AppError('forbidden');
    }
    await this.rules.checkReferences(caseId, dto.attendeeUserIds, dto.partyIds);
    const changes: MeetingChanges = {
      agenda: dto.agenda,
      languages: dto.languages,
      interpreterNeeded: dto.interpreterNeeded,
      locationDetail: dto.locationDetail,
      partyIds: dto.partyIds,
      durationMinutes: dto.durationMinutes,
      scheduledAt: dto.scheduledAt === undefined ? undefined : new Date(dto.scheduledAt),
    };
    for (const key of Object.keys(changes) as (keyof MeetingChanges)[]) {
      if (changes[key] === undefined) delete changes[key];
    }
    const reschedules =
      dto.scheduledAt !== undefined ||
      dto.durationMinutes !== undefined ||
      dto.attendeeUserIds !== undefined;
    let attempted: MeetingRow | null = null;
    try {
      const row = await this.transactions.run(async (tx) => {
        const updated = await this.meetings.updateIf(
          tx,
          id,
          { version, statuses: OPEN_STATUSES },
          changes,
        );
        const current = await this.meetings.findById(id, tx);
        if (!current) throw new AppError('not_found');
        if (!updated) {
          if (current.version !== version) {
            throw new AppError('stale_version', {
              extensions: { currentVersion: current.version },
            });
          }
          throw new AppError('meeting_closed', { extensions: { currentStatus: current.status } });
        }
        attempted = current;
        if (reschedules) {
          await this.meetings.setAttendees(
            tx,
            id,
            dto.attendeeUserIds ?? current.attendeeUserIds,
            current.scheduledAt,
            current.durationMinutes,
            holdsSlot(current.status),
          );
        }
        const after = (await this.meetings.findById(id, tx)) as MeetingRow;
        await this.audit.record(tx, {
          action: 'meeting.update',
          entityType: 'meeting',
          entityId: id,
          associationId: access.associationId,
          details: { ids: [caseId], fields: fieldNames(dto) },
        });
        return after;
      });
      return await this.present(access, row);
    } catch (error) {
      const tried = attempted as MeetingRow | null;
      if (error instanceof AttendeeOverlap && tried) {
        throw await this.rules.overlap(
          principal,
          dto.attendeeUserIds ?? tried.attendeeUserIds,
          tried.scheduledAt,
          tried.durationMinutes,
          id,
        );
      }
      throw error;
    }
  }

  /** Held or cancelled frees the attendees' slots; postponed moves them to the new time. */
  async outcome(
    principal: Principal,
    id: string,
    dto: MeetingOutcomeDto,
  ): Promise<MeetingResponse> {
    const { access, caseId } = await this.resolve(principal, id);
    if (dto.outcomeNotes !== undefined && !access.mayReadSensitive) {
      throw new AppError('forbidden');
    }
    let rescheduledAt: Date | undefined;
    if (dto.status === 'postponed') {
      if (dto.rescheduledAt === undefined) {
        throw fieldError('rescheduledAt', 'is required to postpone', 'isDefined');
      }
      rescheduledAt = new Date(dto.rescheduledAt);
      if (rescheduledAt.getTime() <= Date.now()) {
        throw fieldError('rescheduledAt', 'must be in the future', 'min');
      }
    } else if (dto.rescheduledAt !== undefined) {
      throw fieldError('rescheduledAt', 'only with postponed', 'whitelistValidation');
    }
    const current = await this.meetings.findById(id);
    if (!current) throw new AppError('not_found');
    if (!isOpen(current.status)) {
      throw new AppError('meeting_closed', { extensions: { currentStatus: current.status } });
    }
    const changes: MeetingChanges = { status: dto.status };
    if (dto.outcomeNotes !== undefined) changes.outcomeNotes = dto.outcomeNotes;
    if (rescheduledAt) changes.scheduledAt = rescheduledAt;
    try {
      const row = await this.transactions.run(async (tx) => {
        const moved = await this.meetings.updateIf(
          tx,
          id,
          { version: current.version, statuses: [current.status] },
          changes,
        );
        if (!moved) throw new AppError('conflict');
        if (rescheduledAt) {
          await this.meetings.setAttendees(
            tx,
            id,
            current.attendeeUserIds,
            rescheduledAt,
            current.durationMinutes,
            true,
          );
        } else {
          await this.meetings.setAttendeesActive(tx, id, false);
        }
        const after = (await this.meetings.findById(id, tx)) as MeetingRow;
        await this.audit.record(tx, {
          action: 'meeting.outcome',
          entityType: 'meeting',
          entityId: id,
          associationId: access.associationId,
          details: {
            ids: [caseId],
            from: current.status,
            to: dto.status,
            fields: fieldNames(dto, ['status']),
          },
        });
        return after;
      });
      return await this.present(access, row);
    } catch (error) {
      if (error instanceof AttendeeOverlap && rescheduledAt) {
        throw await this.rules.overlap(
          principal,
          current.attendeeUserIds,
          rescheduledAt,
          current.durationMinutes,
          id,
        );
      }
      throw error;
    }
  }

  /** The meeting's case and the caller's access to it; 404 for an invisible or unknown id. */
  private async resolve(
    principal: Principal,
    id: string,
  ): Promise<{ access: CaseAccess; caseId: string }> {
    const caseId = await this.meetings.caseIdOf(id);
    if (!caseId) throw new AppError('not_found');
    return { access: await this.access.caseFor(principal, caseId), caseId };
  }

  private coverageOf(row: MeetingRow): Promise<MissionOrderCoverageResponse> {
    const q = coverageQuestion(row);
    return this.coverage.coverage(q.userIds, q.communeId, q.from, q.until);
  }

  /** The response for this caller; the team's read of sensitive values is audited. */
  private async present(access: CaseAccess, row: MeetingRow): Promise<MeetingResponse> {
    const coverage = await this.coverageOf(row);
    if (!access.mayReadSensitive) return toMeetingResponse(row, coverage);
    const read = SENSITIVE_MEETING_FIELDS.filter((f) => row[f] !== null);
    const sensitive = {
      locationDetail: this.meetings.decrypt(row, 'locationDetail'),
      outcomeNotes: this.meetings.decrypt(row, 'outcomeNotes'),
    };
    if (read.length > 0) {
      await this.audit.recordNow({
        action: 'meeting.read_sensitive',
        entityType: 'meeting',
        entityId: row.id,
        associationId: row.associationId,
        details: { ids: [row.caseId], fields: [...read].sort() },
      });
    }
    return toMeetingResponse(row, coverage, sensitive);
  }

  /** A repeated create with a known id is accepted only if it is the same meeting, by its creator. */
  private async sameMeeting(
    principal: Principal,
    access: CaseAccess,
    existing: MeetingRow,
    dto: CreateMeetingDto,
  ): Promise<MeetingResponse> {
    const same =
      existing.caseId === access.caseId &&
      existing.createdBy === principal.userId &&
      existing.scheduledAt.getTime() === new Date(dto.scheduledAt).getTime() &&
      existing.durationMinutes === dto.durationMinutes;
    if (!same) throw new AppError('duplicate');
    return this.present(access, existing);
  }
}

function fieldError(field: string, message: string, code: string): AppError {
  return new AppError('validation_failed', { errors: [{ field, message, code }] });
}

/** Whether the meeting's attendees are covered by mission orders in its commune, for its whole time. */
function coverageQuestion(row: MeetingRow): CoverageQuestion {
  return {
    userIds: row.attendeeUserIds,
    communeId: row.areaId,
    from: row.scheduledAt,
    until: endOf(row),
  };
}
