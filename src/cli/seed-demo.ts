/**
 * npm run seed:demo
 * Demo data for trying the application: two associations, an authority over
 * the Koro and Douentza cercles, a coordinator and two mediators per
 * association, an official, and a few fictional cases in real communes
 * (Dinangourou in Koro, Mondoro in Douentza) with parties and participants
 * known by pseudonyms only (no real identities, nothing encrypted). Runs the
 * migrations first; idempotent (fixed ids, ON CONFLICT DO NOTHING); prints
 * the demo logins. Never run it on a production database.
 */
import { ALL_ENTITIES } from '../app.entities';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';
import { runMigrations } from '../database/migrate';
import { PasswordService } from '../modules/users/password.service';
import { commandDatabase, runCommand } from './database';

export interface DemoLogin {
  username: string;
  password: string;
  role: 'coordinator' | 'mediator' | 'official';
  organisation: string;
}

const ASSOCIATION_A = {
  id: 'd3e0a001-0000-4000-8000-00000000000a',
  name: 'Association Dialogue Koro (démo)',
};
const ASSOCIATION_B = {
  id: 'd3e0a001-0000-4000-8000-00000000000b',
  name: 'ONG Paix au Sahel (démo)',
};
const AUTHORITY = { id: 'd3e0a002-0000-4000-8000-000000000001', name: 'Préfecture de Koro (démo)' };

const USERS: (DemoLogin & { id: string; displayName: string; organisationId: string })[] = [
  {
    id: 'd3e0a003-0000-4000-8000-0000000000a1',
    username: 'demo.coord.a',
    displayName: 'Coordinatrice A (démo)',
    role: 'coordinator',
    organisation: ASSOCIATION_A.name,
    organisationId: ASSOCIATION_A.id,
    password: 'Demo-coordination-A-2026',
  },
  {
    id: 'd3e0a003-0000-4000-8000-0000000000a2',
    username: 'demo.med.a1',
    displayName: 'Médiateur A1 (démo)',
    role: 'mediator',
    organisation: ASSOCIATION_A.name,
    organisationId: ASSOCIATION_A.id,
    password: 'Demo-mediation-A1-2026',
  },
  {
    id: 'd3e0a003-0000-4000-8000-0000000000a3',
    username: 'demo.med.a2',
    displayName: 'Médiatrice A2 (démo)',
    role: 'mediator',
    organisation: ASSOCIATION_A.name,
    organisationId: ASSOCIATION_A.id,
    password: 'Demo-mediation-A2-2026',
  },
  {
    id: 'd3e0a003-0000-4000-8000-0000000000b1',
    username: 'demo.coord.b',
    displayName: 'Coordinateur B (démo)',
    role: 'coordinator',
    organisation: ASSOCIATION_B.name,
    organisationId: ASSOCIATION_B.id,
    password: 'Demo-coordination-B-2026',
  },
  {
    id: 'd3e0a003-0000-4000-8000-0000000000b2',
    username: 'demo.med.b1',
    displayName: 'Médiateur B1 (démo)',
    role: 'mediator',
    organisation: ASSOCIATION_B.name,
    organisationId: ASSOCIATION_B.id,
    password: 'Demo-mediation-B1-2026',
  },
  {
    id: 'd3e0a003-0000-4000-8000-0000000000b3',
    username: 'demo.med.b2',
    displayName: 'Médiatrice B2 (démo)',
    role: 'mediator',
    organisation: ASSOCIATION_B.name,
    organisationId: ASSOCIATION_B.id,
    password: 'Demo-mediation-B2-2026',
  },
  {
    id: 'd3e0a003-0000-4000-8000-0000000000c1',
    username: 'demo.official',
    displayName: 'Sous-préfet (démo)',
    role: 'official',
    organisation: AUTHORITY.name,
    organisationId: AUTHORITY.id,
    password: 'Demo-prefecture-2026',
  },
];

