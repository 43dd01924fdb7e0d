import { canonicalSmsCode } from '../accords/vocabulary';
import type { AssessmentStatus, OverallJudgement } from '../accords/vocabulary';

/** What an inbound SMS asks, read by `parseSmsMessage` (pure: no database, no clock). */
export type SmsRequest =
  | {
      kind: 'follow_up';
      code: string;
      overall: OverallJudgement;
      assessments: { number: number; status: AssessmentStatus }[];
      note: string | null;
    }
  | { kind: 'alert'; code: string; text: string | null }
  | { kind: 'verify'; digits: string }
  | { kind: 'help' }
  /** A known keyword with the rest malformed: the answer is that keyword's format. */
  | { kind: 'malformed'; keyword: 'suivi' | 'alerte' | 'code' }
  | { kind: 'unknown' };

export type SmsKeyword = 'suivi' | 'alerte' | 'code' | 'aide' | 'other';

export function keywordOf(request: SmsRequest): SmsKeyword {
  switch (request.kind) {
    case 'follow_up':
      return 'suivi';
    case 'alert':
      return 'alerte';
    case 'verify':
      return 'code';
    case 'help':
      return 'aide';
    case 'malformed':
      return request.keyword;
    case 'unknown':
      return 'other';
  }
}

const OVERALL: Record<string, OverallJudgement> = {
  STABLE: 'stable',
  TENDU: 'tense',
  RUPTURE: 'breaking_down',
};

/** The PAM scale 0–3, `V` violated, `?` unknown. */
const LEVELS: Record<string, AssessmentStatus> = {
  '0': 'not_initiated',
  '1': 'minimal',
  '2': 'intermediate',
  '3': 'full',
  V: 'violated',
  '?': 'unknown',
};

/** More than an accord has terms in practice; what a check may assess at most. */
export const MAX_SMS_ASSESSMENTS = 200;
/** Free text kept from a message (a note after `#`, an alert's words). */
export const MAX_SMS_FREE_TEXT = 2000;

/** Control, format and invisible characters: dropped from the free text of a message. */
const NOT_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** Upper case, accents off, every run of spaces one space: how keywords are compared. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/\s+/gu, ' ').trim();
}

/** Free text as kept (NFC, clean, trimmed); null when nothing is left. */
function freeText(text: string): string | null {
  const clean = text.normalize('NFC').replace(NOT_TEXT, ' ').trim();
  return clean === '' ? null : clean.slice(0, MAX_SMS_FREE_TEXT);
}

function parseFollowUp(body: string, note: string | null): SmsRequest {
  const malformed: SmsRequest = { kind: 'malformed', keyword: 'suivi' };
  // `1 = 3` and `1=3` are the same.
  const words = fold(body).replace(/ ?= ?/g, '=').split(' ').filter(Boolean);
  const [codeWord, overallWord, ...rest] = words;
  const code = codeWord ? canonicalSmsCode(codeWord) : null;
  const overall = overallWord ? OVERALL[overallWord] : undefined;
  if (!code || !overall || rest.length > MAX_SMS_ASSESSMENTS) return malformed;
  const assessments: { number: number; status: AssessmentStatus }[] = [];
  for (const word of rest) {
    const match = /^(\d{1,3})=(.)$/.exec(word);
    const status = match ? LEVELS[match[2]] : undefined;
    if (!match || !status) return malformed;
    const number = Number(match[1]);
    if (number < 1 || assessments.some((a) => a.number === number)) return malformed;
    assessments.push({ number, status });
  }
  return { kind: 'follow_up', code, overall, assessments, note };
}

/**
 * Reads a message: `SUIVI <code> <état> <n>=<niveau> … [# note]`,
 * `ALERTE <code> [texte]`, `CODE <digits>`, `AIDE`. Case, accents and extra
 * spaces do not matter; the note and the alert's words are kept as written.
 */
export function parseSmsMessage(text: string): SmsRequest {
  const hash = text.indexOf('#');
  const head = hash >= 0 ? text.slice(0, hash) : text;
  const note = hash >= 0 ? freeText(text.slice(hash + 1)) : null;
  const folded = fold(head);
  const keyword = folded.split(' ')[0];
  const afterKeyword = (raw: string): string => {
    const trimmed = raw.replace(/^\s+/u, '');
    const end = /^\S+/u.exec(trimmed)?.[0].length ?? 0;
    return trimmed.slice(end);
  };
  switch (keyword) {
    case 'SUIVI':
      return parseFollowUp(afterKeyword(head), note);
    case 'ALERTE': {
      const rest = afterKeyword(text).replace(/^\s+/u, '');
      const codeWord = /^\S+/u.exec(rest)?.[0] ?? '';
      const code = canonicalSmsCode(fold(codeWord));
      if (!code) return { kind: 'malformed', keyword: 'alerte' };
      return { kind: 'alert', code, text: freeText(rest.slice(codeWord.length)) };
    }
    case 'CODE': {
      const digits = fold(afterKeyword(text)).replace(/ /g, '');
      return /^\d{6}$/.test(digits)
        ? { kind: 'verify', digits }
        : { kind: 'malformed', keyword: 'code' };
    }
    case 'AIDE':
      return folded === 'AIDE' && note === null ? { kind: 'help' } : { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}
