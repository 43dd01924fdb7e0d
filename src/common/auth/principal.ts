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
  /** A second factor (TOTP) is enabled on the account. */
  totpEnabled: boolean;
  /** A member not yet confirmed by a coordinator of their association: no case content. */
  pending: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
