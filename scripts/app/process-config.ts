import { parseConfig, type Config } from '../../jobs/runtime/config';

let parsed: Config | undefined;

/**
 * This process's configuration: the environment, `opsbot.config.json` and the secrets file,
 * parsed on first use (a bad value throws a ConfigError naming its variable: exit 2). The one
 * reader of `process.env` for settings; everything else is handed the result.
 */
export function processConfig(): Config {
  parsed ??= parseConfig(process.env, process.cwd());
  return parsed;
}
