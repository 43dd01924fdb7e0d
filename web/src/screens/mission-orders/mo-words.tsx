import { useMemo } from 'react';
import type { Schemas } from '../../api/types';
import { useSignedInUser } from '../../auth/session';
import { useT, type Messages } from '../../i18n/i18n';
import { StatusPill } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import type { MissionOrderStatus } from './mo-types';

/** Words shared by the mission-order screens. */
export const moWords = {
  fr: {
    status_requested: 'Demandé',
    status_approved: 'Approuvé',
    status_rejected: 'Refusé',
    status_revoked: 'Révoqué',
    status_expired: 'Expiré',
    holder: 'Titulaire {n}',
    me: '{name} (vous)',
  },
  en: {
    status_requested: 'Requested',
    status_approved: 'Approved',
    status_rejected: 'Rejected',
    status_revoked: 'Revoked',
    status_expired: 'Expired',
    holder: 'Holder {n}',
    me: '{name} (you)',
  },
} satisfies Messages<string>;

const TONES: Record<MissionOrderStatus, string> = {
  requested: 'info',
  approved: 'ok',
  rejected: 'bad',
  revoked: 'bad',
  expired: 'warning',
};

export function OrderStatusPill({ status }: { status: MissionOrderStatus }) {
  const t = useT(moWords);
  return (
    <StatusPill tone={TONES[status]}>
      <span data-status={status}>{t(`status_${status}`)}</span>
    </StatusPill>
  );
}

/** A coordinator's association users (possible holders); nobody else may list them. */
export function useAssociationUsers() {
  const user = useSignedInUser();
  return useApi<Schemas['UserPage']>(user.role === 'coordinator' ? '/users?limit=100' : null);
}

/**
 * Names of possible holders: a coordinator reads their association's users;
 * a mediator knows only themself; an official sees no user list (numbered holders).
 */
export function useHolderName(): (id: string, index: number) => string {
  const user = useSignedInUser();
  const t = useT(moWords);
  const users = useAssociationUsers();
  return useMemo(() => {
    const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.displayName]));
    return (id: string, index: number) =>
      id === user.id
        ? t('me', { name: user.displayName })
        : (names.get(id) ?? t('holder', { n: index + 1 }));
  }, [users.data, user, t]);
}
