import { CreateDateColumn, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';

type OnDelete = 'CASCADE' | 'RESTRICT' | 'SET NULL';

/**
 * A foreign key from `column` to the primary key of the entity named
 * `target` (its class name), deleting as `onDelete` says. The entity is
 * named, not imported, so that a feature's tables may point at a lower
 * feature's without importing its files. The decorated property only
 * carries the key for TypeORM: it is never loaded (type it `unknown`).
 * The constraint is named by the naming strategy: `fk_<table>_<column>`.
 */
export function References(target: string, column: string, onDelete: OnDelete): PropertyDecorator {
  return (object, property) => {
    ManyToOne(target, { onDelete })(object, property);
    JoinColumn({ name: column })(object, property);
  };
}

/** When the row was inserted, set by PostgreSQL. */
export const CreatedAt = (): PropertyDecorator => CreateDateColumn({ type: 'timestamptz' });

/** When the row last changed, set on every update made through TypeORM. */
export const UpdatedAt = (): PropertyDecorator => UpdateDateColumn({ type: 'timestamptz' });
