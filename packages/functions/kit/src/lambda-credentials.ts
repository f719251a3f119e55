/**
 * Stands in for `@aws-sdk/credential-provider-node` inside Lambda bundles (see BUNDLE_ALIASES):
 * Lambda gives a function its role's credentials in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the default chain's other providers — SSO, INI
 * files, process, STS web identity and the nested clients they bring — are dead weight at init.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type FromEnvInit = Parameters<typeof fromEnv>[0];

export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
