/**
 * The screens the service worker downloads when it installs, beside the app
 * shell: those each role opens on its first day and those a mediator needs
 * in a village with no network (a case, a meeting and its outcome, an accord
 * and its terms, a follow-up, the outbox, the offline check of a mission
 * order). Every other screen — the QR reader, the admin screens, the forms
 * that need the network anyway (new case, meeting, mission order, account) —
 * is kept once it has been opened. The build fails when a path here is not a
 * screen of the app.
 */
export const FIRST_DAY_SCREENS = [
  'src/screens/cases/case-list.tsx',
  'src/screens/cases/case-page.tsx',
  'src/screens/meetings/meetings.tsx',
  'src/screens/meetings/meeting-page.tsx',
  'src/screens/accords/accord-page.tsx',
  'src/screens/accords/accord-new.tsx',
  'src/screens/accords/follow-up-form.tsx',
  'src/screens/dashboard/dashboard.tsx',
  'src/screens/mission-orders/mission-orders.tsx',
  'src/screens/mission-orders/mission-order-page.tsx',
  'src/screens/notifications/notifications.tsx',
  'src/screens/outbox/outbox.tsx',
  'src/screens/verify/verify.tsx',
];
