/** The role's configuration, validated at build time: the bundler aliases this module to a JSON file (see ROLE_CONFIG_MODULE). */
declare module '@agentic-memory/role-config' {
  const config: import('@agentic-memory/memory-core').RoleConfig;
  export default config;
}

/** Build-time switch (esbuild define; see BUILD_SWITCHES). */
declare const __AGENTIC_MEMORY_READS_STORE_ON_MISS__: boolean;
