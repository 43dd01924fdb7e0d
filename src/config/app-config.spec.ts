import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has working defaults: embedded database, local data folder, docs on', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.toguna$/);
    expect(config.keysDir).toBe(`${config.dataDir}/keys`);
    expect(config.accessTokenTtlSeconds).toBeLessThanOrEqual(600);
    expect(config.docsEnabled).toBe(true);
    expect(config.corsOrigins).toEqual([]);
  });

  it('turns the docs off by default in production, on with TOGUNA_DOCS=true', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).docsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', TOGUNA_DOCS: 'true' }).docsEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).docsEnabled).toBe(true);
  });

  it('parses numbers, booleans and lists', () => {
    const config = loadConfig({
      PORT: '8080',
      TOGUNA_DOCS: 'false',
      TOGUNA_CORS_ORIGINS: 'https://a.example.org, http://localhost:5173',
      DATABASE_URL: 'postgres://u:p@db:5432/toguna',
    });
    expect(config.port).toBe(8080);
    expect(config.docsEnabled).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.example.org', 'http://localhost:5173']);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/toguna');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['TOGUNA_ACCESS_TOKEN_TTL', '3600'],
    ['TOGUNA_DOCS', 'maybe'],
    ['TOGUNA_CORS_ORIGINS', 'not-an-origin'],
    ['TOGUNA_ADMIN_PASSWORD', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['TOGUNA_BACKUP_KEEP', '0'],
    ['TOGUNA_BACKUP_INTERVAL_HOURS', 'daily'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('backups: the public key in the keys folder unless named, no schedule unless a folder is given', () => {
    const defaults = loadConfig({ TOGUNA_KEYS_DIR: '/srv/keys' });
    expect(defaults.backupPublicKeyFile).toBe('/srv/keys/backup-recipient.pem');
    expect(defaults.backupDir).toBeUndefined();
    expect([defaults.backupIntervalHours, defaults.backupKeep]).toEqual([24, 14]);
    const set = loadConfig({
      TOGUNA_BACKUP_PUBLIC_KEY: '/etc/toguna/backup.pem',
      TOGUNA_BACKUP_DIR: '/var/backups/toguna',
      TOGUNA_BACKUP_KEEP: '30',
      TOGUNA_PG_BIN: '/usr/lib/postgresql/17/bin',
    });
    expect(set.backupPublicKeyFile).toBe('/etc/toguna/backup.pem');
    expect(set.backupDir).toBe('/var/backups/toguna');
    expect(set.backupKeep).toBe(30);
    expect(set.pgBinDir).toBe('/usr/lib/postgresql/17/bin');
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(
      /PORT:[\s\S]*LOG_LEVEL:|LOG_LEVEL:[\s\S]*PORT:/,
    );
  });
});
