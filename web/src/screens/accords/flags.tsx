import { useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { FLAG_SEVERITIES, type FlagSeverity } from '../../api/vocabulary';
import { ErrorMessage, Field, fieldError, Form, StatusPill } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import type { Flag } from './accord-types';
import { words } from './accord-words';
import { Choices } from './choices';

const messages = {
  fr: {
    raise: 'Signaler',
    raiseTitle: 'Lever une alerte',
    severity: 'Gravité',
    reason: 'Motif',
    reasonHint: 'Ce qui inquiète : un fait, une rumeur, une menace.',
    highHint: 'Une alerte de gravité élevée fait passer le dossier « en rupture ».',
    send: "Lever l'alerte",
    resolve: 'Clore',
    resolveTitle: "Clore l'alerte",
    note: 'Note de clôture',
    confirmResolve: 'Clore cette alerte ?',
    open: 'En cours',
    resolved: 'Close le {date}',
    raisedAt: 'Levée le {date}',
    flag: 'Alerte',
    cancel: 'Annuler',
  },
  en: {
    raise: 'Flag',
    raiseTitle: 'Raise a flag',
    severity: 'Severity',
    reason: 'Reason',
    reasonHint: 'What is worrying: a fact, a rumour, a threat.',
    highHint: 'A high-severity flag moves the case to "breaking down".',
    send: 'Raise the flag',
    resolve: 'Resolve',
    resolveTitle: 'Resolve the flag',
    note: 'Resolution note',
    confirmResolve: 'Resolve this flag?',
    open: 'Open',
    resolved: 'Resolved on {date}',
    raisedAt: 'Raised on {date}',
    flag: 'Flag',
    cancel: 'Cancel',
  },
} satisfies Messages<string>;

/** Not yet resolved by a coordinator. */
export const isOpenFlag = (flag: Flag): boolean => flag.resolvedAt === null;

/** Severity and reason of a new flag on an accord (coordinators and the case team). */
export function RaiseFlagForm({
  accordId,
  onDone,
  onCancel,
}: {
  accordId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  const [severity, setSeverity] = useState<FlagSeverity>('medium');
  const [reason, setReason] = useState('');
  const action = useAction();

  const submit = () => {
    void action.run(async () => {
      await api.post(`/accords/${accordId}/flags`, { severity, reason });
      onDone();
    });
  };

  return (
    <Form className="inline-form" onSubmit={submit} aria-label={t('raiseTitle')}>
      <Choices
        legend={t('severity')}
        name={`severity-${accordId}`}
        values={FLAG_SEVERITIES}
        value={severity}
        label={(s) => w(`severity_${s}`)}
        onChange={setSeverity}
        footer={severity === 'high' && <p className="hint">{t('highHint')}</p>}
      />
      <Field label={t('reason')} hint={t('reasonHint')} error={fieldError(action.error, 'reason')}>
        {(p) => (
          <textarea
            {...p}
            required
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={action.error} shownFields={['reason', 'severity']} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          {t('send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </Form>
  );
}

function ResolveFlagForm({ flag, onDone }: { flag: Flag; onDone: () => void }) {
  const t = useT(messages);
  const [note, setNote] = useState('');
  const action = useAction();
  const submit = () => {
    if (!window.confirm(t('confirmResolve'))) return;
    void action.run(async () => {
      await api.post(`/flags/${flag.id}/resolve`, { note });
      onDone();
    });
  };
  return (
    <Form className="inline-form" onSubmit={submit} aria-label={t('resolveTitle')}>
      <Field label={t('note')} error={fieldError(action.error, 'note')}>
        {(p) => (
          <textarea
            {...p}
            required
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={action.error} shownFields={['note']} />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('resolve')}
      </button>
    </Form>
  );
}

/** One flag: severity, reason, dates; coordinators can resolve an open one. */
export function FlagItem({
  flag,
  canResolve,
  onChanged,
}: {
  flag: Flag;
  canResolve: boolean;
  onChanged: () => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const [resolving, setResolving] = useState(false);
  const open = isOpenFlag(flag);
  return (
    <li className="card" data-testid="flag" data-severity={flag.severity} data-open={open}>
      <p className="row">
        <StatusPill tone={flag.severity === 'high' ? 'bad' : 'warning'}>
          {t('flag')} : {w(`severity_${flag.severity}`)}
        </StatusPill>
        <span>
          {open ? t('open') : t('resolved', { date: formatDateTime(flag.resolvedAt, lang) })}
        </span>
      </p>
      <p>{flag.reason}</p>
      <p className="muted">{t('raisedAt', { date: formatDateTime(flag.raisedAt, lang) })}</p>
      {flag.resolutionNote && <p className="muted">{flag.resolutionNote}</p>}
      {open && canResolve && !resolving && (
        <button type="button" onClick={() => setResolving(true)}>
          {t('resolve')}
        </button>
      )}
      {resolving && <ResolveFlagForm flag={flag} onDone={onChanged} />}
    </li>
  );
}

/** The flags of an accord, open ones first. */
export function FlagList({
  flags,
  canResolve,
  onChanged,
}: {
  flags: Flag[];
  canResolve: boolean;
  onChanged: () => void;
}) {
  const sorted = [...flags].sort(
    (a, b) => Number(isOpenFlag(b)) - Number(isOpenFlag(a)) || b.raisedAt.localeCompare(a.raisedAt),
  );
  return (
    <ul className="cards">
      {sorted.map((f) => (
        <FlagItem key={f.id} flag={f} canResolve={canResolve} onChanged={onChanged} />
      ))}
    </ul>
  );
}
