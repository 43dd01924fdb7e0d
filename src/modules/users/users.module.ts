import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FirstAdminService } from './first-admin.service';
import { PasswordService } from './password.service';
import { TotpRepository } from './totp.repository';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [SessionsModule, NotificationsModule],
  controllers: [UsersController],
  providers: [UsersRepository, TotpRepository, UsersService, PasswordService, FirstAdminService],
  exports: [UsersRepository, TotpRepository, UsersService, PasswordService],
})
export class UsersModule {}
