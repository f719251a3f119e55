import { join, resolve } from 'node:path';
import { type Environment, loadConfig, roleConfigOf } from '@agentic-memory/config';
import { type Dependencies, systemClock } from '@agentic-memory/function-kit';
import type { AgentTypes, BlobStore, Clock, MemoryStore, Queue, RoleEnvironment, Secrets } from '@agentic-memory/memory-core';
import type { Lexicon } from '@agentic-memory/provider-adapters/embedded';

export interface Backends {
  readonly blobs: 'disk' | 's3';
  readonly queue: 'disk' | 'sqs';
  readonly memory: 'sqlite' | 'mem0';
  readonly secrets: 'environment' | 'secrets-manager';
}

/** Every port the local runtime serves the roles with, and the full environment configuration. */
export interface LocalDependencies extends Dependencies {
  /** The whole environment file (the roles read its domain part; the runtime reads ingest and function settings). */
  readonly environment: Environment & RoleEnvironment;
  readonly backends: Backends;
  /** Where each backend lives, for the start-up table (no secrets). */
  readonly locations: Readonly<Record<string, string>>;
  queueDepth(): Promise<{ live: number; inFlight: number; dead: number }>;
  close(): void;
}

export interface LocalBackendOptions {
  /** Environment variables (README, local runtime environment). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the embedded stores and generated secrets (`DATA_DIR`). */
  readonly dataDir?: string;
  readonly clock?: Clock;
  /** Configuration already loaded (tests, another folder); default: `config/` (or `AGENTIC_MEMORY_CONFIG_DIR`), environment `AGENTIC_MEMORY_ENV` or `local`. */
  readonly config?: { readonly agentTypes: AgentTypes; readonly environment: Environment };
  /**
   * What the embedded (SQLite) memory store knows about words; default: the English lexicon
   * (`@agentic-memory/provider-adapters/lexicon`, WordNet + lemmatizer), loaded once here when the
   * SQLite store is chosen. Lambda bundles never carry it (their memory store is Mem0).
   */
  readonly lexicon?: Lexicon;
}

/** A configuration a user must fix: the message says what and how. */
export class RuntimeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeConfigError';
  }
}

