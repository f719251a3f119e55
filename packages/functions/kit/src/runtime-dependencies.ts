import { join, resolve } from 'node:path';
import type { AgentTypes, BlobStore, Clock, Environment, MemoryStore, Queue, Secrets } from '@agentic-memory/memory-core';
import {
  createAwsClients,
  DiskBlobStore,
  DiskQueue,
  EnvSecrets,
  ensureBucket,
  ensureFifoQueue,
  Mem0MemoryStore,
  S3BlobStore,
  SecretsManagerSecrets,
  SqliteMemoryStore,
  SqsQueue,
  sqsDepth,
} from '@agentic-memory/provider-adapters';
import { bundledConfig } from './bundled-config';
import { type Dependencies, systemClock } from './dependencies';

export interface Backends {
  readonly blobs: 'disk' | 's3';
  readonly queue: 'disk' | 'sqs';
  readonly memory: 'sqlite' | 'mem0';
  readonly secrets: 'environment' | 'secrets-manager';
}

export interface RuntimeDependencies extends Dependencies {
  readonly backends: Backends;
  /** Where each backend lives, for the start-up table (no secrets). */
  readonly locations: Readonly<Record<string, string>>;
  queueDepth(): Promise<{ live: number; inFlight: number; dead: number }>;
  close(): void;
}

export interface RuntimeOptions {
  /** Environment variables (ARCHITECTURE.md, local runtime environment). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the embedded stores and generated secrets (`DATA_DIR`). */
  readonly dataDir?: string;
  readonly clock?: Clock;
  /** Configuration read from another folder (`AGENTIC_MEMORY_CONFIG_DIR`); default: the bundled `config/`. */
  readonly config?: { readonly agentTypes: AgentTypes; readonly environment: Environment };
}

/** Thrown for a configuration a user must fix: the message says what and how. */
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
 * Wires every port from environment variables: embedded (SQLite, disk, disk queue, env secrets)
 * or AWS (S3, SQS FIFO, Secrets Manager; at AWS_ENDPOINT_URL when set, where missing resources
 * are created), and the SQLite or Mem0 memory store. The same function serves `pnpm start` and
 * the Lambda entry points (which run with AWS_BACKEND=aws, MEMORY_STORE=mem0).
 */
export async function createRuntimeDependencies(options: RuntimeOptions): Promise<RuntimeDependencies> {
  const { env } = options;
  const clock = options.clock ?? systemClock;
  const environmentName = env.AGENTIC_MEMORY_ENV ?? 'local';
  const { agentTypes, environment } = options.config ?? bundledConfig(environmentName);
  const aws = choice(env, 'AWS_BACKEND', ['embedded', 'aws'] as const, 'embedded') === 'aws';
  const memoryKind = choice(env, 'MEMORY_STORE', ['sqlite', 'mem0'] as const, 'sqlite');
  const dataDir = resolve(options.dataDir ?? env.DATA_DIR ?? '.data');
  const closers: (() => void)[] = [];
  const locations: Record<string, string> = {};

  const clients = aws ? createAwsClients({ endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION }) : null;
  const emulator = env.AWS_ENDPOINT_URL !== undefined && env.AWS_ENDPOINT_URL !== '';

  let secrets: Secrets;
  const secretName = env.SECRET_NAME ?? env.SECRET_ARN;
  if (clients && secretName) {
    const sm = new SecretsManagerSecrets(clients.secretsManager, secretName, clock);
    await sm.prefetch();
    secrets = sm;
    locations.secrets = `Secrets Manager ${secretName}`;
  } else {
    secrets = new EnvSecrets(env, join(dataDir, 'secrets.json'));
    locations.secrets = `environment + ${join(dataDir, 'secrets.json')}`;
  }

  let blobStore: BlobStore;
  let queue: Queue;
  let queueDepth: RuntimeDependencies['queueDepth'];
  if (clients) {
    const bucket = env.BLOB_BUCKET ?? 'agentic-memory-local';
    if (!env.INGEST_QUEUE_URL || emulator) await ensureBucket(clients.s3, bucket, emulator);
    blobStore = new S3BlobStore(clients.s3, bucket);
    locations.blobs = `s3://${bucket}${emulator ? ` at ${env.AWS_ENDPOINT_URL}` : ''}`;
    const urls = env.INGEST_QUEUE_URL
      ? { queueUrl: env.INGEST_QUEUE_URL, dlqUrl: env.INGEST_DLQ_URL ?? null }
      : await ensureFifoQueue(clients.sqs, env.INGEST_QUEUE_NAME ?? 'agentic-memory-ingest.fifo', {
          create: emulator,
          maxReceives: environment.ingest.dlq_max_receives,
          visibilityTimeoutS: environment.ingest.visibility_timeout_s,
        });
    queue = new SqsQueue(clients.sqs, urls.queueUrl, environment.ingest.visibility_timeout_s * 1000);
    queueDepth = () => sqsDepth(clients.sqs, urls);
    locations.queue = urls.queueUrl;
  } else {
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
    memoryStore = new Mem0MemoryStore({ apiKey, host, clock, recallDeadlineMs });
    locations.memory = `Mem0 at ${host}`;
  } else {
    const sqlite = new SqliteMemoryStore(join(dataDir, 'memory.db'), clock);
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
      blobs: clients ? 's3' : 'disk',
      queue: clients ? 'sqs' : 'disk',
      memory: memoryKind,
      secrets: clients && secretName ? 'secrets-manager' : 'environment',
    },
    locations,
    queueDepth,
    close: () => {
      for (const close of closers) close();
    },
  };
}
