import type { Role } from '../../api/types';

/** Shapes of the administration routes (openapi.json: UserResponse, AreaResponse…). */
export interface UserResponse {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  associationId: string | null;
  authorityId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  hasLegalIdentity: boolean;
  totpEnabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AssociationResponse {
  id: string;
  name: string;
  registrationNumber: string | null;
  registeredWithAuthorityId: string | null;
  version: number;
  createdAt: string;
}

export interface AuthorityResponse {
  id: string;
  name: string;
  jurisdictionAreaIds: string[];
  version: number;
  createdAt: string;
}

export type AreaLevel = 'region' | 'cercle' | 'commune';

export interface AreaResponse {
  id: string;
  name: string;
  level: AreaLevel;
  parentId: string | null;
}

export const ROLES: Role[] = ['mediator', 'coordinator', 'official', 'admin'];
