import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import { Transactions } from '../../database/transactions';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PasswordService } from './password.service';
import { FIRST_ADMIN_DISPLAY_NAME, FIRST_ADMIN_USERNAME } from './first-admin-identity';
import { UsersRepository } from './users.repository';

export { FIRST_ADMIN_USERNAME };

/**
 * On an empty database, creates `admin` with a one-time password that must
 * be changed at first sign-in. Safe when several instances start at once:
 * only the one whose insert succeeds prints the password.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.anyExists()) return;
    const generated = this.config.initialAdminPassword === undefined;
    const password = this.config.initialAdminPassword ?? randomBytes(18).toString('base64url');
    const id = randomUUID();
    const passwordHash = await this.passwords.hash(password);
    const created = await this.transactions.run(async (tx) => {
      const inserted = await this.users.insertIfUsernameFree(tx, {
        id,
        username: FIRST_ADMIN_USERNAME,
        displayName: FIRST_ADMIN_DISPLAY_NAME,
        role: 'admin',
        associationId: null,
        authorityId: null,
        legalName: null,
        idDocumentNumber: null,
        passwordHash,
        mustChangePassword: true,
      });
      if (inserted) {
        await this.audit.record(tx, {
          action: 'user.create',
          actorUserId: null,
          actorRole: null,
          requestId: null,
          entityType: 'user',
          entityId: id,
          details: { role: 'admin', reason_code: 'first_admin' },
        });
      }
      return inserted;
    });
    if (created && generated) {
      // Straight to the console, once: never through the structured logs.
      process.stderr.write(
        [
          '',
          '================================================================',
          ` First administrator created. Username: ${FIRST_ADMIN_USERNAME}`,
          ` One-time password: ${password}`,
          ' It must be changed at first sign-in. It will not be shown again.',
          '================================================================',
          '',
        ].join('\n'),
      );
    }
  }
}