interface DemoCase {
  id: string;
  codeName: string;
  commune: 'Dinangourou' | 'Mondoro';
  type: string;
  status: string;
  associationId: string;
  createdBy: string;
  team: { username: string; lead: boolean }[];
  parties: { id: string; name: string; kind: string }[];
  participants: { id: string; pseudonym: string; role: string; partyId: string | null }[];
}

const CASES: DemoCase[] = [
  {
    id: 'd3e0a004-0000-4000-8000-0000000000a1',
    codeName: 'Baobab',
    commune: 'Dinangourou',
    type: 'community_armed_group',
    status: 'negotiating',
    associationId: ASSOCIATION_A.id,
    createdBy: 'demo.med.a1',
    team: [
      { username: 'demo.med.a1', lead: true },
      { username: 'demo.med.a2', lead: false },
    ],
    parties: [
      { id: 'd3e0a005-0000-4000-8000-0000000000a1', name: 'Conseil de village', kind: 'community' },
      {
        id: 'd3e0a005-0000-4000-8000-0000000000a2',
        name: 'Groupe armé local',
        kind: 'armed_group',
      },
    ],
    participants: [
      {
        id: 'd3e0a006-0000-4000-8000-0000000000a1',
        pseudonym: 'Karité',
        role: 'negotiator',
        partyId: 'd3e0a005-0000-4000-8000-0000000000a1',
      },
      {
        id: 'd3e0a006-0000-4000-8000-0000000000a2',
        pseudonym: 'Néré',
        role: 'interpreter',
        partyId: null,
      },
    ],
  },
  {
    id: 'd3e0a004-0000-4000-8000-0000000000a2',
    codeName: 'Fleuve',
    commune: 'Mondoro',
    type: 'humanitarian_access',
    status: 'exploratory',
    associationId: ASSOCIATION_A.id,
    createdBy: 'demo.med.a2',
    team: [{ username: 'demo.med.a2', lead: true }],
    parties: [
      {
        id: 'd3e0a005-0000-4000-8000-0000000000a3',
        name: 'Comité des éleveurs',
        kind: 'community',
      },
    ],
    participants: [
      {
        id: 'd3e0a006-0000-4000-8000-0000000000a3',
        pseudonym: 'Rônier',
        role: 'elder',
        partyId: 'd3e0a005-0000-4000-8000-0000000000a3',
      },
    ],
  },
  {
    id: 'd3e0a004-0000-4000-8000-0000000000b1',
    codeName: 'Tamarin',
    commune: 'Mondoro',
    type: 'militia_armed_group',
    status: 'exploratory',
    associationId: ASSOCIATION_B.id,
    createdBy: 'demo.med.b1',
    team: [
      { username: 'demo.med.b1', lead: true },
      { username: 'demo.med.b2', lead: false },
    ],
    parties: [
      { id: 'd3e0a005-0000-4000-8000-0000000000b1', name: "Milice d'autodéfense", kind: 'militia' },
      {
        id: 'd3e0a005-0000-4000-8000-0000000000b2',
        name: 'Leaders religieux',
        kind: 'religious_leaders',
      },
    ],
    participants: [
      {
        id: 'd3e0a006-0000-4000-8000-0000000000b1',
        pseudonym: 'Acacia',
        role: 'elder',
        partyId: 'd3e0a005-0000-4000-8000-0000000000b2',
      },
    ],
  },
];

async function areaId(
  tx: { query: DataSource['query'] },
  name: string,
  level: string,
): Promise<string> {
  const rows: { id: string }[] = await tx.query(
    'SELECT id FROM area WHERE name = $1 AND level = $2',
    [name, level],
  );
  if (!rows[0])
    throw new Error(`seed:demo: no ${level} named ${name} (are the migrations applied?)`);
  return rows[0].id;
}

