import { AsyncLocalStorage } from 'node:async_hooks';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, type MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS, type MetricName } from './metric-catalogue';

/** The kit's one Logger: JSON lines with the role and environment on each. */
export const logger = new Logger({ serviceName: METRIC_SERVICE });

/** The Powertools unit of a catalogued metric (the catalogue's unit names are EMF unit names). */
function unitOf(name: MetricName): (typeof MetricUnit)[keyof typeof MetricUnit] {
  return METRICS[name].unit as (typeof MetricUnit)[keyof typeof MetricUnit];
}

interface Invocation {
  readonly metrics: Metrics;
  readonly environment: string | undefined;
  readonly role: string | undefined;
  contextSet: boolean;
}

type Sink = (line: string) => void;
/** Where EMF lines go instead of stdout (the local runtime's summary, tests); null in Lambda. */
let capture: Sink | null = null;

function newMetrics(environment: string | undefined, role: string | undefined): Metrics {
  const defaultDimensions: Record<string, string> = {};
  if (environment) defaultDimensions.environment = environment;
  if (role) defaultDimensions.role = role;
  return new Metrics({ namespace: METRIC_NAMESPACE, serviceName: METRIC_SERVICE, defaultDimensions });
}

/**
 * Metrics instances to reuse, per `{environment, role}`: constructing one reads the environment and
 * builds a Console (~0.1 ms, once per request otherwise). An instance goes back empty.
 */
const idle = new Map<string, Metrics[]>();

function acquireMetrics(environment: string | undefined, role: string | undefined): Metrics {
  return idle.get(`${environment}\u0000${role}`)?.pop() ?? newMetrics(environment, role);
}

function releaseMetrics(metrics: Metrics, environment: string | undefined, role: string | undefined): void {
  metrics.clearMetrics();
  metrics.clearDimensions();
  metrics.clearMetadata();
  const key = `${environment}\u0000${role}`;
  const free = idle.get(key) ?? [];
  if (free.length < 64) free.push(metrics);
  idle.set(key, free);
}

/**
 * Writes a Metrics instance's stored metrics as one EMF line: to stdout through Powertools in
 * Lambda, or to the capture sink (serialised with Powertools' public `serializeMetrics`).
 */
function flush(metrics: Metrics): void {
  if (!metrics.hasStoredMetrics()) {
    metrics.clearDimensions();
    return;
  }
  if (capture) {
    capture(JSON.stringify(metrics.serializeMetrics()));
    metrics.clearMetrics();
    metrics.clearDimensions();
  } else {
    metrics.publishStoredMetrics();
  }
}

/** Outside an invocation (init), metrics go to one process-wide instance, built on first use (most inits emit none). */
let processMetrics: Metrics | undefined;
const processInvocation: Invocation = {
  get metrics() {
    processMetrics ??= newMetrics(undefined, undefined);
    return processMetrics;
  },
  environment: undefined,
  role: undefined,
  contextSet: false,
};
const invocations = new AsyncLocalStorage<Invocation>();

function current(): Invocation {
  return invocations.getStore() ?? processInvocation;
}

/**
 * Runs one invocation with its own metrics (the `{environment, role}` rollup as default dimensions).
 * In Lambda a container serves one invocation at a time; the local runtime serves every role at
 * once from one process, and per-invocation metrics keep them apart.
 */
export function runInvocation<T>(environment: string, role: string, work: () => Promise<T>): Promise<T> {
  const run = () => {
    const metrics = acquireMetrics(environment, role);
    return invocations
      .run({ metrics, environment, role, contextSet: false }, () => {
        // Per invocation (Powertools keeps it in the invocation's store where several run at once).
        logger.appendKeys({ role });
        return work();
      })
      .finally(() => releaseMetrics(metrics, environment, role));
  };
  const store = globalThis.awslambda?.InvokeStore;
  return concurrent && store ? store.run({}, run) : run();
}

