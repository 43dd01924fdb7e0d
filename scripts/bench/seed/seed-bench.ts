/**
 * The benchmark's synthetic dataset, loaded with COPY into an already
 * migrated database. Everything the API reads back is shaped as the API
 * would have written it: encrypted columns go through the app's FieldCipher
 * bound to (table, column, row id), passwords through its PasswordService,
 * statuses follow the state machines, follow-up scores and due dates are
 * computed as AccordsService.addFollowUp does, and no meeting attendee is
 * double-booked. No audit event is written (the hash chain stays empty and
 * valid).
 *
 * Foreign keys and secondary indexes of the loaded tables are dropped for
 * the load and put back afterwards (re-adding a foreign key validates it in
 * one pass, much faster than a trigger per row).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { FieldCipher } from '../../../src/common/crypto/field-cipher';
import { KeyRingFileStore } from '../../../src/common/crypto/key-ring';
import { implementationScore } from '../../../src/modules/accords/accord-health';
import {
  ACCORD_KINDS,
  AccordKind,
  AssessmentStatus,
  FLAG_SEVERITIES,
  FollowUpMethod,
  INCIDENT_TYPES,
  OverallJudgement,
  TERM_CATEGORIES,
  VERIFICATIONS,
} from '../../../src/modules/accords/accord-vocabulary';
import { newSmsCode } from '../../../src/modules/accords/sms-code';
import { CaseStatus, CaseType } from '../../../src/modules/cases/case-status';
import { MeetingStatus, holdsSlot } from '../../../src/modules/meetings/meeting-status';
import { PasswordService } from '../../../src/modules/users/password.service';
import { BENCH_PASSWORD, SeedManifest } from '../bench-env';
import { CopyWriter, pgArray } from './copy';
import { apportion, Rng } from './rng';
import { refreshCheckSummarySql } from '../../../src/modules/accords/accord-health.sql';

export interface SeedOptions {
  /** A migrated database (its `area` table seeded), with no data of its own. */
  url: string;
  scale: number;
  /** The field-key folder the API will use (created if missing). */
  keysDir: string;
  log?: (line: string) => void;
  /** The "now" the timeline is built around (default: the current time). */
  now?: Date;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Meetings are spread over the past two years and the next three months. */
const PAST_DAYS = 730;
const FUTURE_DAYS = 90;
const MANIFEST_MEDIATORS = 50;
const FOLLOW_UP_TARGETS = 200;

/** The tables this seed writes (foreign keys and secondary indexes dropped during the load). */
const SEEDED_TABLES = [
  'association',
  'app_user',
  'dialogue_case',
  'case_team_member',
  'case_party',
  'case_participant',
  'meeting',
  'meeting_attendee',
  'accord',
  'accord_term',
  'follow_up',
  'follow_up_assessment',
  'incident',
  'accord_flag',
  // Filled from the checks once they are loaded (refreshCheckSummarySql).
  'accord_check_summary',
];

const STATUS_WEIGHTS: Record<CaseStatus, number> = {
  exploratory: 14,
  negotiating: 24,
  accord_reached: 10,
  monitoring: 36,
  breaking_down: 6,
  collapsed: 2,
  suspended: 3,
  closed: 5,
};
const TYPE_WEIGHTS: Record<CaseType, number> = {
  community_armed_group: 30,
  intercommunity: 35,
  militia_armed_group: 15,
  humanitarian_access: 12,
  other: 8,
};
/** How many meetings a case gets, relative to others, by status. */
const MEETING_WEIGHT: Record<CaseStatus, number> = {
  exploratory: 0.5,
  negotiating: 1.3,
  accord_reached: 1.2,
  monitoring: 1,
  breaking_down: 1.3,
  collapsed: 0.8,
  suspended: 0.6,
  closed: 0.8,
};
/** How many follow-up checks an accord gets, relative to others, by case status. */
const FOLLOW_UP_WEIGHT: Record<CaseStatus, number> = {
  exploratory: 0,
  negotiating: 0,
  accord_reached: 0.3,
  monitoring: 1.2,
  breaking_down: 1.1,
  collapsed: 0.9,
  suspended: 0.8,
  closed: 1,
};

/** What the latest check of an accord says (drives the dashboard's health mix). */
type Outcome = 'stable' | 'overdue' | 'violated' | 'dropped' | 'tense' | 'breaking';

const OUTCOME_WEIGHTS: Record<Outcome, number> = {
  stable: 74,
  overdue: 8,
  violated: 6,
  dropped: 6,
  tense: 6,
  breaking: 0,
};
const OVERALL_WEIGHTS: Record<OverallJudgement, number> = {
  stable: 85,
  tense: 13,
  breaking_down: 2,
};
const METHOD_WEIGHTS: Record<FollowUpMethod, number> = {
  visit: 40,
  phone: 30,
  informant: 20,
  meeting: 10,
  sms: 0,
};

const LEVELS: readonly AssessmentStatus[] = ['not_initiated', 'minimal', 'intermediate', 'full'];
const SCORE: Record<AssessmentStatus, number | null> = {
  not_initiated: 0,
  violated: 0,
  minimal: 1,
  intermediate: 2,
  full: 3,
  unknown: null,
};

