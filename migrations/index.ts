import { InitialIdentity1795493267227 } from './1795493267227-InitialIdentity';
import { SeedCentralMaliAreas1795493267300 } from './1795493267300-SeedCentralMaliAreas';

/** Every migration, in order. A new one is generated, read, named, then listed here. */
export const MIGRATIONS = [InitialIdentity1795493267227, SeedCentralMaliAreas1795493267300];
