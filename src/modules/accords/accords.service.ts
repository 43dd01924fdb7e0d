import { NotificationsRepository } from '../notifications';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService, CaseAccess } from '../../common/access/access.service';
import { fieldNames } from '../../common/audit/audit-input';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { DEFAULT_PAGE_SIZE, decodeTimeIdCursor, Page, pageOf } from '../../common/http/pagination';
import { Transactions, Tx } from '../../database/transactions';
import { CaseStatus, decideTransition } from '../cases/vocabulary';
import { CasesRepository } from '../cases';
import {
  accordHealth,
  implementationScore,
  nextCheckDueOf,
  RECENT_INCIDENT_DAYS,
} from './accord-health';
import {
  AccordDetailResponse,
  AccordResponse,
  AssessmentResponse,
  FlagResponse,
  FollowUpResponse,
  TermHistoryResponse,
  TermResponse,
} from './dto/accord.response';
import { CreateAccordDto } from './dto/create-accord.dto';
import { CreateFollowUpDto } from './dto/create-follow-up.dto';
import { CreateTermDto } from './dto/create-term.dto';
import { RaiseFlagDto, ResolveFlagDto } from './dto/flag.dto';
import { ListAccordsQueryDto } from './dto/list-accords.query';
import { UpdateTermDto } from './dto/update-term.dto';
import {
  AccordRow,
  AccordsRepository,
  FlagRow,
  FollowUpRow,
  TermChanges,
  TermRow,
} from './accords.repository';
import {
  AccordStanding,
  scoreOf,
  toAccordResponse,
  toFlagResponse,
  toFollowUpResponse,
  toTermResponse,
} from './accords.mapper';

const DAY_MS = 86_400_000;

/** Reasons written (encrypted) on the case transitions an accord or a flag causes. */
const FIRST_ACCORD_REASON = 'First accord recorded';
const HIGH_FLAG_REASON = 'High-severity flag raised on an accord';

/**
 * Accords of a dialogue case, their terms (amendments keep revisions),
 * follow-up checks and flags. Everything resolves to its case through
 * AccessService.caseFor (not visible → 404). Term text, summaries, notes and
 * flag reasons are encrypted; they are decrypted for whoever sees the case
 * (access.md lists no team-only restriction for them) and every such read is
 * audited.
 */
@Injectable()
export class AccordsService {
  constructor(
    private readonly accords: AccordsRepository,
    private readonly cases: CasesRepository,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsRepository,
  ) {}

  // ---- accords ----

