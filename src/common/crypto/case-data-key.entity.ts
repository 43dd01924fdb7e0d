import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The data key of one dialogue case, wrapped by the field key ring
 * (`enc:v1:<kid>:…`, bound to `case_data_key|wrapped_key|<case id>`). Every
 * sensitive field of the case is encrypted under it. Erasing the case
 * destroys it: the wrapped key is overwritten with NULL and the row stays as
 * the record that the case was erased (no key is ever made for it again).
 */
@Entity('case_data_key')
export class CaseDataKey {
  @PrimaryColumn('uuid')
  caseId: string;

  /** Null once destroyed. */
  @Column('text', { nullable: true })
  wrappedKey: string | null;

  /** The key-ring key that wraps it (what `npm run keys:rotate` moves on); null once destroyed. */
  @Column('text', { nullable: true })
  keyId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  destroyedAt: Date | null;
}
