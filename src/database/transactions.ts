import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type Tx = EntityManager;

/** Runs a unit of work in one transaction; repositories take its manager. */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
