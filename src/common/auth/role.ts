export const ROLES = ['admin', 'coordinator', 'mediator', 'official'] as const;
export type Role = (typeof ROLES)[number];
