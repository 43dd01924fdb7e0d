import type { components } from './schema';
import type { Role } from './vocabulary';

/**
 * Every request and response body of the API, generated from
 * openapi/openapi.json (npm run openapi:write): `Schemas['CaseResponse']`.
 */
export type Schemas = components['schemas'];
export type { Role };

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  associationId?: string | null;
  authorityId?: string | null;
  mustChangePassword: boolean;
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** The answer to a sign-in: the token pair, and this device's token for the next sign-in. */
export interface SignInResponse extends LoginResponse {
  deviceToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
  [extra: string]: unknown;
}

export type HealthLevel = 'stable' | 'watch' | 'at_risk' | 'broken';
