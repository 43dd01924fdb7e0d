import { checkAuditEvent, InvalidAuditEventError, sanitiseDetails } from './audit-input';

const ID = '6F1D3E2A-1B7C-4F7E-8D3B-9A2C1E4F5D60';

describe('audit event input', () => {
  it('keeps the allow-listed details, lower-cases ids, drops undefined members', () => {
    expect(
      sanitiseDetails({
        fields: ['legalName', 'idDocumentNumber'],
        from: 'open',
        to: 'closed',
        reason_code: 'forbidden',
        count: 3,
        ids: [ID],
        role: 'mediator',
        extra: undefined,
      }),
    ).toEqual({
      fields: ['legalName', 'idDocumentNumber'],
      from: 'open',
      to: 'closed',
      reason_code: 'forbidden',
      count: 3,
      ids: [ID.toLowerCase()],
      role: 'mediator',
    });
    expect(sanitiseDetails(undefined)).toEqual({});
  });

  it.each([
    ['a key outside the allow-list', { legalName: 'Amadou Ongoïba' }],
    ['a value as a field name', { fields: ['Amadou Ongoïba'] }],
    ['free text in from/to', { to: 'village de Dinangourou' }],
    ['a non-UUID id', { ids: ['12345'] }],
    ['a negative count', { count: -1 }],
    ['an unknown role', { role: 'chief' }],
    ['a nested object', { from: { name: 'x' } }],
    ['a list', ['fields']],
  ])('rejects %s', (_name, details) => {
    expect(() => sanitiseDetails(details)).toThrow(InvalidAuditEventError);
  });

  it('checks the columns: action format, entity type, UUIDs, role, request id', () => {
    expect(
      checkAuditEvent({ action: 'user.read_sensitive', entityType: 'user', entityId: ID }),
    ).toMatchObject({ action: 'user.read_sensitive', entityId: ID.toLowerCase() });
    expect(() => checkAuditEvent({ action: 'User created' as 'a.b' })).toThrow(
      InvalidAuditEventError,
    );
    expect(() => checkAuditEvent({ action: 'user.create', entityId: 'nope' })).toThrow(
      InvalidAuditEventError,
    );
    expect(() => checkAuditEvent({ action: 'user.create', entityType: 'User Record' })).toThrow(
      InvalidAuditEventError,
    );
    expect(() => checkAuditEvent({ action: 'user.create', actorRole: 'chief' as 'admin' })).toThrow(
      InvalidAuditEventError,
    );
    expect(() => checkAuditEvent({ action: 'user.create', requestId: 'has space' })).toThrow(
      InvalidAuditEventError,
    );
  });

  it('keeps undefined (take it from the context) apart from null (none)', () => {
    const checked = checkAuditEvent({ action: 'auth.login_failed', actorUserId: null });
    expect(checked.actorUserId).toBeNull();
    expect(checked.actorRole).toBeUndefined();
    expect(checked.requestId).toBeUndefined();
  });
});
