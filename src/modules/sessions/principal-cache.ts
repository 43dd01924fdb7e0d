import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { Principal } from '../../common/auth/principal';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PRINCIPAL_CHANNEL } from './sessions.sql';

/** Entries kept at most: a bound on memory whatever the number of sessions. */
export const PRINCIPAL_CACHE_MAX = 10_000;
const RECONNECT_MS = 1000;

interface Entry {
  principal: Principal;
  sessionExpiresAt: number;
  storedAt: number;
}

/**
 * A short-lived cache of the session check of every request, consistent
 * across API instances: the database notifies PRINCIPAL_CHANNEL (triggers on
 * `session` and `app_user`, migration SessionNotifications) whenever a
 * session ends or an account's role, membership or state changes, and every
 * instance LISTENing drops the entries concerned as soon as the change
 * commits. An entry also expires after `sessionCacheMs` (at most a second), so
 * a lost notification cannot keep a revoked session alive longer than that;
 * while the LISTEN connection is down nothing is cached. An answer read
 * while a notification arrived is not stored (it may predate the change).
 */
@Injectable()
export class PrincipalCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every notification and reconnection: fills started before it are dropped. */
  private generation = 0;
  private listener: Client | undefined;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'sessionCacheMs'>,
  ) {}

  get enabled(): boolean {
    return this.config.sessionCacheMs > 0 && this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.sessionCacheMs > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  /** The cached principal of `sessionId`, or undefined (ask the database). */
  get(sessionId: string, userId: string): Principal | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    const now = Date.now();
    if (
      entry.principal.userId !== userId ||
      now - entry.storedAt >= this.config.sessionCacheMs ||
      now >= entry.sessionExpiresAt
    ) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.principal;
  }

  /** What `load` answers, cached unless a notification arrived meanwhile. */
  async load(
    sessionId: string,
    userId: string,
    load: () => Promise<{ principal: Principal; sessionExpiresAt: Date } | null>,
  ): Promise<Principal | null> {
    const cached = this.get(sessionId, userId);
    if (cached) return cached;
    const generation = this.generation;
    const loaded = await load();
    if (!loaded) return null;
    if (this.enabled && generation === this.generation) {
      if (this.entries.size >= PRINCIPAL_CACHE_MAX) {
        // The oldest entry goes (Map keeps insertion order).
        this.entries.delete(this.entries.keys().next().value!);
      }
      this.entries.set(sessionId, {
        principal: loaded.principal,
        sessionExpiresAt: loaded.sessionExpiresAt.getTime(),
        storedAt: Date.now(),
      });
    }
    return loaded.principal;
  }

  /** Drops what a notification names: `s:<session id>` or `u:<user id>` (anything else: all). */
  invalidate(payload: string | undefined): void {
    this.generation++;
    const [kind, id] = (payload ?? '').split(':');
    if (kind === 's' && id) {
      this.entries.delete(id);
    } else if (kind === 'u' && id) {
      for (const [sessionId, entry] of this.entries) {
        if (entry.principal.userId === id) this.entries.delete(sessionId);
      }
    } else {
      this.entries.clear();
    }
  }

  private async listen(): Promise<void> {
    const options = this.dataSource.options as PostgresDataSourceOptions;
    const client = new Client({
      connectionString: options.url,
      application_name: 'toguna-principal-cache',
    });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      this.invalidate(undefined);
      if (error) this.logger.warn(`session notifications lost: ${error.message}`);
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('notification', (message) => this.invalidate(message.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      // Whatever changed while nobody listened is forgotten.
      this.invalidate(undefined);
      this.listening = this.listener === client;
    } catch (error) {
      lost(error as Error);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.stopped) void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
