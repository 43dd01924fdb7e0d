import { MigrationInterface, QueryRunner } from 'typeorm';
import { CENTRAL_MALI_AREAS } from './data/central-mali-areas';

/** Reference data: the regions and cercles of central Mali and the communes of its main cercles. */
export class SeedCentralMaliAreas1795493267300 implements MigrationInterface {
  name = 'SeedCentralMaliAreas1795493267300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Parents come first in the list, so one ordered insert satisfies the foreign key.
    await queryRunner.query(
      `INSERT INTO area (id, name, level, parent_id)
       SELECT id, name, level, parent_id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])
              WITH ORDINALITY AS t(id, name, level, parent_id, n)
        ORDER BY n`,
      [
        CENTRAL_MALI_AREAS.map((a) => a.id),
        CENTRAL_MALI_AREAS.map((a) => a.name),
        CENTRAL_MALI_AREAS.map((a) => a.level),
        CENTRAL_MALI_AREAS.map((a) => a.parentId),
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const ids = [...CENTRAL_MALI_AREAS].reverse().map((a) => a.id);
    await queryRunner.query('DELETE FROM area WHERE id = ANY($1::uuid[])', [ids]);
  }
}