let concurrent = false;

/**
 * For a host that runs several invocations at once in one process (the local runtime): Powertools'
 * log keys and Lambda context then live in a per-invocation store (Lambda's own mechanism for
 * multi-concurrency), so a worker line is never labelled with a concurrent request's function.
 */
export function enableConcurrentInvocations(maxConcurrency = 64): <T>(host: () => Promise<T>) => Promise<T> {
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= String(maxConcurrency);
  const store = new ConcurrentInvocationStore();
  globalThis.awslambda = { ...globalThis.awslambda, InvokeStore: store };
  concurrent = true;
  // The host's own work (start-up, the poller loop) runs in a context of its own too: Powertools
  // reads log keys from the store whenever several invocations may run at once.
  return (host) => store.run({}, host);
}

/** Lambda's invocation store for a multi-concurrency host: one context per invocation (AsyncLocalStorage). */
class ConcurrentInvocationStore extends InvokeStoreBase {
  private readonly als = new AsyncLocalStorage<Record<string | symbol, unknown>>();

  getContext(): Record<string | symbol, unknown> | undefined {
    return this.als.getStore();
  }

  hasContext(): boolean {
    return this.als.getStore() !== undefined;
  }

  get<T = unknown>(key: string | symbol): T | undefined {
    return this.als.getStore()?.[key] as T | undefined;
  }

  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const context = this.als.getStore();
    if (!context) throw new Error('no invocation context');
    context[key] = value;
  }

  run<T>(context: Record<string | symbol, unknown>, fn: () => T): T {
    return this.als.run({ ...context }, fn);
  }
}

/** Sets the role and environment on every log line of this process. */
export function configureObservability(role: string, environment: string): void {
  logger.appendPersistentKeys({ role, environment });
}

/**
 * Per-invocation dimensions: the detailed set (agent type, provider — bounded values only, never a
 * caller or conversation) and the `{environment, role}` rollup that alarms use. First call wins.
 */
export function setMetricContext(agentType: string | null, provider: string | null): void {
  const invocation = current();
  if (invocation.contextSet) return;
  invocation.contextSet = true;
  invocation.metrics.addDimension('agent_type', agentType ?? 'none');
  invocation.metrics.addDimension('provider', provider ?? 'none');
  invocation.metrics.addDimensions({});
}

/** Before metrics are flushed: an invocation that never learnt its agent type is counted under `none`. */
export function ensureMetricContext(provider: string | null = null): void {
  setMetricContext(null, provider);
}

/** Adds a catalogued metric with its catalogued unit. */
export function emit(name: MetricName, value = 1): void {
  current().metrics.addMetric(name, unitOf(name), value);
}

/**
 * A metric for one unit of work whose dimensions differ from the invocation's (the worker's
 * records each have their own agent type; a rejection has its reason): emitted at once, with the
 * detailed set (plus `extra`) and the rollup.
 */
export function emitSingle(
  name: MetricName,
  value: number,
  agentType: string | null,
  provider: string | null,
  extra: Readonly<Record<string, string>> = {},
): void {
  const { environment, role } = current();
  const single = acquireMetrics(environment, role);
  single.addDimension('agent_type', agentType ?? 'none');
  single.addDimension('provider', provider ?? 'none');
  for (const [key, v] of Object.entries(extra)) single.addDimension(key, v);
  single.addDimensions({});
  single.addMetric(name, unitOf(name), value);
  flush(single);
  releaseMetrics(single, environment, role);
}

/** Writes the invocation's metrics (one EMF line) if it has any. */
export function publishMetrics(): void {
  flush(current().metrics);
}

/**
 * Sends the EMF lines the functions would print to `sink` instead (the local runtime's summary,
 * and the tests that check what is emitted against the catalogue), whether or not Powertools'
 * own output is disabled; `null` sends them to stdout again.
 */
export function captureMetrics(sink: Sink | null): void {
  capture = sink;
}
