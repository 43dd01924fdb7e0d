import { Column, Entity, PrimaryColumn } from 'typeorm';
import { References, UpdatedAt } from '../../database/columns';

/** A user's choice about SMS reminders; no row means the default: reminders on. */
@Entity('sms_preference')
export class SmsPreference {
  @PrimaryColumn('uuid')
  userId: string;

  @References('User', 'user_id', 'CASCADE')
  user?: unknown;

  /** Follow-up reminders by SMS to the user's verified numbers. */
  @Column('boolean')
  reminders: boolean;

  @UpdatedAt()
  updatedAt: Date;
}
