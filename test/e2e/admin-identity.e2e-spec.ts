import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Administration of associations, authorities, areas and users (api.md, "Administration"). */
describe('administration: associations, authorities, areas, users', () => {
  let t: TestApp;
  let factory: Factory;
  let admin: Record<string, string>;

  const tag = (): string => randomUUID().slice(0, 8);
  const INITIAL_PASSWORD = 'First-login-passphrase-31';

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await t.db.query<{ n: number }>(sql, params);
    return rows[0].n;
  }
  const countRows = (table: string): Promise<number> =>
    count(`SELECT count(*)::int AS n FROM ${table}`);

  /** Every item of a paginated list, following nextCursor with the given page size. */
  async function collect(
    path: string,
    headers: Record<string, string>,
    limit: number,
    query: Record<string, string> = {},
  ): Promise<{ items: { id: string }[]; pages: Response[] }> {
    const items: { id: string }[] = [];
    const pages: Response[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const res: Response = await t.http
        .get(path)
        .set(headers)
        .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
        .expect(200);
      pages.push(res);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...(res.body.items as { id: string }[]));
      cursor = res.body.nextCursor as string | null;
      if (cursor === null) return { items, pages };
    }
    throw new Error(`${path}: no last page after 1000 pages`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    const adminUser = await factory.user('admin');
    admin = bearer((await login(t.http, adminUser.username)).accessToken);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('associations', () => {
    it('creates an association → 201 with its fields', async () => {
      const authority = await factory.authority();
      const name = `Association des médiateurs ${tag()}`;
      const res = await t.http
        .post('/api/v1/associations')
        .set(admin)
        .send({ name, registrationNumber: 'REC-2024-117', registeredWithAuthorityId: authority.id })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name,
        registrationNumber: 'REC-2024-117',
        registeredWithAuthorityId: authority.id,
        version: expect.any(Number),
      });
      expect(
        await count('SELECT count(*)::int AS n FROM association WHERE id = $1', [res.body.id]),
      ).toBe(1);
      const read = await t.http.get(`/api/v1/associations/${res.body.id}`).set(admin).expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('refuses a second association with the same name → 409 duplicate', async () => {
      const name = `Duplicate association ${tag()}`;
      await t.http.post('/api/v1/associations').set(admin).send({ name }).expect(201);
      const res = await t.http.post('/api/v1/associations').set(admin).send({ name }).expect(409);
      expect(res.body.code).toBe('duplicate');
      expect(
        await count('SELECT count(*)::int AS n FROM association WHERE name = $1', [name]),
      ).toBe(1);
    });

    it('refuses an unknown registeredWithAuthorityId → 400 invalid_reference', async () => {
      const name = `Unregistered ${tag()}`;
      const res = await t.http
        .post('/api/v1/associations')
        .set(admin)
        .send({ name, registeredWithAuthorityId: randomUUID() })
        .expect(400);
      expect(res.body.code).toBe('invalid_reference');
      expect(
        await count('SELECT count(*)::int AS n FROM association WHERE name = $1', [name]),
      ).toBe(0);
    });

    it('with a client-supplied id: the same create again returns the same record; another name → 409', async () => {
      const id = randomUUID();
      const body = { id, name: `Offline association ${tag()}`, registrationNumber: 'R-1' };
      const first = await t.http.post('/api/v1/associations').set(admin).send(body);
      expect(first.status).toBe(201);
      expect(first.body.id).toBe(id);

      const again = await t.http.post('/api/v1/associations').set(admin).send(body);
      expect(again.status).toBeGreaterThanOrEqual(200);
      expect(again.status).toBeLessThan(300);
      expect(again.body).toEqual(first.body);
      expect(await count('SELECT count(*)::int AS n FROM association WHERE id = $1', [id])).toBe(1);

      const other = await t.http
        .post('/api/v1/associations')
        .set(admin)
        .send({ ...body, name: `Another name ${tag()}` })
        .expect(409);
      expect(other.body.code).toBe('duplicate');
      const { rows } = await t.db.query('SELECT name FROM association WHERE id = $1', [id]);
      expect(rows).toEqual([{ name: body.name }]);
    });

    it('with a client-supplied id: a repeat that spells a referenced id in upper case is the same record', async () => {
      // Offline clients may write UUIDs in upper case (e.g. Swift's UUID().uuidString).
      const authority = await factory.authority();
      const id = randomUUID();
      const body = {
        id,
        name: `Upper-case reference ${tag()}`,
        registeredWithAuthorityId: authority.id.toUpperCase(),
      };
      const first = await t.http.post('/api/v1/associations').set(admin).send(body).expect(201);
      const again = await t.http.post('/api/v1/associations').set(admin).send(body);
      expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
      expect(await count('SELECT count(*)::int AS n FROM association WHERE id = $1', [id])).toBe(1);
    });

    it('refuses a blank name → 400 validation_failed, and creates nothing', async () => {
      const before = await countRows('association');
      const res = await t.http.post('/api/v1/associations').set(admin).send({ name: '    ' });
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 400,
        code: 'validation_failed',
      });
      expect(await countRows('association')).toBe(before);
    });

    it('lists with keyset pagination: pages of 2, all rows once, stable order, last nextCursor null', async () => {
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.http
          .post('/api/v1/associations')
          .set(admin)
          .send({ name: `Paged association ${i} ${tag()}` })
          .expect(201);
        created.push(res.body.id);
      }
      const { items, pages } = await collect('/api/v1/associations', admin, 2);
      const ids = items.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(await countRows('association'));
      expect(ids).toEqual(expect.arrayContaining(created));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.slice(0, -1).every((p) => p.body.items.length === 2)).toBe(true);
      expect(pages[pages.length - 1].body.nextCursor).toBeNull();

      // The same order as one big page, and the same again on a second walk.
      const whole = await t.http.get('/api/v1/associations?limit=100').set(admin).expect(200);
      expect(whole.body.nextCursor).toBeNull();
      expect(whole.body.items.map((a: { id: string }) => a.id)).toEqual(ids);
      const again = await collect('/api/v1/associations', admin, 2);
      expect(again.items.map((a) => a.id)).toEqual(ids);
    });

    it.each([
      ['limit=0', { limit: '0' }],
      ['limit=101', { limit: '101' }],
      ['limit=abc', { limit: 'abc' }],
      ['a cursor that is not one of ours', { cursor: 'not-a-cursor' }],
      ['a cursor of the wrong shape', { cursor: Buffer.from('["x"]').toString('base64url') }],
    ])('refuses %s → 400 validation_failed', async (_, query) => {
      const res = await t.http.get('/api/v1/associations').set(admin).query(query).expect(400);
      expect(res.body.code).toBe('validation_failed');
    });
  });

  describe('authorities', () => {
    it('creates an authority with a jurisdiction of seeded areas → 201 with those ids', async () => {
      const areaIds = [
        await factory.areaId('Koro', 'cercle'),
        await factory.areaId('Bankass', 'cercle'),
        await factory.areaId('Mondoro', 'commune'),
      ];
      const name = `Préfecture ${tag()}`;
      const res = await t.http
        .post('/api/v1/authorities')
        .set(admin)
        .send({ name, jurisdictionAreaIds: areaIds })
        .expect(201);
      expect(res.body).toMatchObject({ id: expect.any(String), name, version: expect.any(Number) });
      expect([...res.body.jurisdictionAreaIds].sort()).toEqual([...areaIds].sort());
      const read = await t.http.get(`/api/v1/authorities/${res.body.id}`).set(admin).expect(200);
      expect([...read.body.jurisdictionAreaIds].sort()).toEqual([...areaIds].sort());
    });

    it('refuses an unknown area id → 400 invalid_reference, and creates nothing', async () => {
      const before = [await countRows('authority'), await countRows('authority_jurisdiction')];
      const name = `Gouvernorat ${tag()}`;
      const res = await t.http
        .post('/api/v1/authorities')
        .set(admin)
        .send({ name, jurisdictionAreaIds: [await factory.areaId('Koro', 'cercle'), randomUUID()] })
        .expect(400);
      expect(res.body.code).toBe('invalid_reference');
      expect([await countRows('authority'), await countRows('authority_jurisdiction')]).toEqual(
        before,
      );
    });

    it('refuses a non-UUID in jurisdictionAreaIds → 400 validation_failed', async () => {
      const before = await countRows('authority');
      const res = await t.http
        .post('/api/v1/authorities')
        .set(admin)
        .send({ name: `Sous-préfecture ${tag()}`, jurisdictionAreaIds: ['Koro'] })
        .expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'jurisdictionAreaIds' })]),
      );
      expect(await countRows('authority')).toBe(before);
    });
    it('refuses a blank name → 400 validation_failed, and creates nothing', async () => {
      const before = await countRows('authority');
      const res = await t.http
        .post('/api/v1/authorities')
        .set(admin)
        .send({ name: '   ', jurisdictionAreaIds: [await factory.areaId('Koro', 'cercle')] });
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 400,
        code: 'validation_failed',
      });
      expect(await countRows('authority')).toBe(before);
    });
  });

  describe('areas', () => {
    it('filters by level=region: only regions, the seeded ones among them', async () => {
      const res = await t.http
        .get('/api/v1/areas')
        .set(admin)
        .query({ level: 'region', limit: 100 })
        .expect(200);
      const items = res.body.items as { name: string; level: string; parentId: string | null }[];
      expect(items.length).toBeGreaterThanOrEqual(4);
      expect(items.every((a) => a.level === 'region' && a.parentId === null)).toBe(true);
      expect(items.map((a) => a.name)).toEqual(
        expect.arrayContaining(['Mopti', 'Bandiagara', 'Douentza', 'Ségou']),
      );
    });

    it('filters by parentId: the communes of the cercle of Koro, Dinangourou among them', async () => {
      const koro = await factory.areaId('Koro', 'cercle');
      const { items } = await collect('/api/v1/areas', admin, 100, { parentId: koro });
      const areas = items as unknown as { name: string; level: string; parentId: string }[];
      expect(areas.length).toBeGreaterThan(1);
      expect(areas.every((a) => a.parentId === koro && a.level === 'commune')).toBe(true);
      expect(areas.map((a) => a.name)).toContain('Dinangourou');
      expect(areas.map((a) => a.name)).not.toContain('Mondoro');
    });

    it('lets the admin add a commune under a cercle → 201', async () => {
      const koro = await factory.areaId('Koro', 'cercle');
      const name = `Nouvelle commune ${tag()}`;
      const res = await t.http
        .post('/api/v1/areas')
        .set(admin)
        .send({ name, level: 'commune', parentId: koro })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name,
        level: 'commune',
        parentId: koro,
        pcode: null,
      });
      await t.http.get(`/api/v1/areas/${res.body.id}`).set(admin).expect(200);
    });

    type Parent = [name: string, level: 'region' | 'cercle' | 'commune'] | 'unknown' | null;
    it.each<{ label: string; level: string; parent?: Parent; code: string }>([
      {
        label: 'a commune under a region',
        level: 'commune',
        parent: ['Mopti', 'region'],
        code: 'invalid_area_hierarchy',
      },
      {
        label: 'a commune under a commune',
        level: 'commune',
        parent: ['Dinangourou', 'commune'],
        code: 'invalid_area_hierarchy',
      },
      {
        label: 'a cercle under a cercle',
        level: 'cercle',
        parent: ['Koro', 'cercle'],
        code: 'invalid_area_hierarchy',
      },
      {
        label: 'a region with a parentId',
        level: 'region',
        parent: ['Mopti', 'region'],
        code: 'invalid_area_hierarchy',
      },
      { label: 'a cercle without a parent', level: 'cercle', code: 'invalid_area_hierarchy' },
      { label: 'a commune without a parent', level: 'commune', code: 'invalid_area_hierarchy' },
      {
        label: 'a cercle with parentId: null (null is not a UUID)',
        level: 'cercle',
        parent: null,
        code: 'validation_failed',
      },
      {
        label: 'a commune with parentId: null (null is not a UUID)',
        level: 'commune',
        parent: null,
        code: 'validation_failed',
      },
      {
        label: 'a commune under an unknown parentId',
        level: 'commune',
        parent: 'unknown',
        code: 'invalid_reference',
      },
      {
        label: 'a village (villages are never reference data)',
        level: 'village',
        parent: ['Dinangourou', 'commune'],
        code: 'validation_failed',
      },
    ])('refuses $label → 400 $code, and creates nothing', async ({ level, parent, code }) => {
      const body: Record<string, unknown> = { name: `Refused area ${tag()}`, level };
      if (parent === 'unknown') body.parentId = randomUUID();
      else if (parent === null) body.parentId = null;
      else if (parent) body.parentId = await factory.areaId(...parent);
      const before = await countRows('area');
      const res = await t.http.post('/api/v1/areas').set(admin).send(body);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { code } });
      expect(await countRows('area')).toBe(before);
    });

    it('refuses a blank name → 400 validation_failed, and creates nothing', async () => {
      const before = await countRows('area');
      const res = await t.http
        .post('/api/v1/areas')
        .set(admin)
        .send({ name: '   ', level: 'commune', parentId: await factory.areaId('Koro', 'cercle') });
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 400,
        code: 'validation_failed',
      });
      expect(await countRows('area')).toBe(before);
    });
  });

  describe('users', () => {
    let associationId: string;

    beforeAll(async () => {
      associationId = (await factory.association()).id;
    });

    const mediatorBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
      username: `mediator.${tag()}`,
      displayName: 'Aïssata D.',
      role: 'mediator',
      associationId,
      password: INITIAL_PASSWORD,
      ...overrides,
    });

    it('creates a mediator → 201 without any secret or identity value in the response', async () => {
      const legalName = `Aïssata Diallo ${tag()}`;
      const idDocumentNumber = `ML-NINA-${tag()}`;
      const body = mediatorBody({ legalName, idDocumentNumber });
      const res = await t.http.post('/api/v1/users').set(admin).send(body).expect(201);

      expect(res.body).toMatchObject({
        id: expect.any(String),
        username: body.username,
        displayName: body.displayName,
        role: 'mediator',
        associationId,
        authorityId: null,
        disabled: false,
        pending: true,
        mustChangePassword: true,
        hasLegalIdentity: true,
        version: expect.any(Number),
      });
      const serialised = JSON.stringify(res.body);
      for (const secret of [INITIAL_PASSWORD, legalName, idDocumentNumber]) {
        expect(serialised).not.toContain(secret);
      }
      for (const key of ['password', 'passwordHash', 'legalName', 'idDocumentNumber']) {
        expect(res.body).not.toHaveProperty(key);
      }
      const { rows } = await t.db.query<{ password_hash: string }>(
        'SELECT password_hash FROM app_user WHERE id = $1',
        [res.body.id],
      );
      expect(serialised).not.toContain(rows[0].password_hash);

      const read = await t.http.get(`/api/v1/users/${res.body.id}`).set(admin).expect(200);
      const readSerialised = JSON.stringify(read.body);
      for (const secret of [INITIAL_PASSWORD, legalName, idDocumentNumber, rows[0].password_hash]) {
        expect(readSerialised).not.toContain(secret);
      }
    });

    it('reports hasLegalIdentity false unless both legalName and idDocumentNumber are on file', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(admin)
        .send(mediatorBody({ legalName: 'Moussa Guindo' }))
        .expect(201);
      expect(res.body.hasLegalIdentity).toBe(false);
    });

    it('makes the new user change password at first sign-in', async () => {
      const body = mediatorBody();
      await t.http.post('/api/v1/users').set(admin).send(body).expect(201);
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ username: body.username, password: INITIAL_PASSWORD })
        .expect(200);
      expect(res.body.user.mustChangePassword).toBe(true);
    });

    it('keeps accepting mustChangePassword: false, and ignores it: an admin-set password is temporary', async () => {
      const body = mediatorBody({ mustChangePassword: false });
      const created = await t.http.post('/api/v1/users').set(admin).send(body).expect(201);
      expect(created.body.mustChangePassword).toBe(true);
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ username: body.username, password: INITIAL_PASSWORD })
        .expect(200);
      expect(res.body.user.mustChangePassword).toBe(true);
    });

    it.each<
      [string, (ids: { associationId: string; authorityId: string }) => Record<string, unknown>]
    >([
      ['a mediator with an authorityId', (ids) => ({ role: 'mediator', ...ids })],
      ['a mediator without an association', () => ({ role: 'mediator', associationId: undefined })],
      [
        'a coordinator with an authority instead of an association',
        (ids) => ({ role: 'coordinator', associationId: undefined, authorityId: ids.authorityId }),
      ],
      [
        'an official without an authorityId',
        () => ({ role: 'official', associationId: undefined }),
      ],
      ['an official with an association too', (ids) => ({ role: 'official', ...ids })],
      ['an admin with an associationId', () => ({ role: 'admin' })],
    ])('refuses %s → 400 invalid_membership', async (_, membership) => {
      const authorityId = (await factory.authority()).id;
      const body = mediatorBody(membership({ associationId, authorityId }));
      const before = await countRows('app_user');
      const res = await t.http.post('/api/v1/users').set(admin).send(body);
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 400,
        body: { code: 'invalid_membership' },
      });
      expect(await countRows('app_user')).toBe(before);
    });

    it.each<[string, Record<string, unknown>]>([
      ['a mediator with associationId: null', { role: 'mediator', associationId: null }],
      [
        'an official with authorityId: null',
        { role: 'official', associationId: undefined, authorityId: null },
      ],
    ])(
      'refuses %s → 400 validation_failed naming the field (null is not a UUID)',
      async (_, membership) => {
        const body = mediatorBody(membership);
        const before = await countRows('app_user');
        const res = await t.http.post('/api/v1/users').set(admin).send(body).expect(400);
        expect(res.body.code).toBe('validation_failed');
        const field = Object.keys(membership).find((k) => membership[k] === null);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        expect(await countRows('app_user')).toBe(before);
      },
    );

    it('refuses a 9-character password → 400 weak_password', async () => {
      const body = mediatorBody({ password: 'Kx7#pq2Lz' });
      const res = await t.http.post('/api/v1/users').set(admin).send(body).expect(400);
      expect(res.body.code).toBe('weak_password');
      expect(
        await count('SELECT count(*)::int AS n FROM app_user WHERE username = $1', [body.username]),
      ).toBe(0);
    });

    it.each([
      ['as sent', (id: string) => id],
      ['with associationId in upper case', (id: string) => id.toUpperCase()],
    ])(
      'with a client-supplied id: repeating the same create (%s) returns the same user; a different one → 409',
      async (_, spell) => {
        const id = randomUUID();
        const body = mediatorBody({ id, associationId: spell(associationId) });
        const first = await t.http.post('/api/v1/users').set(admin).send(body).expect(201);
        expect(first.body.id).toBe(id);
        const again = await t.http.post('/api/v1/users').set(admin).send(body);
        expect({ status: again.status, body: again.body }).toEqual({
          status: 201,
          body: first.body,
        });
        const other = await t.http
          .post('/api/v1/users')
          .set(admin)
          .send({ ...body, displayName: 'Someone else' });
        expect({ status: other.status, code: other.body.code }).toEqual({
          status: 409,
          code: 'duplicate',
        });
        expect(await count('SELECT count(*)::int AS n FROM app_user WHERE id = $1', [id])).toBe(1);
      },
    );

    it('refuses a username that differs only in case → 409', async () => {
      await t.http
        .post('/api/v1/users')
        .set(admin)
        .send(mediatorBody({ username: 'Amadou' }))
        .expect(201);
      const res = await t.http
        .post('/api/v1/users')
        .set(admin)
        .send(mediatorBody({ username: 'amadou', displayName: 'Another Amadou' }))
        .expect(409);
      expect(res.body.code).toBe('duplicate');
      expect(
        await count("SELECT count(*)::int AS n FROM app_user WHERE lower(username) = 'amadou'"),
      ).toBe(1);
    });

    it.each([
      ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'],
      ['version', 7],
      ['disabled', true],
      ['isAdmin', true],
    ])('refuses the unknown property %s → 400, and creates nothing', async (property, value) => {
      const body = mediatorBody({ [property]: value });
      const res = await t.http.post('/api/v1/users').set(admin).send(body).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: property })]),
      );
      expect(
        await count('SELECT count(*)::int AS n FROM app_user WHERE username = $1', [body.username]),
      ).toBe(0);
    });

    describe('as a coordinator', () => {
      let coordinator: Record<string, string>;
      let ownIds: string[];
      let otherIds: string[];
      let ownAssociationId: string;

      beforeAll(async () => {
        ownAssociationId = (await factory.association()).id;
        const otherAssociationId = (await factory.association()).id;
        const own = ownAssociationId;
        const me = await factory.user('coordinator', { associationId: own });
        ownIds = [me.id];
        otherIds = [];
        for (let i = 0; i < 3; i++) {
          ownIds.push((await factory.user('mediator', { associationId: own })).id);
          otherIds.push((await factory.user('mediator', { associationId: otherAssociationId })).id);
        }
        otherIds.push(
          (await factory.user('coordinator', { associationId: otherAssociationId })).id,
        );
        coordinator = bearer((await login(t.http, me.username)).accessToken);
      });

      it('lists only the users of their own association', async () => {
        const { items } = await collect('/api/v1/users', coordinator, 2);
        const users = items as unknown as { id: string; associationId: string }[];
        expect(users.every((u) => u.associationId === ownAssociationId)).toBe(true);
        expect(users.map((u) => u.id).sort()).toEqual([...ownIds].sort());
        expect(users.map((u) => u.id)).toEqual(expect.not.arrayContaining(otherIds));
      });

      it('gets a user of another association as 404, indistinguishable from an absent one', async () => {
        const foreign = await t.http.get(`/api/v1/users/${otherIds[0]}`).set(coordinator);
        const absent = await t.http.get(`/api/v1/users/${randomUUID()}`).set(coordinator);
        expect(foreign.status).toBe(404);
        expect(absent.status).toBe(404);
        const strip = (body: Record<string, unknown>): Record<string, unknown> => {
          const { requestId: _, ...rest } = body;
          return rest;
        };
        expect(strip(foreign.body)).toEqual(strip(absent.body));
        expect(foreign.headers['content-type']).toBe(absent.headers['content-type']);
        expect(foreign.headers.etag).toBeUndefined();
      });

      it('gets a user of their own association', async () => {
        const res = await t.http.get(`/api/v1/users/${ownIds[1]}`).set(coordinator).expect(200);
        expect(res.body.associationId).toBe(ownAssociationId);
      });
    });

    describe('GET and PATCH /users/:id', () => {
      let user: { id: string; username: string };

      beforeAll(async () => {
        user = await factory.user('mediator', { associationId });
      });

      const dbRow = async (): Promise<Record<string, unknown>> =>
        (
          await t.db.query(
            'SELECT display_name, disabled, role, association_id, version FROM app_user WHERE id = $1',
            [user.id],
          )
        ).rows[0];

      it('returns ETag W/"<version>" (and Cache-Control: no-store)', async () => {
        const res = await t.http.get(`/api/v1/users/${user.id}`).set(admin).expect(200);
        expect(res.headers.etag).toBe(`W/"${res.body.version}"`);
        expect(res.headers['cache-control']).toBe('no-store');
      });

      it('requires If-Match → 428 precondition_required, and changes nothing', async () => {
        const before = await dbRow();
        const res = await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(admin)
          .send({ displayName: 'No If-Match' })
          .expect(428);
        expect(res.body.code).toBe('precondition_required');
        expect(await dbRow()).toEqual(before);
      });

      it('updates with the current If-Match → 200, version + 1, new ETag; a stale one → 409 with currentVersion', async () => {
        const read = await t.http.get(`/api/v1/users/${user.id}`).set(admin).expect(200);
        const etag = read.headers.etag;
        const version = read.body.version as number;

        const res = await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(admin)
          .set('If-Match', etag)
          .send({ displayName: 'Renamed once' })
          .expect(200);
        expect(res.body).toMatchObject({ displayName: 'Renamed once', version: version + 1 });
        expect(res.headers.etag).toBe(`W/"${version + 1}"`);

        const stale = await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(admin)
          .set('If-Match', etag)
          .send({ displayName: 'Renamed from a stale copy' })
          .expect(409);
        expect(stale.body.code).toBe('stale_version');
        expect(stale.body.currentVersion).toBe(version + 1);
        expect(await dbRow()).toMatchObject({ display_name: 'Renamed once', version: version + 1 });

        const reread = await t.http.get(`/api/v1/users/${user.id}`).set(admin).expect(200);
        expect(reread.headers.etag).toBe(`W/"${version + 1}"`);
      });

      it.each([
        ['role', { role: 'admin' }],
        ['associationId', { associationId: randomUUID() }],
        ['role and associationId', { role: 'coordinator', associationId: randomUUID() }],
      ])('refuses a body with %s → 400, and changes nothing (S3)', async (_, extra) => {
        const before = await dbRow();
        const res = await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(admin)
          .set('If-Match', `W/"${before.version as number}"`)
          .send({ displayName: 'Should not be applied', ...extra })
          .expect(400);
        expect(res.body.code).toBe('validation_failed');
        expect(await dbRow()).toEqual(before);
      });

      it.each([
        ['displayName: null', { displayName: null }],
        ['disabled: null', { disabled: null }],
        ['an empty displayName', { displayName: '' }],
        ['disabled as a string', { disabled: 'true' }],
      ])('refuses %s → 400 validation_failed, and changes nothing', async (_, patch) => {
        const before = await dbRow();
        const res = await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(admin)
          .set('If-Match', `W/"${before.version as number}"`)
          .send(patch);
        expect({ status: res.status, body: res.body }).toMatchObject({
          status: 400,
          body: { code: 'validation_failed' },
        });
        expect(await dbRow()).toEqual(before);
      });

      it('lets exactly one of two concurrent PATCHes with the same If-Match win', async () => {
        const before = await dbRow();
        const ifMatch = `W/"${before.version as number}"`;
        const results = await Promise.all(
          ['Concurrent A', 'Concurrent B'].map((displayName) =>
            t.http
              .patch(`/api/v1/users/${user.id}`)
              .set(admin)
              .set('If-Match', ifMatch)
              .send({ displayName }),
          ),
        );
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = results.find((r) => r.status === 200)!;
        expect(await dbRow()).toMatchObject({
          display_name: winner.body.displayName,
          version: (before.version as number) + 1,
        });
      });

      it('disabling a user ends their sessions at once', async () => {
        const target = await factory.user('mediator', { associationId });
        const session = bearer((await login(t.http, target.username)).accessToken);
        await t.http.get('/api/v1/auth/me').set(session).expect(200);
        await t.http
          .patch(`/api/v1/users/${target.id}`)
          .set(admin)
          .set('If-Match', 'W/"1"')
          .send({ disabled: true })
          .expect(200);
        await t.http.get('/api/v1/auth/me').set(session).expect(401);
      });
    });

    it.each([
      ['GET', '/api/v1/users/not-a-uuid'],
      ['PATCH', '/api/v1/users/12345'],
      ['GET', '/api/v1/associations/not-a-uuid'],
      ['GET', '/api/v1/authorities/not-a-uuid'],
      ['GET', '/api/v1/areas/koro'],
    ])('%s %s: an id that is not a UUID → 400 naming the parameter', async (method, path) => {
      const req =
        method === 'GET'
          ? t.http.get(path).set(admin)
          : t.http.patch(path).set(admin).set('If-Match', 'W/"1"').send({ displayName: 'x' });
      const res = await req.expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });
});