  async create(
    principal: Principal,
    caseId: string,
    dto: CreateAccordDto,
  ): Promise<AccordResponse> {
    const access = await this.access.caseFor(principal, caseId);
    if (dto.meetingId && !(await this.accords.meetingOfCase(caseId, dto.meetingId))) {
      throw invalidReference('meetingId', 'not a meeting of the case');
    }
    if (dto.id) {
      const existing = await this.accords.findAccord(dto.id);
      if (existing) {
        const same =
          existing.caseId === caseId &&
          existing.createdBy === principal.userId &&
          existing.concludedAt.getTime() === new Date(dto.concludedAt).getTime();
        if (!same) throw new AppError('duplicate');
        return this.presentAccord(existing);
      }
    }
    const id = dto.id ?? randomUUID();
    await this.transactions.run(async (tx) => {
      const inserted = await this.accords.insertAccordIfAbsent(tx, {
        id,
        caseId,
        concludedAt: new Date(dto.concludedAt),
        meetingId: dto.meetingId ?? null,
        form: dto.form,
        kind: dto.kind,
        monitoringMechanism: dto.monitoringMechanism ?? null,
        followUpIntervalDays: dto.followUpIntervalDays ?? 30,
        summary: dto.summary ?? null,
        createdBy: principal.userId,
      });
      if (!inserted) throw new AppError('duplicate');
      const moves =
        (await this.accords.countAccords(tx, caseId)) === 1
          ? await this.moveCase(
              tx,
              principal,
              access,
              ['accord_reached'],
              ['negotiating'],
              FIRST_ACCORD_REASON,
            )
          : [];
      await this.recordMoves(tx, caseId, access, moves);
      await this.audit.record(tx, {
        action: 'accord.create',
        entityType: 'accord',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [caseId], fields: fieldNames(dto, ['id']) },
      });
    });
    const row = (await this.accords.findAccord(id)) as AccordRow;
    // The creator wrote the summary: it comes back unaudited (as for cases and meetings).
    return toAccordResponse(row, await this.standing(row), dto.summary ?? null);
  }

  /** The accords of a case, latest concluded first; lists never carry the summary. */
  async list(
    principal: Principal,
    caseId: string,
    query: ListAccordsQueryDto,
  ): Promise<Page<AccordResponse>> {
    await this.access.caseFor(principal, caseId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.accords.listAccords(caseId, after, limit);
    const page = pageOf(rows, limit, (r) => [r.concludedAtKey, r.id]);
    const standings = await this.standings(page.rows);
    const items = page.rows.map((row, i) => toAccordResponse(row, standings[i]));
    return { items, nextCursor: page.nextCursor };
  }

  /** One accord with its terms (each with its latest assessment), flags and health. */
  async get(principal: Principal, id: string): Promise<AccordDetailResponse> {
    await this.resolveAccord(principal, id);
    const row = await this.accords.findAccord(id);
    if (!row) throw new AppError('not_found');
    const [standing, terms, latest, flags] = await Promise.all([
      this.standing(row),
      this.accords.termsOf(id),
      this.accords.latestAssessments(id),
      this.accords.flagsOf(id),
    ]);
    const latestOf = new Map(latest.map((a) => [a.termId, a]));
    const termResponses = terms.map((t): TermResponse => {
      const a = latestOf.get(t.id);
      return {
        ...toTermResponse(t, this.termText(t)),
        latestAssessment: a
          ? {
              followUpId: a.followUpId,
              checkedAt: a.checkedAt.toISOString(),
              status: a.status,
              note: this.accords.open('follow_up_assessment', 'note', a.id, a.note),
            }
          : null,
      };
    });
    const fields = [
      ...(row.summary !== null ? ['summary'] : []),
      ...(terms.length > 0 ? ['terms.text'] : []),
      ...(latest.some((a) => a.note !== null) ? ['assessments.note'] : []),
      ...(flags.length > 0 ? ['flags.reason'] : []),
      ...(flags.some((f) => f.resolutionNote !== null) ? ['flags.resolution_note'] : []),
    ];
    if (fields.length > 0) {
      await this.audit.recordNow({
        action: 'accord.read_sensitive',
        entityType: 'accord',
        entityId: id,
        associationId: row.associationId,
        details: { ids: [row.caseId], fields: fields.sort(), count: terms.length },
      });
    }
    return {
      ...toAccordResponse(row, standing, this.accords.open('accord', 'summary', id, row.summary)),
      terms: termResponses,
      flags: flags.map((f) => this.flagResponse(f)),
    };
  }

  // ---- terms ----

  async addTerm(principal: Principal, accordId: string, dto: CreateTermDto): Promise<TermResponse> {
    const { access, caseId } = await this.resolveAccord(principal, accordId);
    await this.checkParties(caseId, dto.obligorPartyId, dto.beneficiaryPartyId);
    if (dto.id) {
      const existing = await this.accords.findTerm(dto.id);
      if (existing) {
        if (existing.accordId !== accordId) throw new AppError('duplicate');
        return this.presentTerm(access, existing);
      }
    }
    const id = dto.id ?? randomUUID();
    const row = await this.transactions.run(async (tx) => {
      const inserted = await this.accords.insertTermIfAbsent(tx, {
        id,
        accordId,
        text: dto.text,
        category: dto.category,
        obligorPartyId: dto.obligorPartyId,
        beneficiaryPartyId: dto.beneficiaryPartyId ?? null,
        isConcession: dto.isConcession ?? false,
        deadline: dto.deadline ?? null,
      });
      if (!inserted) throw new AppError('duplicate');
      await this.audit.record(tx, {
        action: 'accord_term.create',
        entityType: 'accord_term',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [accordId, caseId], fields: fieldNames(dto, ['id']) },
      });
      // Read back before the commit (see CasesService.create).
      return (await this.accords.findTerm(id, tx)) as TermRow;
    });
    return toTermResponse(row, dto.text);
  }

  /** Amends a term on the version the client read; the previous text and category become a revision. */
  async updateTerm(
    principal: Principal,
    id: string,
    version: number,
    dto: UpdateTermDto,
  ): Promise<TermResponse> {
    const { access, caseId, accordId } = await this.resolveTerm(principal, id);
    if (dto.obligorPartyId !== undefined || dto.beneficiaryPartyId !== undefined) {
      await this.checkParties(caseId, dto.obligorPartyId, dto.beneficiaryPartyId);
    }
    if (dto.meetingId && !(await this.accords.meetingOfCase(caseId, dto.meetingId))) {
      throw invalidReference('meetingId', 'not a meeting of the case');
    }
    const changes: TermChanges = {
      text: dto.text,
      category: dto.category,
      obligorPartyId: dto.obligorPartyId,
      beneficiaryPartyId: dto.beneficiaryPartyId,
      isConcession: dto.isConcession,
      deadline: dto.deadline,
    };
    for (const key of Object.keys(changes) as (keyof TermChanges)[]) {
      if (changes[key] === undefined) delete changes[key];
    }
    const row = await this.transactions.run(async (tx) => {
      // Locked, so the revision keeps exactly the text this amendment replaces.
      const before = await this.accords.findTerm(id, tx, true);
      if (!before) throw new AppError('not_found');
      const updated = await this.accords.updateTermIfVersion(tx, id, version, changes);
      if (!updated) {
        throw new AppError('stale_version', { extensions: { currentVersion: before.version } });
      }
      await this.accords.insertRevision(tx, {
        id: randomUUID(),
        termId: id,
        previousText: this.termText(before),
        previousCategory: before.category,
        meetingId: dto.meetingId ?? null,
        changedBy: principal.userId,
      });
      const after = (await this.accords.findTerm(id, tx)) as TermRow;
      await this.audit.record(tx, {
        action: 'accord_term.update',
        entityType: 'accord_term',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [accordId, caseId], fields: fieldNames(dto) },
      });
      return after;
    });
    return dto.text !== undefined ? toTermResponse(row, dto.text) : this.presentTerm(access, row);
  }

  /** The revisions of a term (who, when, which meeting, previous text), newest first. */
  async termHistory(principal: Principal, id: string): Promise<TermHistoryResponse> {
    const { access, caseId } = await this.resolveTerm(principal, id);
    const revisions = await this.accords.revisionsOf(id);
    if (revisions.length > 0) {
      await this.audit.recordNow({
        action: 'accord_term.read_sensitive',
        entityType: 'accord_term',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [caseId], fields: ['revisions.previous_text'], count: revisions.length },
      });
    }
    return {
      termId: id,
      items: revisions.map((r) => ({
        id: r.id,
        previousText: this.accords.open(
          'accord_term_revision',
          'previous_text',
          r.id,
          r.previousText,
        ) as string,
        previousCategory: r.previousCategory,
        meetingId: r.meetingId,
        changedBy: r.changedBy,
        changedAt: r.changedAt.toISOString(),
      })),
    };
  }

  // ---- follow-ups ----

  async addFollowUp(
    principal: Principal,
    accordId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpResponse> {
    const accord = await this.accords.findAccord(accordId);
    if (!accord) throw new AppError('not_found');
    const caseId = accord.caseId;
    const access = await this.access.caseFor(principal, caseId);
    const termIds = dto.assessments.map((a) => a.termId);
    if (new Set(termIds).size !== termIds.length) {
      throw new AppError('validation_failed', {
        errors: [{ field: 'assessments', message: 'a term is assessed twice', code: 'unique' }],
      });
    }
    const foreign = await this.accords.notTermsOf(accordId, termIds);
    if (foreign.length > 0) {
      throw invalidReference('assessments', 'not a term of this accord');
    }
    if (dto.id && (await this.accords.findFollowUp(dto.id))) throw new AppError('duplicate');
    const id = dto.id ?? randomUUID();
    const checkedAt = new Date(dto.checkedAt);
    const nextCheckDue = dto.nextCheckDue
      ? new Date(dto.nextCheckDue)
      : new Date(checkedAt.getTime() + accord.followUpIntervalDays * DAY_MS);
    const score = implementationScore(dto.assessments.map((a) => a.status));
    const assessments = dto.assessments.map((a) => ({
      id: randomUUID(),
      termId: a.termId,
      status: a.status,
      note: a.note ?? null,
    }));
    const incidents = (dto.incidents ?? []).map((i) => ({
      id: randomUUID(),
      type: i.type,
      occurredAt: new Date(i.occurredAt),
      fatalities: i.fatalities ?? 0,
      perpetratorKind: i.perpetratorKind ?? null,
      verification: i.verification,
    }));
    const indicators = Object.fromEntries(
      Object.entries(dto.indicators ?? {}).filter(([, v]) => v !== undefined),
    );
    const row: Omit<FollowUpRow, 'createdAt' | 'checkedAtKey'> = {
      id,
      accordId,
      checkedAt,
      method: dto.method,
      indicators,
      overall: dto.overall,
      nextCheckDue,
      implementationScore: score === null ? null : score.toFixed(2),
      createdBy: principal.userId,
    };
    const createdAt = await this.transactions.run(async (tx) => {
      // One check of an accord at a time: each sees the others when it sums them up.
      await this.accords.lockAccord(tx, accordId);
      const created = await this.accords.insertFollowUp(tx, row, assessments, incidents);
      await this.accords.refreshCheckSummary(tx, accordId);
      await this.audit.record(tx, {
        action: 'follow_up.create',
        entityType: 'follow_up',
        entityId: id,
        associationId: access.associationId,
        details: {
          ids: [accordId, caseId],
          fields: fieldNames(dto, ['id']),
          count: termIds.length,
        },
      });
      return created;
    });
    // Answered from what was written; the author wrote the notes: they come back unaudited.
    return toFollowUpResponse(
      { ...row, createdAt },
      assessments.map((a) => ({ termId: a.termId, status: a.status, note: a.note })),
      incidents
        .map((i) => ({ ...i, followUpId: id }))
        .sort(
          (a, b) =>
            a.occurredAt.getTime() - b.occurredAt.getTime() ||
            (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        ),
    );
  }

  /** The checks of an accord, latest first, each with its implementationScore. */
  async listFollowUps(
    principal: Principal,
    accordId: string,
    query: ListAccordsQueryDto,
  ): Promise<Page<FollowUpResponse>> {
    const { access, caseId } = await this.resolveAccord(principal, accordId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeTimeIdCursor(query.cursor);
    const rows = await this.accords.listFollowUps(accordId, after, limit + 1);
    const { rows: slice, nextCursor } = pageOf(rows, limit, (r) => [r.checkedAtKey, r.id]);
    const ids = slice.map((r) => r.id);
    const [assessments, incidents] = await Promise.all([
      this.accords.assessmentsOf(ids),
      this.accords.incidentsOf(ids),
    ]);
    const notes = assessments.filter((a) => a.note !== null).length;
    if (notes > 0) {
      await this.audit.recordNow({
        action: 'follow_up.read_sensitive',
        entityType: 'accord',
        entityId: accordId,
        associationId: access.associationId,
        details: { ids: [caseId], fields: ['assessments.note'], count: notes },
      });
    }
    const items = slice.map((row) =>
      toFollowUpResponse(
        row,
        assessments
          .filter((a) => a.followUpId === row.id)
          .map((a): AssessmentResponse => ({
            termId: a.termId,
            status: a.status,
            note: this.accords.open('follow_up_assessment', 'note', a.id, a.note),
          })),
        incidents.filter((i) => i.followUpId === row.id),
      ),
    );
    return { items, nextCursor };
  }

  // ---- flags ----

  /** Raises a flag (team or coordinator); `high` moves the case to breaking_down. */
  async raiseFlag(
    principal: Principal,
    accordId: string,
    dto: RaiseFlagDto,
  ): Promise<FlagResponse> {
    const { access, caseId } = await this.resolveAccord(principal, accordId);
    const id = randomUUID();
    const row = await this.transactions.run(async (tx) => {
      await this.accords.insertFlag(tx, {
        id,
        accordId,
        severity: dto.severity,
        reason: dto.reason,
        raisedBy: principal.userId,
      });
      // accord_reached has not entered monitoring yet: it gets there on the way.
      const moves =
        dto.severity === 'high'
          ? await this.moveCase(
              tx,
              principal,
              access,
              ['monitoring', 'breaking_down'],
              ['accord_reached', 'monitoring'],
              HIGH_FLAG_REASON,
            )
          : [];
      await this.recordMoves(tx, caseId, access, moves);
      // "A flag raised on an accord of yours": the case's team and coordinators, not the raiser.
      const recipients = (await this.notifications.caseStakeholders(tx, caseId)).filter(
        (userId) => userId !== principal.userId,
      );
      await this.notifications.insertMany(
        tx,
        recipients.map((userId) => ({
          userId,
          kind: 'flag_raised',
          subjectType: 'accord',
          subjectId: accordId,
        })),
      );
      await this.audit.record(tx, {
        action: 'accord_flag.raise',
        entityType: 'accord_flag',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [accordId, caseId], to: dto.severity },
      });
      // Read back before the commit (see CasesService.create).
      return (await this.accords.findFlag(id, tx)) as FlagRow;
    });
    return toFlagResponse(row, dto.reason, null);
  }

  /** Resolves an open flag (a coordinator of the case's association), with a note. */
  async resolveFlag(principal: Principal, id: string, dto: ResolveFlagDto): Promise<FlagResponse> {
    const owner = await this.accords.caseIdOfFlag(id);
    if (!owner) throw new AppError('not_found');
    const access = await this.access.caseFor(principal, owner.caseId);
    if (!access.isCoordinator) throw new AppError('forbidden');
    const row = await this.transactions.run(async (tx) => {
      const resolved = await this.accords.resolveFlagIfOpen(tx, id, principal.userId, dto.note);
      if (!resolved) throw new AppError('conflict');
      const after = (await this.accords.findFlag(id, tx)) as FlagRow;
      await this.audit.record(tx, {
        action: 'accord_flag.resolve',
        entityType: 'accord_flag',
        entityId: id,
        associationId: access.associationId,
        details: { ids: [owner.accordId, owner.caseId], fields: ['note'] },
      });
      return after;
    });
    await this.audit.recordNow({
      action: 'accord_flag.read_sensitive',
      entityType: 'accord_flag',
      entityId: id,
      associationId: access.associationId,
      details: { ids: [owner.caseId], fields: ['reason'] },
    });
    return toFlagResponse(
      row,
      this.accords.open('accord_flag', 'reason', id, row.reason) as string,
      dto.note,
    );
  }

  // ---- helpers ----

  /** Health, last check, next due date and score of an accord, now. */
  async standing(row: AccordRow, now = new Date()): Promise<AccordStanding> {
    const [standing] = await this.standings([row], now);
    return standing;
  }

  /** The standing of each accord, in order, from four queries whatever their number. */
  async standings(rows: AccordRow[], now = new Date()): Promise<AccordStanding[]> {
    const ids = rows.map((r) => r.id);
    const since = new Date(now.getTime() - (RECENT_INCIDENT_DAYS + 1) * DAY_MS);
    const [checks, openFlags, incidents] = await Promise.all([
      this.accords.lastTwoFollowUps(ids),
      this.accords.openFlagSeverities(ids),
      this.accords.incidentsSince(ids, since),
    ]);
    const assessments = await this.accords.assessmentsOf(checks.map((c) => c.id));
    const of = (check: FollowUpRow | undefined) =>
      check
        ? assessments
            .filter((a) => a.followUpId === check.id)
            .map((a) => ({ termId: a.termId, status: a.status }))
        : [];
    return rows.map((row) => {
      const [last, previous] = checks.filter((c) => c.accordId === row.id);
      const input = {
        caseStatus: row.caseStatus,
        concludedAt: row.concludedAt,
        followUpIntervalDays: row.followUpIntervalDays,
        openFlags: openFlags.filter((f) => f.accordId === row.id),
        lastCheck: last
          ? {
              overall: last.overall,
              nextCheckDue: last.nextCheckDue,
              indicators: last.indicators,
              assessments: of(last),
            }
          : null,
        previousCheck: previous ? { assessments: of(previous) } : null,
        incidents: incidents.filter((i) => i.accordId === row.id),
      };
      return {
        health: accordHealth(input, now),
        lastCheckedAt: last?.checkedAt ?? null,
        nextCheckDue: nextCheckDueOf(input),
        implementationScore: last ? scoreOf(last.implementationScore) : null,
      };
    });
  }

  private async presentAccord(row: AccordRow): Promise<AccordResponse> {
    if (row.summary !== null) {
      await this.audit.recordNow({
        action: 'accord.read_sensitive',
        entityType: 'accord',
        entityId: row.id,
        associationId: row.associationId,
        details: { ids: [row.caseId], fields: ['summary'] },
      });
    }
    return toAccordResponse(
      row,
      await this.standing(row),
      this.accords.open('accord', 'summary', row.id, row.summary),
    );
  }

  private async presentTerm(access: CaseAccess, row: TermRow): Promise<TermResponse> {
    await this.audit.recordNow({
      action: 'accord_term.read_sensitive',
      entityType: 'accord_term',
      entityId: row.id,
      associationId: access.associationId,
      details: { ids: [access.caseId], fields: ['text'] },
    });
    return toTermResponse(row, this.termText(row));
  }

  private termText(row: TermRow): string {
    return this.accords.open('accord_term', 'text', row.id, row.text) as string;
  }

  private flagResponse(row: FlagRow): FlagResponse {
    return toFlagResponse(
      row,
      this.accords.open('accord_flag', 'reason', row.id, row.reason) as string,
      this.accords.open('accord_flag', 'resolution_note', row.id, row.resolutionNote),
    );
  }

  private async resolveAccord(
    principal: Principal,
    id: string,
  ): Promise<{ access: CaseAccess; caseId: string }> {
    const caseId = await this.accords.caseIdOfAccord(id);
    if (!caseId) throw new AppError('not_found');
    return { access: await this.access.caseFor(principal, caseId), caseId };
  }

  private async resolveTerm(
    principal: Principal,
    id: string,
  ): Promise<{ access: CaseAccess; caseId: string; accordId: string }> {
    const owner = await this.accords.caseIdOfTerm(id);
    if (!owner) throw new AppError('not_found');
    return { access: await this.access.caseFor(principal, owner.caseId), ...owner };
  }

  /** Obligor and beneficiary must be parties of the same case (else 400). */
  private async checkParties(
    caseId: string,
    obligorPartyId: string | undefined,
    beneficiaryPartyId: string | undefined,
  ): Promise<void> {
    const ids = [obligorPartyId, beneficiaryPartyId].filter((p): p is string => !!p);
    const unknown = await this.accords.notParties(caseId, ids);
    if (unknown.length > 0) {
      const field = unknown.includes(obligorPartyId ?? '')
        ? 'obligorPartyId'
        : 'beneficiaryPartyId';
      throw invalidReference(field, 'not a party of the case');
    }
  }

  /**
   * Moves the case along `path` (each step checked by the state machine) when
   * its status is one of `from`, starting at the step after its status; the
   * case row is locked first. A case elsewhere (suspended, collapsed, already
   * there…) is left alone. Returns the moves made, for the audit trail.
   */
  private async moveCase(
    tx: Tx,
    principal: Principal,
    access: CaseAccess,
    path: CaseStatus[],
    from: CaseStatus[],
    reason: string,
  ): Promise<{ from: CaseStatus; to: CaseStatus }[]> {
    const rows: { status: CaseStatus; statusBeforeSuspension: CaseStatus | null }[] =
      await tx.query(
        `SELECT status, status_before_suspension AS "statusBeforeSuspension"
         FROM dialogue_case WHERE id = $1 FOR UPDATE`,
        [access.caseId],
      );
    let status = rows[0]?.status;
    if (!status || !from.includes(status)) return [];
    const start = path.indexOf(status) + 1;
    const moves: { from: CaseStatus; to: CaseStatus }[] = [];
    for (const to of path.slice(start)) {
      const decision = decideTransition({
        from: status,
        to,
        statusBeforeSuspension: rows[0].statusBeforeSuspension,
        actor: access.isCoordinator ? 'coordinator' : 'mediator',
      });
      if (!decision.ok) break;
      const moved = await this.cases.updateStatusIf(
        tx,
        access.caseId,
        status,
        to,
        decision.statusBeforeSuspension,
      );
      if (!moved) throw new AppError('conflict');
      await this.cases.insertTransition(tx, {
        id: randomUUID(),
        caseId: access.caseId,
        fromStatus: status,
        toStatus: to,
        reason,
        actorUserId: principal.userId,
      });
      moves.push({ from: status, to });
      status = to;
    }
    return moves;
  }

  /** One `case.transition` event per move, as the cases service records them (end of the transaction). */
  private async recordMoves(
    tx: Tx,
    caseId: string,
    access: CaseAccess,
    moves: { from: CaseStatus; to: CaseStatus }[],
  ): Promise<void> {
    for (const move of moves) {
      await this.audit.record(tx, {
        action: 'case.transition',
        entityType: 'case',
        entityId: caseId,
        associationId: access.associationId,
        details: { from: move.from, to: move.to },
      });
    }
  }
}

function invalidReference(field: string, message: string): AppError {
  return new AppError('invalid_reference', {
    errors: [{ field, message, code: 'invalid_reference' }],
  });
}
