/**
 * The check every authenticated request makes: session $1 of user $2 is
 * live and the account enabled; the principal's fields. Two primary-key
 * lookups (session, app_user).
 */
export const PRINCIPAL_SQL = `SELECT u.username, u.role, u.association_id, u.authority_id, u.must_change_password,
              u.totp_enabled, u.pending, s.expires_at
         FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL
          AND s.expires_at > now() AND NOT u.disabled`;

/**
 * Notified (payload `s:<session id>` or `u:<user id>`) when a session ends or
 * is shortened, or an account's principal fields or state change: what makes
 * a cached PRINCIPAL_SQL answer stale (principal-cache.ts).
 */
export const PRINCIPAL_CHANNEL = 'toguna_principal';
