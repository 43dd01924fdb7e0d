import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Association } from '../organisations/association.entity';

/**
 * The last order number given to an association in a year: the next order
 * takes `last_number + 1` in its creating transaction (the row lock orders
 * concurrent requests of one association; other associations never wait).
 */
@Entity('mission_order_number_counter')
export class MissionOrderNumberCounter {
  @PrimaryColumn('uuid')
  associationId: string;

  @ManyToOne(() => Association, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'association_id',
    foreignKeyConstraintName: 'fk_mission_order_number_counter_association_id',
  })
  association?: Association;

  @PrimaryColumn('integer')
  year: number;

  @Column('integer')
  lastNumber: number;
}