const FIRST_NAMES = [
  'Amadou',
  'Aminata',
  'Boubacar',
  'Fatoumata',
  'Hamidou',
  'Kadiatou',
  'Moussa',
  'Mariam',
  'Oumar',
  'Awa',
  'Seydou',
  'Djeneba',
  'Issa',
  'Hawa',
  'Abdoulaye',
  'Rokia',
  'Souleymane',
  'Aïssata',
  'Yacouba',
  'Bintou',
  'Hama',
  'Oumou',
  'Ousmane',
  'Salimata',
];
const FAMILY_NAMES = [
  'Diallo',
  'Traoré',
  'Coulibaly',
  'Keïta',
  'Touré',
  'Sangaré',
  'Dicko',
  'Cissé',
  'Guindo',
  'Dolo',
  'Maïga',
  'Bâ',
  'Sidibé',
  'Tembély',
  'Kassogué',
  'Djimdé',
  'Ongoïba',
  'Barry',
];
const CODE_WORDS = [
  'Baobab',
  'Karité',
  'Néré',
  'Tamarin',
  'Balanzan',
  'Rônier',
  'Kapokier',
  'Fromager',
  'Jujubier',
  'Acacia',
  'Doum',
  'Caïlcédrat',
  'Tamarinier',
  'Zaban',
  'Sounsoun',
  'Gommier',
];
const LANGUAGES = ['bam', 'ful', 'dgo', 'son', 'fra', 'tmh', 'bmq'];
const PARTY_NAMES: Record<string, readonly string[]> = {
  community: ['Village elders of', 'Farmers of', 'Herders of', 'Fishermen of', 'Youth of'],
  armed_group: ['Armed group active near', 'Katiba operating around'],
  militia: ['Self-defence group of', 'Dozo hunters of'],
  authority: ['Commune council of', 'Village chief of'],
  religious_leaders: ['Imams of', 'Religious leaders of'],
  ngo: ['Women’s association of', 'Local NGO of'],
  other: ['Transporters of', 'Traders of'],
};
const PARTICIPANT_ROLES = [
  'negotiator',
  'elder',
  'interpreter',
  'informant',
  'imam',
  'youth leader',
];
const TERM_TEXT: Record<string, string> = {
  ceasefire_non_aggression: 'No attack on the other party’s villages, herds or fields',
  freedom_of_movement: 'Free movement on the roads and tracks between the villages',
  livelihoods_access: 'Access to fields, pastures and water points for both communities',
  weapons: 'No weapons carried inside the village and at the market',
  armed_presence: 'Armed men stay away from the village and its fields',
  explosives_mines: 'No explosive devices placed on the roads of the area',
  infrastructure: 'The well and the school are repaired together',
  information_collaboration: 'Incidents are reported to the joint committee within two days',
  reconciliation_forgiveness: 'A reconciliation ceremony is held with both communities',
  prisoner_release: 'Detained members of each community are released',
  compensation: 'Destroyed crops and killed cattle are compensated',
  religious_social_rules: 'No imposed dress or social rules on the inhabitants',
  taxation_zakat: 'No forced zakat or levy on the harvest and the herds',
  education: 'The school reopens and teachers may come back',
  justice_dispute_resolution: 'Disputes go to the council of elders before any reprisal',
  displacement_return: 'Displaced families may return to their homes',
  humanitarian_access: 'Humanitarian convoys may reach the village',
  other: 'The parties meet again to review the accord',
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The connection's database name, for the manifest. */
function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

interface SavedSchema {
  keys: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/** Drops the foreign keys touching the seeded tables, their keys and secondary indexes. */
async function dropConstraints(db: Client): Promise<SavedSchema> {
  const { rows: foreignKeys } = await db.query<SavedSchema['foreignKeys'][number]>(
    `SELECT conrelid::regclass::text AS "table", conname AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = 'public'::regnamespace
        AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1))`,
    [SEEDED_TABLES],
  );
  const { rows: indexes } = await db.query<SavedSchema['indexes'][number]>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [SEEDED_TABLES],
  );
  const { rows: keys } = await db.query<SavedSchema['keys'][number]>(
    `SELECT conrelid::regclass::text AS "table", conname AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace
        AND conrelid::regclass::text = ANY($1)`,
    [SEEDED_TABLES],
  );
  for (const fk of foreignKeys) {
    await db.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  }
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
  for (const key of keys) await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  return { keys, foreignKeys, indexes };
}

/** Puts back what dropConstraints removed (indexes on two connections at once). */
async function restoreConstraints(url: string, saved: SavedSchema): Promise<void> {
  const work = [
    ...saved.keys.map((k) => `ALTER TABLE ${k.table} ADD CONSTRAINT "${k.name}" ${k.definition}`),
    ...saved.indexes.map((i) => i.definition),
    ...saved.foreignKeys.map(
      (fk) => `ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`,
    ),
  ];
  const indexCount = saved.keys.length + saved.indexes.length;
  let next = 0;
  const worker = async () => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`SET maintenance_work_mem = '256MB'`);
      while (next < work.length) {
        const i = next++;
        // Foreign keys only once every index is back (they lock both tables).
        if (i >= indexCount) await waitFor(() => indexesDone === indexCount);
        await db.query(work[i]);
        if (i < indexCount) indexesDone++;
      }
    } finally {
      await db.end();
    }
  };
  let indexesDone = 0;
  await Promise.all([worker(), worker()]);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

