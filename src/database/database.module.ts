import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { Transactions } from './transactions';

/** The runtime connection (migrations have already run in bootstrap) and the transaction runner. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(url),
          // Each feature module registers its own entities (TypeOrmModule.forFeature).
          autoLoadEntities: true,
          // Let the API start (and answer /health with 503) while the database is down.
          retryAttempts: 0,
          manualInitialization: false,
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
