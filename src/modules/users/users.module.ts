import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FirstAdminService } from './first-admin.service';
import { PasswordService } from './password.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [SessionsModule, NotificationsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, PasswordService, FirstAdminService],
  exports: [UsersRepository, UsersService, PasswordService],
})
export class UsersModule {}
