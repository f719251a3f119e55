import { readFileSync } from 'node:fs';
import { isSecretName, type SecretName, type Secrets } from '@agentic-memory/memory-core';

/**
 * Secrets for the local runtime: environment variables win over a JSON file of generated values
 * (`DATA_DIR/secrets.json`). `refresh` re-reads the file, so a pasted key is picked up without a
 * restart.
 */
export class EnvSecrets implements Secrets {
  private fromFile: Partial<Record<SecretName, string>> = {};

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly file?: string,
  ) {
    this.load();
  }

  async get(name: SecretName): Promise<string | null> {
    const value = this.env[name] ?? this.fromFile[name];
    return value && value.length > 0 ? value : null;
  }

  async refresh(): Promise<void> {
    this.load();
  }

  private load(): void {
    if (!this.file) return;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      const values: Partial<Record<SecretName, string>> = {};
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [key, value] of Object.entries(parsed)) if (isSecretName(key) && typeof value === 'string') values[key] = value;
      }
      this.fromFile = values;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.fromFile = {};
    }
  }
}
