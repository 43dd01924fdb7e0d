import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import TestAgent from 'supertest/lib/agent';
import { Role } from '../../src/common/auth/role';
import { CaseStatus, CaseType } from '../../src/modules/cases/case-status';

/** The password every factory user gets (hashed once per run: argon2id is slow on purpose). */
export const PASSWORD = 'Correct-horse-battery-9';
let passwordHash: Promise<string> | undefined;
function defaultHash(): Promise<string> {
  passwordHash ??= hash(PASSWORD, {
    algorithm: 2,
    memoryCost: 19 * 1024,
    timeCost: 2,
    parallelism: 1,
  });
  return passwordHash;
}

let counter = 0;
const unique = (prefix: string): string =>
  `${prefix}-${process.pid}-${++counter}-${randomUUID().slice(0, 6)}`;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  associationId: string | null;
  authorityId: string | null;
}

/** Builders that write straight to the database, for arranging a test. */
export class Factory {
  constructor(private readonly db: Pool) {}

  async association(overrides: { name?: string } = {}): Promise<{ id: string; name: string }> {
    const id = randomUUID();
    const name = overrides.name ?? unique('Association');
    await this.db.query('INSERT INTO association (id, name, version) VALUES ($1, $2, 1)', [
      id,
      name,
    ]);
    return { id, name };
  }

  async authority(
    overrides: { name?: string; areaIds?: string[] } = {},
  ): Promise<{ id: string; name: string }> {
    const id = randomUUID();
    const name = overrides.name ?? unique('Authority');
    await this.db.query('INSERT INTO authority (id, name, version) VALUES ($1, $2, 1)', [id, name]);
    for (const areaId of overrides.areaIds ?? []) {
      await this.db.query(
        'INSERT INTO authority_jurisdiction (authority_id, area_id) VALUES ($1, $2)',
        [id, areaId],
      );
    }
    return { id, name };
  }

  /**
   * A user of the role, with an association or authority created when the
   * role needs one. Confirmed unless `pending` (a member an admin created
   * that no coordinator has confirmed yet).
   */
  async user(
    role: Role,
    overrides: {
      username?: string;
      associationId?: string;
      authorityId?: string;
      mustChangePassword?: boolean;
      disabled?: boolean;
      pending?: boolean;
    } = {},
  ): Promise<TestUser> {
    const id = randomUUID();
    const username = (overrides.username ?? unique(role)).toLowerCase();
    const associationId =
      role === 'mediator' || role === 'coordinator'
        ? (overrides.associationId ?? (await this.association()).id)
        : null;
    const authorityId =
      role === 'official' ? (overrides.authorityId ?? (await this.authority()).id) : null;
    await this.db.query(
      `INSERT INTO app_user (id, username, display_name, role, association_id, authority_id, password_hash,
                             must_change_password, disabled, pending, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)`,
      [
        id,
        username,
        `Display ${username}`,
        role,
        associationId,
        authorityId,
        await defaultHash(),
        overrides.mustChangePassword ?? false,
        overrides.disabled ?? false,
        overrides.pending ?? false,
      ],
    );
    return { id, username, role, associationId, authorityId };
  }

  /** A dialogue case (plaintext fields only) with optional team members; the first `lead` is the lead. */
  async dialogueCase(opts: {
    associationId: string;
    areaId: string;
    createdBy: string;
    status?: CaseStatus;
    type?: CaseType;
    codeName?: string;
    team?: { userId: string; lead?: boolean }[];
  }): Promise<{ id: string }> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO dialogue_case (id, code_name, area_id, type, status, association_id, created_by, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
      [
        id,
        opts.codeName ?? unique('Case'),
        opts.areaId,
        opts.type ?? 'intercommunity',
        opts.status ?? 'exploratory',
        opts.associationId,
        opts.createdBy,
      ],
    );
    for (const member of opts.team ?? []) {
      await this.db.query(
        'INSERT INTO case_team_member (case_id, user_id, lead) VALUES ($1, $2, $3)',
        [id, member.userId, member.lead ?? false],
      );
    }
    return { id };
  }

  async areaId(name: string, level: 'region' | 'cercle' | 'commune'): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM area WHERE name = $1 AND level = $2',
      [name, level],
    );
    if (!rows[0]) throw new Error(`no ${level} named ${name} in the seed data`);
    return rows[0].id;
  }
}

export async function login(
  http: TestAgent,
  username: string,
  password = PASSWORD,
): Promise<Tokens> {
  const res = await http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    accessToken: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
  };
}

export const bearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});
