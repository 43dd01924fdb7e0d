import { Role } from './role';

/** Who is calling, as loaded from the database on every request. */
export interface Principal {
  userId: string;
  sessionId: string;
  username: string;
  role: Role;
  associationId: string | null;
  authorityId: string | null;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
