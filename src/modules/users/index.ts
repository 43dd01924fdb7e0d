/** What the users feature offers the features above it; the rest of its files are its own. */
export { UserResponse } from './dto/user.response';
export { PasswordService } from './password.service';
export { TotpRepository } from './totp.repository';
export { User } from './user.entity';
export { UserDisabledHooks } from './user-disabled-hooks';
export { toSessionUser } from './users.mapper';
export { UsersModule } from './users.module';
export { UsersRepository } from './users.repository';
export { UsersService } from './users.service';
