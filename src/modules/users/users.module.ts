import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { SessionsModule } from '../sessions';
import { FirstAdminService } from './first-admin.service';
import { PasswordService } from './password.service';
import { TotpRepository } from './totp.repository';
import { UserDisabledHooks } from './user-disabled-hooks';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import './users.errors';

/** The tables this module owns. */
const ENTITIES = [User];

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), SessionsModule, NotificationsModule],
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
export class UsersModule {
  static readonly entities = ENTITIES;
}
