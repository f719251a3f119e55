export interface CostPeriod {
  /** ISO date (YYYY-MM-DD), inclusive. */
  readonly start: string;
  /** ISO date (YYYY-MM-DD), exclusive. */
  readonly end: string;
}

export interface ServiceCost {
  readonly service: string;
  readonly amountUsd: number;
}

export interface CostSource {
  /** Unblended cost per AWS service over the period, filtered to this product's tags. */
  costByService(period: CostPeriod): Promise<readonly ServiceCost[]>;
  /** Invocations per function role over the period. */
  invocationsByRole(period: CostPeriod): Promise<Readonly<Record<string, number>>>;
  /** Average provisioned-concurrency utilisation (0–1) per role that has it, over the period. */
  provisionedConcurrencyUtilization(period: CostPeriod): Promise<Readonly<Record<string, number | null>>>;
}
