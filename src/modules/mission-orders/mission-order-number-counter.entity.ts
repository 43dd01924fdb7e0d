import { Column, Entity, PrimaryColumn } from 'typeorm';
import { References } from '../../database/columns';

/**
 * The last order number given to an association in a year: the next order
 * takes `last_number + 1` in its creating transaction (the row lock orders
 * concurrent requests of one association; other associations never wait).
 */
@Entity('mission_order_number_counter')
export class MissionOrderNumberCounter {
  @PrimaryColumn('uuid')
  associationId: string;

  @References('Association', 'association_id', 'RESTRICT')
  association?: unknown;

  @PrimaryColumn('integer')
  year: number;

  @Column('integer')
  lastNumber: number;
}
