import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';

/** How recent a step-up must be for a sensitive action (approving a mission order). */
export const STEP_UP_VALIDITY_SECONDS = 600;

/**
 * Step-up: a session re-confirmed with a TOTP code (POST /auth/step-up).
 * Modules that guard a sensitive action call `assertSteppedUp`.
 */
@Injectable()
export class StepUpService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a step-up on this live session of this user, at the database's clock. */
  async markSteppedUp(tx: Tx, sessionId: string, userId: string): Promise<boolean> {
    const result: [unknown, number] = await tx.query(
      `UPDATE session SET stepped_up_at = now()
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    );
    return result[1] === 1;
  }

  /** Whether this session stepped up within the last `withinSeconds` (database clock). */
  async isSteppedUp(
    sessionId: string,
    withinSeconds: number = STEP_UP_VALIDITY_SECONDS,
  ): Promise<boolean> {
    const rows: { fresh: boolean }[] = await this.dataSource.query(
      `SELECT stepped_up_at > now() - make_interval(secs => $2) AS fresh
         FROM session WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, withinSeconds],
    );
    return rows[0]?.fresh === true;
  }

  /** 403 `step_up_required` unless the caller's session stepped up within the window. */
  async assertSteppedUp(
    principal: Principal,
    withinSeconds: number = STEP_UP_VALIDITY_SECONDS,
  ): Promise<void> {
    if (!(await this.isSteppedUp(principal.sessionId, withinSeconds))) {
      throw new AppError('step_up_required');
    }
  }
}
