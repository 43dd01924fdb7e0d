import { CaseParticipant } from './case-participant.entity';
import { CaseParty } from './case-party.entity';
import { ParticipantResponse } from './dto/participant.dto';
import { PartyResponse } from './dto/party.dto';
import { TeamMemberResponse } from './dto/team.dto';
import { TeamMemberRow } from './team.repository';

export function toTeamMemberResponse(row: TeamMemberRow): TeamMemberResponse {
  return {
    userId: row.userId,
    displayName: row.displayName,
    lead: row.lead,
    addedAt: row.addedAt.toISOString(),
  };
}

export function toPartyResponse(party: CaseParty): PartyResponse {
  return {
    id: party.id,
    caseId: party.caseId,
    name: party.name,
    kind: party.kind,
    description: party.description,
    version: party.version,
    createdAt: party.createdAt.toISOString(),
    updatedAt: party.updatedAt.toISOString(),
  };
}

/**
 * `opened`: the identity is decrypted and the caller is on the case team; the
 * fields are then present (null when not on file). Otherwise they are absent.
 */
export function toParticipantResponse(
  participant: CaseParticipant,
  opened: boolean,
): ParticipantResponse {
  const base: ParticipantResponse = {
    id: participant.id,
    caseId: participant.caseId,
    pseudonym: participant.pseudonym,
    partyId: participant.partyId,
    role: participant.role,
    consentToRecordIdentity: participant.consentToRecordIdentity,
    version: participant.version,
    createdAt: participant.createdAt.toISOString(),
    updatedAt: participant.updatedAt.toISOString(),
  };
  if (!opened) return base;
  return { ...base, realName: participant.realName, contact: participant.contact };
}

/** Names of the identity fields that carry a value in these participants. */
export function sensitiveFieldsOf(participants: CaseParticipant[]): string[] {
  const fields = new Set<string>();
  for (const p of participants) {
    if (p.realName !== null) fields.add('realName');
    if (p.contact !== null) fields.add('contact');
  }
  return [...fields].sort();
}
