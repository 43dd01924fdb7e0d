import type { Messages } from '../../i18n/i18n';
import { useT } from '../../i18n/i18n';
import { StatusPill } from '../../ui/components';
import { statusTone, type CaseStatus } from './case-types';

/** Words shared by the case screens: enum values and field names. */
export const caseWords = {
  fr: {
    status_exploratory: 'Exploratoire',
    status_negotiating: 'En négociation',
    status_accord_reached: 'Accord conclu',
    status_monitoring: 'Suivi',
    status_breaking_down: 'En rupture',
    status_collapsed: 'Échoué',
    status_suspended: 'Suspendu',
    status_closed: 'Clôturé',
    type_community_armed_group: 'Communauté – groupe armé',
    type_intercommunity: 'Intercommunautaire',
    type_militia_armed_group: 'Milice – groupe armé',
    type_humanitarian_access: 'Accès humanitaire',
    type_other: 'Autre',
    kind_community: 'Communauté',
    kind_armed_group: 'Groupe armé',
    kind_militia: 'Milice',
    kind_authority: 'Autorité',
    kind_religious_leaders: 'Chefs religieux',
    kind_ngo: 'ONG',
    kind_other: 'Autre',
    codeName: 'Nom de code',
    commune: 'Commune',
    type: 'Type',
    status: 'Statut',
    summary: 'Résumé',
    languages: 'Langues',
    locationDetail: 'Lieu précis',
    confidentialNotes: 'Notes confidentielles',
    encryptedHint: 'Chiffré ; visible par l’équipe du dossier seulement.',
    all: 'Tous',
    started: 'Commencé en {month}',
  },
  en: {
    status_exploratory: 'Exploratory',
    status_negotiating: 'Negotiating',
    status_accord_reached: 'Accord reached',
    status_monitoring: 'Monitoring',
    status_breaking_down: 'Breaking down',
    status_collapsed: 'Collapsed',
    status_suspended: 'Suspended',
    status_closed: 'Closed',
    type_community_armed_group: 'Community – armed group',
    type_intercommunity: 'Intercommunity',
    type_militia_armed_group: 'Militia – armed group',
    type_humanitarian_access: 'Humanitarian access',
    type_other: 'Other',
    kind_community: 'Community',
    kind_armed_group: 'Armed group',
    kind_militia: 'Militia',
    kind_authority: 'Authority',
    kind_religious_leaders: 'Religious leaders',
    kind_ngo: 'NGO',
    kind_other: 'Other',
    codeName: 'Code name',
    commune: 'Commune',
    type: 'Type',
    status: 'Status',
    summary: 'Summary',
    languages: 'Languages',
    locationDetail: 'Exact location',
    confidentialNotes: 'Confidential notes',
    encryptedHint: 'Encrypted; visible to the case team only.',
    all: 'All',
    started: 'Started {month}',
  },
} satisfies Messages<string>;

export type CaseWord = keyof typeof caseWords.fr;

export const useCaseT = () => useT(caseWords);

export function CaseStatusPill({ status }: { status: CaseStatus }) {
  const t = useCaseT();
  return (
    <StatusPill tone={statusTone(status)}>
      <span data-status={status}>{t(`status_${status}`)}</span>
    </StatusPill>
  );
}
