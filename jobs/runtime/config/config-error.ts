/** A configuration value is wrong. The message names the variable (or file) and what it expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
