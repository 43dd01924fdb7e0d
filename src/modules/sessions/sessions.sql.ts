/**
 * The check every authenticated request makes: session $1 of user $2 is
 * live and the account enabled; the principal's fields. Two primary-key
 * lookups (session, app_user).
 */
export const PRINCIPAL_SQL = `SELECT u.username, u.role, u.association_id, u.authority_id, u.must_change_password,
              u.totp_enabled, u.pending
         FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL
          AND s.expires_at > now() AND NOT u.disabled`;