/** Writes the demo data (idempotent) and returns the demo logins. The schema must be migrated. */
export async function seedDemo(dataSource: DataSource): Promise<DemoLogin[]> {
  const passwords = new PasswordService();
  const hashes = new Map<string, string>();
  for (const user of USERS) hashes.set(user.username, await passwords.hash(user.password));
  await dataSource.transaction(async (tx) => {
    const q = (sql: string, params: unknown[]) => tx.query(sql, params);
    await q('INSERT INTO authority (id, name, version) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING', [
      AUTHORITY.id,
      AUTHORITY.name,
    ]);
    for (const cercle of ['Koro', 'Douentza']) {
      await q(
        'INSERT INTO authority_jurisdiction (authority_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [AUTHORITY.id, await areaId(tx, cercle, 'cercle')],
      );
    }
    for (const association of [ASSOCIATION_A, ASSOCIATION_B]) {
      await q(
        `INSERT INTO association (id, name, registered_with_authority_id, version) VALUES ($1, $2, $3, 1)
         ON CONFLICT DO NOTHING`,
        [association.id, association.name, AUTHORITY.id],
      );
    }
    for (const user of USERS) {
      await q(
        `INSERT INTO app_user (id, username, display_name, role, association_id, authority_id, password_hash,
                               must_change_password, disabled, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, false, false, 1) ON CONFLICT DO NOTHING`,
        [
          user.id,
          user.username,
          user.displayName,
          user.role,
          user.role === 'official' ? null : user.organisationId,
          user.role === 'official' ? user.organisationId : null,
          hashes.get(user.username),
        ],
      );
    }
    const rows = (await q('SELECT id, username FROM app_user WHERE username = ANY($1)', [
      USERS.map((u) => u.username),
    ])) as { id: string; username: string }[];
    const userId = new Map(rows.map((r) => [r.username, r.id]));
    for (const c of CASES) {
      await q(
        `INSERT INTO dialogue_case (id, code_name, area_id, type, status, association_id, created_by, languages, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) ON CONFLICT DO NOTHING`,
        [
          c.id,
          c.codeName,
          await areaId(tx, c.commune, 'commune'),
          c.type,
          c.status,
          c.associationId,
          userId.get(c.createdBy),
          ['ffm', 'fra'],
        ],
      );
      for (const member of c.team) {
        await q(
          'INSERT INTO case_team_member (case_id, user_id, lead) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [c.id, userId.get(member.username), member.lead],
        );
      }
      for (const party of c.parties) {
        await q(
          'INSERT INTO case_party (id, case_id, name, kind, version) VALUES ($1, $2, $3, $4, 1) ON CONFLICT DO NOTHING',
          [party.id, c.id, party.name, party.kind],
        );
      }
      for (const p of c.participants) {
        await q(
          `INSERT INTO case_participant (id, case_id, pseudonym, party_id, role, consent_to_record_identity, version)
           VALUES ($1, $2, $3, $4, $5, false, 1) ON CONFLICT DO NOTHING`,
          [p.id, c.id, p.pseudonym, p.partyId, p.role],
        );
      }
    }
  });
  return USERS.map(({ username, password, role, organisation }) => ({
    username,
    password,
    role,
    organisation,
  }));
}

async function main(): Promise<number> {
  const config = loadConfig();
  if (config.env === 'production') {
    // Demo accounts have published passwords: never on a production database.
    console.error('seed:demo refuses to run with NODE_ENV=production.');
    return 2;
  }
  const database = await commandDatabase(config);
  try {
    await runMigrations(database.url);
    const dataSource = new DataSource(dataSourceOptions(database.url, ALL_ENTITIES));
    await dataSource.initialize();
    try {
      const logins = await seedDemo(dataSource);
      console.log('seed:demo: demo data in place. Demo logins (fictional data only):');
      for (const l of logins)
        console.log(
          `  ${l.role.padEnd(11)} ${l.username.padEnd(15)} ${l.password}   (${l.organisation})`,
        );
      console.log('The admin account is the one created at first start (TOGUNA_ADMIN_PASSWORD).');
      return 0;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

if (require.main === module) runCommand(main);
