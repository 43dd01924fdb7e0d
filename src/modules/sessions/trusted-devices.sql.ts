/** The trusted devices' statements (TrustedDevicesRepository; the benchmark baseline runs them too). */

/** The live device of token hash $1 when it belongs to the enabled account named $2. */
export const FIND_TRUSTED_DEVICE_SQL = `SELECT d.id, d.user_id
         FROM trusted_device d JOIN app_user u ON u.id = d.user_id
        WHERE d.token_hash = $1 AND d.expires_at > now() AND u.username = $2 AND NOT u.disabled`;

/** Device $1 of user $2, token hash $3, trusted until $4. */
export const INSERT_TRUSTED_DEVICE_SQL = `INSERT INTO trusted_device (id, user_id, token_hash, last_used_at, expires_at)
       VALUES ($1, $2, $3, now(), $4)`;

/** Forgets user $1's expired devices and those beyond the $2 most recently used. */
export const PRUNE_TRUSTED_DEVICES_SQL = `DELETE FROM trusted_device
        WHERE user_id = $1
          AND (expires_at <= now()
               OR id NOT IN (SELECT id FROM trusted_device WHERE user_id = $1
                              ORDER BY last_used_at DESC, id LIMIT $2))`;
