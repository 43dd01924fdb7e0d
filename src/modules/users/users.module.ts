import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FirstAdminService } from './first-admin.service';
import { PasswordService } from './password.service';
import { TotpRepository } from './totp.repository';
import { UserDisabledHooks } from './user-disabled-hooks';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [SessionsModule, NotificationsModule],
  controllers: [UsersController],
  providers: [
    UsersRepository,
    TotpRepository,
    UsersService,
    PasswordService,
    FirstAdminService,
    UserDisabledHooks,
  ],
  exports: [UsersRepository, TotpRepository, UsersService, PasswordService, UserDisabledHooks],
})
export class UsersModule {}