/** Loads the dataset for `scale` into `url` and returns the manifest (not written to disk). */
export async function seedBench(options: SeedOptions): Promise<SeedManifest> {
  const started = Date.now();
  const { url, scale } = options;
  const sink = options.log ?? (() => undefined);
  const log = (line: string) => sink(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
  const now = (options.now ?? new Date()).getTime();
  const rng = new Rng(`toguna-bench:${scale}`);
  const cipher = new FieldCipher(new KeyRingFileStore(options.keysDir));
  const enc = (table: string, column: string, rowId: string, text: string) =>
    cipher.encrypt(text, { table, column, rowId });
  const passwordHash = await new PasswordService().hash(BENCH_PASSWORD);

  const count = (base: number) => Math.max(1, Math.round(base * scale));
  const nAssoc = count(50);
  const nMediators = Math.max(count(1000), nAssoc);
  const nCases = count(20000);
  const nMeetings = count(100000);
  const nAccords = count(30000);
  const nFollowUps = count(300000);
  const largeAccords = nAssoc === 1 ? nAccords : Math.min(count(2000), nAccords);

  const admin = new Client({ connectionString: url });
  await admin.connect();
  const counts: Record<string, number> = {};
  let manifestBody: Pick<SeedManifest, 'mediators' | 'largeAssociation' | 'followUpTargets'>;
  try {
    const communes = (
      await admin.query<{ id: string }>(
        `SELECT id FROM area WHERE level = 'commune' ORDER BY name, id`,
      )
    ).rows.map((r) => r.id);
    if (communes.length === 0) throw new Error('no commune in the area table: not migrated?');
    const existing = await admin.query<{ n: string }>('SELECT count(*) AS n FROM dialogue_case');
    if (Number(existing.rows[0].n) > 0) throw new Error(`${databaseOf(url)} already holds cases`);

    // ---------------- plan: associations and users ----------------
    const assocIds = Array.from({ length: nAssoc }, () => randomUUID());
    const shares =
      nAssoc === 1
        ? [1]
        : assocIds.map((_, a) =>
            a === 0 ? largeAccords / nAccords : (1 - largeAccords / nAccords) / (nAssoc - 1),
          );
    const medPer = apportion(nMediators - nAssoc, shares, rng).map((n) => n + 1);
    const userIds: string[] = [];
    const usernames: string[] = [];
    const userAssoc: number[] = [];
    const userRole: ('mediator' | 'coordinator')[] = [];
    const mediatorsOf: number[][] = assocIds.map(() => []);
    const coordinatorsOf: number[][] = assocIds.map(() => []);
    for (let a = 0; a < nAssoc; a++) {
      for (let k = 0; k < medPer[a]; k++) {
        mediatorsOf[a].push(userIds.length);
        userIds.push(randomUUID());
        usernames.push(`mediator${String(userIds.length).padStart(5, '0')}`);
        userAssoc.push(a);
        userRole.push('mediator');
      }
      for (let k = 0; k < 2; k++) {
        coordinatorsOf[a].push(userIds.length);
        userIds.push(randomUUID());
        usernames.push(`coord${String(a + 1).padStart(3, '0')}-${k + 1}`);
        userAssoc.push(a);
        userRole.push('coordinator');
      }
    }

    // ---------------- plan: cases, teams, accords per case ----------------
    const casesPer = apportion(nCases, medPer, rng);
    const caseAssoc = new Int32Array(nCases);
    const caseStatus: CaseStatus[] = [];
    const caseBefore: (CaseStatus | null)[] = [];
    const caseTeam: number[][] = [];
    {
      let c = 0;
      for (let a = 0; a < nAssoc; a++) {
        const pool = mediatorsOf[a];
        for (let k = 0; k < casesPer[a]; k++, c++) {
          caseAssoc[c] = a;
          const status = rng.weighted(STATUS_WEIGHTS);
          caseStatus.push(status);
          caseBefore.push(
            status === 'suspended' ? (rng.chance(0.5) ? 'negotiating' : 'monitoring') : null,
          );
          const size = Math.min(pool.length, rng.chance(0.5) ? 2 : 3);
          const team: number[] = [];
          while (team.length < size) {
            const u = pool[rng.int(pool.length)];
            if (!team.includes(u)) team.push(u);
          }
          caseTeam.push(team);
        }
      }
    }
    const eligible = (c: number) =>
      ['accord_reached', 'monitoring', 'breaking_down', 'collapsed', 'closed'].includes(
        caseStatus[c],
      ) ||
      (caseStatus[c] === 'suspended' && caseBefore[c] === 'monitoring');
    const accordsOfCase = new Int32Array(nCases);
    const groups: { cases: number[]; accords: number }[] =
      nAssoc === 1
        ? [{ cases: [...Array(nCases).keys()], accords: nAccords }]
        : [
            { cases: [], accords: largeAccords },
            { cases: [], accords: nAccords - largeAccords },
          ];
    if (nAssoc > 1)
      for (let c = 0; c < nCases; c++) groups[caseAssoc[c] === 0 ? 0 : 1].cases.push(c);
    if (groups.length === 2 && groups[0].cases.length === 0) {
      groups[1].accords += groups[0].accords;
      groups[0].accords = 0;
    }
    for (const group of groups) {
      if (group.cases.length === 0) continue;
      let pool = group.cases.filter(eligible);
      if (pool.length === 0 && group.accords > 0) {
        caseStatus[group.cases[0]] = 'monitoring';
        caseBefore[group.cases[0]] = null;
        pool = [group.cases[0]];
      }
      // Shuffle, then demote the eligible cases that get no accord.
      for (let i = pool.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      for (const c of pool.slice(group.accords)) {
        caseStatus[c] = 'negotiating';
        caseBefore[c] = null;
      }
      pool = pool.slice(0, group.accords);
      const extra = apportion(
        group.accords - pool.length,
        pool.map(() => 1),
        rng,
      );
      pool.forEach((c, i) => (accordsOfCase[c] = 1 + extra[i]));
    }

    // ---------------- plan: meetings (one slot per attendee, no overlap) ----------------
    const meetingsPer = apportion(
      nMeetings,
      caseStatus.map((s) => MEETING_WEIGHT[s] * rng.real(0.5, 1.5)),
      rng,
    );
    const meetCase = new Int32Array(nMeetings);
    const meetStart = new Float64Array(nMeetings);
    const meetDuration = new Int32Array(nMeetings);
    const byLead = new Map<number, number[]>();
    {
      let m = 0;
      for (let c = 0; c < nCases; c++) {
        for (let k = 0; k < meetingsPer[c]; k++, m++) {
          meetCase[m] = c;
          const lead = caseTeam[c][0];
          let list = byLead.get(lead);
          if (!list) byLead.set(lead, (list = []));
          list.push(m);
        }
      }
    }
    const days = PAST_DAYS + FUTURE_DAYS;
    const firstDay = Math.floor(now / DAY) * DAY - PAST_DAYS * DAY;
    for (const list of byLead.values()) {
      const perDay = Math.max(3, Math.ceil(list.length / days));
      if (perDay > 8) throw new Error(`a mediator leads ${list.length} meetings: too many slots`);
      const block = Math.floor((12 * HOUR) / perDay);
      const slots = Int32Array.from({ length: days * perDay }, (_, i) => i);
      for (let i = 0; i < list.length; i++) {
        const j = i + rng.int(slots.length - i);
        [slots[i], slots[j]] = [slots[j], slots[i]];
        const day = Math.floor(slots[i] / perDay);
        const slot = slots[i] % perDay;
        const jitter = rng.pick([0, 15, 30]) * MINUTE;
        const durations = [45, 60, 90, 120, 180].filter((d) => d * MINUTE + jitter <= block);
        const m = list[i];
        meetStart[m] = firstDay + day * DAY + 7 * HOUR + slot * block + jitter;
        meetDuration[m] = durations.length > 0 ? rng.pick(durations) : 30;
      }
    }

    // ---------------- plan: accords and follow-up timelines ----------------
    const accCase = new Int32Array(nAccords);
    {
      let a = 0;
      for (let c = 0; c < nCases; c++) for (let k = 0; k < accordsOfCase[c]; k++) accCase[a++] = c;
    }
    const fuPer = apportion(
      nFollowUps,
      Array.from(accCase, (c) => FOLLOW_UP_WEIGHT[caseStatus[c]] * rng.real(0.4, 1.6)),
      rng,
    );
    const accInterval = new Int32Array(nAccords);
    const accOutcome: Outcome[] = [];
    const accConcluded = new Float64Array(nAccords);
    const fuStart = new Int32Array(nAccords + 1);
    const fuTime = new Float64Array(nFollowUps);
    for (let a = 0; a < nAccords; a++) {
      const n = fuPer[a];
      fuStart[a + 1] = fuStart[a] + n;
      const intervals = [14, 30, 30, 30, 45, 60, 90].filter((d) => n * d <= 900);
      const iv = intervals.length > 0 ? rng.pick(intervals) : 14;
      accInterval[a] = iv;
      const status = caseStatus[accCase[a]];
      const outcome: Outcome =
        status === 'collapsed'
          ? 'breaking'
          : status === 'breaking_down'
            ? rng.chance(0.7)
              ? 'breaking'
              : 'violated'
            : rng.weighted(OUTCOME_WEIGHTS);
      accOutcome.push(outcome);
      if (n === 0) {
        accConcluded[a] =
          outcome === 'overdue'
            ? now - (iv + rng.real(5, 60)) * DAY
            : now - rng.real(0.5, iv - 1.5) * DAY;
        continue;
      }
      let t =
        outcome === 'overdue'
          ? now - (iv + rng.real(2, 60)) * DAY
          : outcome === 'tense'
            ? now - rng.real(0.2, Math.min(iv - 1.5, 20)) * DAY
            : now - rng.real(0.2, iv - 1.5) * DAY;
      for (let j = n - 1; j >= 0; j--) {
        fuTime[fuStart[a] + j] = t;
        t -= iv * rng.real(0.8, 1.15) * DAY;
      }
      accConcluded[a] = fuTime[fuStart[a]] - iv * rng.real(0.5, 1) * DAY;
    }

    // Each case starts before its first meeting and its first accord.
    const caseCreated = new Float64Array(nCases).fill(Infinity);
    for (let m = 0; m < nMeetings; m++) {
      caseCreated[meetCase[m]] = Math.min(caseCreated[meetCase[m]], meetStart[m]);
    }
    for (let a = 0; a < nAccords; a++) {
      caseCreated[accCase[a]] = Math.min(caseCreated[accCase[a]], accConcluded[a]);
    }
    for (let c = 0; c < nCases; c++) {
      caseCreated[c] = Math.min(
        caseCreated[c] === Infinity ? now : caseCreated[c],
        now - rng.real(2, 120) * DAY,
      );
      caseCreated[c] -= rng.real(3, 60) * DAY;
    }
    const assocCreated = assocIds.map(() => now - rng.real(1100, 1500) * DAY);

    // ---------------- load ----------------
    const saved = await dropConstraints(admin);
    const open = (table: string, columns: string[]) => CopyWriter.open(url, table, columns);
    const finish = async (writers: CopyWriter[]) => {
      for (const w of writers) counts[w.table] = await w.end();
    };

    const associations = await open('association', [
      'id',
      'name',
      'registration_number',
      'version',
      'created_at',
      'updated_at',
    ]);
    for (let a = 0; a < nAssoc; a++) {
      const when = iso(assocCreated[a]);
      await associations.row([
        assocIds[a],
        `Association de médiation ${String(a + 1).padStart(3, '0')}${a === 0 ? ' (Mopti)' : ''}`,
        `ML-ASSO-${String(a + 1).padStart(4, '0')}`,
        1,
        when,
        when,
      ]);
    }
    const users = await open('app_user', [
      'id',
      'username',
      'display_name',
      'role',
      'association_id',
      'legal_name',
      'id_document_number',
      'password_hash',
      'must_change_password',
      'disabled',
      'version',
      'created_at',
      'updated_at',
    ]);
    for (let u = 0; u < userIds.length; u++) {
      const id = userIds[u];
      const first = rng.pick(FIRST_NAMES);
      const family = rng.pick(FAMILY_NAMES);
      const when = iso(assocCreated[userAssoc[u]] + rng.real(1, 300) * DAY);
      await users.row([
        id,
        usernames[u],
        `${first} ${family}`,
        userRole[u],
        assocIds[userAssoc[u]],
        enc('app_user', 'legal_name', id, `${first} ${family}`),
        enc('app_user', 'id_document_number', id, `ML${rng.between(10_000_000, 99_999_999)}`),
        passwordHash,
        false,
        false,
        1,
        when,
        when,
      ]);
    }
    await finish([associations, users]);
    log(`users and associations: ${userIds.length + nAssoc} rows`);

    // Cases, teams, parties, participants.
    const caseIds = Array.from({ length: nCases }, () => randomUUID());
    const caseParties: string[][] = [];
    const cases = await open('dialogue_case', [
      'id',
      'code_name',
      'area_id',
      'type',
      'status',
      'status_before_suspension',
      'summary',
      'languages',
      'location_detail',
      'confidential_notes',
      'association_id',
      'created_by',
      'version',
      'created_at',
      'updated_at',
    ]);
    const team = await open('case_team_member', ['case_id', 'user_id', 'lead', 'added_at']);
    const parties = await open('case_party', [
      'id',
      'case_id',
      'name',
      'kind',
      'description',
      'version',
      'created_at',
      'updated_at',
    ]);
    const participants = await open('case_participant', [
      'id',
      'case_id',
      'pseudonym',
      'party_id',
      'role',
      'consent_to_record_identity',
      'real_name',
      'contact',
      'version',
      'created_at',
      'updated_at',
    ]);
    for (let c = 0; c < nCases; c++) {
      const id = caseIds[c];
      const created = iso(caseCreated[c]);
      const type = rng.weighted(TYPE_WEIGHTS);
      const village = `${rng.pick(CODE_WORDS)}ville`;
      const langs = [rng.pick(LANGUAGES)];
      if (rng.chance(0.6)) {
        const other = rng.pick(LANGUAGES);
        if (!langs.includes(other)) langs.push(other);
      }
      await cases.row([
        id,
        `${rng.pick(CODE_WORDS)}-${String(c + 1).padStart(5, '0')}`,
        rng.pick(communes),
        type,
        caseStatus[c],
        caseBefore[c],
        `Dialogue between communities around ${village} (${type.replace(/_/g, ' ')})`,
        pgArray(langs),
        rng.chance(0.85)
          ? enc(
              'dialogue_case',
              'location_detail',
              id,
              `Hamlet ${rng.between(1, 40)} east of ${village}, near the well`,
            )
          : null,
        rng.chance(0.8)
          ? enc(
              'dialogue_case',
              'confidential_notes',
              id,
              `Contact through the imam of ${village}; the herders' spokesman asks for discretion (${rng.between(1, 999)})`,
            )
          : null,
        assocIds[caseAssoc[c]],
        userIds[caseTeam[c][0]],
        caseStatus[c] === 'exploratory' ? 1 : rng.between(2, 6),
        created,
        created,
      ]);
      for (let k = 0; k < caseTeam[c].length; k++) {
        await team.row([id, userIds[caseTeam[c][k]], k === 0, created]);
      }
      const kinds =
        type === 'community_armed_group'
          ? ['community', 'armed_group']
          : type === 'militia_armed_group'
            ? ['militia', 'armed_group']
            : type === 'humanitarian_access'
              ? ['ngo', 'armed_group']
              : ['community', 'community'];
      if (rng.chance(0.5)) kinds.push(rng.pick(['authority', 'religious_leaders', 'other']));
      const ids: string[] = [];
      for (const kind of kinds) {
        const partyId = randomUUID();
        ids.push(partyId);
        await parties.row([
          partyId,
          id,
          `${rng.pick(PARTY_NAMES[kind])} ${rng.pick(CODE_WORDS)}${ids.length}`,
          kind,
          rng.chance(0.5) ? `Represented at the talks by its ${rng.pick(PARTICIPANT_ROLES)}` : null,
          1,
          created,
          created,
        ]);
      }
      caseParties.push(ids);
      const nParticipants = rng.between(1, 2);
      for (let k = 0; k < nParticipants; k++) {
        const pid = randomUUID();
        const consent = rng.chance(0.3);
        await participants.row([
          pid,
          id,
          `${rng.pick(CODE_WORDS)} ${k + 1}`,
          rng.chance(0.8) ? rng.pick(ids) : null,
          rng.pick(PARTICIPANT_ROLES),
          consent,
          consent
            ? enc(
                'case_participant',
                'real_name',
                pid,
                `${rng.pick(FIRST_NAMES)} ${rng.pick(FAMILY_NAMES)}`,
              )
            : null,
          consent && rng.chance(0.7)
            ? enc(
                'case_participant',
                'contact',
                pid,
                `+223 ${rng.between(60, 99)} ${rng.between(10, 99)} ${rng.between(10, 99)} ${rng.between(10, 99)}`,
              )
            : null,
          1,
          created,
          created,
        ]);
      }
    }
    await finish([cases, team, parties, participants]);
    log(`cases: ${nCases} with teams, parties and participants`);

    // Meetings, each attended by its case's lead in a slot of their own.
    const meetings = await open('meeting', [
      'id',
      'case_id',
      'scheduled_at',
      'duration_minutes',
      'status',
      'agenda',
      'languages',
      'interpreter_needed',
      'location_detail',
      'outcome_notes',
      'party_ids',
      'created_by',
      'version',
      'created_at',
      'updated_at',
    ]);
    const attendees = await open('meeting_attendee', ['meeting_id', 'user_id', 'during', 'active']);
    for (let m = 0; m < nMeetings; m++) {
      const id = randomUUID();
      const c = meetCase[m];
      const start = meetStart[m];
      const end = start + meetDuration[m] * MINUTE;
      const over = ['collapsed', 'closed'].includes(caseStatus[c]);
      const status: MeetingStatus =
        start < now
          ? rng.chance(0.85)
            ? 'held'
            : 'cancelled'
          : over
            ? 'cancelled'
            : rng.chance(0.9)
              ? 'planned'
              : 'postponed';
      const created = Math.max(caseCreated[c], Math.min(start, now) - rng.real(3, 30) * DAY);
      const partyIds = caseParties[c].filter(() => rng.chance(0.8));
      const lead = userIds[caseTeam[c][0]];
      await meetings.row([
        id,
        caseIds[c],
        iso(start),
        meetDuration[m],
        status,
        rng.pick([
          'Review of the accord',
          'Access to the pastures',
          'Return of the displaced',
          'Market security',
          'Preparation of the next round',
        ]),
        pgArray([rng.pick(LANGUAGES)]),
        rng.chance(0.3),
        rng.chance(0.6)
          ? enc(
              'meeting',
              'location_detail',
              id,
              `Under the palaver tree of ${rng.pick(CODE_WORDS)}ville`,
            )
          : null,
        status === 'held' && rng.chance(0.5)
          ? enc(
              'meeting',
              'outcome_notes',
              id,
              `Both parties attended; ${rng.between(2, 9)} points agreed, next round planned`,
            )
          : null,
        pgArray(partyIds),
        lead,
        status === 'planned' ? 1 : 2,
        iso(created),
        iso(status === 'planned' ? created : Math.min(end, now)),
      ]);
      await attendees.row([id, lead, `[${iso(start)},${iso(end)})`, holdsSlot(status)]);
    }
    await finish([meetings, attendees]);
    log(`meetings: ${nMeetings}`);

    // Accords, terms, flags, then follow-ups with assessments and incidents.
    const accordIds: string[] = [];
    const termIds: string[] = [];
    const termStart = new Int32Array(nAccords + 1);
    const accords = await open('accord', [
      'id',
      'case_id',
      'sms_code',
      'concluded_at',
      'form',
      'kind',
      'monitoring_mechanism',
      'follow_up_interval_days',
      'summary',
      'created_by',
      'version',
      'created_at',
      'updated_at',
    ]);
    const terms = await open('accord_term', [
      'id',
      'accord_id',
      'number',
      'text',
      'category',
      'obligor_party_id',
      'beneficiary_party_id',
      'is_concession',
      'deadline',
      'version',
      'created_at',
      'updated_at',
    ]);
    const flags = await open('accord_flag', [
      'id',
      'accord_id',
      'severity',
      'reason',
      'raised_by',
      'raised_at',
      'resolved_by',
      'resolved_at',
      'resolution_note',
    ]);
    const smsCodes = new Set<string>();
    let previousCase = -1;
    for (let a = 0; a < nAccords; a++) {
      const id = randomUUID();
      accordIds.push(id);
      const c = accCase[a];
      const first = c !== previousCase;
      previousCase = c;
      const concluded = iso(accConcluded[a]);
      const kind: AccordKind = first
        ? rng.pick(['ceasefire', 'non_aggression_pact', 'humanitarian_access'] as const)
        : rng.pick(ACCORD_KINDS);
      let smsCode = newSmsCode();
      while (smsCodes.has(smsCode)) smsCode = newSmsCode();
      smsCodes.add(smsCode);
      await accords.row([
        id,
        caseIds[c],
        smsCode,
        concluded,
        rng.chance(0.6) ? 'verbal' : 'written',
        kind,
        rng.chance(0.7)
          ? rng.pick([
              'Joint committee of elders',
              'Monthly market-day meeting',
              'Mediator visits',
              'Phone tree of village chiefs',
            ])
          : null,
        accInterval[a],
        enc(
          'accord',
          'summary',
          id,
          `The parties agree on ${kind.replace(/_/g, ' ')} terms, witnessed by the elders (${rng.between(1, 9999)})`,
        ),
        userIds[caseTeam[c][0]],
        1,
        concluded,
        concluded,
      ]);
      const nTerms = rng.pick([3, 4, 5, 5, 5, 6, 7]);
      termStart[a + 1] = termStart[a] + nTerms;
      const ps = caseParties[c];
      for (let k = 0; k < nTerms; k++) {
        const termId = randomUUID();
        termIds.push(termId);
        const category = k === 0 && first ? 'ceasefire_non_aggression' : rng.pick(TERM_CATEGORIES);
        const obligor = rng.int(ps.length);
        const beneficiary = (obligor + 1 + rng.int(ps.length - 1)) % ps.length;
        await terms.row([
          termId,
          id,
          k + 1,
          enc('accord_term', 'text', termId, `${TERM_TEXT[category]} (article ${k + 1})`),
          category,
          ps[obligor],
          rng.chance(0.7) && beneficiary !== obligor ? ps[beneficiary] : null,
          rng.chance(0.2),
          rng.chance(0.3) ? iso(accConcluded[a] + rng.between(15, 180) * DAY).slice(0, 10) : null,
          1,
          concluded,
          concluded,
        ]);
      }
      const team = caseTeam[c];
      const high = caseStatus[c] === 'breaking_down' && rng.chance(0.25);
      const openFlag = high || rng.chance(0.015);
      const raisedAt = (from: number) => iso(from + rng.real(0, Math.max(0, now - from)));
      if (openFlag) {
        const flagId = randomUUID();
        await flags.row([
          flagId,
          id,
          high ? 'high' : rng.pick(['low', 'medium']),
          enc(
            'accord_flag',
            'reason',
            flagId,
            'Armed men seen again near the pastures; the herders fear reprisals',
          ),
          userIds[rng.pick(team)],
          raisedAt(Math.max(accConcluded[a], now - 45 * DAY)),
          null,
          null,
          null,
        ]);
      }
      if (rng.chance(0.01)) {
        const flagId = randomUUID();
        const raised = accConcluded[a] + rng.real(0, Math.max(0, now - accConcluded[a])) * 0.5;
        await flags.row([
          flagId,
          id,
          rng.pick(FLAG_SEVERITIES.filter((s) => s !== 'high')),
          enc('accord_flag', 'reason', flagId, 'A market dispute threatened the accord'),
          userIds[rng.pick(team)],
          iso(raised),
          userIds[coordinatorsOf[caseAssoc[c]][0]],
          iso(raised + rng.real(1, 10) * DAY),
          enc('accord_flag', 'resolution_note', flagId, 'Settled by the council of elders'),
        ]);
      }
    }
    await finish([accords, terms, flags]);
    log(`accords: ${nAccords} with ${termIds.length} terms`);

    const followUps = await open('follow_up', [
      'id',
      'accord_id',
      'checked_at',
      'method',
      'indicators',
      'overall',
      'next_check_due',
      'implementation_score',
      'created_by',
      'created_at',
    ]);
    const assessments = await open('follow_up_assessment', [
      'id',
      'follow_up_id',
      'term_id',
      'status',
      'note',
    ]);
    const incidents = await open('incident', [
      'id',
      'follow_up_id',
      'type',
      'occurred_at',
      'fatalities',
      'perpetrator_kind',
      'verification',
    ]);
    try {
      for (let a = 0; a < nAccords; a++) {
        const n = fuStart[a + 1] - fuStart[a];
        if (n === 0) continue;
        const outcome = accOutcome[a];
        const iv = accInterval[a];
        const team = caseTeam[accCase[a]];
        const tIds = termIds.slice(termStart[a], termStart[a + 1]);
        const levels = tIds.map(() => (rng.chance(0.5) ? 0 : 1));
        let previous: AssessmentStatus[] = [];
        for (let j = 0; j < n; j++) {
          const last = j === n - 1;
          const t = fuTime[fuStart[a] + j];
          const followUpId = randomUUID();
          if (j > 0)
            for (let k = 0; k < levels.length; k++)
              if (levels[k] < 3 && rng.chance(0.35)) levels[k]++;
          const noUnknown = outcome === 'dropped' && j >= n - 2;
          const statuses = levels.map((l): AssessmentStatus => {
            if (!noUnknown && rng.chance(0.03)) return 'unknown';
            if (!last && rng.chance(0.02)) return 'violated';
            return LEVELS[l];
          });
          let overall: OverallJudgement = rng.weighted(OVERALL_WEIGHTS);
          if (last) {
            switch (outcome) {
              case 'stable':
              case 'overdue':
                overall = rng.chance(0.9) ? 'stable' : 'tense';
                break;
              case 'violated':
                statuses[rng.int(statuses.length)] = 'violated';
                overall = 'tense';
                break;
              case 'breaking':
                statuses[rng.int(statuses.length)] = 'violated';
                if (rng.chance(0.5)) statuses[rng.int(statuses.length)] = 'violated';
                overall = 'breaking_down';
                break;
              case 'dropped': {
                const candidates = statuses
                  .map((_, k) => k)
                  .filter((k) => (SCORE[previous[k]] ?? 0) >= 1);
                if (candidates.length > 0) {
                  const k = rng.pick(candidates);
                  statuses[k] = LEVELS[(SCORE[previous[k]] as number) - 1];
                }
                overall = rng.chance(0.5) ? 'stable' : 'tense';
                break;
              }
              case 'tense':
                overall = 'tense';
                break;
            }
          }
          const threats =
            last && outcome === 'tense' && rng.chance(0.3)
              ? 'yes'
              : rng.chance(0.8)
                ? 'no'
                : 'unknown';
          const indicators = {
            markets_open: overall === 'stable' ? 'yes' : rng.pick(['yes', 'no', 'unknown']),
            farming_possible: rng.pick(['yes', 'yes', 'no', 'unknown']),
            movement_free: overall === 'breaking_down' ? 'no' : rng.pick(['yes', 'yes', 'no']),
            ...(rng.chance(0.5) ? { displaced_returning: rng.pick(['yes', 'no', 'unknown']) } : {}),
            armed_presence_near_village: overall === 'stable' ? 'no' : rng.pick(['yes', 'no']),
            threats_against_mediators: threats,
          };
          const score = implementationScore(statuses);
          await followUps.row([
            followUpId,
            accordIds[a],
            iso(t),
            rng.weighted(METHOD_WEIGHTS),
            JSON.stringify(indicators),
            overall,
            iso(t + iv * DAY),
            score === null ? null : score.toFixed(2),
            userIds[rng.pick(team)],
            iso(Math.min(now, t + rng.real(0, 2) * HOUR)),
          ]);
          for (let k = 0; k < tIds.length; k++) {
            const assessmentId = randomUUID();
            await assessments.row([
              assessmentId,
              followUpId,
              tIds[k],
              statuses[k],
              rng.chance(0.1)
                ? enc(
                    'follow_up_assessment',
                    'note',
                    assessmentId,
                    statuses[k] === 'violated'
                      ? 'Reported by two separate informants'
                      : 'Confirmed during the visit',
                  )
                : null,
            ]);
          }
          const recent = last && outcome === 'tense';
          if (recent || (!last && t < now - 31 * DAY && rng.chance(0.055))) {
            const occurred = recent
              ? t - rng.real(0, 3) * DAY
              : t - rng.real(1, Math.min(iv, 20)) * DAY;
            await incidents.row([
              randomUUID(),
              followUpId,
              rng.pick(INCIDENT_TYPES),
              iso(occurred),
              rng.chance(0.2) ? rng.between(1, 5) : 0,
              rng.chance(0.7)
                ? rng.pick(['armed_group', 'militia', 'unknown armed men', 'bandits'])
                : null,
              rng.pick(VERIFICATIONS),
            ]);
          }
          previous = statuses;
        }
      }
    } catch (error) {
      await Promise.all([followUps.abort(), assessments.abort(), incidents.abort()]);
      throw error;
    }
    await finish([followUps, assessments, incidents]);
    log(`follow-ups: ${counts.follow_up}, assessments: ${counts.follow_up_assessment}`);

    log('restoring indexes and foreign keys');
    await restoreConstraints(url, saved);
    const summaries = await admin.query(refreshCheckSummarySql('SELECT id FROM accord'));
    counts.accord_check_summary = summaries.rowCount ?? 0;
    log(`check summaries: ${counts.accord_check_summary}`);
    log('ANALYZE');
    await admin.query(`ANALYZE ${SEEDED_TABLES.join(', ')}`);

    // ---------------- manifest ----------------
    const allMediators = userIds.map((_, u) => u).filter((u) => userRole[u] === 'mediator');
    const step = Math.max(1, allMediators.length / MANIFEST_MEDIATORS);
    const chosen = new Set<number>();
    for (let i = 0; i < Math.min(MANIFEST_MEDIATORS, allMediators.length); i++) {
      chosen.add(allMediators[Math.floor(i * step)]);
    }
    const casesOf = new Map<number, string[]>([...chosen].map((u) => [u, []]));
    for (let c = 0; c < nCases; c++) {
      for (const u of caseTeam[c]) casesOf.get(u)?.push(caseIds[c]);
    }
    const candidates: number[] = [];
    for (let a = 0; a < nAccords; a++) {
      const status = caseStatus[accCase[a]];
      if (
        termStart[a + 1] - termStart[a] >= 5 &&
        ['accord_reached', 'monitoring', 'breaking_down'].includes(status)
      )
        candidates.push(a);
    }
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
    }
    manifestBody = {
      mediators: [...chosen].map((u) => ({
        userId: userIds[u],
        username: usernames[u],
        caseIds: casesOf.get(u) ?? [],
      })),
      largeAssociation: {
        id: assocIds[0],
        coordinatorUsername: usernames[coordinatorsOf[0][0]],
        accordCount: Array.from(accCase).filter((c) => caseAssoc[c] === 0).length,
      },
      followUpTargets: candidates.slice(0, FOLLOW_UP_TARGETS).map((a) => {
        const mediator = rng.pick(caseTeam[accCase[a]]);
        return {
          mediatorUserId: userIds[mediator],
          mediatorUsername: usernames[mediator],
          accordId: accordIds[a],
          termIds: termIds.slice(termStart[a], termStart[a] + 5),
        };
      }),
    };
  } finally {
    await admin.end();
  }

  const seconds = (Date.now() - started) / 1000;
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  return {
    scale,
    database: databaseOf(url),
    seededAt: new Date().toISOString(),
    counts,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(total / seconds),
    password: BENCH_PASSWORD,
    ...manifestBody,
  };
}