function choice<T extends string>(env: Readonly<Record<string, string | undefined>>, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new RuntimeConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/**
 * The local runtime's ports from environment variables: embedded (SQLite, disk, disk queue, env
 * secrets) or AWS (S3, SQS FIFO, Secrets Manager through the SDK and its full credential chain; at
 * AWS_ENDPOINT_URL when set, where missing resources are created), and the SQLite or Mem0 memory
 * store. Each adapter module is loaded only when chosen.
 */
export async function createLocalDependencies(options: LocalBackendOptions): Promise<LocalDependencies> {
  const { env } = options;
  const clock = options.clock ?? systemClock;
  const loaded = options.config ?? loadConfig(env.AGENTIC_MEMORY_ENV ?? 'local');
  const { agentTypes } = loaded;
  const environment = { ...loaded.environment, ...roleConfigOf(loaded).environment };
  const aws = choice(env, 'AWS_BACKEND', ['embedded', 'aws'] as const, 'embedded') === 'aws';
  const memoryKind = choice(env, 'MEMORY_STORE', ['sqlite', 'mem0'] as const, 'sqlite');
  const dataDir = resolve(options.dataDir ?? env.DATA_DIR ?? '.data');
  const closers: (() => void)[] = [];
  const locations: Record<string, string> = {};
  const emulator = env.AWS_ENDPOINT_URL !== undefined && env.AWS_ENDPOINT_URL !== '';

  let secrets: Secrets;
  let blobStore: BlobStore;
  let queue: Queue;
  let queueDepth: LocalDependencies['queueDepth'];
  const secretName = env.SECRET_NAME ?? env.SECRET_ARN;
  if (aws) {
    const awsAdapters = await import('@agentic-memory/provider-adapters/aws');
    const clients = awsAdapters.createAwsClients({ endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION });
    if (secretName) {
      const sm = new awsAdapters.SecretsManagerSecrets(clients.secretsManager, secretName, clock);
      await sm.prefetch();
      secrets = sm;
      locations.secrets = `Secrets Manager ${secretName}`;
    } else {
      const { EnvSecrets } = await import('@agentic-memory/provider-adapters/embedded');
      secrets = new EnvSecrets(env, join(dataDir, 'secrets.json'));
      locations.secrets = `environment + ${join(dataDir, 'secrets.json')}`;
    }
    const bucket = env.BLOB_BUCKET ?? 'agentic-memory-local';
    if (!env.INGEST_QUEUE_URL || emulator) await awsAdapters.ensureBucket(clients.s3, bucket, emulator);
    blobStore = new awsAdapters.S3BlobStore(clients.s3, bucket);
    locations.blobs = `s3://${bucket}${emulator ? ` at ${env.AWS_ENDPOINT_URL}` : ''}`;
    const urls = env.INGEST_QUEUE_URL
      ? { queueUrl: env.INGEST_QUEUE_URL, dlqUrl: env.INGEST_DLQ_URL ?? null }
      : await awsAdapters.ensureFifoQueue(clients.sqs, env.INGEST_QUEUE_NAME ?? 'agentic-memory-ingest.fifo', {
          create: emulator,
          maxReceives: environment.ingest.dlq_max_receives,
          visibilityTimeoutS: environment.ingest.visibility_timeout_s,
        });
    queue = new awsAdapters.SqsQueue(clients.sqs, urls.queueUrl, environment.ingest.visibility_timeout_s * 1000);
    queueDepth = () => awsAdapters.sqsDepth(clients.sqs, urls);
    locations.queue = urls.queueUrl;
  } else {
    const { DiskBlobStore, DiskQueue, EnvSecrets } = await import('@agentic-memory/provider-adapters/embedded');
    secrets = new EnvSecrets(env, join(dataDir, 'secrets.json'));
    locations.secrets = `environment + ${join(dataDir, 'secrets.json')}`;
    blobStore = new DiskBlobStore(join(dataDir, 'blobs'));
    const disk = new DiskQueue({
      path: join(dataDir, 'queue.db'),
      clock,
      maxReceives: environment.ingest.dlq_max_receives,
      visibilityTimeoutMs: environment.ingest.visibility_timeout_s * 1000,
    });
    closers.push(() => disk.close());
    queue = disk;
    queueDepth = async () => disk.depth();
    locations.blobs = join(dataDir, 'blobs');
    locations.queue = join(dataDir, 'queue.db');
  }

  let memoryStore: MemoryStore;
  if (memoryKind === 'mem0') {
    const apiKey = await secrets.get('MEM0_API_KEY');
    if (!apiKey)
      throw new RuntimeConfigError('MEMORY_STORE=mem0 needs MEM0_API_KEY (environment variable, or a key of the environment secret)');
    const host = env.MEM0_HOST ?? 'https://api.mem0.ai';
    const recallDeadlineMs = Math.max(...Object.values(agentTypes).map((t) => t.recall_deadline_ms));
    const { Mem0MemoryStore } = await import('@agentic-memory/provider-adapters/mem0');
    memoryStore = new Mem0MemoryStore({ apiKey, host, clock, recallDeadlineMs });
    locations.memory = `Mem0 at ${host}`;
  } else {
    const { SqliteMemoryStore } = await import('@agentic-memory/provider-adapters/embedded');
    // Lemmas and synonyms for the embedded store's search: loaded once, here, only for SQLite.
    const lexicon = options.lexicon ?? (await import('@agentic-memory/provider-adapters/lexicon')).loadEnglishLexicon();
    const sqlite = new SqliteMemoryStore(join(dataDir, 'memory.db'), clock, { lexicon });
    closers.push(() => sqlite.close());
    memoryStore = sqlite;
    locations.memory = join(dataDir, 'memory.db');
  }

  return {
    clock,
    agentTypes,
    environment,
    secrets,
    memoryStore,
    blobStore,
    queue,
    backends: {
      blobs: aws ? 's3' : 'disk',
      queue: aws ? 'sqs' : 'disk',
      memory: memoryKind,
      secrets: aws && secretName ? 'secrets-manager' : 'environment',
    },
    locations,
    queueDepth,
    close: () => {
      for (const close of closers) close();
    },
  };
}
