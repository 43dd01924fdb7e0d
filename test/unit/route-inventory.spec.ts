import { Permission } from '../../src/common/auth/permission';
import { listRoutes, RouteDeclaration } from '../support/routes';

/** The routes that answer without a token: anything else must name its permission. */
const PUBLIC_ROUTES = [
  'GET /health',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  // Mission-order checks at a checkpoint (api.md, Public routes).
  'GET /.well-known/mission-order-keys.json',
  'GET /api/v1/mission-orders/revocations',
  'GET /api/v1/verify/mission-orders/:token',
  // SMS gateways: signed (generic, Twilio) or with a token in the URL; 404 while SMS is off.
  'POST /api/v1/sms/inbound/generic',
  'POST /api/v1/sms/inbound/rapidpro',
  'POST /api/v1/sms/inbound/africastalking',
  'POST /api/v1/sms/inbound/twilio',
];

describe('route inventory', () => {
  let routes: RouteDeclaration[];
  beforeAll(async () => {
    routes = await listRoutes();
  });

  it('lists the routes with their declarations', () => {
    const table = routes.map(
      (r) => `${r.method.padEnd(6)} ${r.path.padEnd(45)} ${r.isPublic ? 'public' : r.permission}`,
    );
    console.log(`Route inventory (${routes.length} routes):\n${table.join('\n')}`);
    expect(routes.length).toBeGreaterThan(10);
  });

  it('every route declares exactly one of @Public or a known permission', () => {
    const known = new Set<string>(Object.values(Permission));
    const undeclared = routes.filter(
      (r) => !r.isPublic && (r.permission === undefined || !known.has(r.permission)),
    );
    const both = routes.filter((r) => r.isPublic && r.permission !== undefined);
    expect(undeclared.map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
    expect(both.map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  });

  it('only the intended routes are public', () => {
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });
});
