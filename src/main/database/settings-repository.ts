import type Database from 'better-sqlite3'

/** Key → JSON value store for settings and small app state. */
export class SettingsRepository {
  private readonly getStatement: Database.Statement<[string], { value: string }>
  private readonly setStatement: Database.Statement<[string, string]>
  private readonly deleteStatement: Database.Statement<[string]>

  constructor(database: Database.Database) {
    this.getStatement = database.prepare('SELECT value FROM settings WHERE key = ?')
    this.setStatement = database.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    this.deleteStatement = database.prepare('DELETE FROM settings WHERE key = ?')
  }

  get(key: string): unknown {
    const row = this.getStatement.get(key)
    return row ? (JSON.parse(row.value) as unknown) : undefined
  }

  set(key: string, value: unknown): void {
    this.setStatement.run(key, JSON.stringify(value))
  }

  delete(key: string): void {
    this.deleteStatement.run(key)
  }
}
