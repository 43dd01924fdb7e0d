import { useEffect, useId, useRef, type FormHTMLAttributes, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiError, OfflineError } from '../api/client';
import type { HealthLevel } from '../api/types';
import { formatDateTime, useLang, useT } from '../i18n/i18n';
import { common } from './common-messages';

/** A screen: its title (the page's h1) and content. */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** The way back to the screen above (the case of an accord, the list of a case): thumb-sized. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="back">
      <Link href={href} className="back-link">
        ← {children}
      </Link>
    </p>
  );
}

/**
 * Every form of the app: nothing typed feeds the browser's autofill history,
 * which a panic wipe could not reach, and `onSubmit` runs without the page
 * reloading. Fields marked `required` are checked by the browser first (a
 * follow-up queued offline must not be refused later); the API checks the rest
 * and its messages are shown by the fields.
 */
export function Form({
  onSubmit,
  className,
  children,
  ...rest
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => unknown }) {
  return (
    <form
      {...rest}
      autoComplete="off"
      className={className ? `form ${className}` : 'form'}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/**
 * A labelled form control with its error beside it. `children` receives the
 * ids to put on the control (id and aria-describedby / aria-invalid).
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The message of a failed call, as the API worded it in the user's language.
 * Field errors are shown by their fields; the ones no field on the form claims
 * (pass `shownFields`) are listed here so nothing is hidden.
 */
export function ErrorMessage({
  error,
  shownFields = [],
}: {
  error: unknown;
  shownFields?: string[];
}) {
  const t = useT(common);
  if (!error) return null;
  if (error instanceof OfflineError)
    return (
      <p className="alert alert-warning" role="alert">
        {t('offline')}
      </p>
    );
  if (error instanceof ApiError) {
    const unclaimed = error.fieldErrors.filter(
      (e) => !shownFields.some((f) => e.field === f || e.field.startsWith(`${f}.`)),
    );
    return (
      <div className="alert alert-error" role="alert" data-code={error.code}>
        <p>
          <strong>{error.problem.title}</strong>
          {error.problem.detail ? ` — ${error.problem.detail}` : ''}
        </p>
        {error.code === 'totp_setup_required' && (
          <p>
            <a href="#/account">{t('setUpTotp')}</a>
          </p>
        )}
        {unclaimed.length > 0 && (
          <ul>
            {unclaimed.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.field} : {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <p className="alert alert-error" role="alert">
      {t('unexpected')}
    </p>
  );
}

/** The message of the API's error on one field, for <Field error=…>. */
export const fieldError = (error: unknown, field: string): string | undefined =>
  error instanceof ApiError ? error.fieldError(field) : undefined;

export function Loading() {
  const t = useT(common);
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}

/** Shown above data that comes from the device's copy, not from the API. */
export function SavedCopyNotice({ savedAt }: { savedAt: number | null }) {
  const t = useT(common);
  const { lang } = useLang();
  if (savedAt === null) return null;
  return (
    <p className="alert alert-warning" role="status" data-testid="saved-copy">
      {t('savedCopy', { date: formatDateTime(new Date(savedAt).toISOString(), lang) })}
    </p>
  );
}

/** Loading, error or saved-copy notice for a useApi state; renders children once loaded. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; savedAt: number | null };
  children: (data: T) => ReactNode;
}) {
  if (state.data === undefined) {
    if (state.error) return <ErrorMessage error={state.error} />;
    return <Loading />;
  }
  return (
    <>
      <SavedCopyNotice savedAt={state.savedAt} />
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {children(state.data)}
    </>
  );
}

export function HealthBadge({ level }: { level: HealthLevel }) {
  const t = useT(common);
  return (
    <span className={`badge badge-${level}`} data-health={level}>
      {t(`health_${level}`)}
    </span>
  );
}

/** A plain status word in a pill (case status, order status…). */
export function StatusPill({ children, tone }: { children: ReactNode; tone?: string }) {
  return <span className={`pill${tone ? ` pill-${tone}` : ''}`}>{children}</span>;
}

/**
 * What a form's screen shows once its write waits on the device: the notice
 * (focused, since the form it replaces held the focus), what goes on from
 * there, and the ways to the outbox and back.
 */
export function QueuedNotice({
  message,
  testId,
  back,
  children,
}: {
  message: string;
  testId: string;
  back: { href: string; label: string };
  children?: ReactNode;
}) {
  const c = useT(common);
  const notice = useRef<HTMLParagraphElement>(null);
  // Once, when it appears: later renders (the terms typed below it) keep their focus.
  useEffect(() => notice.current?.focus(), []);
  return (
    <>
      <p
        className="alert alert-success"
        role="status"
        data-testid={testId}
        tabIndex={-1}
        ref={notice}
      >
        {message}
      </p>
      {children}
      <p className="row">
        <Link href="/outbox" className="button">
          {c('seeOutbox')}
        </Link>
        <Link href={back.href} className="button">
          {back.label}
        </Link>
      </p>
    </>
  );
}
