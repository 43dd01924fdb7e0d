import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './api/types';

/**
 * Every screen of the app: its path (in the URL fragment), who may open it,
 * and its code, loaded on first visit so the first download stays small.
 * The menu is built from the entries that have a `menu` key.
 */
export interface ScreenRoute {
  path: string;
  roles: Role[] | 'all';
  screen: LazyExoticComponent<ComponentType>;
  menu?: MenuKey;
}

export type MenuKey =
  | 'dashboard'
  | 'cases'
  | 'meetings'
  | 'missionOrders'
  | 'notifications'
  | 'verify'
  | 'outbox'
  | 'account'
  | 'users'
  | 'associations'
  | 'authorities'
  | 'areas';

const ALL: Role[] = ['admin', 'coordinator', 'mediator', 'official'];
const FIELD: Role[] = ['coordinator', 'mediator'];

export const ROUTES: ScreenRoute[] = [
  {
    path: '/dashboard',
    roles: ['coordinator', 'official'],
    menu: 'dashboard',
    screen: lazy(() => import('./screens/dashboard/dashboard')),
  },
  {
    path: '/cases',
    roles: FIELD,
    menu: 'cases',
    screen: lazy(() => import('./screens/cases/case-list')),
  },
  { path: '/cases/new', roles: FIELD, screen: lazy(() => import('./screens/cases/case-new')) },
  { path: '/cases/:id', roles: FIELD, screen: lazy(() => import('./screens/cases/case-page')) },
  {
    path: '/cases/:id/accords/new',
    roles: FIELD,
    screen: lazy(() => import('./screens/accords/accord-new')),
  },
  {
    path: '/meetings',
    roles: FIELD,
    menu: 'meetings',
    screen: lazy(() => import('./screens/meetings/meetings')),
  },
  {
    path: '/meetings/new',
    roles: FIELD,
    screen: lazy(() => import('./screens/meetings/meeting-new')),
  },
  {
    path: '/meetings/:id',
    roles: FIELD,
    screen: lazy(() => import('./screens/meetings/meeting-page')),
  },
  {
    path: '/accords/:id',
    roles: FIELD,
    screen: lazy(() => import('./screens/accords/accord-page')),
  },
  {
    path: '/accords/:id/follow-up',
    roles: FIELD,
    screen: lazy(() => import('./screens/accords/follow-up-form')),
  },
  {
    path: '/mission-orders',
    roles: ['coordinator', 'mediator', 'official', 'admin'],
    menu: 'missionOrders',
    screen: lazy(() => import('./screens/mission-orders/mission-orders')),
  },
  {
    path: '/mission-orders/new',
    roles: FIELD,
    screen: lazy(() => import('./screens/mission-orders/mission-order-new')),
  },
  {
    path: '/mission-orders/:id',
    roles: ['coordinator', 'mediator', 'official', 'admin'],
    screen: lazy(() => import('./screens/mission-orders/mission-order-page')),
  },
  {
    path: '/notifications',
    roles: ALL,
    menu: 'notifications',
    screen: lazy(() => import('./screens/notifications/notifications')),
  },
  {
    path: '/outbox',
    roles: ALL,
    menu: 'outbox',
    screen: lazy(() => import('./screens/outbox/outbox')),
  },
  {
    path: '/account',
    roles: ALL,
    menu: 'account',
    screen: lazy(() => import('./screens/account/account')),
  },
  {
    path: '/admin/users',
    roles: ['admin', 'coordinator'],
    menu: 'users',
    screen: lazy(() => import('./screens/admin/users')),
  },
  {
    path: '/admin/associations',
    roles: ['admin'],
    menu: 'associations',
    screen: lazy(() => import('./screens/admin/associations')),
  },
  {
    path: '/admin/authorities',
    roles: ['admin'],
    menu: 'authorities',
    screen: lazy(() => import('./screens/admin/authorities')),
  },
  {
    path: '/admin/areas',
    roles: ['admin'],
    menu: 'areas',
    screen: lazy(() => import('./screens/admin/areas')),
  },
];

/** The first screen of each role after signing in. */
export const HOME: Record<Role, string> = {
  mediator: '/cases',
  coordinator: '/dashboard',
  official: '/mission-orders',
  admin: '/admin/users',
};
