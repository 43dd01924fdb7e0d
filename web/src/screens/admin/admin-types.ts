import type { Schemas } from '../../api/types';

/** Shapes of the administration routes (openapi.json components.schemas). */
export type UserResponse = Schemas['UserResponse'];
export type AssociationResponse = Schemas['AssociationResponse'];
export type AuthorityResponse = Schemas['AuthorityResponse'];
export type AreaResponse = Schemas['AreaResponse'];
