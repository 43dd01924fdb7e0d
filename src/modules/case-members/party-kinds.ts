/** The kinds of party to a dialogue (shared/design/domain.md); the web app's lists too. */
export const PARTY_KINDS = [
  'community',
  'armed_group',
  'militia',
  'authority',
  'religious_leaders',
  'ngo',
  'other',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
