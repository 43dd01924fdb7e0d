import { createHash } from 'node:crypto';
import { AuditChainRow, auditHash, canonicalAuditRecord, canonicalJson } from './audit-hash';

const base: AuditChainRow = {
  seq: 42,
  occurredAt: new Date('2025-03-01T08:15:30.123Z'),
  actorUserId: '0b9c2a6e-4a43-4c6e-9a57-2f3c2b7f8e01',
  actorRole: 'coordinator',
  action: 'user.update',
  entityType: 'user',
  entityId: '6f1d3e2a-1b7c-4f7e-8d3b-9a2c1e4f5d60',
  associationId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  requestId: 'req-7f3a9c1e',
  details: { fields: ['displayName', 'disabled'], from: 'active', to: 'disabled' },
  prevHash: createHash('sha256').update('previous').digest(),
};

describe('audit hash', () => {
  it('serialises every column in a fixed order, null explicit, timestamp with milliseconds', () => {
    expect(canonicalAuditRecord({ ...base, prevHash: null, entityType: null })).toBe(
      JSON.stringify([
        'toguna.audit_event.v1',
        null,
        42,
        '2025-03-01T08:15:30.123Z',
        '0b9c2a6e-4a43-4c6e-9a57-2f3c2b7f8e01',
        'coordinator',
        'user.update',
        null,
        '6f1d3e2a-1b7c-4f7e-8d3b-9a2c1e4f5d60',
        '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
        'req-7f3a9c1e',
        { fields: ['displayName', 'disabled'], from: 'active', to: 'disabled' },
      ]),
    );
  });

  it('is stable: the same row gives the same bytes, whatever the key order of details', () => {
    const reordered: AuditChainRow = {
      ...base,
      details: { to: 'disabled', from: 'active', fields: ['displayName', 'disabled'] },
      occurredAt: new Date(base.occurredAt.getTime()),
      prevHash: Buffer.from(base.prevHash!),
    };
    expect(canonicalAuditRecord(reordered)).toBe(canonicalAuditRecord(base));
    expect(auditHash(reordered).equals(auditHash(base))).toBe(true);
    expect(auditHash(base)).toHaveLength(32);
    // Pinned: a change to the serialisation would orphan every stored hash.
    expect(auditHash({ ...base, prevHash: null }).toString('hex')).toBe(
      createHash('sha256')
        .update(canonicalAuditRecord({ ...base, prevHash: null }))
        .digest('hex'),
    );
  });

  it('sorts keys at every level and leaves arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
  });

  const changes: [string, Partial<AuditChainRow>][] = [
    ['seq', { seq: 43 }],
    ['occurredAt (1 ms)', { occurredAt: new Date(base.occurredAt.getTime() + 1) }],
    ['actorUserId', { actorUserId: '0b9c2a6e-4a43-4c6e-9a57-2f3c2b7f8e02' }],
    ['actorUserId → null', { actorUserId: null }],
    ['actorRole', { actorRole: 'admin' }],
    ['action', { action: 'user.create' }],
    ['entityType', { entityType: 'case' }],
    ['entityType → null', { entityType: null }],
    ['entityId', { entityId: '6f1d3e2a-1b7c-4f7e-8d3b-9a2c1e4f5d61' }],
    ['associationId → null', { associationId: null }],
    ['requestId', { requestId: 'req-7f3a9c1f' }],
    ['requestId → null', { requestId: null }],
    [
      'details (a field name)',
      { details: { fields: ['displayName'], from: 'active', to: 'disabled' } },
    ],
    [
      'details (field order)',
      { details: { fields: ['disabled', 'displayName'], from: 'active', to: 'disabled' } },
    ],
    ['details → empty', { details: {} }],
    ['prevHash', { prevHash: createHash('sha256').update('other').digest() }],
    ['prevHash → null', { prevHash: null }],
  ];

  it.each(changes)('changing %s changes the hash', (_name, change) => {
    expect(auditHash({ ...base, ...change }).equals(auditHash(base))).toBe(false);
  });

  it('a value moved from one column to another changes the hash', () => {
    const moved = { ...base, entityId: base.associationId, associationId: base.entityId };
    expect(auditHash(moved).equals(auditHash(base))).toBe(false);
  });
});
