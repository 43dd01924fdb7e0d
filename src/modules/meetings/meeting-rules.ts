import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { Principal } from '../../common/auth/principal';
import { AppError, invalidReference } from '../../common/http/app-error';
import { endOf } from './meetings.mapper';
import { MeetingsRepository } from './meetings.repository';

/** The scheduling rules: who may attend and which parties, and what a double booking answers. */
@Injectable()
export class MeetingRules {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly access: AccessService,
  ) {}

  /** Attendees on the case team (else 400 invalid_attendee); parties of the same case (else 400). */
  async checkReferences(
    caseId: string,
    attendeeUserIds: string[] | undefined,
    partyIds: string[] | undefined,
  ): Promise<void> {
    if (attendeeUserIds) {
      const outsiders = await this.meetings.notOnTeam(caseId, attendeeUserIds);
      if (outsiders.length > 0) {
        throw new AppError('invalid_attendee', {
          errors: [
            { field: 'attendeeUserIds', message: 'not on the case team', code: 'invalid_attendee' },
          ],
        });
      }
    }
    if (partyIds) {
      const unknown = await this.meetings.notParties(caseId, partyIds);
      if (unknown.length > 0) {
        throw invalidReference('partyIds', 'not a party of the case');
      }
    }
  }

  /**
   * 409 meeting_overlap naming the other meeting's time; its id and case
   * only when the caller may see that case.
   */
  async overlap(
    principal: Principal,
    userIds: string[],
    scheduledAt: Date,
    durationMinutes: number,
    meetingId: string,
  ): Promise<AppError> {
    const clash = await this.meetings.findClash(userIds, scheduledAt, durationMinutes, meetingId);
    if (!clash) return new AppError('meeting_overlap');
    let visible = false;
    try {
      await this.access.caseFor(principal, clash.caseId);
      visible = true;
    } catch {
      visible = false;
    }
    return new AppError('meeting_overlap', {
      extensions: {
        conflict: {
          userId: clash.userId,
          scheduledAt: clash.scheduledAt.toISOString(),
          durationMinutes: clash.durationMinutes,
          endsAt: endOf(clash).toISOString(),
          ...(visible ? { meetingId: clash.meetingId, caseId: clash.caseId } : {}),
        },
      },
    });
  }
}
